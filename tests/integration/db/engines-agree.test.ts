// Issue 13: the same data gives the same answers on SQLite and PostgreSQL, and `db copy` moves a lab losslessly both
// ways. A lab is built through the Store API on SQLite (runs on several environments and levels, subtests, metrics,
// a cancelled run, known issues with subtest patterns, a removed environment, a retired test), copied into a fresh
// PostgreSQL database and back into a new SQLite file; matrix, comparison, history, regressions input, metrics,
// known issues, runs and logs must be equal on all three.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { compareSides } from '@core/domain/compare'
import type { SubtestResult } from '@core/domain/results'
import { checkDb, copyDb } from '@main/db/copy'
import type { Store } from '@main/db/store'
import { buildMatrix } from '@main/service/views'
import { openAt } from './engines'
import { catalogOf, record, tempDir } from './helpers'
import { PG_SKIP_REASON, startPgCluster, type PgCluster } from './pg-cluster'

if (PG_SKIP_REASON) console.warn(`[engines agree] skipped: ${PG_SKIP_REASON}`)

/** Builds the lab; returns the ids the queries need. */
async function buildLab(store: Store): Promise<{ catalogId: number; runs: number[] }> {
  const names = ['cpu', 'sigp', 'skey', 'tprot', 'gone']
  const c = await store.upsertCatalog({ name: 'kut', source: '/kut/s390x', catalog: catalogOf('/kut/s390x/unittests.cfg', names), kernelsPresent: new Set(names) })
  const envs = [
    await store.addEnvironment({ name: 'tcg', kind: 'qemu-tcg', level: '7.2.0' }),
    await store.addEnvironment({ name: 'kvm', kind: 'qemu-ssh', level: '8.1.0', config: { host: 'z1' } }),
    await store.addEnvironment({ name: 'lpar', kind: 'lpar-hmc', level: 'fw-2', facts: { model: '3931' } }),
  ]
  const old = await store.addEnvironment({ name: 'old', kind: 'zvm', level: '7.3' })
  const subs = (i: number, fail: boolean): SubtestResult[] => [
    { status: fail ? 'FAIL' : 'PASS', name: `area ${i % 2}: check` },
    { status: 'PASS', name: 'sigp: stop' },
    { status: 'INFO', name: `loop 1000 iterations ${40 + i}.5 ms` },
    { status: i % 3 === 0 ? 'SKIP' : 'PASS', name: 'skey: ünïcode' },
  ]
  const runs: number[] = []
  for (let r = 0; r < 6; r++) {
    const runEnvs = r === 5 ? [old] : envs
    const run = await store.createRun({
      catalogId: c.id,
      plan: { catalogId: c.id, envs: runEnvs.map((e) => e.name) },
      who: `user${r % 2}`,
      slots: runEnvs.flatMap((e) => names.slice(0, 4).map((test) => ({ test, envId: e.id, repetition: 1 }))),
    })
    await store.setRunState(run.runId, 'running')
    for (const [i, slot] of run.slots.entries()) {
      if (r === 4 && i > 5) break // cancelled half way
      const fail = (slot.test === 'sigp' && slot.env === 'tcg') || (r % 2 === 1 && slot.test === 'tprot' && slot.env === 'kvm')
      const verdict = slot.test === 'skey' && slot.env === 'lpar' ? 'SKIP' : fail ? 'FAIL' : r === 3 && i === 0 ? 'INFRA' : 'PASS'
      const level = r >= 3 && slot.env === 'kvm' ? '8.2.0' : (runEnvs.find((e) => e.id === slot.envId)?.level ?? '')
      await store.recordResult(slot.id, record(verdict, subs(i + r, fail), { level, log: `run ${r} slot ${i}\n`, facts: { stsi: `KVM ${r}` }, startedAt: `2026-01-0${r + 1}T00:00:0${i % 10}.000Z` }))
    }
    await store.setRunState(run.runId, r === 4 ? 'cancelled' : 'done')
    runs.push(run.runId)
  }
  await store.removeEnvironment(old.id)
  await store.upsertCatalog({ name: 'kut', source: '/kut/s390x', catalog: catalogOf('/kut/s390x/unittests.cfg', names.slice(0, 4)), kernelsPresent: new Set(names) })
  await store.addKnownIssue({ test: 'sigp', subtest: 'area *', env: 'tcg', level: null, url: 'https://bugs/1', intermittent: false, note: 'TCG' })
  await store.addKnownIssue({ test: 'tprot', subtest: null, env: null, level: '8.2.0', url: 'https://bugs/2', intermittent: true, note: 'flaky' })
  return { catalogId: c.id, runs }
}

