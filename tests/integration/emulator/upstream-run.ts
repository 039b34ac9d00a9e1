// Runs one upstream kvm-unit-tests s390x kernel (built locally in /work/kut/src/s390x, never committed) on the
// builtin environment exactly as `labcon run --env builtin` does: catalog entry from that build's unittests.cfg,
// CPUs/memory from smp + qemu_params, worker thread with the catalog timeout, verdict and per-status counts.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseUnittestsCfg, parseQemuParams, DEFAULT_TIMEOUT_SEC } from '@core/domain/catalog'
import { parseConsoleOutput } from '@core/domain/console'
import { countStatuses, verdictOf } from '@core/domain/verdict'
import type { Verdict } from '@core/domain/results'
import type { Environment } from '@core/domain/environment'
import { createBuiltinTarget } from '@main/targets/builtin'
import { detachedHost } from '@main/targets/target'

/** Where the local upstream build lives (absent in CI: the tests using it are skipped). */
export const UPSTREAM_DIR = process.env['LABCON_KUT_DIR'] ?? '/work/kut/src/s390x'
/** True when the upstream build and its catalog are present. */
export const HAVE_UPSTREAM = existsSync(join(UPSTREAM_DIR, 'unittests.cfg'))

/** What one upstream test gave: the harness verdict and the counts that kut-tcg-results.md lists. */
export interface UpstreamResult {
  verdict: Verdict
  PASS: number
  FAIL: number
  SKIP: number
  XFAIL: number
}

const env = (identity: string): Environment => ({ id: 1, name: 'builtin', kind: 'builtin', level: '', config: { identity }, facts: {}, concurrency: 1, createdAt: new Date(0).toISOString() })

/** Runs catalog test `name` on the builtin environment (identity labcon: a real machine's paths, or qemu-tcg: the
 * kernel's TCG paths); `qemuParams` replaces the entry's qemu_params (e.g. `-cpu max,gs=on`); the log is returned
 * too for failure messages. */
export async function runUpstream(name: string, identity = 'labcon', qemuParams?: string): Promise<{ result: UpstreamResult; log: string }> {
  const catalog = parseUnittestsCfg(readFileSync(join(UPSTREAM_DIR, 'unittests.cfg'), 'utf8'), 'unittests.cfg')
  const entry = catalog.tests.find((t) => t.name === name)
  if (entry === undefined) throw new Error(`unittests.cfg: no test named '${name}'`)
  const test = qemuParams === undefined ? entry : { ...entry, qemuParams }
  const res = parseQemuParams(test, { maxSmp: 2 })
  const timeoutSec = test.timeoutSec === 0 ? DEFAULT_TIMEOUT_SEC : test.timeoutSec
  const raw = await createBuiltinTarget(env(identity), detachedHost(process.env)).run({
    test,
    kernelPath: join(UPSTREAM_DIR, test.file),
    flatPath: null,
    smp: res.smp,
    memMiB: res.memMiB,
    args: test.testArgs,
    timeoutMs: timeoutSec * 1000,
    signal: new AbortController().signal,
    onOutput: () => {},
  })
  const parsed = parseConsoleOutput(raw.log)
  const { verdict } = verdictOf({ ...raw, exitStatus: parsed.exitStatus ?? raw.exitStatus, subtests: parsed.subtests, timeoutMs: timeoutSec * 1000 })
  const c = countStatuses(parsed.subtests)
  return { result: { verdict, PASS: c.PASS, FAIL: c.FAIL, SKIP: c.SKIP, XFAIL: c.XFAIL }, log: raw.log }
}
