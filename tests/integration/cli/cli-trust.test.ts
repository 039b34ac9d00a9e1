// labcon compare / regressions / runs / export on a prepared SQLite database (real entry, real store): named
// transitions for PASS vs KFAIL, facts and measurements, catalog scope, the planted regression, run filters, exit codes.
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SubtestResult, Verdict } from '@core/domain/results'
import { openStore } from '@main/db/open-store'
import type { SyncStore as Store } from '@main/db/store'
import { catalogOf, record } from '../db/helpers'
import { ROOT, tempDbDir } from '../runner/fixture'

const ENTRY = join(ROOT, 'src-main', 'cli', 'labcon.cjs')
let db = ''
let cleanup = (): void => {}
const runIds: number[] = []

function labcon(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [ENTRY, ...args, '--db', db], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

type Cell = [test: string, env: string, verdict: Verdict, subtests: SubtestResult[]]

function run(store: Store, catalogId: number, cells: Cell[], state: 'done' | 'cancelled' = 'done'): number {
  const r = store.createRun({ catalogId, plan: { catalogId, envs: [] }, who: 't', slots: cells.map(([test, env]) => ({ test, envId: store.findEnvironment(env)!.id, repetition: 1 })) })
  cells.forEach(([, env, verdict, subs], i) => store.recordResult(r.slots[i]!.id, record(verdict, subs, { level: store.findEnvironment(env)!.level })))
  store.setRunState(r.runId, state)
  return r.runId
}

const pgm = (ar: 'PASS' | 'KFAIL'): SubtestResult[] => [
  { status: 'PASS', name: 'pgm: operation: interruption code 0x01' },
  { status: ar, name: 'pgm: fixed-point overflow AR: interruption code 0x08' },
]
const selftest = (stfl: string): SubtestResult[] => [
  { status: 'INFO', name: `selftest: facilities: STFL ${stfl}` },
  { status: 'PASS', name: 'selftest: stsi: STSI 1.1.1 CC 0' },
]
const bench = (ms: number): SubtestResult[] => [
  { status: 'PASS', name: 'bench: sieve == 148933' },
  { status: 'INFO', name: `bench: time sieve ${ms} ms` },
]
const pass: SubtestResult[] = [{ status: 'PASS', name: 'x' }]
const fail: SubtestResult[] = [{ status: 'FAIL', name: 'x' }]

beforeAll(() => {
  const d = tempDbDir()
  db = d.db
  cleanup = d.cleanup
  const store = openStore(db)
  const names = ['pgm', 'selftest', 'bench', 'arith']
  const k = store.upsertCatalog({ name: 'kernels', source: '/k', catalog: catalogOf('/k/unittests.cfg', names), kernelsPresent: new Set(names) }).id
  const other = store.upsertCatalog({ name: 'other', source: '/o', catalog: catalogOf('/o/unittests.cfg', ['arith']), kernelsPresent: new Set(['arith']) }).id
  store.addEnvironment({ name: 'builtin', kind: 'builtin', level: 'emu 0.2.0' })
  store.addEnvironment({ name: 'tcg', kind: 'qemu-tcg', level: 'QEMU 7.2.22' })
  runIds.push(
    run(store, k, [['pgm', 'builtin', 'PASS', pgm('PASS')], ['selftest', 'builtin', 'PASS', selftest('fb40f6ea')], ['bench', 'builtin', 'PASS', bench(1101)], ['arith', 'tcg', 'PASS', pass]]),
    run(store, k, [['pgm', 'tcg', 'PASS', pgm('KFAIL')], ['selftest', 'tcg', 'PASS', selftest('f940f6d3')], ['bench', 'tcg', 'PASS', bench(475)], ['arith', 'tcg', 'PASS', pass]]),
    run(store, k, [['arith', 'tcg', 'FAIL', fail]]),
    run(store, k, [['arith', 'tcg', 'CANCELLED', []], ['arith', 'builtin', 'CANCELLED', []]], 'cancelled'),
    run(store, other, [['arith', 'builtin', 'FAIL', fail]]),
  )
  store.close()
})
afterAll(() => cleanup())

describe('labcon compare on builtin vs tcg', () => {
  it('names PASS vs KFAIL, lists facts that differ and measurements with ratios; exit 1 only for the new failure', async () => {
    const r = await labcon(['compare', 'env:builtin', 'env:tcg', '--catalog', 'kernels'])
    // arith never ran on builtin in this catalog (its builtin run was cancelled) and fails on tcg: a new failure.
    expect([r.code, r.stderr]).toEqual([1, ''])
    expect(r.stdout).toMatch(/new-failure\s+arith\s+-\s+FAIL/)
    expect(r.stdout).toMatch(/^A: env builtin \(catalog 1 kernels\)\nB: env tcg \(catalog 1 kernels\)\n/)
    expect(r.stdout).toMatch(/known-failure\s+pgm: fixed-point overflow AR: interruption code 0x08\s+PASS\s+KFAIL/)
    expect(r.stdout).not.toMatch(/INFO/)
    expect(r.stdout).toMatch(/selftest\s+selftest: facilities: STFL\s+fb40f6ea\s+f940f6d3/)
    expect(r.stdout).toMatch(/bench\s+bench: time sieve\s+ms\s+1101\s+475\s+0\.431\s+!/)
    const j = JSON.parse((await labcon(['compare', 'env:builtin', 'env:tcg', '--catalog', '1', '--json'])).stdout) as { subtests: Record<string, number>; metricsFlagged: number }
    expect([j.subtests['known-failure'], j.metricsFlagged]).toEqual([1, 1])
  })

  it('scopes env sides to one catalog: by default the catalog of side A, or all when asked', async () => {
    // builtin's most recent real verdict is in catalog 'other' (arith FAIL); tcg's arith there is absent.
    const d = JSON.parse((await labcon(['compare', 'env:builtin', 'env:tcg', '--json'])).stdout) as { a: { label: string }; rows: { test: string; a: string | null; b: string | null }[] }
    expect([d.a.label, d.rows.filter((x) => x.test === 'arith').map((x) => [x.a, x.b])[0]]).toEqual(['env builtin (catalog 2 other)', ['FAIL', null]])
    const all = JSON.parse((await labcon(['compare', 'env:builtin@catalog:all', 'env:tcg', '--json'])).stdout) as { rows: { test: string; subtest: string | null }[] }
    expect(all.rows.filter((x) => x.subtest === null).map((x) => x.test)).toEqual(['arith', 'bench', 'pgm', 'selftest'])
  })

  it('a cancelled run changes no latest result, and the gate fails on the regression run 2 → run 3', async () => {
    const j = JSON.parse((await labcon(['compare', `run:${runIds[1]}@env:tcg`, 'env:tcg', '--json'])).stdout) as { rows: { test: string; subtest: string | null; b: string; transition: string }[] }
    expect(j.rows.filter((x) => x.subtest === null && x.test === 'arith').map((x) => [x.b, x.transition])).toEqual([['FAIL', 'regression']])
    expect((await labcon(['compare', `run:${runIds[1]}@env:tcg`, 'env:tcg'])).code).toBe(1)
  })

  it('refuses bad options with exit 2 naming them', async () => {
    const r = await labcon(['compare', 'env:builtin', 'env:tcg', '--tolerance', 'x'])
    expect([r.code, r.stderr]).toEqual([2, "labcon compare: --tolerance expects a number above 0 (0.2 = 20 %), got 'x'\nRun 'labcon compare --help' for usage.\n"])
    const c = await labcon(['compare', 'env:builtin', 'env:tcg', '--catalog', 'nope'])
    expect([c.code, c.stderr]).toEqual([3, "labcon compare: NotFoundError: catalog 'nope' not found (known: 2 other (/o), 1 kernels (/k))\n"])
  })
})

describe('labcon regressions', () => {
  it('names run 3 as first bad and run 2 as last good, with the compare command; exit 1', async () => {
    const r = await labcon(['regressions', '--catalog', 'kernels'])
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(new RegExp(`arith\\s+tcg\\s+run ${runIds[1]} \\(QEMU 7.2.22\\)\\s+run ${runIds[2]} \\(QEMU 7.2.22\\) FAIL\\s+run ${runIds[2]} FAIL\\s+1\\s+labcon compare run:${runIds[1]}@env:tcg run:${runIds[2]}@env:tcg\\n`))
    const j = JSON.parse((await labcon(['regressions', '--catalog', '1', '--json'])).stdout) as { test: string; firstBad: { runId: number }; lastGood: { runId: number } }[]
    expect(j.map((x) => [x.test, x.lastGood.runId, x.firstBad.runId])).toEqual([['arith', runIds[1], runIds[2]]])
    const none = await labcon(['regressions', '--catalog', 'other'])
    expect([none.code, none.stdout]).toEqual([0, 'no regressions\n'])
  })
})

describe('labcon runs and export', () => {
  it('filters by verdict, state and environment, pages with the total on stderr', async () => {
    const ids = async (args: string[]): Promise<number[]> => (JSON.parse((await labcon(['runs', '--json', ...args])).stdout) as { id: number }[]).map((x) => x.id)
    expect(await ids(['--verdict', 'FAIL'])).toEqual([runIds[4], runIds[2]])
    expect(await ids(['--state', 'cancelled'])).toEqual([runIds[3]])
    expect(await ids(['--env', 'builtin', '--catalog', 'kernels', '--asc'])).toEqual([runIds[0], runIds[3]])
    const page = await labcon(['runs', '--limit', '2', '--offset', '1'])
    expect([page.code, page.stderr]).toEqual([0, 'labcon runs: 2-3 of 5\n'])
    const bad = await labcon(['runs', '--state', 'gone'])
    expect([bad.code, bad.stderr.split('\n')[0]]).toEqual([2, "labcon runs: --state 'gone' is not one of queued, running, done, cancelled, interrupted"])
  })

  it('exports a run as JSON (the results --json shape)', async () => {
    const r = await labcon(['export', '--run', String(runIds[2]), '--format', 'json'])
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toEqual({
      runId: runIds[2],
      state: 'done',
      results: [{ test: 'arith', env: 'tcg', repetition: 1, verdict: 'FAIL', reason: 'verdict FAIL', durationMs: 40, summary: expect.any(Object), subtests: fail }],
      unfinished: [],
    })
  })
})
