// better-sqlite3 implementation of Store. Statements are prepared once in the constructor; every write is one short
// synchronous transaction; rows become API/domain types in the `to*` functions at the bottom.
import type Database from 'better-sqlite3'
import { hostname } from 'node:os'
import { deflateRawSync, inflateRawSync } from 'node:zlib'
import type {
  CatalogDetail,
  CatalogSummary,
  EnvironmentInput,
  HistoryPoint,
  HistoryQuery,
  KnownIssue,
  KnownIssueInput,
  MatrixQuery,
  MetricName,
  ResultLog,
  ResultRow,
  RunDetail,
  RunPage,
  RunQuery,
  RunState,
  RunSummary,
} from '@core/api/lab-api'
import type { MetricPoint } from '@core/domain/history'
import type { VerdictEvent } from '@core/domain/regressions'
import { RUN_STATES } from '@core/api/lab-api'
import type { CatalogTest } from '@core/domain/catalog'
import { CompareError, type Side, type SideResults, type SideTest } from '@core/domain/compare'
import type { Environment, EnvironmentKind, HealthReport } from '@core/domain/environment'
import { ENVIRONMENT_KINDS } from '@core/domain/environment'
import type { StatusCounts, SubtestResult, SubtestStatus, Summary, Verdict } from '@core/domain/results'
import { VERDICTS } from '@core/domain/results'
import { CONCLUSIVE_VERDICTS, countStatuses } from '@core/domain/verdict'
import { SUBTEST_STATUS_CODES, subtestStatusCode } from './codes'
import { DuplicateNameError, NotFoundError, StoreConflictError } from './errors'
import { writeTransaction } from './write-lock'
import { matchKnownIssue } from '@core/domain/known-issues'
import { classifyLines } from '@core/domain/lines'
import type {
  CatalogImport,
  CreatedRun,
  HistoryData,
  LatestCell,
  MatrixData,
  PlannedSlot,
  ResultRecord,
  RunCreate,
  Store,
  VerdictTally,
} from './store'

const TERMINAL_STATES: readonly RunState[] = ['done', 'cancelled', 'interrupted']
const DEFAULT_HISTORY_RUNS = 50

const now = (): string => new Date().toISOString()
const ids = (list: readonly number[]): string => JSON.stringify(list)

interface EnvRow {
  id: number
  name: string
  kind: string
  level: string
  config: string
  facts: string
  concurrency: number
  created_at: string
  removed_at: string | null
  last_health: string | null
}

interface CatalogRow {
  id: number
  name: string
  source: string
  imported_at: string
}

interface TestRow {
  id: number
  name: string
  file: string
  smp: string
  test_args: string
  qemu_params: string
  kvmtool_params: string
  groups: string
  arch: string | null
  machine: string | null
  accel: string | null
  checks: string
  disabled_if: string | null
  timeout_sec: number
  line: number
  key_lines: string | null
  kernel_present: number
}

interface RunRow {
  id: number
  catalog_id: number
  catalog_name: string
  plan: string
  who: string
  state: RunState
  owner_pid: number | null
  owner_host: string | null
  started_at: string
  finished_at: string | null
}

interface ResultDbRow {
  id: number
  run_id: number
  test: string
  env_id: number
  env: string
  level: string
  repetition: number
  verdict: string
  reason: string | null
  exit_status: number | null
  duration_ms: number
  sum_tests: number | null
  sum_unexpected: number | null
  sum_known: number | null
  sum_expected: number | null
  sum_skipped: number | null
  n_pass: number
  n_fail: number
  n_xpass: number
  n_xfail: number
  n_kfail: number
  n_skip: number
  n_info: number
  n_abort: number
  started_at: string
}

interface SubtestDbRow {
  result_id: number
  status: number
  name: string
}

interface KnownIssueRow {
  id: number
  test: string
  subtest: string | null
  env: string | null
  level: string | null
  url: string
  intermittent: number
  note: string
}

/** Columns of a result joined with its slot and environment, as ResultDbRow expects. */
const RESULT_COLS = `r.id, r.run_id, r.test, r.env_id, e.name AS env, r.level, s.repetition, r.verdict,
  r.reason, r.exit_status, r.duration_ms, r.sum_tests, r.sum_unexpected, r.sum_known, r.sum_expected, r.sum_skipped,
  r.n_pass, r.n_fail, r.n_xpass, r.n_xfail, r.n_kfail, r.n_skip, r.n_info, r.n_abort, r.started_at`
/** Matrix cell columns, in MatrixDbRow order. */
const MATRIX_COLS = `r.id, r.test, r.env_id, r.level, r.verdict, r.duration_ms,
  r.n_pass, r.n_fail, r.n_xpass, r.n_xfail, r.n_kfail, r.n_skip, r.n_info, r.n_abort`
type Count = number
type MatrixDbRow = [id: number, test: string, envId: number, level: string, verdict: string, durationMs: number,
  ...counts: [Count, Count, Count, Count, Count, Count, Count, Count]]
const RESULT_FROM = `result r JOIN run_slot s ON s.id = r.slot_id JOIN environment e ON e.id = r.env_id`
/** Results that are a real verdict (the WHERE of the partial indexes result_env_real / result_level_real). */
const REAL_VERDICT = `verdict NOT IN ('CANCELLED', 'NOTRUN')`

