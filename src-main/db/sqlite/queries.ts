// Read queries over results of the SQLite store (a part of SqliteStore, src-main/db/sqlite-store.ts).
import type {
  HistoryQuery,
  MatrixQuery,
  MetricName,
  RunPage,
  RunQuery,
  RunSummary,
} from '@core/api/lab-api'
import { shapeHistory, type MetricPoint } from '@core/domain/history'
import type { VerdictEvent } from '@core/domain/regressions'
import { CompareError, type Side, type SideResults, type SideTest } from '@core/domain/compare'
import type { Environment } from '@core/domain/environment'
import type { Verdict } from '@core/domain/results'
import { CONCLUSIVE_VERDICTS } from '@core/domain/verdict'
import type { HistoryData, LatestCell, MatrixData, VerdictTally } from '../store'
import {
  DEFAULT_HISTORY_RUNS,
  ids,
  type RunRow,
  type ResultDbRow,
  type SubtestDbRow,
  type MatrixDbRow,
  REAL_VERDICT,
  CONCLUSIVE_RAN,
  countsOf,
  groupSubtests,
} from './rows'
import { RunResultStore } from './runs-results'

/** Read queries over results: comparison sides, matrix, history, run lists, regressions and metrics. */
export abstract class QueryStore extends RunResultStore {
  sideResults(side: Side): SideResults {
    let idList: number[]
    let label: string
    switch (side.kind) {
      case 'env':
      case 'level': {
        const env = side.kind === 'env' ? this.envNamed(side.env) : side.env !== undefined ? this.envNamed(side.env) : null
        const catalog = side.catalog ?? this.defaultCatalog(side)
        const where = [
          REAL_VERDICT,
          env ? 'env_id = @env' : null,
          side.kind === 'level' ? 'level = @level' : null,
          typeof catalog === 'number' ? 'run_id IN (SELECT id FROM run WHERE catalog_id = @catalog)' : null,
        ].filter(Boolean)
        idList = this.statement(`side:${where.join()}`, `SELECT max(id) FROM result WHERE ${where.join(' AND ')} GROUP BY test`)
          .pluck()
          .all({ env: env?.id ?? null, level: side.kind === 'level' ? side.level : null, catalog: typeof catalog === 'number' ? catalog : null }) as number[]
        const scope = typeof catalog === 'number' ? ` (catalog ${this.catalogLabel(catalog)})` : catalog === 'all' ? ' (all catalogs)' : ''
        label = side.kind === 'env' ? `env ${side.env}${scope}` : `level ${side.level}${env ? ` on ${env.name}` : ''}${scope}`
        break
      }
      case 'run': {
        this.runRow(side.runId)
        if (side.env !== undefined) {
          const env = this.envNamed(side.env)
          idList = this.st.latestIdsOfRunEnv.all(side.runId, env.id) as number[]
          label = `run ${side.runId} on ${side.env}`
        } else {
          // A run on several environments holds several results per test: a side must say which environment.
          const envs = this.st.runEnvs.all(side.runId) as string[]
          if (envs.length > 1) {
            throw new CompareError(`run ${side.runId} ran on ${envs.join(', ')}: name one environment (run:${side.runId}@env:${envs[0]})`)
          }
          idList = this.st.latestIdsOfRun.all(side.runId) as number[]
          label = `run ${side.runId}`
        }
        break
      }
    }
    const rows = this.st.resultsByIds.all(ids(idList)) as ResultDbRow[]
    const subtests = groupSubtests(this.st.subtestsOfIds.all(ids(idList)) as SubtestDbRow[])
    const facts = new Map(
      (this.statement('result-facts', 'SELECT id, facts FROM result WHERE id IN (SELECT value FROM json_each(?))').all(ids(idList)) as { id: number; facts: string }[]).map(
        (r) => [r.id, JSON.parse(r.facts) as Record<string, string>],
      ),
    )
    const tests: SideTest[] = rows
      .sort((a, b) => (a.test < b.test ? -1 : a.test > b.test ? 1 : 0))
      .map((r) => ({
        test: r.test,
        verdict: r.verdict as Verdict,
        resultId: r.id,
        subtests: subtests.get(r.id) ?? [],
        level: r.level,
        envFacts: facts.get(r.id) ?? {},
      }))
    return { side, label, tests }
  }

