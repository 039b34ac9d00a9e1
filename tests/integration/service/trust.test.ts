// Results you can trust (issue 8), through the one LabApi implementation on a real SQLite file: latest means a real
// verdict, sides scoped to one catalog, regressions with last good / first bad, previous run, runs query, history
// without cancelled runs and with gaps, stored measurements and their series, exports.
import { userInfo } from 'node:os'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { SubtestResult, Verdict } from '@core/domain/results'
import { openStore } from '@main/db/open-store'
import type { SyncStore as Store } from '@main/db/store'
import { createLabService, type LabService } from '@main/service/lab-service'
import { InvalidInputError } from '@main/service/validate'
import { validateArgs } from '@main/ipc/validate-args'
import { catalogOf, record, tempDir } from '../db/helpers'

let lab: LabService
let store: Store
let t: ReturnType<typeof tempDir>
let k1 = 0
let k2 = 0
beforeEach(() => {
  t = tempDir()
  lab = createLabService({ dbPath: t.db, defaultEnvironments: false })
  // The test's own synchronous connection to the same file, for arranging data.
  store = openStore(t.db)
  k1 = store.upsertCatalog({ name: 'kernels', source: '/k1', catalog: catalogOf('/k1/unittests.cfg', ['arith', 'pgm', 'bench']), kernelsPresent: new Set(['arith', 'pgm', 'bench']) }).id
  k2 = store.upsertCatalog({ name: 'kut', source: '/k2', catalog: catalogOf('/k2/unittests.cfg', ['arith', 'skey']), kernelsPresent: new Set(['arith', 'skey']) }).id
  store.addEnvironment({ name: 'builtin', kind: 'builtin', level: 'emu 0.2.0' })
  store.addEnvironment({ name: 'tcg', kind: 'qemu-tcg', level: 'QEMU 7.2.22' })
})
afterEach(async () => {
  await lab.close()
  store.close()
  t.cleanup()
})

type Cell = [test: string, env: string, verdict: Verdict, subtests?: SubtestResult[]]

/** A run of `catalogId` recording the given results, then set to `state` (default done). */
function run(catalogId: number, cells: Cell[], state: 'done' | 'cancelled' | 'interrupted' = 'done', level?: string): number {
  const envId = (name: string): number => store.findEnvironment(name)!.id
  const r = store.createRun({ catalogId, plan: { catalogId, envs: [] }, who: 't', slots: cells.map(([test, env]) => ({ test, envId: envId(env), repetition: 1 })) })
  cells.forEach(([, env, verdict, subs], i) => {
    const lvl = level ?? store.findEnvironment(env)!.level
    store.recordResult(r.slots[i]!.id, record(verdict, subs ?? [{ status: verdict === 'PASS' ? 'PASS' : 'FAIL', name: 'x' }], { level: lvl }))
  })
  store.setRunState(r.runId, state)
  return r.runId
}

