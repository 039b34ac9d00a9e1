// The run engine with a real SQLite store and real qemu-system-s390x running our kernels: verdicts, timeouts,
// cancellation, INFRA retries, per-environment concurrency, results visible while the run goes on.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { RunProgress } from '@core/api/lab-api'
import type { Environment } from '@core/domain/environment'
import { importCatalog } from '@main/catalogs/import'
import { openStore } from '@main/db/open-store'
import type { SyncStore as Store } from '@main/db/store'
import { asyncStore } from '@main/db/async-store'
import { RunEngine, RunNotActiveError } from '@main/runner/engine'
import { liveProcessCount } from '@main/targets/process'
import { createQemuTcgTarget } from '@main/targets/qemu-tcg'
import { detachedHost, type Target } from '@main/targets/target'
import { kernelCopy, processesMentioning, tempDbDir, until } from './fixture'

const LOOP_CFG = `
[selftest]
file = selftest.elf
qemu_params = -m 256
test_args = 'test 123 mem=256'

[loop]
file = loop.elf
timeout = 0
`

let store: Store
let engine: RunEngine | null
let cleanups: (() => void)[]

beforeEach(() => {
  cleanups = []
  const db = tempDbDir()
  cleanups.push(db.cleanup)
  store = openStore(db.db)
  engine = null
})
afterEach(async () => {
  await engine?.close()
  store.close()
  for (const c of cleanups.reverse()) c()
})

/** Test names of the catalog in `dir` (all default tests of the bundled catalog). */
const imported = (dir: string): string[] => importCatalog(dir).catalog.tests.filter((t) => !t.groups.includes('nodefault')).map((t) => t.name)

function setup(cfg?: string, env: Partial<Environment> = {}): { catalogId: number; dir: string; env: Environment } {
  const k = kernelCopy(cfg)
  cleanups.push(k.cleanup)
  const imp = importCatalog(k.dir)
  const cat = store.upsertCatalog({ name: imp.name, source: imp.source, catalog: imp.catalog, kernelsPresent: imp.kernelsPresent })
  const e = store.addEnvironment({ name: env.name ?? 'tcg', kind: 'qemu-tcg', config: env.config ?? {}, concurrency: env.concurrency ?? 2 })
  return { catalogId: cat.id, dir: k.dir, env: e }
}

