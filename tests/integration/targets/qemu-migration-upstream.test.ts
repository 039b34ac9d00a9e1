// The upstream migration group (kvm-unit-tests, built locally in /work/kut/src/s390x, never committed) on the real
// qemu-system-s390x under TCG through the qemu-tcg driver, against what `run_tests.sh -g migration` gives there
// (QEMU 7.2 TCG): selftest-migration-skip, migration, migration-sck, migration-skey-* PASS, migration-cmm SKIP.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseQemuParams, parseUnittestsCfg } from '@core/domain/catalog'
import { parseConsoleOutput } from '@core/domain/console'
import type { Environment } from '@core/domain/environment'
import { countStatuses, verdictOf } from '@core/domain/verdict'
import { createQemuTcgTarget } from '@main/targets/qemu-tcg'
import { HAVE_UPSTREAM, UPSTREAM_DIR } from '../emulator/upstream-run'
import { detachedHost } from '@main/targets/target'

const env: Environment = { id: 1, name: 'tcg', kind: 'qemu-tcg', level: '', config: {}, facts: {}, concurrency: 1, createdAt: new Date(0).toISOString() }

async function run(name: string): Promise<{ verdict: string; PASS: number; SKIP: number; migrations: string | undefined; infra: string | null; log: string }> {
  const catalog = parseUnittestsCfg(readFileSync(join(UPSTREAM_DIR, 'unittests.cfg'), 'utf8'), 'unittests.cfg')
  const test = catalog.tests.find((t) => t.name === name)
  if (test === undefined) throw new Error(`unittests.cfg: no test named '${name}'`)
  const res = parseQemuParams(test, { maxSmp: 2 })
  const o = await createQemuTcgTarget(env, detachedHost(process.env)).run({
    test,
    kernelPath: join(UPSTREAM_DIR, test.file),
    flatPath: null,
    smp: res.smp,
    memMiB: res.memMiB,
    args: test.testArgs,
    timeoutMs: 90_000,
    signal: new AbortController().signal,
    onOutput: () => undefined,
  })
  const parsed = parseConsoleOutput(o.log)
  const counts = countStatuses(parsed.subtests)
  const { verdict } = verdictOf({ ...o, subtests: parsed.subtests })
  return { verdict, PASS: counts.PASS, SKIP: counts.SKIP, migrations: o.facts['migrations'], infra: o.infraError, log: o.log }
}

describe.skipIf(!HAVE_UPSTREAM)(`upstream migration group on qemu-tcg (needs ${UPSTREAM_DIR})`, () => {
  it.each([
    ['selftest-migration-skip', { verdict: 'PASS', PASS: 1, SKIP: 0, migrations: '0', infra: null }],
    ['migration', { verdict: 'PASS', PASS: 3, SKIP: 0, migrations: '1', infra: null }],
    ['migration-sck', { verdict: 'PASS', PASS: 5, SKIP: 0, migrations: '1', infra: null }],
    ['migration-skey-sequential', { verdict: 'PASS', PASS: 1, SKIP: 0, migrations: '1', infra: null }],
    ['migration-skey-parallel', { verdict: 'PASS', PASS: 2, SKIP: 0, migrations: '1', infra: null }],
    ['migration-cmm', { verdict: 'SKIP', PASS: 0, SKIP: 1, migrations: '0', infra: null }],
  ])('%s', async (name, expected) => {
    const { log, ...got } = await run(name)
    expect(got, log).toEqual(expected)
  }, 120_000)
})