/** The Store over one better-sqlite3 connection (opened and migrated by openStore). */
export class SqliteStore implements Store {
  readonly recoveredRuns: readonly number[]
  private readonly st
  private readonly names = new Map<string, number>()
  private readonly dynamic = new Map<string, Database.Statement>()

  constructor(
    private readonly db: Database.Database,
    readonly path: string,
  ) {
    const p = (sql: string): Database.Statement => db.prepare(sql)
    // Statements returning one column: rows are plain values.
    const pp = (sql: string): Database.Statement => db.prepare(sql).pluck()
    this.st = {
      envList: p('SELECT * FROM environment WHERE removed_at IS NULL ORDER BY name'),
      envById: p('SELECT * FROM environment WHERE id = ?'),
      envByName: p('SELECT * FROM environment WHERE name = ? AND removed_at IS NULL'),
      envInsert: p(`INSERT INTO environment (name, kind, level, config, facts, concurrency, created_at)
        VALUES (@name, @kind, @level, @config, @facts, @concurrency, @created_at)`),
      envUpdate: p(`UPDATE environment SET name = @name, kind = @kind, level = @level, config = @config, facts = @facts,
        concurrency = @concurrency WHERE id = @id`),
      envRemove: p('UPDATE environment SET removed_at = ? WHERE id = ? AND removed_at IS NULL'),
      envHealth: p('UPDATE environment SET last_health = ? WHERE id = ? AND removed_at IS NULL'),

      catalogBySource: p('SELECT * FROM catalog WHERE source = ?'),
      catalogById: p('SELECT * FROM catalog WHERE id = ?'),
      catalogList: p('SELECT * FROM catalog ORDER BY imported_at DESC, id DESC'),
      catalogInsert: p('INSERT INTO catalog (name, source, imported_at) VALUES (?, ?, ?)'),
      catalogUpdate: p('UPDATE catalog SET name = ?, imported_at = ? WHERE id = ?'),
      testUpsert: p(`INSERT INTO catalog_test (catalog_id, position, name, file, smp, test_args, qemu_params, kvmtool_params,
          groups, arch, machine, accel, checks, disabled_if, timeout_sec, line, key_lines, kernel_present, retired_at)
        VALUES (@catalog_id, @position, @name, @file, @smp, @test_args, @qemu_params, @kvmtool_params, @groups, @arch,
          @machine, @accel, @checks, @disabled_if, @timeout_sec, @line, @key_lines, @kernel_present, NULL)
        ON CONFLICT (catalog_id, name) DO UPDATE SET position = excluded.position, file = excluded.file,
          smp = excluded.smp, test_args = excluded.test_args, qemu_params = excluded.qemu_params,
          kvmtool_params = excluded.kvmtool_params, groups = excluded.groups, arch = excluded.arch,
          machine = excluded.machine, accel = excluded.accel, checks = excluded.checks,
          disabled_if = excluded.disabled_if, timeout_sec = excluded.timeout_sec, line = excluded.line,
          key_lines = excluded.key_lines, kernel_present = excluded.kernel_present, retired_at = NULL`),
      testRetire: p(`UPDATE catalog_test SET retired_at = ? WHERE catalog_id = ? AND retired_at IS NULL
        AND name NOT IN (SELECT value FROM json_each(?))`),
      testsOfCatalog: p('SELECT * FROM catalog_test WHERE catalog_id = ? AND retired_at IS NULL ORDER BY position'),
      testIdsOfCatalog: p('SELECT name, id FROM catalog_test WHERE catalog_id = ? AND retired_at IS NULL'),

      runInsert: p(`INSERT INTO run (catalog_id, plan, who, state, owner_pid, owner_host, started_at)
        VALUES (?, ?, ?, 'queued', ?, ?, ?)`),
      slotInsert: p('INSERT INTO run_slot (run_id, test_id, env_id, repetition) VALUES (?, ?, ?, ?)'),
      runById: p(`SELECT run.*, catalog.name AS catalog_name FROM run JOIN catalog ON catalog.id = run.catalog_id
        WHERE run.id = ?`),
      runList: p(`SELECT run.*, catalog.name AS catalog_name FROM run JOIN catalog ON catalog.id = run.catalog_id
        ORDER BY run.id DESC LIMIT ?`),
      runActive: p(`SELECT id, owner_pid, owner_host FROM run WHERE state IN ('queued', 'running')`),
      runSetState: p('UPDATE run SET state = ?, finished_at = ? WHERE id = ?'),
      runEnvs: pp(`SELECT e.name FROM environment e WHERE e.id IN (SELECT DISTINCT env_id FROM run_slot WHERE run_id = ?)
        ORDER BY e.name`),
      runSlotCount: pp('SELECT count(*) FROM run_slot WHERE run_id = ?'),
      runVerdicts: p('SELECT verdict, count(*) AS n FROM result WHERE run_id = ? GROUP BY verdict'),
      runUnfinished: p(`SELECT t.name AS test, e.name AS env, s.repetition FROM run_slot s
        JOIN catalog_test t ON t.id = s.test_id JOIN environment e ON e.id = s.env_id
        LEFT JOIN result r ON r.slot_id = s.id WHERE s.run_id = ? AND r.id IS NULL ORDER BY s.id`),

      slotById: p(`SELECT s.id, s.run_id, s.env_id, s.repetition, t.name AS test, e.name AS env
        FROM run_slot s JOIN catalog_test t ON t.id = s.test_id JOIN environment e ON e.id = s.env_id WHERE s.id = ?`),
      resultOfSlot: p('SELECT id FROM result WHERE slot_id = ?'),
      resultInsert: p(`INSERT INTO result (slot_id, run_id, test, env_id, level, verdict, reason, exit_status, duration_ms,
          sum_tests, sum_unexpected, sum_known, sum_expected, sum_skipped,
          n_pass, n_fail, n_xpass, n_xfail, n_kfail, n_skip, n_info, n_abort, started_at, finished_at, command, facts)
        VALUES (@slot_id, @run_id, @test, @env_id, @level, @verdict, @reason, @exit_status, @duration_ms,
          @sum_tests, @sum_unexpected, @sum_known, @sum_expected, @sum_skipped,
          @n_pass, @n_fail, @n_xpass, @n_xfail, @n_kfail, @n_skip, @n_info, @n_abort,
          @started_at, @finished_at, @command, @facts)`),
      subtestInsert: p('INSERT INTO subtest (result_id, seq, status, name_id) VALUES (?, ?, ?, ?)'),
      nameSelect: pp('SELECT id FROM subtest_name WHERE name = ?'),
      nameInsert: p('INSERT INTO subtest_name (name) VALUES (?)'),
      logInsert: p('INSERT INTO log (result_id, deflated, bytes) VALUES (?, ?, ?)'),
      logById: p(`SELECT l.deflated, r.test, e.name AS env, r.level, r.command, r.facts FROM result r
        JOIN environment e ON e.id = r.env_id LEFT JOIN log l ON l.result_id = r.id WHERE r.id = ?`),

      resultsOfRun: p(`SELECT ${RESULT_COLS} FROM ${RESULT_FROM} WHERE r.run_id = ? ORDER BY r.id`),
      resultsByIds: p(`SELECT ${RESULT_COLS} FROM ${RESULT_FROM} WHERE r.id IN (SELECT value FROM json_each(?))`),
      subtestsOfRun: p(`SELECT st.result_id, st.status, n.name FROM result r JOIN subtest st ON st.result_id = r.id
        JOIN subtest_name n ON n.id = st.name_id WHERE r.run_id = ? ORDER BY st.result_id, st.seq`),
      subtestsOfIds: p(`SELECT st.result_id, st.status, n.name FROM subtest st JOIN subtest_name n ON n.id = st.name_id
        WHERE st.result_id IN (SELECT value FROM json_each(?)) ORDER BY st.result_id, st.seq`),
      latestIdsOfRun: pp('SELECT max(id) FROM result WHERE run_id = ? GROUP BY test'),
      latestIdsOfRunEnv: pp('SELECT max(id) FROM result WHERE run_id = ? AND env_id = ? GROUP BY test'),
      // Matrix rows are fetched as arrays (MatrixDbRow): at 10,000 cells object rows cost more than the query.
      // Latest real verdict: CANCELLED and NOTRUN never become the latest (REAL_VERDICT matches the partial indexes).
      matrixLatest: p(`SELECT ${MATRIX_COLS} FROM (SELECT max(id) AS id FROM result WHERE ${REAL_VERDICT}
        GROUP BY env_id, test) l JOIN result r ON r.id = l.id`).raw(),
      matrixLatestOfCatalog: p(`SELECT ${MATRIX_COLS} FROM (SELECT max(id) AS id FROM result WHERE ${REAL_VERDICT}
        AND run_id IN (SELECT id FROM run WHERE catalog_id = ?) GROUP BY env_id, test) l JOIN result r ON r.id = l.id`).raw(),
      metricInsert: p('INSERT INTO metric (result_id, seq, name, value, unit) VALUES (?, ?, ?, ?, ?)'),
      matrixOfRun: p(`SELECT ${MATRIX_COLS} FROM (SELECT max(id) AS id FROM result WHERE run_id = ? GROUP BY env_id, test) l
        JOIN result r ON r.id = l.id`).raw(),
      matrixTestNames: pp('SELECT DISTINCT test FROM result ORDER BY test'),
      // A window of test rows (JSON array of names): the matrix's visible rows first, the rest after.
      matrixLatestOfTests: p(`SELECT ${MATRIX_COLS} FROM (SELECT max(id) AS id FROM result WHERE ${REAL_VERDICT}
        AND test IN (SELECT value FROM json_each(?)) GROUP BY env_id, test) l JOIN result r ON r.id = l.id`).raw(),
      matrixLatestOfCatalogTests: p(`SELECT ${MATRIX_COLS} FROM (SELECT max(id) AS id FROM result WHERE ${REAL_VERDICT}
        AND run_id IN (SELECT id FROM run WHERE catalog_id = ?) AND test IN (SELECT value FROM json_each(?))
        GROUP BY env_id, test) l JOIN result r ON r.id = l.id`).raw(),
      matrixOfRunTests: p(`SELECT ${MATRIX_COLS} FROM (SELECT max(id) AS id FROM result
        WHERE run_id = ? AND test IN (SELECT value FROM json_each(?)) GROUP BY env_id, test) l JOIN result r ON r.id = l.id`).raw(),
      runTestNames: pp(`SELECT t.name FROM catalog_test t
        WHERE t.id IN (SELECT DISTINCT test_id FROM run_slot WHERE run_id = ?) ORDER BY t.position`),

      kiList: p(`SELECT k.id, k.test, k.subtest, e.name AS env, k.level, k.url, k.intermittent, k.note FROM known_issue k
        LEFT JOIN environment e ON e.id = k.env_id ORDER BY k.test, k.id`),
      kiById: p(`SELECT k.id, k.test, k.subtest, e.name AS env, k.level, k.url, k.intermittent, k.note FROM known_issue k
        LEFT JOIN environment e ON e.id = k.env_id WHERE k.id = ?`),
      kiInsert: p(`INSERT INTO known_issue (test, subtest, env_id, level, url, intermittent, note, created_at)
        VALUES (@test, @subtest, @env_id, @level, @url, @intermittent, @note, @created_at)`),
      kiUpdate: p(`UPDATE known_issue SET test = @test, subtest = @subtest, env_id = @env_id, level = @level, url = @url,
        intermittent = @intermittent, note = @note WHERE id = @id`),
      kiDelete: p('DELETE FROM known_issue WHERE id = ?'),
    }
    this.recoveredRuns = this.recoverInterrupted()
  }

