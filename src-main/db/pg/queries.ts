// Read queries of the PostgreSQL store (a part of PgStore, src-main/db/pg-store.ts): the same questions and answers as
// db/sqlite/queries.ts; id and name lists travel as arrays (`= ANY(?)`) where SQLite unpacks JSON with json_each.
import type { HistoryQuery, MatrixQuery, MetricName, RunPage, RunQuery, RunSummary } from '@core/api/lab-api'
import { CompareError, type Side, type SideResults, type SideTest } from '@core/domain/compare'
import type { Environment } from '@core/domain/environment'
import { shapeHistory, type MetricPoint } from '@core/domain/history'
import type { VerdictEvent } from '@core/domain/regressions'
import type { Verdict } from '@core/domain/results'
import { CONCLUSIVE_VERDICTS } from '@core/domain/verdict'
import type { HistoryData, LatestCell, MatrixData, VerdictTally } from '../store'
import {
  DEFAULT_HISTORY_RUNS,
  ENVS_WITH_CELLS,
  MATRIX_COLS,
  REAL_VERDICT,
  CONCLUSIVE_RAN,
  RESULT_COLS,
  RESULT_FROM,
  type MatrixDbRow,
  type ResultDbRow,
  type RunRow,
  countsOf,
} from '../sqlite/rows'
import { PgWrites } from './writes'

const RUN_COLS = 'run.*, catalog.name AS catalog_name'

/** Read queries over results: comparison sides, matrix, history, run lists, regressions and metrics. */
export abstract class PgQueries extends PgWrites {
  async sideResults(side: Side): Promise<SideResults> {
    let idList: number[]
    let label: string
    switch (side.kind) {
      case 'env':
      case 'level': {
        const env = side.kind === 'env' ? await this.envNamed(side.env) : side.env !== undefined ? await this.envNamed(side.env) : null
        const catalog = side.catalog ?? (await this.defaultCatalog(side))
        const where = [
          REAL_VERDICT,
          env ? 'env_id = @env' : null,
          side.kind === 'level' ? 'level = @level' : null,
          typeof catalog === 'number' ? 'run_id IN (SELECT id FROM run WHERE catalog_id = @catalog)' : null,
        ].filter(Boolean)
        const params: Record<string, unknown> = {}
        if (env) params['env'] = env.id
        if (side.kind === 'level') params['level'] = side.level
        if (typeof catalog === 'number') params['catalog'] = catalog
        idList = await this.pluck<number>(`SELECT max(id) FROM result WHERE ${where.join(' AND ')} GROUP BY test`, params)
        const scope = typeof catalog === 'number' ? ` (catalog ${await this.catalogLabel(catalog)})` : catalog === 'all' ? ' (all catalogs)' : ''
        label = side.kind === 'env' ? `env ${side.env}${scope}` : `level ${side.level}${env ? ` on ${env.name}` : ''}${scope}`
        break
      }
      case 'run': {
        await this.runRow(side.runId)
        if (side.env !== undefined) {
          const env = await this.envNamed(side.env)
          idList = await this.pluck<number>('SELECT max(id) FROM result WHERE run_id = ? AND env_id = ? GROUP BY test', [side.runId, env.id])
          label = `run ${side.runId} on ${side.env}`
        } else {
          const envs = await this.pluck<string>(
            'SELECT e.name FROM environment e WHERE e.id IN (SELECT DISTINCT env_id FROM run_slot WHERE run_id = ?) ORDER BY e.name',
            [side.runId],
          )
          if (envs.length > 1) {
            throw new CompareError(`run ${side.runId} ran on ${envs.join(', ')}: name one environment (run:${side.runId}@env:${envs[0]})`)
          }
          idList = await this.pluck<number>('SELECT max(id) FROM result WHERE run_id = ? GROUP BY test', [side.runId])
          label = `run ${side.runId}`
        }
        break
      }
    }
    const rows = await this.all<ResultDbRow & { facts: string }>(`SELECT ${RESULT_COLS}, r.facts FROM ${RESULT_FROM} WHERE r.id = ANY(?::bigint[])`, [idList])
    const subtests = await this.subtestsOf(idList)
    const tests: SideTest[] = rows
      .sort((a, b) => (a.test < b.test ? -1 : a.test > b.test ? 1 : 0))
      .map((r) => ({
        test: r.test,
        verdict: r.verdict as Verdict,
        resultId: r.id,
        subtests: subtests.get(r.id) ?? [],
        level: r.level,
        envFacts: JSON.parse(r.facts) as Record<string, string>,
      }))
    return { side, label, tests }
  }

