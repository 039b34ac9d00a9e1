// Run requests for our own test kernels, built from resources/kernels/unittests.cfg as the engine builds them.
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parseQemuParams, parseUnittestsCfg } from '@core/domain/catalog'
import type { TargetRunOutcome, TargetRunRequest } from '@main/targets/target'

/** resources/kernels of this checkout. */
export const KERNELS_DIR = fileURLToPath(new URL('../../../resources/kernels/', import.meta.url))

const catalog = parseUnittestsCfg(readFileSync(`${KERNELS_DIR}unittests.cfg`, 'utf8'), 'resources/kernels/unittests.cfg')

/** A run request for the catalog entry `name` (its file, args, smp and memory), with the console collected in `output`. */
export function runRequest(name: string, over: Partial<TargetRunRequest> = {}): TargetRunRequest & { output: string[] } {
  const test = catalog.tests.find((t) => t.name === name)
  if (!test) throw new Error(`resources/kernels/unittests.cfg has no test '${name}'`)
  const res = parseQemuParams(test)
  const output: string[] = []
  const kernelPath = `${KERNELS_DIR}${test.file}`
  const flat = kernelPath.replace(/\.elf$/, '.bin')
  return {
    test,
    kernelPath,
    flatPath: existsSync(flat) ? flat : null,
    smp: res.smp,
    memMiB: res.memMiB,
    args: test.testArgs,
    timeoutMs: 60_000,
    signal: new AbortController().signal,
    onOutput: (t) => output.push(t),
    output,
    ...over,
  }
}

/** The parts of an outcome a test compares as one value. */
export function essentials(o: TargetRunOutcome): Pick<TargetRunOutcome, 'exitStatus' | 'timedOut' | 'cancelled' | 'infraError'> {
  return { exitStatus: o.exitStatus, timedOut: o.timedOut, cancelled: o.cancelled, infraError: o.infraError }
}