  close(): void {
    this.db.close()
  }

  /** A write transaction (read-then-write): BEGIN IMMEDIATE with busy retries, so concurrent writers never lose one. */
  private write<T>(fn: () => T): T {
    // Names interned inside a rolled-back attempt are gone from the table: forget them.
    return writeTransaction(this.db, fn, () => this.names.clear())
  }

  // ---- environments ----

  listEnvironments(): Environment[] {
    return (this.st.envList.all() as EnvRow[]).map(toEnvironment)
  }

  getEnvironment(id: number): Environment {
    const row = this.st.envById.get(id) as EnvRow | undefined
    if (!row || row.removed_at !== null) throw new NotFoundError('environment', id)
    return toEnvironment(row)
  }

  findEnvironment(name: string): Environment | null {
    const row = this.st.envByName.get(name) as EnvRow | undefined
    return row ? toEnvironment(row) : null
  }

  addEnvironment(input: EnvironmentInput): Environment {
    const row = envParams(input, {})
    const insert = (): number => Number(this.st.envInsert.run({ ...row, created_at: now() }).lastInsertRowid)
    const id = this.uniqueName(input.name, insert)
    return this.getEnvironment(id)
  }

  updateEnvironment(id: number, input: EnvironmentInput): Environment {
    const old = this.getEnvironment(id)
    const row = envParams(input, old)
    this.uniqueName(input.name, () => this.st.envUpdate.run({ ...row, id }))
    return this.getEnvironment(id)
  }