  async defaultCatalog(scope: { env?: string; level?: string }): Promise<number | null> {
    const env = scope.env !== undefined ? await this.envNamedAny(scope.env) : null
    const where = [REAL_VERDICT, env ? 'r.env_id = @env' : null, scope.level !== undefined ? 'r.level = @level' : null].filter(Boolean)
    const params: Record<string, unknown> = {}
    if (env) params['env'] = env.id
    if (scope.level !== undefined) params['level'] = scope.level
    const row = await this.pluck<number>(
      `SELECT run.catalog_id FROM result r JOIN run ON run.id = r.run_id WHERE ${where.join(' AND ')} ORDER BY r.id DESC LIMIT 1`,
      params,
    )
    return row[0] ?? null
  }

  async matrix(q: MatrixQuery): Promise<MatrixData> {
    let envs: Environment[]
    let rows: MatrixDbRow[]
    let tests: string[] | null = q.catalogId !== undefined ? await this.catalogTestNames(q.catalogId) : null
    if (q.runId !== undefined) {
      await this.runRow(q.runId)
      tests ??= await this.pluck<string>(
        'SELECT t.name FROM catalog_test t WHERE t.id IN (SELECT DISTINCT test_id FROM run_slot WHERE run_id = ?) ORDER BY t.position',
        [q.runId],
      )
    }
    if (q.rows && !q.envs) tests ??= await this.pluck<string>('SELECT DISTINCT test FROM result ORDER BY test')
    const window = q.rows && tests ? tests.slice(q.rows.offset, q.rows.offset + q.rows.limit) : null
    // SQLite returns the groups in (env_id, test) order (its GROUP BY walks the index); PostgreSQL hashes: say it.
    const latest = (where: string): string =>
      `SELECT ${MATRIX_COLS} FROM (SELECT max(id) AS id FROM result WHERE ${where} GROUP BY env_id, test) l JOIN result r ON r.id = l.id ORDER BY r.env_id, r.test`
    if (q.runId !== undefined) {
      const names = q.envs ?? (await this.pluck<string>('SELECT e.name FROM environment e WHERE e.id IN (SELECT DISTINCT env_id FROM run_slot WHERE run_id = ?) ORDER BY e.name', [q.runId]))
      envs = await Promise.all(names.map((n) => this.envNamedAny(n)))
      rows = window
        ? await this.raw<MatrixDbRow>(latest('run_id = ? AND test = ANY(?::text[])'), [q.runId, window])
        : await this.raw<MatrixDbRow>(latest('run_id = ?'), [q.runId])
    } else {
      envs = q.envs ? await Promise.all(q.envs.map((n) => this.envNamedAny(n))) : await this.listEnvironments()
      const ofCatalog = 'run_id IN (SELECT id FROM run WHERE catalog_id = ?)'
      rows = window
        ? q.catalogId !== undefined
          ? await this.raw<MatrixDbRow>(latest(`${REAL_VERDICT} AND ${ofCatalog} AND test = ANY(?::text[])`), [q.catalogId, window])
          : await this.raw<MatrixDbRow>(latest(`${REAL_VERDICT} AND test = ANY(?::text[])`), [window])
        : q.catalogId !== undefined
          ? await this.raw<MatrixDbRow>(latest(`${REAL_VERDICT} AND ${ofCatalog}`), [q.catalogId])
          : await this.raw<MatrixDbRow>(latest(REAL_VERDICT))
    }
    const envById = new Map(envs.map((e) => [e.id, e]))
    const inScope = window ? new Set(window) : tests ? new Set(tests) : null
    const issues = await this.listKnownIssues()
    const cells: LatestCell[] = []
    for (const [id, test, envId, level, verdict, durationMs, ...n] of rows) {
      const env = envById.get(envId)
      if (!env || (inScope && !inScope.has(test))) continue
      const v = verdict as Verdict
      const issue = await this.knownIssueFor(issues, { test, env: env.name, level, verdict: v }, async () => (await this.subtestsOf([id])).get(id) ?? [])
      cells.push({
        test,
        env: env.name,
        level,
        verdict: v,
        counts: { PASS: n[0], FAIL: n[1], XPASS: n[2], XFAIL: n[3], KFAIL: n[4], SKIP: n[5], INFO: n[6], ABORT: n[7] },
        durationMs,
        resultId: id,
        knownIssue: issue?.id ?? null,
      })
    }
    const testList = tests ?? [...new Set(cells.map((c) => c.test))].sort()
    const windowed = q.rows && !tests ? new Set(testList.slice(q.rows.offset, q.rows.offset + q.rows.limit)) : null
    // A row window holds some of the cells only: which environments hold any is asked of the database.
    const ids = !window
      ? new Set<number | string>(cells.map((c) => c.env))
      : new Set<number | string>(
          (q.runId !== undefined
            ? q.catalogId !== undefined
              ? await this.pluck<number>(ENVS_WITH_CELLS.runOfCatalog, [q.runId, q.catalogId])
              : await this.pluck<number>(ENVS_WITH_CELLS.run, [q.runId])
            : q.catalogId !== undefined
              ? await this.pluck<number>(ENVS_WITH_CELLS.catalog, [q.catalogId, q.catalogId])
              : await this.pluck<number>(ENVS_WITH_CELLS.all)
          ).map(Number),
        )
    const withCells = envs.filter((e) => ids.has(window ? e.id : e.name)).map((e) => e.name)
    return {
      tests: testList,
      envs: envs.map((e) => ({ name: e.name, kind: e.kind, level: e.level })),
      withCells,
      cells: windowed ? cells.filter((c) => windowed.has(c.test)) : cells,
    }
  }