describe('latest means a real verdict', () => {
  it('a cancelled run changes no latest result: env side, matrix and compare keep the real verdict', async () => {
    const r1 = run(k1, [['arith', 'builtin', 'PASS'], ['pgm', 'builtin', 'PASS']])
    run(k1, [['arith', 'builtin', 'CANCELLED', []], ['pgm', 'builtin', 'NOTRUN', []]], 'cancelled')
    const side = store.sideResults({ kind: 'env', env: 'builtin' })
    expect(side.tests.map((x) => [x.test, x.verdict])).toEqual([['arith', 'PASS'], ['pgm', 'PASS']])
    const m = await lab.results.matrix({ catalogId: k1 })
    expect(m.cells.map((c) => [c.test, c.env, c.verdict])).toEqual([['arith', 'builtin', 'PASS'], ['pgm', 'builtin', 'PASS']])
    expect((await lab.results.matrix({})).cells.map((c) => c.verdict)).toEqual(['PASS', 'PASS'])
    const cmp = await lab.results.compare({ kind: 'run', runId: r1 }, { kind: 'env', env: 'builtin' })
    expect(cmp.rows.filter((r) => r.subtest === null).map((r) => r.transition)).toEqual(['unchanged', 'unchanged'])
  })

  it('INFRA is the latest and shown as such, but never a regression or a fix', async () => {
    const r1 = run(k1, [['arith', 'tcg', 'PASS']])
    const r2 = run(k1, [['arith', 'tcg', 'INFRA', []]])
    const r3 = run(k1, [['arith', 'tcg', 'FAIL']])
    run(k1, [['arith', 'tcg', 'INFRA', []]])
    expect(store.sideResults({ kind: 'env', env: 'tcg' }).tests.map((x) => x.verdict)).toEqual(['INFRA'])
    const pi = await lab.results.compare({ kind: 'run', runId: r1 }, { kind: 'env', env: 'tcg' })
    expect([pi.rows[0]?.a, pi.rows[0]?.b, pi.rows[0]?.transition]).toEqual(['PASS', 'INFRA', 'no-verdict'])
    const fi = await lab.results.compare({ kind: 'run', runId: r3 }, { kind: 'run', runId: r2 })
    expect(fi.rows[0]?.transition).toBe('no-verdict')
  })
})

describe('run sides', () => {
  it('a run on several environments needs one named: never one result per test picked from either', async () => {
    const r = run(k1, [['arith', 'tcg', 'PASS'], ['arith', 'builtin', 'FAIL']])
    await expect(lab.results.compare({ kind: 'run', runId: r }, { kind: 'env', env: 'tcg' })).rejects.toThrow(
      `run ${r} ran on builtin, tcg: name one environment (run:${r}@env:builtin)`,
    )
    const c = await lab.results.compare({ kind: 'run', runId: r, env: 'builtin' }, { kind: 'run', runId: r, env: 'tcg' })
    expect(c.rows[0]).toMatchObject({ test: 'arith', a: 'FAIL', b: 'PASS', transition: 'fixed' })
  })
})

describe('sides scoped to one catalog', () => {
  it('an env side takes the catalog of its most recent result unless a catalog (or all) is asked', async () => {
    run(k1, [['arith', 'tcg', 'PASS'], ['pgm', 'tcg', 'PASS']])
    run(k2, [['arith', 'tcg', 'FAIL'], ['skey', 'tcg', 'PASS']])
    const tests = (s: { tests: { test: string; verdict: string }[] }): string[] => s.tests.map((x) => `${x.test}:${x.verdict}`)
    expect(tests(store.sideResults({ kind: 'env', env: 'tcg' }))).toEqual(['arith:FAIL', 'skey:PASS'])
    expect(tests(store.sideResults({ kind: 'env', env: 'tcg', catalog: k1 }))).toEqual(['arith:PASS', 'pgm:PASS'])
    expect(tests(store.sideResults({ kind: 'env', env: 'tcg', catalog: 'all' }))).toEqual(['arith:FAIL', 'pgm:PASS', 'skey:PASS'])
    // Both sides of a compare get the same catalog: A's.
    const c = await lab.results.compare({ kind: 'env', env: 'tcg', catalog: k1 }, { kind: 'env', env: 'tcg' })
    expect([c.a.label, c.b.label, c.tests.unchanged, c.rows.length]).toEqual([`env tcg (catalog ${k1} kernels)`, `env tcg (catalog ${k1} kernels)`, 2, 4])
  })
})