  setEnvironmentLevel(id: number, level: string, facts: Record<string, string> = {}): Environment {
    const old = this.getEnvironment(id)
    const merged = { ...old.facts, ...facts }
    this.st.envUpdate.run({ ...envParams({ ...old, level, facts: merged }, old), id })
    return this.getEnvironment(id)
  }

  setEnvironmentHealth(id: number, report: HealthReport): Environment {
    if (this.st.envHealth.run(JSON.stringify(report), id).changes === 0) throw new NotFoundError('environment', id)
    return this.getEnvironment(id)
  }

  removeEnvironment(id: number): void {
    if (this.st.envRemove.run(now(), id).changes === 0) throw new NotFoundError('environment', id)
  }

  private uniqueName<T>(name: string, write: () => T): T {
    try {
      return write()
    } catch (e) {
      if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw new DuplicateNameError('environment', name)
      throw e
    }
  }

  // ---- catalogs ----

  upsertCatalog(input: CatalogImport): CatalogSummary {
    const seen = new Set<string>()
    for (const t of input.catalog.tests) {
      if (seen.has(t.name)) throw new StoreConflictError(`${input.source}: test '${t.name}' appears twice in the catalog`)
      seen.add(t.name)
    }
    const at = now()
    const id = this.write(() => {
      const existing = this.st.catalogBySource.get(input.source) as CatalogRow | undefined
      let catalogId: number
      if (existing) {
        catalogId = existing.id
        this.st.catalogUpdate.run(input.name, at, catalogId)
      } else {
        catalogId = Number(this.st.catalogInsert.run(input.name, input.source, at).lastInsertRowid)
      }
      input.catalog.tests.forEach((t, position) => {
        this.st.testUpsert.run(testParams(catalogId, position, t, input.kernelsPresent.has(t.name)))
      })
      this.st.testRetire.run(at, catalogId, JSON.stringify([...seen]))
      return catalogId
    })
    return this.catalogSummary(this.st.catalogById.get(id) as CatalogRow)
  }

  listCatalogs(): CatalogSummary[] {
    return (this.st.catalogList.all() as CatalogRow[]).map((c) => this.catalogSummary(c))
  }