/** Every answer the console shows, from one store. */
async function answers(s: Store, catalogId: number, runs: number[]): Promise<Record<string, unknown>> {
  const side = (e: string) => s.sideResults({ kind: 'env', env: e, catalog: catalogId })
  return {
    matrix: buildMatrix(await s.matrix({})),
    matrixCatalog: buildMatrix(await s.matrix({ catalogId })),
    matrixRun: buildMatrix(await s.matrix({ runId: runs[1]! })),
    matrixWindow: buildMatrix(await s.matrix({ catalogId, rows: { offset: 1, limit: 2 } })),
    matrixColumnWindow: buildMatrix(await s.matrix({ catalogId, rows: { offset: 0, limit: 3 } }), { offset: 1, limit: 1 }),
    matrixRunWindow: buildMatrix(await s.matrix({ catalogId, runId: runs[1]!, rows: { offset: 2, limit: 5 } }), { offset: 0, limit: 2 }),
    matrixAllWindow: buildMatrix(await s.matrix({ rows: { offset: 0, limit: 1 } })),
    compareEnvs: compareSides(await side('tcg'), await side('kvm')),
    compareLevels: compareSides(await s.sideResults({ kind: 'level', level: '8.1.0' }), await s.sideResults({ kind: 'level', level: '8.2.0' })),
    compareRuns: compareSides(await s.sideResults({ kind: 'run', runId: runs[0]!, env: 'tcg' }), await s.sideResults({ kind: 'run', runId: runs[3]!, env: 'tcg' })),
    historyTest: await s.history({ test: 'tprot' }),
    historyEnv: await s.history({ test: 'sigp', env: 'tcg' }),
    historyAll: await s.history({ limit: 3 }),
    tallies: await s.verdictTallies({ minSamples: 2 }),
    events: (await s.verdictEvents({ catalogId })).sort((a, b) => a.resultId - b.resultId),
    metricNames: await s.metricNames({ catalogId }),
    metricPoints: await s.metricPoints({ catalogId, test: 'cpu', name: 'loop 1000 iterations' }),
    knownIssues: await s.listKnownIssues(),
    runs: await s.listRuns(),
    runPage: await s.queryRuns({ sort: 'catalog', order: 'asc', limit: 3, offset: 1, verdict: 'FAIL' }),
    previous: await s.previousRun(runs[3]!),
    run: await s.getRun(runs[4]!),
    log: await s.log((await s.resultsByRun(runs[2]!))[3]!.id),
    environments: await s.listEnvironments(),
    catalogs: await s.listCatalogs(),
    catalog: await s.getCatalog(catalogId),
    latestCatalog: await s.latestCatalog(),
  }
}

describe.skipIf(PG_SKIP_REASON !== null)('the same data on both engines', () => {
  let cluster: PgCluster
  const dirs: ReturnType<typeof tempDir>[] = []
  beforeAll(async () => {
    cluster = await startPgCluster()
  })
  afterAll(() => {
    cluster?.stop()
    for (const d of dirs) d.cleanup()
  })

  it('answers identically after db copy SQLite → PostgreSQL → SQLite, with equal counts and clean checks', async () => {
    const env = { ...process.env, PGPASSWORD: cluster.password }
    const a = tempDir()
    const b = tempDir()
    dirs.push(a, b)
    const sqlite = await openAt(a.db)
    const { catalogId, runs } = await buildLab(sqlite)
    const expected = await answers(sqlite, catalogId, runs)
    await sqlite.close()

    const url = await cluster.createDb()
    const there = await copyDb(a.db, url, { env })
    expect(there.tables.every((t) => t.from === t.to && t.from > 0)).toBe(true)
    expect(there.tables.map((t) => t.table)).toEqual(['environment', 'catalog', 'catalog_test', 'run', 'run_slot', 'result', 'subtest_name', 'subtest', 'log', 'metric', 'known_issue'])
    const pg = await openAt(url, { PGPASSWORD: cluster.password })
    const got = await answers(pg, catalogId, runs)
    expect(Object.keys(expected).filter((k) => JSON.stringify(got[k]) !== JSON.stringify(expected[k]))).toEqual([])
    expect(got).toEqual(expected)
    const back = await copyDb(url, b.db, { env })
    expect(back.tables.map((t) => [t.table, t.to])).toEqual(there.tables.map((t) => [t.table, t.to]))
    const again = await openAt(b.db)
    expect(await answers(again, catalogId, runs)).toEqual(expected)
    await again.close()
    // Ids continue after the copied ones on PostgreSQL.
    expect((await pg.addEnvironment({ name: 'new', kind: 'qemu-tcg' })).id).toBe(5)
    await pg.close()

    const checks = [await checkDb(a.db), await checkDb(url, { env })]
    expect(checks.map((c) => ({ engine: c.engine, ok: c.ok, problems: c.problems, version: c.schemaVersion === c.supportedVersion }))).toEqual([
      { engine: 'sqlite', ok: true, problems: [], version: true },
      { engine: 'postgresql', ok: true, problems: [], version: true },
    ])
    expect(checks[1]!.location).not.toContain(cluster.password)
    await expect(copyDb(a.db, url, { env })).rejects.toThrow(/is not empty \(table environment has 5 rows\); copy into a new database/)
  })
})