describe('regressions', () => {
  it('finds a planted regression (passes in runs 1–2, fails from run 3) and names run 3 first bad', async () => {
    const runs = [
      run(k1, [['arith', 'tcg', 'PASS'], ['pgm', 'tcg', 'PASS']]),
      run(k1, [['arith', 'tcg', 'PASS'], ['pgm', 'tcg', 'FAIL']]),
      run(k1, [['arith', 'tcg', 'FAIL'], ['pgm', 'tcg', 'PASS']], 'done', 'QEMU 8.0.0'),
      run(k1, [['arith', 'tcg', 'CANCELLED', []]], 'cancelled'),
      run(k1, [['arith', 'tcg', 'FAIL']], 'done', 'QEMU 8.0.0'),
    ]
    const list = await lab.results.regressions({})
    expect(list.map((r) => ({ test: r.test, env: r.env, lastGood: r.lastGood?.runId, firstBad: r.firstBad.runId, level: r.firstBad.level, latest: r.latest.runId, failures: r.failures, compare: r.compare }))).toEqual([
      {
        test: 'arith',
        env: 'tcg',
        lastGood: runs[1],
        firstBad: runs[2],
        level: 'QEMU 8.0.0',
        latest: runs[4],
        failures: 2,
        compare: { a: { kind: 'run', runId: runs[1], env: 'tcg' }, b: { kind: 'run', runId: runs[2], env: 'tcg' } },
      },
    ])
    // The pair compares as a regression.
    const c = await lab.results.compare(list[0]!.compare!.a, list[0]!.compare!.b)
    expect(c.rows[0]?.transition).toBe('regression')
    expect(await lab.results.regressions({ catalogId: k2 })).toEqual([])
    // Another catalog run later on builtin: the default catalog follows the most recent run, or the named env's.
    run(k2, [['skey', 'builtin', 'PASS']])
    expect(await lab.results.regressions({})).toEqual([])
    expect((await lab.results.regressions({ env: 'tcg' })).map((r) => [r.test, r.catalogId])).toEqual([['arith', k1]])
  })
})

describe('runs: previous run, query, export', () => {
  it('previous = the latest earlier done run of the catalog covering the same environments', async () => {
    const a = run(k1, [['arith', 'tcg', 'PASS'], ['arith', 'builtin', 'PASS']])
    run(k1, [['arith', 'builtin', 'PASS']])
    run(k1, [['arith', 'tcg', 'PASS']], 'cancelled')
    run(k2, [['arith', 'tcg', 'PASS']])
    const b = run(k1, [['arith', 'tcg', 'FAIL']])
    expect((await lab.runs.previous(b))?.id).toBe(a)
    expect(await lab.runs.previous(a)).toBeNull()
  })

  it('query filters by catalog, environment, state and verdict, sorts and pages with a total', async () => {
    const r1 = run(k1, [['arith', 'tcg', 'PASS']])
    const r2 = run(k1, [['arith', 'builtin', 'FAIL']])
    const r3 = run(k2, [['arith', 'tcg', 'CANCELLED', []]], 'cancelled')
    const r4 = run(k1, [['pgm', 'tcg', 'FAIL']])
    const ids = async (q: Parameters<LabService['runs']['query']>[0]): Promise<[number[], number]> => {
      const p = await lab.runs.query(q)
      return [p.runs.map((r) => r.id), p.total]
    }
    expect(await ids({})).toEqual([[r4, r3, r2, r1], 4])
    expect(await ids({ catalogId: k1, env: 'tcg' })).toEqual([[r4, r1], 2])
    expect(await ids({ state: 'cancelled' })).toEqual([[r3], 1])
    expect(await ids({ verdict: 'FAIL', order: 'asc' })).toEqual([[r2, r4], 2])
    expect(await ids({ limit: 2, offset: 1 })).toEqual([[r3, r2], 4])
    expect(await ids({ sort: 'catalog', limit: 1 })).toEqual([[r3], 4])
  })

  it('exports a run as JSON, JUnit and TAP, the matrix and a comparison as CSV', async () => {
    const r1 = run(k1, [['arith', 'tcg', 'PASS'], ['bench', 'tcg', 'PASS', [{ status: 'INFO', name: 'bench: time sieve 475 ms' }]]])
    const r2 = run(k1, [['arith', 'tcg', 'FAIL'], ['bench', 'tcg', 'PASS', [{ status: 'INFO', name: 'bench: time sieve 1101 ms' }]]])
    const j = await lab.runs.export(r2, 'json')
    expect([j.filename, j.mime, (JSON.parse(j.text) as { results: { test: string; verdict: string }[] }).results.map((r) => `${r.test}:${r.verdict}`)]).toEqual([
      `run-${r2}.json`,
      'application/json',
      ['arith:FAIL', 'bench:PASS'],
    ])
    const x = await lab.runs.export(r2, 'junit')
    expect([x.filename, x.mime, x.text.startsWith('<?xml')]).toEqual([`run-${r2}.xml`, 'application/xml', true])
    expect((await lab.runs.export(r2, 'tap')).text).toMatch(/^TAP version 13\n/)
    const m = await lab.results.exportMatrix({ catalogId: k1 })
    expect(m).toEqual({ filename: 'matrix.csv', mime: 'text/csv', text: 'test,builtin (emu 0.2.0),tcg (QEMU 7.2.22)\r\narith,,FAIL\r\npgm,,\r\nbench,,PASS\r\n' })
    const c = await lab.results.exportCompare({ kind: 'run', runId: r1 }, { kind: 'run', runId: r2 })
    expect(c.filename).toBe(`compare-run_${r1}-vs-run_${r2}.csv`)
    expect(c.text.split('\r\n')).toEqual([
      'kind,test,name,a,b,change,ratio,unit,flagged',
      'test,arith,,PASS,FAIL,regression,,,',
      'subtest,arith,x,PASS,FAIL,regression,,,',
      'test,bench,,PASS,PASS,unchanged,,,',
      'fact,,level,QEMU 7.2.22,QEMU 7.2.22,same,,,false',
      'metric,bench,bench: time sieve,475,1101,higher,2.3179,ms,true',
      '',
    ])
  })
})