  async history(q: HistoryQuery): Promise<HistoryData> {
    const env = q.env !== undefined ? await this.envNamedAny(q.env) : null
    const limit = q.limit ?? DEFAULT_HISTORY_RUNS
    const base = [REAL_VERDICT.replace('verdict', 'r.verdict'), q.test !== undefined ? 'r.test = @test' : null, env ? 'r.env_id = @env' : null].filter(Boolean)
    const baseParams: Record<string, unknown> = {}
    if (q.test !== undefined) baseParams['test'] = q.test
    if (env) baseParams['env'] = env.id
    const catalogId =
      q.catalogId ??
      (
        await this.pluck<number>(
          `SELECT run.catalog_id FROM result r JOIN run ON run.id = r.run_id WHERE ${base.join(' AND ')} AND run.state <> 'cancelled'
           ORDER BY r.id DESC LIMIT 1`,
          baseParams,
        )
      )[0] ??
      null
    if (q.catalogId !== undefined) await this.catalogLabel(q.catalogId)
    if (catalogId === null) return { catalogId: null, points: [], strip: [], rows: [] }
    const cond = `WHERE ${[...base, `r.run_id IN (SELECT id FROM run WHERE catalog_id = @catalog AND state <> 'cancelled')`].join(' AND ')}`
    const params = { ...baseParams, catalog: catalogId }
    const runIds = await this.pluck<number>(`SELECT DISTINCT r.run_id FROM result r ${cond} ORDER BY r.run_id DESC LIMIT @limit`, { ...params, limit })
    const rows = await this.all<ResultDbRow & { at: string }>(
      `SELECT r.id, r.run_id, r.test, e.name AS env, r.level, r.verdict, r.duration_ms, r.n_pass, r.n_fail, r.n_xpass,
        r.n_xfail, r.n_kfail, r.n_skip, r.n_info, r.n_abort, run.started_at AS at
       FROM result r JOIN environment e ON e.id = r.env_id JOIN run ON run.id = r.run_id ${cond} AND r.run_id = ANY(@runs::bigint[])
       ORDER BY r.run_id, e.name, r.test, r.id`,
      { ...params, runs: runIds },
    )
    const results = rows.map((r) => ({
      resultId: r.id,
      runId: r.run_id,
      at: r.at,
      test: r.test,
      env: r.env,
      level: r.level,
      verdict: r.verdict as Verdict,
      durationMs: r.duration_ms,
      counts: countsOf(r),
    }))
    const { points, strip } = shapeHistory(results, q.test !== undefined)
    return { catalogId, points, strip, rows: results.map(({ runId, at, env, level, verdict, durationMs, counts }) => ({ runId, at, env, level, verdict, durationMs, counts })) }
  }

