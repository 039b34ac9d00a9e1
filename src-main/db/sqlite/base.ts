// The shared state of the SQLite store: connection, statements, transactions, row helpers (a part of SqliteStore, src-main/db/sqlite-store.ts).
import type Database from 'better-sqlite3'
import { hostname } from 'node:os'
import type { CatalogSummary, KnownIssue, KnownIssueInput, ResultRow, RunSummary } from '@core/api/lab-api'
import type { Environment } from '@core/domain/environment'
import type { SubtestResult, Verdict } from '@core/domain/results'
import { DuplicateNameError, NotFoundError } from '../errors'
import { writeTransaction } from '../write-lock'
import { matchKnownIssue } from '@core/domain/known-issues'
import {
  now,
  ids,
  type EnvRow,
  type CatalogRow,
  type RunRow,
  type ResultDbRow,
  type SubtestDbRow,
  type KnownIssueRow,
  processAlive,
  toEnvironment,
  summaryOfCounts,
  toKnownIssue,
  countsOf,
  summaryOfRow,
  groupSubtests,
} from './rows'
import { prepareStatements, type Statements } from './statements'

/** The shared state of the store: connection, prepared statements, write transactions and row helpers. */
export abstract class StoreBase {
  readonly recoveredRuns: readonly number[]
  protected readonly st: Statements
  protected readonly names = new Map<string, number>()
  protected readonly dynamic = new Map<string, Database.Statement>()

  constructor(
    protected readonly db: Database.Database,
    readonly path: string,
  ) {
    this.st = prepareStatements(db)
    this.recoveredRuns = this.recoverInterrupted()
  }

  /** Implemented by the environments part; the helpers below resolve names with it. */
  abstract findEnvironment(name: string): Environment | null
  /** Implemented by the known-issues part; results are matched against them as they are read and written. */
  abstract listKnownIssues(): KnownIssue[]

  close(): void {
    this.db.close()
  }

  /** A write transaction (read-then-write): BEGIN IMMEDIATE with busy retries, so concurrent writers never lose one. */
  protected write<T>(fn: () => T): T {
    // Names interned inside a rolled-back attempt are gone from the table: forget them.
    return writeTransaction(this.db, fn, () => this.names.clear())
  }

  protected uniqueName<T>(name: string, write: () => T): T {
    try {
      return write()
    } catch (e) {
      if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw new DuplicateNameError('environment', name)
      throw e
    }
  }

  protected catalogSummary(row: CatalogRow): CatalogSummary {
    return summaryOfCounts(row, this.st.testCountOfCatalog.get(row.id) as number, this.st.missingKernelsOfCatalog.all(row.id) as string[])
  }

  protected runRow(runId: number): RunRow {
    const row = this.st.runById.get(runId) as RunRow | undefined
    if (!row) throw new NotFoundError('run', runId)
    return row
  }

  protected runSummary(r: RunRow): RunSummary {
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
      host: r.owner_host,
      version: r.labcon_version,
      startedAt: r.started_at,
      finishedAt: r.finished_at,
      total: this.st.runSlotCount.get(r.id) as number,
      done,
      verdicts,
    }
  }

  /** Marks queued/running runs whose owning process is gone as interrupted; returns their ids. */
  protected recoverInterrupted(): number[] {
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

  protected nameId(name: string): number {
    let id = this.names.get(name)
    if (id === undefined) {
      id = (this.st.nameSelect.get(name) as number | undefined) ?? Number(this.st.nameInsert.run(name).lastInsertRowid)
      this.names.set(name, id)
    }
    return id
  }

  protected catalogLabel(catalogId: number): string {
    const row = this.st.catalogById.get(catalogId) as CatalogRow | undefined
    if (!row) throw new NotFoundError('catalog', catalogId)
    return `${catalogId} ${row.name}`
  }

  protected catalogTestNames(catalogId: number): string[] {
    if (!this.st.catalogById.get(catalogId)) throw new NotFoundError('catalog', catalogId)
    return this.st.testNamesOfCatalog.all(catalogId) as string[]
  }

  protected knownIssue(id: number): KnownIssue {
    const row = this.st.kiById.get(id) as KnownIssueRow | undefined
    if (!row) throw new NotFoundError('known issue', id)
    return toKnownIssue(row)
  }

  protected kiParams(input: KnownIssueInput): Record<string, unknown> {
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
  protected knownIssueFor(
    issues: readonly KnownIssue[],
    r: { test: string; env: string; level: string; verdict: Verdict },
    subtests: () => SubtestResult[],
  ): KnownIssue | null {
    const candidates = issues.filter((k) => k.test === r.test)
    if (candidates.length === 0) return null
    const needsSubtests = candidates.some((k) => k.subtest !== null)
    return matchKnownIssue(candidates, { ...r, subtest: null, ...(needsSubtests ? { subtests: subtests() } : {}) })
  }

  protected subtestsOf(resultId: number): SubtestResult[] {
    return groupSubtests(this.st.subtestsOfIds.all(ids([resultId])) as SubtestDbRow[]).get(resultId) ?? []
  }

  protected toResultRows(rows: ResultDbRow[], subtests: Map<number, SubtestResult[]>): ResultRow[] {
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
  protected envNamed(name: string): Environment {
    const env = this.findEnvironment(name)
    if (!env) throw new NotFoundError('environment', name)
    return env
  }

  /** An environment by name, live or (for history and queries) the latest removed one of that name. */
  protected envNamedAny(name: string): Environment {
    const live = this.findEnvironment(name)
    if (live) return live
    const row = this.statement('env-any', 'SELECT * FROM environment WHERE name = ? ORDER BY id DESC LIMIT 1').get(name) as
      | EnvRow
      | undefined
    if (!row) throw new NotFoundError('environment', name)
    return toEnvironment(row)
  }

  /** Statements whose text depends on which optional filters are set: prepared once per shape. */
  protected statement(key: string, sql: string): Database.Statement {
    let s = this.dynamic.get(key)
    if (!s) {
      s = this.db.prepare(sql)
      this.dynamic.set(key, s)
    }
    return s
  }
}
