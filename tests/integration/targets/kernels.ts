// Run requests for our own test kernels (resources/kernels), as the engine would build them.
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { CatalogTest } from '@core/domain/catalog'
import type { TargetRunOutcome, TargetRunRequest } from '@main/targets/target'

/** resources/kernels of this checkout. */
export const KERNELS_DIR = fileURLToPath(new URL('../../../resources/kernels/', import.meta.url))

/** A catalog entry with upstream defaults. */
export function catalogTest(name: string, over: Partial<CatalogTest> = {}): CatalogTest {
  return {
    name,
    file: `${name}.elf`,
    smp: '1',
    testArgs: '',
    qemuParams: '',
    kvmtoolParams: '',
    groups: [],
    arch: null,
    machine: null,
    accel: null,
    check: [],
    disabledIf: null,
    timeoutSec: 90,
    line: 1,
    ...over,
  }
}

/** A run request for kernel `name` (selftest gets the arguments and memory its catalog entry gives it). */
export function runRequest(name: string, over: Partial<TargetRunRequest> = {}): TargetRunRequest & { output: string[] } {
  const output: string[] = []
  const isSelftest = name === 'selftest'
  const flat = `${KERNELS_DIR}${name}.bin`
  return {
    test: catalogTest(name, isSelftest ? { testArgs: 'test 123 mem=256', qemuParams: '-m 256' } : {}),
    kernelPath: `${KERNELS_DIR}${name}.elf`,
    flatPath: existsSync(flat) ? flat : null,
    smp: 1,
    memMiB: isSelftest ? 256 : 128,
    args: isSelftest ? 'test 123 mem=256' : '',
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