  async queryRuns(q: RunQuery): Promise<RunPage> {
    const env = q.env !== undefined ? ((await this.findEnvironment(q.env)) ?? (await this.envNamedAny(q.env))) : null
    const where = [
      q.catalogId !== undefined ? 'run.catalog_id = @catalog' : null,
      q.state !== undefined ? 'run.state = @state' : null,
      env ? 'EXISTS (SELECT 1 FROM run_slot s WHERE s.run_id = run.id AND s.env_id = @env)' : null,
      q.verdict !== undefined ? 'EXISTS (SELECT 1 FROM result r WHERE r.run_id = run.id AND r.verdict = @verdict)' : null,
    ].filter(Boolean)
    const cond = where.length ? `WHERE ${where.join(' AND ')}` : ''
    const column = { id: 'run.id', startedAt: 'run.started_at', catalog: 'catalog.name', state: 'run.state' }[q.sort ?? 'id']
    const order = q.order === 'asc' ? 'ASC' : 'DESC'
    const limit = q.limit ?? 50
    const offset = q.offset ?? 0
    const params: Record<string, unknown> = {}
    if (q.catalogId !== undefined) params['catalog'] = q.catalogId
    if (q.state !== undefined) params['state'] = q.state
    if (env) params['env'] = env.id
    if (q.verdict !== undefined) params['verdict'] = q.verdict
    const from = 'FROM run JOIN catalog ON catalog.id = run.catalog_id'
    const total = (await this.pluck<number>(`SELECT count(*) ${from} ${cond}`, params))[0] ?? 0
    const rows = await this.all<RunRow>(`SELECT ${RUN_COLS} ${from} ${cond} ORDER BY ${column} ${order}, run.id ${order} LIMIT @limit OFFSET @offset`, {
      ...params,
      limit,
      offset,
    })
    return { runs: await Promise.all(rows.map((r) => this.runSummary(r))), total, offset, limit }
  }

  async previousRun(runId: number): Promise<RunSummary | null> {
    const run = await this.runRow(runId)
    const envs = await this.pluck<number>('SELECT DISTINCT env_id FROM run_slot WHERE run_id = ?', [runId])
    const row = await this.get<RunRow>(
      `SELECT ${RUN_COLS} FROM run JOIN catalog ON catalog.id = run.catalog_id
       WHERE run.catalog_id = @catalog AND run.id < @run AND run.state = 'done'
         AND NOT EXISTS (SELECT 1 FROM unnest(@envs::bigint[]) AS j(value)
           WHERE NOT EXISTS (SELECT 1 FROM run_slot s WHERE s.run_id = run.id AND s.env_id = j.value))
       ORDER BY run.id DESC LIMIT 1`,
      { catalog: run.catalog_id, run: runId, envs },
    )
    return row ? this.runSummary(row) : null
  }

  async verdictEvents(q: { catalogId: number; env?: string; test?: string }): Promise<VerdictEvent[]> {
    const env = q.env !== undefined ? await this.envNamedAny(q.env) : null
    const where = [
      'r.run_id IN (SELECT id FROM run WHERE catalog_id = @catalog)',
      REAL_VERDICT.replace('verdict', 'r.verdict'),
      env ? 'r.env_id = @env' : null,
      q.test !== undefined ? 'r.test = @test' : null,
    ].filter(Boolean)
    const params: Record<string, unknown> = { catalog: q.catalogId }
    if (env) params['env'] = env.id
    if (q.test !== undefined) params['test'] = q.test
    // SQLite returns these in rowid order; say so here.
    return this.all<VerdictEvent>(
      `SELECT r.test, e.name AS env, r.run_id AS "runId", r.id AS "resultId", r.level, r.started_at AS at, r.verdict
       FROM result r JOIN environment e ON e.id = r.env_id WHERE ${where.join(' AND ')} ORDER BY r.id`,
      params,
    )
  }

  async recentDurations(envId: number, tests: readonly string[]): Promise<Record<string, number>> {
    const rows = await this.all<{ test: string; ms: number }>(
      `SELECT test, duration_ms AS ms FROM result WHERE id IN (
         SELECT max(id) FROM result WHERE env_id = ? AND ${CONCLUSIVE_RAN} AND test = ANY(?::text[]) GROUP BY test)`,
      [envId, [...tests]],
    )
    return Object.fromEntries(rows.map((r) => [r.test, Number(r.ms)]))
  }

  async latestCatalog(): Promise<number | null> {
    return (await this.pluck<number>(`SELECT catalog_id FROM run WHERE state <> 'cancelled' ORDER BY id DESC LIMIT 1`))[0] ?? null
  }