describe('history and measurements', () => {
  it('history: one catalog, no cancelled run, gaps as null, test and subtest pass rates named', async () => {
    const subs: SubtestResult[] = [
      { status: 'PASS', name: 'a' },
      { status: 'INFO', name: 'facts' },
      { status: 'KFAIL', name: 'k' },
    ]
    const r1 = run(k1, [['pgm', 'tcg', 'PASS', subs], ['pgm', 'builtin', 'PASS', subs]])
    run(k1, [['pgm', 'tcg', 'CANCELLED', []], ['pgm', 'builtin', 'FAIL']], 'cancelled')
    const r3 = run(k1, [['pgm', 'builtin', 'FAIL']])
    run(k2, [['arith', 'tcg', 'PASS']])
    const h = await lab.results.history({ test: 'pgm' })
    expect({ catalogId: h.catalogId, runs: h.runs.map((r) => r.runId), series: h.series.map((s) => [s.env, s.testPassRate, s.subtestPassRate]) }).toEqual({
      catalogId: k1,
      runs: [r1, r3],
      series: [
        ['builtin', [1, 0], [1, 0]],
        ['tcg', [1, null], [1, null]],
      ],
    })
    // Without a test: the catalog of the most recent run (k2), never a mix.
    const all = await lab.results.history({})
    expect([all.catalogId, all.strip.map((s) => s.test)]).toEqual([k2, ['arith']])
  })

  it("history's flaky list stays in the history's catalog", async () => {
    run(k1, [['arith', 'tcg', 'PASS']])
    run(k1, [['arith', 'tcg', 'PASS']])
    run(k2, [['arith', 'tcg', 'FAIL']])
    run(k2, [['arith', 'tcg', 'PASS']])
    const flaky = async (catalogId: number): Promise<string[]> => (await lab.results.history({ test: 'arith', catalogId })).flaky.map((f) => `${f.test}@${f.env}`)
    expect([await flaky(k1), await flaky(k2)]).toEqual([[], ['arith@tcg']])
  })

  it('stores measurements per result and serves their names and series per environment', async () => {
    const line = (ms: number): SubtestResult[] => [
      { status: 'PASS', name: 'bench: sieve == 148933' },
      { status: 'INFO', name: `bench: time sieve ${ms} ms` },
    ]
    const r1 = run(k1, [['bench', 'tcg', 'PASS', line(475)], ['bench', 'builtin', 'PASS', line(1101)]])
    const r2 = run(k1, [['bench', 'tcg', 'PASS', line(480)]])
    run(k1, [['bench', 'tcg', 'CANCELLED', line(1)]], 'cancelled')
    expect(await lab.results.metrics({ catalogId: k1 })).toEqual([{ test: 'bench', name: 'bench: time sieve', unit: 'ms', samples: 4, envs: ['builtin', 'tcg'] }])
    const s = await lab.results.metricSeries({ test: 'bench', name: 'bench: time sieve' })
    expect({ unit: s.unit, runs: s.runs.map((r) => r.runId), series: s.series }).toEqual({
      unit: 'ms',
      runs: [r1, r2],
      series: [
        { env: 'builtin', levels: ['emu 0.2.0', null], values: [1101, null] },
        { env: 'tcg', levels: ['QEMU 7.2.22', 'QEMU 7.2.22'], values: [475, 480] },
      ],
    })
  })
})