  getCatalog(id: number): CatalogDetail {
    const row = this.st.catalogById.get(id) as CatalogRow | undefined
    if (!row) throw new NotFoundError('catalog', id)
    const tests = (this.st.testsOfCatalog.all(id) as TestRow[]).map(toCatalogTest)
    return { ...summaryOf(row, tests), tests }
  }

  private catalogSummary(row: CatalogRow): CatalogSummary {
    return summaryOf(row, (this.st.testsOfCatalog.all(row.id) as TestRow[]).map(toCatalogTest))
  }

  // ---- runs ----

  createRun(input: RunCreate): CreatedRun {
    const catalog = this.st.catalogById.get(input.catalogId) as CatalogRow | undefined
    if (!catalog) throw new NotFoundError('catalog', input.catalogId)
    const rows = this.st.testIdsOfCatalog.all(input.catalogId) as { name: string; id: number }[]
    const testIds = new Map(rows.map((r) => [r.name, r.id]))
    const envNames = new Map<number, string>()
    for (const s of input.slots) {
      if (!testIds.has(s.test)) throw new NotFoundError('test', s.test, `catalog '${catalog.name}'`)
      if (!envNames.has(s.envId)) envNames.set(s.envId, this.getEnvironment(s.envId).name)
      if (!Number.isInteger(s.repetition) || s.repetition < 1) {
        const slot = `${s.test}@${envNames.get(s.envId)}`
        throw new RangeError(`run slot ${slot}: repetition must be an integer ≥ 1, got ${s.repetition}`)
      }
    }
    return this.write((): CreatedRun => {
      const plan = JSON.stringify(input.plan)
      const owner = [process.pid, hostname()] as const
      const runId = Number(this.st.runInsert.run(input.catalogId, plan, input.who, ...owner, now()).lastInsertRowid)
      const slots: PlannedSlot[] = input.slots.map((s) => {
        const id = Number(this.st.slotInsert.run(runId, testIds.get(s.test), s.envId, s.repetition).lastInsertRowid)
        return { id, test: s.test, envId: s.envId, env: envNames.get(s.envId) ?? '', repetition: s.repetition }
      })
      return { runId, slots }
    })
  }

  setRunState(runId: number, state: RunState): void {
    if (!RUN_STATES.includes(state)) throw new RangeError(`run ${runId}: unknown state '${String(state)}'`)
    const run = this.runRow(runId)
    if (TERMINAL_STATES.includes(run.state) && run.state !== state) {
      throw new StoreConflictError(`run ${runId} is already ${run.state}; it cannot become ${state}`)
    }
    this.st.runSetState.run(state, TERMINAL_STATES.includes(state) ? (run.finished_at ?? now()) : null, runId)
  }

  listRuns(limit = 50): RunSummary[] {
    return (this.st.runList.all(limit) as RunRow[]).map((r) => this.runSummary(r))
  }

  getRunSummary(runId: number): RunSummary {
    return this.runSummary(this.runRow(runId))
  }

  getRun(runId: number): RunDetail {
    // One read transaction: counts, results and unfinished slots come from the same snapshot while a run writes.
    return this.db.transaction((): RunDetail => {
      const summary = this.runSummary(this.runRow(runId))
      const unfinished = this.st.runUnfinished.all(runId) as RunDetail['unfinished']
      return { ...summary, results: this.resultsByRun(runId), unfinished }
    })()
  }

  private runRow(runId: number): RunRow {
    const row = this.st.runById.get(runId) as RunRow | undefined
    if (!row) throw new NotFoundError('run', runId)
    return row
  }

  private runSummary(r: RunRow): RunSummary {
    const verdicts: Partial<Record<Verdict, number>> = {}
    let done = 0
    for (const v of this.st.runVerdicts.all(r.id) as { verdict: Verdict; n: number }[]) {
      verdicts[v.verdict] = v.n
      done += v.n
    }
    return {
      id: r.id,
      catalogId: r.catalog_id,
      catalogName: r.catalog_name,
      envs: this.st.runEnvs.all(r.id) as string[],
      state: r.state,
      who: r.who,
      startedAt: r.started_at,
      finishedAt: r.finished_at,
      total: this.st.runSlotCount.get(r.id) as number,
      done,
      verdicts,
    }
  }

  /** Marks queued/running runs whose owning process is gone as interrupted; returns their ids. */
  private recoverInterrupted(): number[] {
    const host = hostname()
    const dead = (this.st.runActive.all() as { id: number; owner_pid: number | null; owner_host: string | null }[])
      .filter((r) => r.owner_host !== host || r.owner_pid === null || !processAlive(r.owner_pid))
      .map((r) => r.id)
    if (dead.length > 0) {
      const at = now()
      this.write(() => dead.forEach((id) => this.st.runSetState.run('interrupted', at, id)))
    }
    return dead
  }

  // ---- results ----