describe('run engine on qemu-system-s390x (TCG)', () => {
  it('runs every bundled kernel and records its verdict, subtests, level and log', async () => {
    const { catalogId, dir } = setup()
    engine = new RunEngine({ store: asyncStore(store), timeout: '' })
    const runId = await engine.start({ catalogId, envs: ['tcg'] })
    await engine.wait(runId)
    const run = store.getRun(runId)
    const byTest = Object.fromEntries(run.results.map((r) => [r.test, r]))
    expect(run.state).toBe('done')
    // The bundled catalog grows; these kernels have fixed outcomes under TCG.
    expect(Object.fromEntries(run.results.map((r) => [r.test, r.verdict]))).toMatchObject({ selftest: 'PASS', fail: 'FAIL', pgm: 'PASS', loop: 'TIMEOUT' })
    expect(run.results.map((r) => r.test).sort()).toEqual(imported(dir).sort())
    expect(byTest['fail']?.subtests.map((s) => s.status)).toEqual(['PASS', 'FAIL', 'XFAIL', 'KFAIL', 'SKIP', 'INFO'])
    expect(byTest['fail']?.summary).toEqual({ tests: 5, unexpectedFailures: 1, knownFailures: 1, expectedFailures: 1, skipped: 1 })
    expect(byTest['selftest']?.level).toMatch(/^QEMU \d+\.\d+/)
    expect(byTest['loop']?.reason).toBe('timeout after 3 s')
    expect(byTest['loop']?.durationMs).toBeGreaterThanOrEqual(3000)
    const log = store.log(byTest['selftest']?.id as number)
    expect(log.command).toContain(`-machine s390-ccw-virtio,accel=tcg -chardev stdio,id=con0 -device sclpconsole,chardev=con0 -kernel ${dir}/selftest.elf -smp 1 -m 256 -append 'test 123 mem=256'`)
    expect(log.text).toContain('EXIT: STATUS=1')
    // Only INFRA is retried: a failing test ran once.
    expect(store.log(byTest['fail']?.id as number).facts['attempts']).toBeUndefined()
    // The timed-out qemu is gone, not orphaned.
    expect(processesMentioning(dir)).toEqual([])
    expect(liveProcessCount()).toBe(0)
  })

  it('applies the TIMEOUT override and kills the looping kernel', async () => {
    const { catalogId, dir } = setup()
    engine = new RunEngine({ store: asyncStore(store), timeout: '1s' })
    const runId = await engine.start({ catalogId, envs: ['tcg'], tests: ['loop'] })
    await engine.wait(runId)
    const [r] = store.getRun(runId).results
    expect([r?.verdict, r?.reason]).toEqual(['TIMEOUT', 'timeout after 1 s'])
    expect(r?.durationMs).toBeLessThan(2900)
    expect(processesMentioning(dir)).toEqual([])
  })

  it('cancellation kills the running qemu and leaves the slots not started unfinished', async () => {
    const { catalogId, dir } = setup(LOOP_CFG, { concurrency: 1 })
    engine = new RunEngine({ store: asyncStore(store), timeout: '' })
    let sawLoopOutput = false
    engine.onProgress((p) => {
      if (p.output?.test === 'loop') sawLoopOutput = true
    })
    const runId = await engine.start({ catalogId, envs: ['tcg'], tests: ['loop'], repeat: 3 })
    await until(() => sawLoopOutput, 20_000, 'output of the looping kernel')
    expect(processesMentioning(`${dir}/loop.elf`)).toHaveLength(1)
    await engine.cancel(runId)
    expect(processesMentioning(dir)).toEqual([])
    const run = store.getRun(runId)
    expect({ state: run.state, verdicts: run.results.map((r) => r.verdict), unfinished: run.unfinished.map((u) => u.repetition) }).toEqual({
      state: 'cancelled',
      verdicts: ['CANCELLED'],
      unfinished: [2, 3],
    })
  })

  it('refuses to cancel a run that another engine executes, and leaves finished runs alone', async () => {
    const { catalogId, env } = setup()
    const other = store.createRun({ catalogId, plan: { catalogId, envs: ['tcg'] }, who: 'other', slots: [{ test: 'selftest', envId: env.id, repetition: 1 }] })
    store.setRunState(other.runId, 'running')
    engine = new RunEngine({ store: asyncStore(store), timeout: '' })
    await expect(engine.cancel(other.runId)).rejects.toThrow(new RunNotActiveError(`run ${other.runId} is running in another process; stop it there (labcon run: Ctrl-C)`))
    store.setRunState(other.runId, 'done')
    await expect(engine.cancel(other.runId)).resolves.toBeUndefined()
    expect(store.getRun(other.runId).state).toBe('done')
  })

  it('parses the log of a driver that hands over the console only at the end (as z/VM and HMC drivers do)', async () => {
    const { catalogId } = setup()
    // The real qemu driver, with its live output withheld: only the final log reaches the engine.
    const atEnd = (env: Environment): Target => {
      const t = createQemuTcgTarget(env, detachedHost(process.env))
      return { ...t, env, run: (req) => t.run({ ...req, onOutput: () => {} }) }
    }
    engine = new RunEngine({ store: asyncStore(store), timeout: '', createTarget: atEnd })
    const runId = await engine.start({ catalogId, envs: ['tcg'], tests: ['fail'] })
    await engine.wait(runId)
    const [r] = store.getRun(runId).results
    expect({ verdict: r?.verdict, statuses: r?.subtests.map((x) => x.status), unexpected: r?.summary?.unexpectedFailures }).toEqual({
      verdict: 'FAIL',
      statuses: ['PASS', 'FAIL', 'XFAIL', 'KFAIL', 'SKIP', 'INFO'],
      unexpected: 1,
    })
  })

  it('a missing qemu binary is INFRA (never FAIL), retried the configured number of times', async () => {
    const { catalogId } = setup(undefined, { name: 'noqemu', config: { binary: '/nonexistent/qemu-system-s390x' } })
    engine = new RunEngine({ store: asyncStore(store), infraRetries: 2, timeout: '' })
    const outputs: string[] = []
    engine.onProgress((p) => p.output && outputs.push(p.output.text))
    const runId = await engine.start({ catalogId, envs: ['noqemu'], tests: ['selftest'] })
    await engine.wait(runId)
    const [r] = store.getRun(runId).results
    expect([r?.verdict, r?.reason]).toEqual([
      'INFRA',
      "/nonexistent/qemu-system-s390x: not found (install qemu-system-s390x, or set the environment's binary / $QEMU) (after 3 attempts)",
    ])
    expect(store.log(r?.id as number).facts['attempts']).toBe('3')
    expect(outputs.filter((t) => t.includes('retrying'))).toHaveLength(2)
  })

  it('a qemu startup error (bad qemu_params) is INFRA with qemu’s own message', async () => {
    const { catalogId } = setup('[bad]\nfile = selftest.elf\nqemu_params = -no-such-option\n')
    engine = new RunEngine({ store: asyncStore(store), infraRetries: 0, timeout: '' })
    const runId = await engine.start({ catalogId, envs: ['tcg'] })
    await engine.wait(runId)
    const [r] = store.getRun(runId).results
    expect(r?.verdict).toBe('INFRA')
    expect(r?.reason).toContain('-no-such-option: invalid option')
  })

  it('respects the per-environment concurrency limit, and -j overrides it', async () => {
    const { catalogId, dir } = setup(LOOP_CFG, { concurrency: 2 })
    engine = new RunEngine({ store: asyncStore(store), timeout: '1s' })
    const maxLive = async (runId: number): Promise<{ maxProcs: number; maxRunning: number }> => {
      let maxProcs = 0
      let maxRunning = 0
      const off = (engine as RunEngine).onProgress((p: RunProgress) => {
        if (p.runId === runId) maxRunning = Math.max(maxRunning, p.perEnv[0]?.running ?? 0)
      })
      const sampler = setInterval(() => (maxProcs = Math.max(maxProcs, processesMentioning(`${dir}/loop.elf`).length)), 150)
      await (engine as RunEngine).wait(runId)
      clearInterval(sampler)
      off()
      return { maxProcs, maxRunning }
    }
    const limited = await maxLive(await engine.start({ catalogId, envs: ['tcg'], tests: ['loop'], repeat: 4 }))
    expect(limited).toEqual({ maxProcs: 2, maxRunning: 2 })
    const serial = await maxLive(await engine.start({ catalogId, envs: ['tcg'], tests: ['loop'], repeat: 2, jobs: 1 }))
    expect(serial).toEqual({ maxProcs: 1, maxRunning: 1 })
  })

  it('in parallel starts the longest test first by its last duration there; one at a time keeps catalog order', async () => {
    const cfg = ['selftest', 'pgm', 'arith', 'fail', 'bench'].map((t) => `[${t}]\nfile = ${t}.elf\n`).join('\n') + '\n[kvm-only]\nfile = pgm.elf\naccel = kvm\n'
    const { catalogId } = setup(cfg, { concurrency: 2 })
    let started: string[] = []
    // The real qemu driver, noting the order in which the engine starts its tests.
    const noting = (env: Environment): Target => {
      const t = createQemuTcgTarget(env, detachedHost(process.env))
      return { ...t, env, run: (req) => (started.push(req.test.name), t.run(req)) }
    }
    engine = new RunEngine({ store: asyncStore(store), timeout: '', createTarget: noting })
    const run = async (jobs: number): Promise<{ started: string[]; firstRecorded: string; ms: Record<string, number> }> => {
      started = []
      const runId = await (engine as RunEngine).start({ catalogId, envs: ['tcg'], jobs })
      await (engine as RunEngine).wait(runId)
      const results = store.getRun(runId).results
      const byId = [...results].sort((a, b) => a.id - b.id)
      return { started, firstRecorded: byId[0]!.test, ms: Object.fromEntries(results.map((r) => [r.test, r.durationMs])) }
    }
    // No history yet: catalog order; the plan skip is recorded before anything runs.
    const first = await run(2)
    expect(first.started).toEqual(['selftest', 'pgm', 'arith', 'fail', 'bench'])
    expect(first.firstRecorded).toBe('kvm-only')
    // With history: by the first run's durations, longest first (bench runs for about a second, the rest for ~0.1 s).
    const second = await run(2)
    const byDuration = [...first.started].sort((a, b) => first.ms[b]! - first.ms[a]!)
    expect(second.started).toEqual(byDuration)
    expect(second.started[0]).toBe('bench')
    // One at a time the order changes nothing but what the user reads: catalog order.
    expect((await run(1)).started).toEqual(['selftest', 'pgm', 'arith', 'fail', 'bench'])
  })

  it('keeps the environment limit across concurrent runs (an LPAR runs one test at a time)', async () => {
    const { catalogId, dir } = setup(LOOP_CFG, { concurrency: 1 })
    engine = new RunEngine({ store: asyncStore(store), timeout: '1s' })
    let maxProcs = 0
    const sampler = setInterval(() => (maxProcs = Math.max(maxProcs, processesMentioning(`${dir}/loop.elf`).length)), 100)
    const a = await engine.start({ catalogId, envs: ['tcg'], tests: ['loop'], repeat: 2 })
    const b = await engine.start({ catalogId, envs: ['tcg'], tests: ['loop'], repeat: 2 })
    await Promise.all([engine.wait(a), engine.wait(b)])
    clearInterval(sampler)
    expect(maxProcs).toBe(1)
    expect([a, b].flatMap((id) => store.getRun(id).results.map((r) => r.verdict))).toEqual(['TIMEOUT', 'TIMEOUT', 'TIMEOUT', 'TIMEOUT'])
  })

  it('writes each result as it arrives: visible in the store while the run is still going', async () => {
    const { catalogId } = setup(LOOP_CFG, { concurrency: 1 })
    engine = new RunEngine({ store: asyncStore(store), timeout: '2s' })
    const seen: { state: string; results: string[]; unfinished: number }[] = []
    const runId = await engine.start({ catalogId, envs: ['tcg'], tests: ['selftest', 'loop'] })
    engine.onProgress((p) => {
      if (p.runId !== runId || !p.result) return
      const run = store.getRun(runId)
      seen.push({ state: run.state, results: run.results.map((r) => `${r.test}:${r.verdict}`), unfinished: run.unfinished.length })
    })
    await engine.wait(runId)
    expect(seen).toEqual([
      { state: 'running', results: ['selftest:PASS'], unfinished: 1 },
      { state: 'running', results: ['selftest:PASS', 'loop:TIMEOUT'], unfinished: 0 },
    ])
  })

  it('records plan skips (nodefault, accel, missing kernel) with their reasons, and rejects unknown names', async () => {
    const cfg = `
[manual]
file = selftest.elf
groups = nodefault
[kvm-only]
file = selftest.elf
accel = kvm
[gone]
file = missing.elf
`
    const { catalogId } = setup(cfg)
    engine = new RunEngine({ store: asyncStore(store), timeout: '' })
    const runId = await engine.start({ catalogId, envs: ['tcg'] })
    await engine.wait(runId)
    expect(store.getRun(runId).results.map((r) => [r.test, r.verdict, r.reason])).toEqual([
      ['manual', 'SKIP', 'test marked as manual run only'],
      ['kvm-only', 'SKIP', 'kvm only, but ACCEL=tcg'],
      ['gone', 'SKIP', "Test file 'missing.elf' not found"],
    ])
    await expect(engine.start({ catalogId, envs: ['tcg'], tests: ['nope'] })).rejects.toThrow(/no test named 'nope'/)
    await expect(engine.start({ catalogId, envs: ['nowhere'] })).rejects.toThrow(/environment 'nowhere' not found/)
  })
})
