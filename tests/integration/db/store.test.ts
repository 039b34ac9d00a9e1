// Repository round trips on both engines (a real SQLite file and a real PostgreSQL server): environments, catalogs,
// runs and slots, results with subtests and logs, comparison sides, matrix, history, verdict tallies, known issues.
import { randomBytes } from 'node:crypto'
import { hostname } from 'node:os'
import { describe, expect, it } from 'vitest'
import { parseUnittestsCfg } from '@core/domain/catalog'
import type { SubtestResult } from '@core/domain/results'
import { DuplicateNameError, NotFoundError } from '@main/db/errors'
import type { Store, CreatedRun } from '@main/db/store'
import { describeEngines } from './engines'
import { catalogOf, record } from './helpers'

describeEngines('store', (ctx) => {
/** A catalog with tests a, b, c and environments tcg + kvm, ready for runs. */
async function lab(): Promise<{ catalogId: number; tcg: number; kvm: number }> {
  const store = ctx().store
  const names = ['a', 'b', 'c']
  const catalog = catalogOf('/kut/s390x/unittests.cfg', names)
  const c = await store.upsertCatalog({ name: 'kut', source: '/kut/s390x', catalog, kernelsPresent: new Set(names) })
  const tcg = (await store.addEnvironment({ name: 'tcg', kind: 'qemu-tcg', level: '7.2.0' })).id
  const kvm = (await store.addEnvironment({ name: 'kvm', kind: 'qemu-ssh', level: '8.0.0' })).id
  return { catalogId: c.id, tcg, kvm }
}

/** Creates a run over the given (test, env) pairs and records the verdicts; returns the run id and result ids. */
type Cell = [test: string, envId: number, verdict: 'PASS' | 'FAIL' | 'SKIP' | 'INFRA', subtests?: SubtestResult[]]

/** A one-slot run of test `a` on `envId`. */
function oneSlotRun(catalogId: number, envId: number, who: string): Promise<CreatedRun> {
  return ctx().store.createRun({ catalogId, plan: { catalogId, envs: [] }, who, slots: [{ test: 'a', envId, repetition: 1 }] })
}

async function runWith(catalogId: number, cells: Cell[], level?: string): Promise<number> {
  const store = ctx().store
  const run = await store.createRun({
    catalogId,
    plan: { catalogId, envs: [] },
    who: 'tester',
    slots: cells.map(([test, envId]) => ({ test, envId, repetition: 1 })),
  })
  for (const [i, [, , verdict, subs]] of cells.entries()) {
    await store.recordResult(
      run.slots[i]!.id,
      record(verdict, subs ?? [{ status: verdict === 'PASS' ? 'PASS' : 'FAIL', name: 'x' }], level ? { level } : {}),
    )
  }
  await store.setRunState(run.runId, 'done')
  return run.runId
}

describe('environments', () => {
  it('adds, lists, updates, sets level, removes; names are unique among live environments', async () => {
    const store: Store = ctx().store
    const config = { hmc: 'https://hmc:6794', lpar: 'A' }
    const a = await store.addEnvironment({ name: 'lpar-a', kind: 'lpar-hmc', config, facts: { model: '3931' } })
    expect(a).toEqual({
      id: a.id,
      name: 'lpar-a',
      kind: 'lpar-hmc',
      level: '',
      config: { hmc: 'https://hmc:6794', lpar: 'A' },
      facts: { model: '3931' },
      concurrency: 1,
      createdAt: a.createdAt,
    })
    await expect(store.addEnvironment({ name: 'lpar-a', kind: 'zvm' })).rejects.toThrow(new DuplicateNameError('environment', 'lpar-a'))
    const b = await store.addEnvironment({ name: 'tcg', kind: 'qemu-tcg', concurrency: 4 })
    await expect(store.updateEnvironment(b.id, { name: 'lpar-a', kind: 'qemu-tcg' })).rejects.toThrow("environment 'lpar-a' already exists")
    const b2 = await store.updateEnvironment(b.id, { name: 'tcg-local', kind: 'qemu-tcg' })
    expect({ name: b2.name, concurrency: b2.concurrency }).toEqual({ name: 'tcg-local', concurrency: 4 })
    const b3 = await store.setEnvironmentLevel(b.id, 'QEMU 7.2.22', { qemu: '7.2.22' })
    expect({ level: b3.level, facts: b3.facts }).toEqual({ level: 'QEMU 7.2.22', facts: { qemu: '7.2.22' } })
    expect((await store.listEnvironments()).map((e) => e.name)).toEqual(['lpar-a', 'tcg-local'])
    await store.removeEnvironment(a.id)
    expect((await store.listEnvironments()).map((e) => e.name)).toEqual(['tcg-local'])
    expect(await store.findEnvironment('lpar-a')).toBeNull()
    await expect(store.getEnvironment(a.id)).rejects.toThrow(NotFoundError)
    // The name is free again.
    expect((await store.addEnvironment({ name: 'lpar-a', kind: 'lpar-hmc' })).id).not.toBe(a.id)
    await expect(store.addEnvironment({ name: 'x', kind: 'vax' as never })).rejects.toThrow("environment 'x': unknown kind 'vax'")
    await expect(store.addEnvironment({ name: 'y', kind: 'zvm', concurrency: 0 })).rejects.toThrow(
      'concurrency must be an integer ≥ 1, got 0',
    )
  })
})

describe('catalogs', () => {
  it('stores every CatalogTest field, kernel presence, and updates on re-import retiring vanished tests', async () => {
    const store: Store = ctx().store
    const cfg = '/kut/unittests.cfg'
    const text = [
      '[skey]',
      'file = skey.elf',
      'smp = $MAX_SMP',
      'test_args = -x 1',
      'extra_params = -m 256',
      'kvmtool_params = --mem 256',
      'groups = migration nodefault',
      'arch = s390x',
      'machine = s390-ccw-virtio',
      'accel = tcg',
      'check = /sys/module/kvm/parameters/nested=1',
      'disabled_if = [[ "$HOST" == x ]]',
      'timeout = 12.5',
      '',
      '[gone]',
      'file = gone.elf',
    ].join('\n')
    const parsed = parseUnittestsCfg(text, cfg)
    const s1 = await store.upsertCatalog({ name: 'kut', source: '/kut', catalog: parsed, kernelsPresent: new Set(['gone']) })
    expect(s1).toEqual({
      id: s1.id,
      name: 'kut',
      source: '/kut',
      testCount: 2,
      missingKernels: ['skey.elf'],
      importedAt: s1.importedAt,
    })
    expect((await store.getCatalog(s1.id)).tests).toEqual([
      { ...parsed.tests[0], kernelPresent: false },
      { ...parsed.tests[1], kernelPresent: true },
    ])
    const reparsed = parseUnittestsCfg(`[new]\nfile = new.elf\n\n${text.replace('$MAX_SMP', '2').split('\n\n')[0]}\n`, cfg)
    const s2 = await store.upsertCatalog({ name: 'kut2', source: '/kut', catalog: reparsed, kernelsPresent: new Set(['new', 'skey']) })
    expect(s2.id).toBe(s1.id)
    expect((await store.getCatalog(s1.id)).tests).toEqual([
      { ...reparsed.tests[0], kernelPresent: true },
      { ...reparsed.tests[1], kernelPresent: true },
    ])
    expect(reparsed.tests.map((x) => [x.name, x.smp])).toEqual([
      ['new', '1'],
      ['skey', '2'],
    ])
    expect((await store.listCatalogs()).map((c) => [c.name, c.testCount, c.missingKernels])).toEqual([['kut2', 2, []]])
    await expect(store.getCatalog(999)).rejects.toThrow('catalog 999 not found')
    const twice = { source: '/d', tests: [...catalogOf('/d', ['x']).tests, ...catalogOf('/d', ['x']).tests] }
    await expect(store.upsertCatalog({ name: 'd', source: '/d', catalog: twice, kernelsPresent: new Set() })).rejects.toThrow(
      "/d: test 'x' appears twice in the catalog",
    )
  })
})

describe('runs and results', () => {
  it('creates slots with the run and lists what never finished', async () => {
    const store: Store = ctx().store
    const { catalogId, tcg, kvm } = await lab()
    const run = await store.createRun({
      catalogId,
      plan: { catalogId, envs: ['tcg', 'kvm'], repeat: 2 },
      who: 'alice',
      version: '9.8.7',
      slots: [
        { test: 'a', envId: tcg, repetition: 1 },
        { test: 'a', envId: tcg, repetition: 2 },
        { test: 'b', envId: kvm, repetition: 1 },
      ],
    })
    expect(run.slots.map((s) => [s.test, s.env, s.repetition])).toEqual([
      ['a', 'tcg', 1],
      ['a', 'tcg', 2],
      ['b', 'kvm', 1],
    ])
    await store.setRunState(run.runId, 'running')
    await store.recordResult(run.slots[1]!.id, record('FAIL', [{ status: 'FAIL', name: 'x' }]))
    await expect(store.recordResult(run.slots[1]!.id, record('PASS'))).rejects.toThrow(/already has a result/)
    await store.setRunState(run.runId, 'cancelled')
    await expect(store.setRunState(run.runId, 'running')).rejects.toThrow(`run ${run.runId} is already cancelled; it cannot become running`)
    const detail = await store.getRun(run.runId)
    const results = detail.results.map((r) => [r.test, r.env, r.repetition, r.verdict])
    expect({ ...detail, startedAt: '', finishedAt: detail.finishedAt !== null, results }).toEqual({
      id: run.runId,
      catalogId,
      catalogName: 'kut',
      envs: ['kvm', 'tcg'],
      state: 'cancelled',
      who: 'alice',
      host: hostname(),
      version: '9.8.7',
      startedAt: '',
      finishedAt: true,
      total: 3,
      done: 1,
      verdicts: { FAIL: 1 },
      results: [['a', 'tcg', 2, 'FAIL']],
      unfinished: [
        { test: 'a', env: 'tcg', repetition: 1 },
        { test: 'b', env: 'kvm', repetition: 1 },
      ],
    })
    expect(await store.listRuns()).toEqual([await store.getRunSummary(run.runId)])
    expect(await store.getRunSummary(run.runId)).toEqual({ ...detail, results: undefined, unfinished: undefined })
    await expect(store.createRun({ catalogId, plan: { catalogId, envs: [] }, who: 'x', slots: [{ test: 'zz', envId: tcg, repetition: 1 }] }),
    ).rejects.toThrow("test 'zz' not found in catalog 'kut'")
  })

  it('leaves a run alone on reopen while its owning process is alive (another app or CLI may be running it)', async () => {
    const store: Store = ctx().store
    const { catalogId, tcg } = await lab()
    const run = await oneSlotRun(catalogId, tcg, 'cli')
    await store.setRunState(run.runId, 'running')
    const second = await ctx().open()
    try {
      const state = (await second.getRunSummary(run.runId)).state
      expect({ recovered: second.recoveredRuns, state }).toEqual({ recovered: [], state: 'running' })
    } finally {
      await second.close()
    }
  })

  it('round-trips a result with 300 subtests and a 1 MB log exactly', async () => {
    const store: Store = ctx().store
    const { catalogId, tcg } = await lab()
    const run = await oneSlotRun(catalogId, tcg, 'bob')
    const statuses = ['PASS', 'FAIL', 'XPASS', 'XFAIL', 'KFAIL', 'SKIP', 'INFO', 'ABORT'] as const
    const subtests: SubtestResult[] = Array.from({ length: 300 }, (_, i) => ({
      status: statuses[i % statuses.length]!,
      name: `prefix ${i % 7}: subtest ${i} ünïcode`,
    }))
    // 1 MiB of text that does not compress to nothing: random hex plus every console character class.
    const log = (randomBytes(400_000).toString('hex') + 'SUMMARY: 300 tests\r\n\u00e4\u20ac\t').slice(0, 1 << 20)
    const rec = record('FAIL', subtests, { log, facts: { stsi: 'KVM/Linux', cpus: '2' }, command: 'qemu-system-s390x -kernel a.elf' })
    const written = await store.recordResult(run.slots[0]!.id, rec)
    const [read] = await store.resultsByRun(run.runId)
    expect(read).toEqual(written)
    expect(read!.subtests).toEqual(subtests)
    expect(read!.counts).toEqual({ PASS: 38, FAIL: 38, XPASS: 38, XFAIL: 38, KFAIL: 37, SKIP: 37, INFO: 37, ABORT: 37 })
    expect(read!.summary).toEqual(rec.outcome.summary)
    expect(await store.log(written.id)).toEqual({
      resultId: written.id,
      test: 'a',
      env: 'tcg',
      level: '7.2.0',
      text: log,
      command: 'qemu-system-s390x -kernel a.elf',
      facts: { stsi: 'KVM/Linux', cpus: '2' },
    })
    await expect(store.log(written.id + 1)).rejects.toThrow(NotFoundError)
  })
})

describe('comparison sides, matrix, history', () => {
  it('env side = latest per test there; level side = latest per test at that level; run side = that run', async () => {
    const store: Store = ctx().store
    const { catalogId, tcg, kvm } = await lab()
    const r1 = await runWith(catalogId, [['a', tcg, 'PASS'], ['b', tcg, 'PASS'], ['a', kvm, 'PASS']], '7.2.0')
    const subs: SubtestResult[] = [
      { status: 'FAIL', name: 'cc: add' },
      { status: 'PASS', name: 'cc: sub' },
    ]
    const r2 = await runWith(catalogId, [['a', tcg, 'FAIL', subs]], '8.1.0')
    const env = await store.sideResults({ kind: 'env', env: 'tcg' })
    expect(env.label).toBe(`env tcg (catalog ${catalogId} kut)`)
    expect(env.tests.map((x) => [x.test, x.verdict, x.subtests])).toEqual([
      ['a', 'FAIL', subs],
      ['b', 'PASS', [{ status: 'PASS', name: 'x' }]],
    ])
    expect((await store.sideResults({ kind: 'level', level: '7.2.0', env: 'tcg' })).tests.map((x) => [x.test, x.verdict])).toEqual([
      ['a', 'PASS'],
      ['b', 'PASS'],
    ])
    expect((await store.sideResults({ kind: 'level', level: '8.1.0' })).tests.map((x) => [x.test, x.verdict])).toEqual([['a', 'FAIL']])
    expect((await store.sideResults({ kind: 'run', runId: r1, env: 'kvm' })).tests.map((x) => [x.test, x.verdict])).toEqual([['a', 'PASS']])
    expect((await store.sideResults({ kind: 'run', runId: r2 })).label).toBe(`run ${r2}`)
    await expect(store.sideResults({ kind: 'env', env: 'nope' })).rejects.toThrow("environment 'nope' not found")
  })

  it('matrix: latest cell per test × environment, scoped by catalog or run, with known issues attached', async () => {
    const store: Store = ctx().store
    const { catalogId, tcg, kvm } = await lab()
    const r1 = await runWith(catalogId, [['a', tcg, 'PASS'], ['a', kvm, 'PASS'], ['b', kvm, 'SKIP']])
    await runWith(catalogId, [['a', tcg, 'FAIL', [{ status: 'FAIL', name: 'sigp: stop' }]]])
    const ki = await store.addKnownIssue({
      test: 'a',
      subtest: 'sigp: *',
      env: 'tcg',
      level: null,
      url: 'https://bugs/1',
      intermittent: false,
      note: 'TCG lacks it',
    })
    const m = await store.matrix({ catalogId })
    expect({ ...m, cells: m.cells.map((c) => [c.test, c.env, c.verdict, c.counts.FAIL, c.knownIssue]) }).toEqual({
      tests: ['a', 'b', 'c'],
      envs: [
        { name: 'kvm', kind: 'qemu-ssh', level: '8.0.0' },
        { name: 'tcg', kind: 'qemu-tcg', level: '7.2.0' },
      ],
      withCells: ['kvm', 'tcg'],
      cells: expect.arrayContaining([
        ['a', 'tcg', 'FAIL', 1, ki.id],
        ['a', 'kvm', 'PASS', 0, null],
        ['b', 'kvm', 'SKIP', 1, null],
      ]),
    })
    expect(m.cells).toHaveLength(3)
    const old = await store.matrix({ runId: r1, envs: ['tcg'] })
    expect(old.cells.map((c) => [c.test, c.env, c.verdict])).toEqual([['a', 'tcg', 'PASS']])
    expect(old.tests).toEqual(['a', 'b'])
  })

  it('matrix: names the environments holding a cell of the whole matrix, whatever row window was asked for', async () => {
    const store: Store = ctx().store
    const { catalogId, tcg, kvm } = await lab()
    const lpar = (await store.addEnvironment({ name: 'lpar', kind: 'lpar-hmc', level: 'fw-1' })).id
    await store.addEnvironment({ name: 'zvm', kind: 'zvm', level: '7.3' })
    const other = await store.upsertCatalog({ name: 'other', source: '/other', catalog: catalogOf('/other/unittests.cfg', ['x']), kernelsPresent: new Set(['x']) })
    // kvm holds a cell of the last row only; lpar results of another catalog only; zvm none at all.
    const r1 = await runWith(catalogId, [['a', tcg, 'PASS'], ['c', kvm, 'FAIL']])
    await runWith(other.id, [['x', lpar, 'PASS']])
    const firstRow = (q: { catalogId?: number; runId?: number }): ReturnType<Store['matrix']> => store.matrix({ ...q, rows: { offset: 0, limit: 1 } })
    expect([
      (await store.matrix({ catalogId })).withCells,
      (await firstRow({ catalogId })).withCells,
      (await firstRow({ catalogId, runId: r1 })).withCells,
      (await firstRow({ runId: r1 })).withCells,
      (await firstRow({})).withCells,
      (await store.matrix({})).withCells,
      (await firstRow({ catalogId: other.id })).withCells,
    ]).toEqual([['kvm', 'tcg'], ['kvm', 'tcg'], ['kvm', 'tcg'], ['kvm', 'tcg'], ['kvm', 'lpar', 'tcg'], ['kvm', 'lpar', 'tcg'], ['lpar']])
    // The window itself holds the first row's cells only.
    expect((await firstRow({ catalogId })).cells.map((c) => [c.test, c.env])).toEqual([['a', 'tcg']])
  })

  it('recentDurations: the latest conclusive duration per test on one environment, INFRA and cancelled left out', async () => {
    const store: Store = ctx().store
    const { catalogId, tcg, kvm } = await lab()
    const timed = async (cells: [test: string, envId: number, verdict: 'PASS' | 'FAIL' | 'INFRA' | 'CANCELLED', ms: number][]): Promise<void> => {
      const run = await store.createRun({ catalogId, plan: { catalogId, envs: [] }, who: 'tester', slots: cells.map(([test, envId]) => ({ test, envId, repetition: 1 })) })
      for (const [i, [, , verdict, ms]] of cells.entries()) {
        const r = record(verdict)
        await store.recordResult(run.slots[i]!.id, { ...r, outcome: { ...r.outcome, durationMs: ms } })
      }
      await store.setRunState(run.runId, 'done')
    }
    await timed([['a', tcg, 'PASS', 1000], ['b', tcg, 'FAIL', 200], ['c', tcg, 'PASS', 50], ['a', kvm, 'PASS', 7]])
    // The newer a replaces the older; b's INFRA and c's cancelled attempt measure nothing and are left out.
    await timed([['a', tcg, 'FAIL', 300], ['b', tcg, 'INFRA', 9000], ['c', tcg, 'CANCELLED', 1]])
    expect(await store.recentDurations(tcg, ['a', 'b', 'c'])).toEqual({ a: 300, b: 200, c: 50 })
    expect(await store.recentDurations(tcg, ['c', 'zzz'])).toEqual({ c: 50 })
    expect(await store.recentDurations(kvm, ['a', 'b'])).toEqual({ a: 7 })
    expect(await store.recentDurations(tcg, [])).toEqual({})
  })

  it('history: points per run × env, verdict strip, and tallies of tests with mixed verdicts', async () => {
    const store: Store = ctx().store
    const { catalogId, tcg, kvm } = await lab()
    const runs = [
      await runWith(catalogId, [['a', tcg, 'PASS'], ['a', kvm, 'PASS']]),
      await runWith(catalogId, [['a', tcg, 'FAIL'], ['a', kvm, 'PASS']]),
      await runWith(catalogId, [['a', tcg, 'PASS'], ['a', kvm, 'INFRA']]),
    ]
    const h = await store.history({ test: 'a', env: 'tcg' })
    expect(h.points.map((p) => [p.runId, p.env, p.total, p.passed])).toEqual([
      [runs[0], 'tcg', 1, 1],
      [runs[1], 'tcg', 1, 0],
      [runs[2], 'tcg', 1, 1],
    ])
    expect(h.strip).toEqual([
      {
        test: 'a',
        cells: [
          { runId: runs[0], env: 'tcg', verdict: 'PASS', resultId: expect.any(Number) },
          { runId: runs[1], env: 'tcg', verdict: 'FAIL', resultId: expect.any(Number) },
          { runId: runs[2], env: 'tcg', verdict: 'PASS', resultId: expect.any(Number) },
        ],
      },
    ])
    expect((await store.history({ limit: 2 })).points.map((p) => p.runId)).toEqual([runs[1], runs[1], runs[2], runs[2]])
    // INFRA is not a test outcome: kvm is not flaky, tcg is.
    expect(await store.verdictTallies()).toEqual([{ test: 'a', env: 'tcg', level: '7.2.0', verdicts: { PASS: 2, FAIL: 1 }, samples: 3 }])
  })
})

describe('known issues', () => {
  it('adds, lists, updates and removes; an unknown environment is refused', async () => {
    const store: Store = ctx().store
    await lab()
    const input = {
      test: 'a',
      subtest: null,
      env: 'kvm',
      level: '8.0.0',
      url: 'https://bugs/2',
      intermittent: true,
      note: 'flaky under load',
    }
    const k = await store.addKnownIssue(input, 'carol')
    expect(await store.listKnownIssues()).toEqual([{ id: k.id, ...input, author: 'carol' }])
    // Editing keeps who filed it.
    expect(await store.updateKnownIssue(k.id, { ...input, env: null })).toEqual({ id: k.id, ...input, env: null, author: 'carol' })
    await expect(store.addKnownIssue({ ...input, env: 'mars' })).rejects.toThrow("environment 'mars' not found")
    await store.removeKnownIssue(k.id)
    expect(await store.listKnownIssues()).toEqual([])
    await expect(store.removeKnownIssue(k.id)).rejects.toThrow(`known issue ${k.id} not found`)
  })
})
})