  recordResult(slotId: number, rec: ResultRecord): ResultRow {
    const slot = this.st.slotById.get(slotId) as
      | { id: number; run_id: number; env_id: number; repetition: number; test: string; env: string }
      | undefined
    if (!slot) throw new NotFoundError('run slot', slotId)
    const o = rec.outcome
    if (!VERDICTS.includes(o.verdict)) {
      throw new RangeError(`result of ${slot.test}@${slot.env}: unknown verdict '${o.verdict}'`)
    }
    const counts = countStatuses(o.subtests)
    const codes = o.subtests.map((s) => subtestStatusCode(s.status))
    const metrics = classifyLines(o.subtests).metrics
    const text = Buffer.from(rec.log, 'utf8')
    const deflated = deflateRawSync(text)
    const params = {
      slot_id: slotId,
      run_id: slot.run_id,
      test: slot.test,
      env_id: slot.env_id,
      level: rec.level,
      verdict: o.verdict,
      reason: o.reason ?? null,
      exit_status: o.exitStatus ?? null,
      duration_ms: o.durationMs,
      sum_tests: o.summary?.tests ?? null,
      sum_unexpected: o.summary?.unexpectedFailures ?? null,
      sum_known: o.summary?.knownFailures ?? null,
      sum_expected: o.summary?.expectedFailures ?? null,
      sum_skipped: o.summary?.skipped ?? null,
      n_pass: counts.PASS,
      n_fail: counts.FAIL,
      n_xpass: counts.XPASS,
      n_xfail: counts.XFAIL,
      n_kfail: counts.KFAIL,
      n_skip: counts.SKIP,
      n_info: counts.INFO,
      n_abort: counts.ABORT,
      started_at: rec.startedAt,
      finished_at: rec.finishedAt,
      command: rec.command,
      facts: JSON.stringify(rec.facts),
    }
    let resultId: number
    try {
      resultId = this.write((): number => {
        if (this.st.resultOfSlot.get(slotId)) {
          const what = `${slot.test}@${slot.env} #${slot.repetition}`
          throw new StoreConflictError(`run slot ${slotId} (${what}) already has a result`)
        }
        const id = Number(this.st.resultInsert.run(params).lastInsertRowid)
        o.subtests.forEach((s, seq) => this.st.subtestInsert.run(id, seq, codes[seq], this.nameId(s.name)))
        metrics.forEach((m, seq) => this.st.metricInsert.run(id, seq, m.name, m.value, m.unit))
        this.st.logInsert.run(id, deflated, text.length)
        return id
      })
    } catch (e) {
      // Names interned inside the rolled-back transaction are gone from the table: forget them.
      this.names.clear()
      throw e
    }
    return {
      id: resultId,
      runId: slot.run_id,
      test: slot.test,
      env: slot.env,
      level: rec.level,
      repetition: slot.repetition,
      verdict: o.verdict,
      reason: o.reason,
      exitStatus: o.exitStatus,
      durationMs: o.durationMs,
      summary: o.summary,
      counts,
      subtests: o.subtests.map((s) => ({ status: s.status, name: s.name })),
      startedAt: rec.startedAt,
      knownIssue: this.knownIssueFor(
        this.listKnownIssues(),
        { test: slot.test, env: slot.env, level: rec.level, verdict: o.verdict },
        () => o.subtests,
      ),
    }
  }

  private nameId(name: string): number {
    let id = this.names.get(name)
    if (id === undefined) {
      id = (this.st.nameSelect.get(name) as number | undefined) ?? Number(this.st.nameInsert.run(name).lastInsertRowid)
      this.names.set(name, id)
    }
    return id
  }

  resultsByRun(runId: number): ResultRow[] {
    const rows = this.st.resultsOfRun.all(runId) as ResultDbRow[]
    const subtests = groupSubtests(this.st.subtestsOfRun.all(runId) as SubtestDbRow[])
    return this.toResultRows(rows, subtests)
  }

  log(resultId: number): ResultLog {
    const row = this.st.logById.get(resultId) as
      | { deflated: Buffer | null; test: string; env: string; level: string; command: string; facts: string }
      | undefined
    if (!row) throw new NotFoundError('result', resultId)
    return {
      resultId,
      test: row.test,
      env: row.env,
      level: row.level,
      text: row.deflated ? inflateRawSync(row.deflated).toString('utf8') : '',
      command: row.command,
      facts: JSON.parse(row.facts) as Record<string, string>,
    }
  }

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

  private catalogLabel(catalogId: number): string {
    const row = this.st.catalogById.get(catalogId) as CatalogRow | undefined
    if (!row) throw new NotFoundError('catalog', catalogId)
    return `${catalogId} ${row.name}`
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
    return { tests: testList, envs: envs.map((e) => ({ name: e.name, kind: e.kind, level: e.level })), cells: windowed ? cells.filter((c) => windowed.has(c.test)) : cells }
  }