  defaultCatalog(scope: { env?: string; level?: string }): number | null {
    const env = scope.env !== undefined ? this.envNamedAny(scope.env) : null
    const where = [REAL_VERDICT, env ? 'r.env_id = @env' : null, scope.level !== undefined ? 'r.level = @level' : null].filter(Boolean)
    const row = this.statement(
      `default-catalog:${where.join()}`,
      `SELECT run.catalog_id FROM result r JOIN run ON run.id = r.run_id WHERE ${where.join(' AND ')} ORDER BY r.id DESC LIMIT 1`,
    )
      .pluck()
      .get({ env: env?.id ?? null, level: scope.level ?? null }) as number | undefined
    return row ?? null
  }

  matrix(q: MatrixQuery): MatrixData {
    let envs: Environment[]
    let rows: MatrixDbRow[]
    let tests: string[] | null = q.catalogId !== undefined ? this.catalogTestNames(q.catalogId) : null
    if (q.runId !== undefined) {
      this.runRow(q.runId)
      tests ??= this.st.runTestNames.all(q.runId) as string[]
    }
    // A window of rows needs the row list first; without a catalog or run: every test with a result.
    if (q.rows && !q.envs) tests ??= this.st.matrixTestNames.all() as string[]
    const window = q.rows && tests ? tests.slice(q.rows.offset, q.rows.offset + q.rows.limit) : null
    if (q.runId !== undefined) {
      envs = (q.envs ?? (this.st.runEnvs.all(q.runId) as string[])).map((n) => this.envNamedAny(n))
      rows = (window ? this.st.matrixOfRunTests.all(q.runId, JSON.stringify(window)) : this.st.matrixOfRun.all(q.runId)) as MatrixDbRow[]
    } else {
      envs = q.envs ? q.envs.map((n) => this.envNamedAny(n)) : this.listEnvironments()
      const w = window ? JSON.stringify(window) : null
      rows = (
        w !== null
          ? q.catalogId !== undefined ? this.st.matrixLatestOfCatalogTests.all(q.catalogId, w) : this.st.matrixLatestOfTests.all(w)
          : q.catalogId !== undefined ? this.st.matrixLatestOfCatalog.all(q.catalogId) : this.st.matrixLatest.all()
      ) as MatrixDbRow[]
    }
    const envById = new Map(envs.map((e) => [e.id, e]))
    const inScope = window ? new Set(window) : tests ? new Set(tests) : null
    const issues = this.listKnownIssues()
    const cells: LatestCell[] = []
    for (const [id, test, envId, level, verdict, durationMs, ...n] of rows) {
      const env = envById.get(envId)
      if (!env || (inScope && !inScope.has(test))) continue
      const v = verdict as Verdict
      const issue = this.knownIssueFor(issues, { test, env: env.name, level, verdict: v }, () => this.subtestsOf(id))
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
            ? q.catalogId !== undefined ? this.st.envsWithCellsOfRunOfCatalog.all(q.runId, q.catalogId) : this.st.envsWithCellsOfRun.all(q.runId)
            : q.catalogId !== undefined ? this.st.envsWithCellsOfCatalog.all(q.catalogId, q.catalogId) : this.st.envsWithCells.all()) as number[],
        )
    const withCells = envs.filter((e) => ids.has(window ? e.id : e.name)).map((e) => e.name)
    return {
      tests: testList,
      envs: envs.map((e) => ({ name: e.name, kind: e.kind, level: e.level })),
      withCells,
      cells: windowed ? cells.filter((c) => windowed.has(c.test)) : cells,
    }
  }

  history(q: HistoryQuery): HistoryData {
    const env = q.env !== undefined ? this.envNamedAny(q.env) : null
    const limit = q.limit ?? DEFAULT_HISTORY_RUNS
    // One catalog (never a mix), no cancelled run, no CANCELLED/NOTRUN result: they say nothing about the kernel.
    const base = [REAL_VERDICT.replace('verdict', 'r.verdict'), q.test !== undefined ? 'r.test = @test' : null, env ? 'r.env_id = @env' : null].filter(Boolean)
    const catalogId =
      q.catalogId ??
      (this.statement(
        `history-catalog:${base.join()}`,
        `SELECT run.catalog_id FROM result r JOIN run ON run.id = r.run_id WHERE ${base.join(' AND ')} AND run.state <> 'cancelled'
         ORDER BY r.id DESC LIMIT 1`,
      )
        .pluck()
        .get({ test: q.test ?? null, env: env?.id ?? null }) as number | undefined) ??
      null
    if (q.catalogId !== undefined) this.catalogLabel(q.catalogId)
    if (catalogId === null) return { catalogId: null, points: [], strip: [], rows: [] }
    const where = [...base, `r.run_id IN (SELECT id FROM run WHERE catalog_id = @catalog AND state <> 'cancelled')`]
    const cond = `WHERE ${where.join(' AND ')}`
    const params = { test: q.test ?? null, env: env?.id ?? null, catalog: catalogId, limit }
    const runIds = this.statement(`history-runs:${cond}`, `SELECT DISTINCT r.run_id FROM result r ${cond} ORDER BY r.run_id DESC LIMIT @limit`)
      .pluck()
      .all(params) as number[]
    const rowCond = `${cond} AND r.run_id IN (SELECT value FROM json_each(@runs))`
    const rows = this.statement(
      `history-rows:${rowCond}`,
      `SELECT r.id, r.run_id, r.test, e.name AS env, r.level, r.verdict, r.duration_ms, r.n_pass, r.n_fail, r.n_xpass,
        r.n_xfail, r.n_kfail, r.n_skip, r.n_info, r.n_abort, run.started_at AS at
       FROM result r JOIN environment e ON e.id = r.env_id JOIN run ON run.id = r.run_id ${rowCond}
       ORDER BY r.run_id, e.name, r.test, r.id`,
    ).all({ ...params, runs: ids(runIds) }) as (ResultDbRow & { at: string })[]

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

  queryRuns(q: RunQuery): RunPage {
    const env = q.env !== undefined ? this.findEnvironment(q.env) ?? this.envNamedAny(q.env) : null
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
    const params = { catalog: q.catalogId ?? null, state: q.state ?? null, env: env?.id ?? null, verdict: q.verdict ?? null, limit, offset }
    const from = 'FROM run JOIN catalog ON catalog.id = run.catalog_id'
    const total = this.statement(`runs-count:${cond}`, `SELECT count(*) ${from} ${cond}`).pluck().get(params) as number
    const rows = this.statement(
      `runs-page:${cond}:${column}:${order}`,
      `SELECT run.*, catalog.name AS catalog_name ${from} ${cond} ORDER BY ${column} ${order}, run.id ${order} LIMIT @limit OFFSET @offset`,
    ).all(params) as RunRow[]
    return { runs: rows.map((r) => this.runSummary(r)), total, offset, limit }
  }

  previousRun(runId: number): RunSummary | null {
    const run = this.runRow(runId)
    const envs = this.statement('run-env-ids', 'SELECT DISTINCT env_id FROM run_slot WHERE run_id = ?').pluck().all(runId) as number[]
    // Finished runs of the same catalog, before this one, whose environments include all of this run's.
    const row = this.statement(
      'previous-run',
      `SELECT run.*, catalog.name AS catalog_name FROM run JOIN catalog ON catalog.id = run.catalog_id
       WHERE run.catalog_id = @catalog AND run.id < @run AND run.state = 'done'
         AND NOT EXISTS (SELECT 1 FROM json_each(@envs) j
           WHERE NOT EXISTS (SELECT 1 FROM run_slot s WHERE s.run_id = run.id AND s.env_id = j.value))
       ORDER BY run.id DESC LIMIT 1`,
    ).get({ catalog: run.catalog_id, run: runId, envs: ids(envs) }) as RunRow | undefined
    return row ? this.runSummary(row) : null
  }

  verdictEvents(q: { catalogId: number; env?: string; test?: string }): VerdictEvent[] {
    const env = q.env !== undefined ? this.envNamedAny(q.env) : null
    const where = [
      'r.run_id IN (SELECT id FROM run WHERE catalog_id = @catalog)',
      REAL_VERDICT.replace('verdict', 'r.verdict'),
      env ? 'r.env_id = @env' : null,
      q.test !== undefined ? 'r.test = @test' : null,
    ].filter(Boolean)
    return this.statement(
      `verdict-events:${where.join()}`,
      `SELECT r.test, e.name AS env, r.run_id AS runId, r.id AS resultId, r.level, r.started_at AS at, r.verdict
       FROM result r JOIN environment e ON e.id = r.env_id WHERE ${where.join(' AND ')}`,
    ).all({ catalog: q.catalogId, env: env?.id ?? null, test: q.test ?? null }) as VerdictEvent[]
  }

  recentDurations(envId: number, tests: readonly string[]): Record<string, number> {
    const rows = this.statement(
      'recent-durations',
      `SELECT test, duration_ms AS ms FROM result WHERE id IN (
         SELECT max(id) FROM result WHERE env_id = @env AND ${CONCLUSIVE_RAN}
           AND test IN (SELECT value FROM json_each(@tests)) GROUP BY test)`,
    ).all({ env: envId, tests: JSON.stringify(tests) }) as { test: string; ms: number }[]
    return Object.fromEntries(rows.map((r) => [r.test, r.ms]))
  }

  latestCatalog(): number | null {
    return (this.statement('latest-catalog', `SELECT catalog_id FROM run WHERE state <> 'cancelled' ORDER BY id DESC LIMIT 1`).pluck().get() as number | undefined) ?? null
  }

  metricNames(q: { catalogId: number; test?: string }): MetricName[] {
    const where = ['r.run_id IN (SELECT id FROM run WHERE catalog_id = @catalog)', q.test !== undefined ? 'r.test = @test' : null].filter(Boolean)
    const rows = this.statement(
      `metric-names:${where.join()}`,
      `SELECT r.test, m.name, m.unit, count(DISTINCT m.result_id) AS samples, json_group_array(DISTINCT e.name) AS envs
       FROM metric m JOIN result r ON r.id = m.result_id JOIN environment e ON e.id = r.env_id
       WHERE ${where.join(' AND ')} GROUP BY r.test, m.name, m.unit ORDER BY r.test, m.name, m.unit`,
    ).all({ catalog: q.catalogId, test: q.test ?? null }) as { test: string; name: string; unit: string; samples: number; envs: string }[]
    return rows.map((r) => ({ test: r.test, name: r.name, unit: r.unit, samples: r.samples, envs: (JSON.parse(r.envs) as string[]).sort() }))
  }

  metricPoints(q: { catalogId: number; test: string; name: string; env?: string; limit?: number }): MetricPoint[] {
    const env = q.env !== undefined ? this.envNamedAny(q.env) : null
    const where = [
      'm.name = @name',
      'r.test = @test',
      `r.run_id IN (SELECT id FROM run WHERE catalog_id = @catalog AND state <> 'cancelled')`,
      env ? 'r.env_id = @env' : null,
    ].filter(Boolean)
    const params = { name: q.name, test: q.test, catalog: q.catalogId, env: env?.id ?? null, limit: q.limit ?? DEFAULT_HISTORY_RUNS }
    return this.statement(
      `metric-points:${where.join()}`,
      `SELECT r.run_id AS runId, run.started_at AS at, e.name AS env, r.level, m.value, m.unit
       FROM metric m JOIN result r ON r.id = m.result_id JOIN environment e ON e.id = r.env_id JOIN run ON run.id = r.run_id
       WHERE ${where.join(' AND ')} AND r.run_id IN (SELECT DISTINCT r2.run_id FROM metric m2 JOIN result r2 ON r2.id = m2.result_id
         WHERE m2.name = @name AND r2.test = @test ${env ? 'AND r2.env_id = @env' : ''}
           AND r2.run_id IN (SELECT id FROM run WHERE catalog_id = @catalog AND state <> 'cancelled')
         ORDER BY r2.run_id DESC LIMIT @limit)
       ORDER BY r.run_id, r.id`,
    ).all(params) as MetricPoint[]
  }

  verdictTallies(opts: { test?: string; env?: string; minSamples?: number; catalogId?: number } = {}): VerdictTally[] {
    const env = opts.env !== undefined ? this.envNamedAny(opts.env) : null
    const where = [
      // Only verdicts about the kernel count: INFRA, CANCELLED and NOTRUN say nothing about flakiness.
      `r.verdict IN (SELECT value FROM json_each(@conclusive))`,
      opts.test !== undefined ? 'r.test = @test' : null,
      env ? 'r.env_id = @env' : null,
      opts.catalogId !== undefined ? 'r.run_id IN (SELECT id FROM run WHERE catalog_id = @catalog)' : null,
    ].filter(Boolean)
    const rows = this.statement(
      `tallies:${where.join()}`,
      `SELECT r.test, e.name AS env, r.level, r.verdict, count(*) AS n FROM result r JOIN environment e ON e.id = r.env_id
       WHERE ${where.join(' AND ')} GROUP BY r.test, r.env_id, r.level, r.verdict`,
    ).all({ conclusive: JSON.stringify(CONCLUSIVE_VERDICTS), test: opts.test ?? null, env: env?.id ?? null, catalog: opts.catalogId ?? null }) as {
      test: string
      env: string
      level: string
      verdict: Verdict
      n: number
    }[]
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