  async metricNames(q: { catalogId: number; test?: string }): Promise<MetricName[]> {
    const where = ['r.run_id IN (SELECT id FROM run WHERE catalog_id = @catalog)', q.test !== undefined ? 'r.test = @test' : null].filter(Boolean)
    const params: Record<string, unknown> = { catalog: q.catalogId }
    if (q.test !== undefined) params['test'] = q.test
    const rows = await this.all<{ test: string; name: string; unit: string; samples: number; envs: string[] }>(
      `SELECT r.test, m.name, m.unit, count(DISTINCT m.result_id) AS samples, array_agg(DISTINCT e.name) AS envs
       FROM metric m JOIN result r ON r.id = m.result_id JOIN environment e ON e.id = r.env_id
       WHERE ${where.join(' AND ')} GROUP BY r.test, m.name, m.unit ORDER BY r.test, m.name, m.unit`,
      params,
    )
    return rows.map((r) => ({ test: r.test, name: r.name, unit: r.unit, samples: r.samples, envs: [...r.envs].sort() }))
  }

  async metricPoints(q: { catalogId: number; test: string; name: string; env?: string; limit?: number }): Promise<MetricPoint[]> {
    const env = q.env !== undefined ? await this.envNamedAny(q.env) : null
    const where = [
      'm.name = @name',
      'r.test = @test',
      `r.run_id IN (SELECT id FROM run WHERE catalog_id = @catalog AND state <> 'cancelled')`,
      env ? 'r.env_id = @env' : null,
    ].filter(Boolean)
    const params: Record<string, unknown> = { name: q.name, test: q.test, catalog: q.catalogId, limit: q.limit ?? DEFAULT_HISTORY_RUNS }
    if (env) params['env'] = env.id
    return this.all<MetricPoint>(
      `SELECT r.run_id AS "runId", run.started_at AS at, e.name AS env, r.level, m.value, m.unit
       FROM metric m JOIN result r ON r.id = m.result_id JOIN environment e ON e.id = r.env_id JOIN run ON run.id = r.run_id
       WHERE ${where.join(' AND ')} AND r.run_id IN (SELECT run_id FROM (SELECT DISTINCT r2.run_id FROM metric m2 JOIN result r2 ON r2.id = m2.result_id
         WHERE m2.name = @name AND r2.test = @test ${env ? 'AND r2.env_id = @env' : ''}
           AND r2.run_id IN (SELECT id FROM run WHERE catalog_id = @catalog AND state <> 'cancelled')
         ORDER BY r2.run_id DESC LIMIT @limit) lim)
       ORDER BY r.run_id, r.id`,
      params,
    )
  }

  async verdictTallies(opts: { test?: string; env?: string; minSamples?: number; catalogId?: number } = {}): Promise<VerdictTally[]> {
    const env = opts.env !== undefined ? await this.envNamedAny(opts.env) : null
    const where = [
      `r.verdict = ANY(@conclusive::text[])`,
      opts.test !== undefined ? 'r.test = @test' : null,
      env ? 'r.env_id = @env' : null,
      opts.catalogId !== undefined ? 'r.run_id IN (SELECT id FROM run WHERE catalog_id = @catalog)' : null,
    ].filter(Boolean)
    const params: Record<string, unknown> = { conclusive: [...CONCLUSIVE_VERDICTS] }
    if (opts.test !== undefined) params['test'] = opts.test
    if (env) params['env'] = env.id
    if (opts.catalogId !== undefined) params['catalog'] = opts.catalogId
    const rows = await this.all<{ test: string; env: string; level: string; verdict: Verdict; n: number }>(
      `SELECT r.test, e.name AS env, r.level, r.verdict, count(*) AS n FROM result r JOIN environment e ON e.id = r.env_id
       WHERE ${where.join(' AND ')} GROUP BY r.test, r.env_id, e.name, r.level, r.verdict ORDER BY r.test, r.env_id, r.level, r.verdict`,
      params,
    )
    const byKey = new Map<string, VerdictTally>()
    for (const r of rows) {
      const key = `${r.test}\u0000${r.env}\u0000${r.level}`
      const t = byKey.get(key) ?? { test: r.test, env: r.env, level: r.level, verdicts: {}, samples: 0 }
      t.verdicts[r.verdict] = r.n
      t.samples += r.n
      byKey.set(key, t)
    }
    const min = opts.minSamples ?? 2
    return [...byKey.values()].filter((t) => t.samples >= min && Object.keys(t.verdicts).length > 1)
  }
}