  private catalogTestNames(catalogId: number): string[] {
    if (!this.st.catalogById.get(catalogId)) throw new NotFoundError('catalog', catalogId)
    return (this.st.testsOfCatalog.all(catalogId) as TestRow[]).map((t) => t.name)
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

    const points = new Map<string, HistoryPoint>()
    const strip = new Map<string, Map<string, { runId: number; env: string; verdict: Verdict; resultId: number }>>()
    for (const r of rows) {
      const key = `${r.run_id}\u0000${r.env}`
      const p = points.get(key) ?? {
        runId: r.run_id,
        at: r.at,
        env: r.env,
        level: r.level,
        total: 0,
        passed: 0,
        durationMs: 0,
      }
      if (q.test !== undefined) {
        // One test: the trend is its subtests (result lines with a pass/fail meaning: INFO and SKIP excluded).
        const c = countsOf(r)
        p.total += c.PASS + c.XFAIL + c.KFAIL + c.FAIL + c.XPASS + c.ABORT
        p.passed += c.PASS + c.XFAIL + c.KFAIL
      } else {
        // Whole runs: the trend is tests passed.
        p.total += 1
        p.passed += r.verdict === 'PASS' ? 1 : 0
      }
      p.durationMs += r.duration_ms
      p.level = r.level
      points.set(key, p)
      const cells = strip.get(r.test) ?? new Map()
      cells.set(key, { runId: r.run_id, env: r.env, verdict: r.verdict as Verdict, resultId: r.id })
      strip.set(r.test, cells)
    }
    return {
      catalogId,
      points: [...points.values()],
      strip: [...strip.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([test, cells]) => ({ test, cells: [...cells.values()] })),
      rows: rows.map((r) => ({ runId: r.run_id, at: r.at, env: r.env, level: r.level, verdict: r.verdict as Verdict, durationMs: r.duration_ms, counts: countsOf(r) })),
    }
  }

  // ---- runs list, previous run, regressions, metrics (issue 8) ----

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

  // ---- known issues ----

  listKnownIssues(): KnownIssue[] {
    return (this.st.kiList.all() as KnownIssueRow[]).map(toKnownIssue)
  }

  addKnownIssue(input: KnownIssueInput): KnownIssue {
    const id = Number(this.st.kiInsert.run({ ...this.kiParams(input), created_at: now() }).lastInsertRowid)
    return this.knownIssue(id)
  }

  updateKnownIssue(id: number, input: KnownIssueInput): KnownIssue {
    if (this.st.kiUpdate.run({ ...this.kiParams(input), id }).changes === 0) throw new NotFoundError('known issue', id)
    return this.knownIssue(id)
  }

  removeKnownIssue(id: number): void {
    if (this.st.kiDelete.run(id).changes === 0) throw new NotFoundError('known issue', id)
  }

  private knownIssue(id: number): KnownIssue {
    const row = this.st.kiById.get(id) as KnownIssueRow | undefined
    if (!row) throw new NotFoundError('known issue', id)
    return toKnownIssue(row)
  }

  private kiParams(input: KnownIssueInput): Record<string, unknown> {
    if (!input.test) throw new RangeError('known issue: test name is empty')
    return {
      test: input.test,
      subtest: input.subtest,
      env_id: input.env === null ? null : this.envNamedAny(input.env).id,
      level: input.level,
      url: input.url,
      intermittent: input.intermittent ? 1 : 0,
      note: input.note,
    }
  }

  /** The known issue that explains this result per the domain's matchKnownIssue (subtests loaded only for patterns). */
  private knownIssueFor(
    issues: readonly KnownIssue[],
    r: { test: string; env: string; level: string; verdict: Verdict },
    subtests: () => SubtestResult[],
  ): KnownIssue | null {
    const candidates = issues.filter((k) => k.test === r.test)
    if (candidates.length === 0) return null
    const needsSubtests = candidates.some((k) => k.subtest !== null)
    return matchKnownIssue(candidates, { ...r, subtest: null, ...(needsSubtests ? { subtests: subtests() } : {}) })
  }

  // ---- helpers ----

  private subtestsOf(resultId: number): SubtestResult[] {
    return groupSubtests(this.st.subtestsOfIds.all(ids([resultId])) as SubtestDbRow[]).get(resultId) ?? []
  }

  private toResultRows(rows: ResultDbRow[], subtests: Map<number, SubtestResult[]>): ResultRow[] {
    const issues = this.listKnownIssues()
    return rows.map((r) => {
      const subs = subtests.get(r.id) ?? []
      const verdict = r.verdict as Verdict
      return {
        id: r.id,
        runId: r.run_id,
        test: r.test,
        env: r.env,
        level: r.level,
        repetition: r.repetition,
        verdict,
        reason: r.reason,
        exitStatus: r.exit_status,
        durationMs: r.duration_ms,
        summary: summaryOfRow(r),
        counts: countsOf(r),
        subtests: subs,
        startedAt: r.started_at,
        knownIssue: this.knownIssueFor(issues, { test: r.test, env: r.env, level: r.level, verdict }, () => subs),
      }
    })
  }

  /** A live environment by name (NotFoundError otherwise). */
  private envNamed(name: string): Environment {
    const env = this.findEnvironment(name)
    if (!env) throw new NotFoundError('environment', name)
    return env
  }

  /** An environment by name, live or (for history and queries) the latest removed one of that name. */
  private envNamedAny(name: string): Environment {
    const live = this.findEnvironment(name)
    if (live) return live
    const row = this.statement('env-any', 'SELECT * FROM environment WHERE name = ? ORDER BY id DESC LIMIT 1').get(name) as
      | EnvRow
      | undefined
    if (!row) throw new NotFoundError('environment', name)
    return toEnvironment(row)
  }