describe('argument checks of the new methods', () => {
  const bad: [string, () => Promise<unknown>, string][] = [
    ['runs.query state', () => lab.runs.query({ state: 'gone' as never }), 'query.state: expected one of queued, running, done, cancelled, interrupted, got "gone"'],
    ['runs.query limit', () => lab.runs.query({ limit: 5000 }), 'query.limit: expected an integer from 1 to 1000, got 5000'],
    ['runs.export format', () => lab.runs.export(1, 'pdf' as never), 'format: expected one of json, junit, tap, got "pdf"'],
    ['results.compare tolerance', () => lab.results.compare({ kind: 'env', env: 'tcg' }, { kind: 'env', env: 'tcg' }, { tolerance: -1 }), 'opts.tolerance: expected a number above 0'],
    ['results.compare catalog', () => lab.results.compare({ kind: 'env', env: 'tcg', catalog: 0 }, { kind: 'env', env: 'tcg' }), "a.catalog: expected a catalog id or 'all', got 0"],
    ['results.metricSeries name', () => lab.results.metricSeries({ test: 'bench' } as never), 'query.name: expected a string'],
    ['results.regressions field', () => lab.results.regressions({ since: 3 } as never), 'query.since: unknown field'],
  ]
  it.each(bad)('%s', async (_name, call, message) => {
    const err = await call().then(
      () => null,
      (e: unknown) => e,
    )
    expect(err).toBeInstanceOf(InvalidInputError)
    expect((err as Error).message).toContain(message)
  })

  it('the transports accept the new methods and check their arguments', () => {
    expect(validateArgs('results', 'regressions', [{ env: 'tcg' }])).toEqual([{ env: 'tcg' }])
    expect(() => validateArgs('runs', 'export', [1, 'xml'])).toThrow('runs.export argument 2: expected one of json, junit, tap, got "xml"')
  })
})

describe('daily use: known issues edited in place, health kept with its time', () => {
  it('updates a known issue keeping its id', async () => {
    const input = { test: 'arith', subtest: null, env: 'tcg', level: null, url: '', intermittent: false, note: 'first' }
    const ki = await lab.knownIssues.add(input)
    // Filed by the user the console runs as.
    expect(ki.author).toBe(userInfo().username)
    const edited = await lab.knownIssues.update(ki.id, { ...input, note: 'second', intermittent: true })
    expect(edited).toEqual({ ...ki, note: 'second', intermittent: true })
    expect(await lab.knownIssues.list()).toEqual([edited])
    await expect(lab.knownIssues.update(ki.id, { ...input, test: '' })).rejects.toThrow('input.test: must not be empty')
  })

  it('keeps the last health report of an environment, with its time, across a restart', async () => {
    const env = store.findEnvironment('builtin')!
    const report = await lab.environments.health(env.id)
    expect(report.checkedAt).toMatch(/^\d{4}-\d\d-\d\dT/)
    await lab.close()
    lab = createLabService({ dbPath: t.db, defaultEnvironments: false })
    expect((await lab.environments.list()).find((e) => e.name === 'builtin')?.lastHealth).toEqual(report)
  })
})