  /** Statements whose text depends on which optional filters are set: prepared once per shape. */
  private statement(key: string, sql: string): Database.Statement {
    let s = this.dynamic.get(key)
    if (!s) {
      s = this.db.prepare(sql)
      this.dynamic.set(key, s)
    }
    return s
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function envParams(input: EnvironmentInput, old: Partial<Environment>): Record<string, unknown> {
  if (!input.name || input.name.trim() !== input.name) {
    throw new RangeError(`environment name '${input.name}' must be non-empty without surrounding spaces`)
  }
  if (!ENVIRONMENT_KINDS.includes(input.kind)) {
    const known = ENVIRONMENT_KINDS.join(', ')
    throw new RangeError(`environment '${input.name}': unknown kind '${input.kind}' (known: ${known})`)
  }
  const concurrency = input.concurrency ?? old.concurrency ?? 1
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError(`environment '${input.name}': concurrency must be an integer ≥ 1, got ${concurrency}`)
  }
  return {
    name: input.name,
    kind: input.kind,
    level: input.level ?? old.level ?? '',
    config: JSON.stringify(input.config ?? old.config ?? {}),
    facts: JSON.stringify(input.facts ?? old.facts ?? {}),
    concurrency,
  }
}

function testParams(catalogId: number, position: number, t: CatalogTest, kernelPresent: boolean): Record<string, unknown> {
  return {
    catalog_id: catalogId,
    position,
    name: t.name,
    file: t.file,
    smp: t.smp,
    test_args: t.testArgs,
    qemu_params: t.qemuParams,
    kvmtool_params: t.kvmtoolParams,
    groups: JSON.stringify(t.groups),
    arch: t.arch,
    machine: t.machine,
    accel: t.accel,
    checks: JSON.stringify(t.check),
    disabled_if: t.disabledIf,
    timeout_sec: t.timeoutSec,
    line: t.line,
    key_lines: t.keyLines ? JSON.stringify(t.keyLines) : null,
    kernel_present: kernelPresent ? 1 : 0,
  }
}

function toEnvironment(r: EnvRow): Environment {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind as EnvironmentKind,
    level: r.level,
    config: JSON.parse(r.config) as Record<string, unknown>,
    facts: JSON.parse(r.facts) as Record<string, string>,
    concurrency: r.concurrency,
    createdAt: r.created_at,
    ...(r.last_health ? { lastHealth: JSON.parse(r.last_health) as HealthReport } : {}),
  }
}

function toCatalogTest(r: TestRow): CatalogTest & { kernelPresent: boolean } {
  return {
    name: r.name,
    file: r.file,
    smp: r.smp,
    testArgs: r.test_args,
    qemuParams: r.qemu_params,
    kvmtoolParams: r.kvmtool_params,
    groups: JSON.parse(r.groups) as string[],
    arch: r.arch,
    machine: r.machine,
    accel: r.accel,
    check: JSON.parse(r.checks) as CatalogTest['check'],
    disabledIf: r.disabled_if,
    timeoutSec: r.timeout_sec,
    line: r.line,
    ...(r.key_lines !== null ? { keyLines: JSON.parse(r.key_lines) as CatalogTest['keyLines'] } : {}),
    kernelPresent: r.kernel_present === 1,
  }
}

function summaryOf(row: CatalogRow, tests: (CatalogTest & { kernelPresent: boolean })[]): CatalogSummary {
  const missing = [...new Set(tests.filter((t) => !t.kernelPresent).map((t) => t.file))]
  return {
    id: row.id,
    name: row.name,
    source: row.source,
    testCount: tests.length,
    missingKernels: missing,
    importedAt: row.imported_at,
  }
}

function toKnownIssue(r: KnownIssueRow): KnownIssue {
  return {
    id: r.id,
    test: r.test,
    subtest: r.subtest,
    env: r.env,
    level: r.level,
    url: r.url,
    intermittent: r.intermittent === 1,
    note: r.note,
  }
}

type CountCols = 'n_pass' | 'n_fail' | 'n_xpass' | 'n_xfail' | 'n_kfail' | 'n_skip' | 'n_info' | 'n_abort'

function countsOf(r: Pick<ResultDbRow, CountCols>): StatusCounts {
  return {
    PASS: r.n_pass,
    FAIL: r.n_fail,
    XPASS: r.n_xpass,
    XFAIL: r.n_xfail,
    KFAIL: r.n_kfail,
    SKIP: r.n_skip,
    INFO: r.n_info,
    ABORT: r.n_abort,
  }
}

function summaryOfRow(r: ResultDbRow): Summary | null {
  if (r.sum_tests === null) return null
  return {
    tests: r.sum_tests,
    unexpectedFailures: r.sum_unexpected ?? 0,
    knownFailures: r.sum_known ?? 0,
    expectedFailures: r.sum_expected ?? 0,
    skipped: r.sum_skipped ?? 0,
  }
}

function groupSubtests(rows: SubtestDbRow[]): Map<number, SubtestResult[]> {
  const out = new Map<number, SubtestResult[]>()
  for (const r of rows) {
    const status = SUBTEST_STATUS_CODES[r.status] as SubtestStatus
    const list = out.get(r.result_id)
    if (list) list.push({ status, name: r.name })
    else out.set(r.result_id, [{ status, name: r.name }])
  }
  return out
}
