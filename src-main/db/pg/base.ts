// The shared state of the PostgreSQL store: pool, SQL placeholders, transactions, leases, change notifications and the
// row helpers the parts share (a part of PgStore, src-main/db/pg-store.ts). SQL is written with SQLite's placeholders
// (`?`, `@name`) so the statements common to both engines are one text (db/sqlite/statements.ts SQL); `toPg` numbers them.
import { hostname } from 'node:os'
import type pg from 'pg'
import type { CatalogSummary, KnownIssue, KnownIssueInput, ResultRow, RunSummary } from '@core/api/lab-api'
import type { Environment } from '@core/domain/environment'
import type { SubtestResult, Verdict } from '@core/domain/results'
import { matchKnownIssue } from '@core/domain/known-issues'
import { DuplicateNameError, NotFoundError } from '../errors'
import {
  type CatalogRow,
  type EnvRow,
  type KnownIssueRow,
  type ResultDbRow,
  type RunRow,
  type SubtestDbRow,
  countsOf,
  groupSubtests,
  summaryOfCounts,
  summaryOfRow,
  toEnvironment,
  toKnownIssue,
} from '../sqlite/rows'

/** How long a run's owner promises to live without renewing (ms, default); renewed every third of it. */
export const LEASE_MS = 30_000
/** NOTIFY channel of run changes (payload: StoreChange JSON). */
export const CHANGE_CHANNEL = 'labcon_change'

/** A change another process made, as NOTIFY delivers it. */
export interface StoreChange {
  runId: number
  resultId?: number
  /** The store instance that made it (a process ignores its own). */
  origin: string
}

type Params = readonly unknown[] | Record<string, unknown> | undefined
type Queryable = pg.Pool | pg.PoolClient

const translated = new Map<string, { text: string; names: string[] | null }>()

/** SQLite placeholders → PostgreSQL: `?` become $1, $2…; each distinct `@name` one $n (names in order). */
export function toPg(sql: string): { text: string; names: string[] | null } {
  let t = translated.get(sql)
  if (t) return t
  const names: string[] = []
  let positional = 0
  const text = sql.replace(/\?|@([A-Za-z_][A-Za-z0-9_]*)/g, (m, name: string | undefined) => {
    if (m === '?') return `$${++positional}`
    let i = names.indexOf(name as string)
    if (i < 0) i = names.push(name as string) - 1
    return `$${i + 1}`
  })
  if (positional > 0 && names.length > 0) throw new Error(`SQL mixes ? and @name placeholders: ${sql}`)
  t = { text, names: names.length > 0 ? names : null }
  translated.set(sql, t)
  return t
}

function values(names: string[] | null, params: Params): unknown[] {
  if (params === undefined) return []
  if (names === null) return Array.isArray(params) ? params : []
  const obj = params as Record<string, unknown>
  return names.map((n) => {
    if (!(n in obj)) throw new Error(`missing SQL parameter @${n}`)
    return obj[n]
  })
}

/** A unique violation (SQLSTATE 23505). */
export function isUniqueViolation(e: unknown): boolean {
  return (e as { code?: unknown }).code === '23505'
}

/** Server time as ISO 8601 UTC text like new Date().toISOString() (leases use the server's clock, never a client's). */
export const SERVER_NOW = `to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
const leaseUntil = (ms: number): string =>
  `to_char((clock_timestamp() + make_interval(secs => ${ms / 1000})) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`

/** The shared state of the PostgreSQL store. */
export abstract class PgBase {
  recoveredRuns: readonly number[] = []
  protected readonly names = new Map<string, number>()
  /** Runs this process executes: their leases are renewed until they finish. */
  protected readonly owned = new Set<number>()
  protected readonly origin = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2)}`
  private leaseTimer: NodeJS.Timeout | null = null
  private listener: pg.PoolClient | null = null
  private readonly watchers = new Set<(c: StoreChange) => void>()
  private closed = false

  constructor(
    protected readonly pool: pg.Pool,
    readonly path: string,
    /** Lease length (ms); tests shorten it. */
    protected readonly leaseMs: number = LEASE_MS,
  ) {
    if (!Number.isInteger(leaseMs) || leaseMs < 300) throw new RangeError(`run lease must be an integer ≥ 300 ms, got ${leaseMs}`)
  }

  abstract findEnvironment(name: string): Promise<Environment | null>
  abstract listKnownIssues(): Promise<KnownIssue[]>

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    if (this.leaseTimer) clearInterval(this.leaseTimer)
    this.owned.clear()
    if (this.listener) {
      this.listener.release(true)
      this.listener = null
    }
    await this.pool.end()
  }

  // ---- queries -------------------------------------------------------------------------------------------------------

  protected async all<T>(sql: string, params?: Params, c: Queryable = this.pool): Promise<T[]> {
    const t = toPg(sql)
    return (await c.query({ text: t.text, values: values(t.names, params) })).rows as T[]
  }

  protected async get<T>(sql: string, params?: Params, c: Queryable = this.pool): Promise<T | undefined> {
    return (await this.all<T>(sql, params, c))[0]
  }

  /** The first column of every row. */
  protected async pluck<T>(sql: string, params?: Params, c: Queryable = this.pool): Promise<T[]> {
    const t = toPg(sql)
    const r = await c.query({ text: t.text, values: values(t.names, params), rowMode: 'array' })
    return (r.rows as unknown[][]).map((row) => row[0] as T)
  }

  /** Rows as arrays (matrix cells: cheaper than objects at 10,000 cells). */
  protected async raw<T>(sql: string, params?: Params, c: Queryable = this.pool): Promise<T[]> {
    const t = toPg(sql)
    return (await c.query({ text: t.text, values: values(t.names, params), rowMode: 'array' })).rows as T[]
  }

  /** Rows changed by a statement. */
  protected async run(sql: string, params?: Params, c: Queryable = this.pool): Promise<number> {
    const t = toPg(sql)
    return (await c.query({ text: t.text, values: values(t.names, params) })).rowCount ?? 0
  }

  /** One transaction on one pooled connection; rolled back (and name cache forgotten) when `fn` throws. */
  protected async tx<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const c = await this.pool.connect()
    try {
      await c.query('BEGIN')
      const out = await fn(c)
      await c.query('COMMIT')
      return out
    } catch (e) {
      this.names.clear()
      await c.query('ROLLBACK').catch(() => {})
      throw e
    } finally {
      c.release()
    }
  }

  /** Sends a change notification (delivered when the surrounding transaction commits). */
  protected async notify(c: Queryable, runId: number, resultId?: number): Promise<void> {
    const change: StoreChange = { runId, origin: this.origin, ...(resultId !== undefined ? { resultId } : {}) }
    await c.query('SELECT pg_notify($1, $2)', [CHANGE_CHANNEL, JSON.stringify(change)])
  }

  // ---- leases and live changes -------------------------------------------------------------------------------------

  /** Starts the lease clock: renews this process's runs and interrupts expired ones every third of a lease. */
  startLeases(): void {
    this.leaseTimer ??= setInterval(() => void this.renewLeases().catch(() => {}), this.leaseMs / 3)
    // Never keeps a process alive by itself.
    this.leaseTimer.unref()
  }

  /** Starts renewing the lease of a run this process executes. */
  protected own(runId: number): void {
    this.owned.add(runId)
    this.startLeases()
  }

  protected disown(runId: number): void {
    this.owned.delete(runId)
  }

  protected leaseSql(): string {
    return leaseUntil(this.leaseMs)
  }

  /** Renews the leases of the runs this process executes, then marks runs whose lease expired as interrupted. */
  async renewLeases(): Promise<void> {
    if (this.closed) return
    if (this.owned.size > 0) {
      await this.run(`UPDATE run SET lease_until = ${this.leaseSql()} WHERE id = ANY(?::bigint[]) AND state IN ('queued', 'running')`, [[...this.owned]])
    }
    await this.recoverInterrupted()
  }

  /** Marks queued/running runs whose lease expired (or that never had one) as interrupted; returns their ids. */
  async recoverInterrupted(): Promise<number[]> {
    const ids = await this.pluck<number>(
      `UPDATE run SET state = 'interrupted', finished_at = ${SERVER_NOW}
       WHERE state IN ('queued', 'running') AND (lease_until IS NULL OR lease_until < ${SERVER_NOW}) RETURNING id`,
    )
    for (const id of ids) await this.notify(this.pool, id)
    return ids.sort((a, b) => a - b)
  }

  /** Subscribes to run changes made by other processes (LISTEN); the first subscriber opens the listening connection. */
  async watch(listener: (c: StoreChange) => void): Promise<() => void> {
    this.watchers.add(listener)
    if (!this.listener) {
      const c = await this.pool.connect()
      this.listener = c
      c.on('notification', (n) => {
        if (n.channel !== CHANGE_CHANNEL || !n.payload) return
        let change: StoreChange
        try {
          change = JSON.parse(n.payload) as StoreChange
        } catch {
          return
        }
        if (change.origin === this.origin) return
        for (const w of this.watchers) {
          try {
            w(change)
          } catch {
            // A watcher's failure must not stop the others.
          }
        }
      })
      c.on('error', () => {
        // The listening connection dropped: later watchers reconnect.
        if (this.listener === c) this.listener = null
      })
      await c.query(`LISTEN ${CHANGE_CHANNEL}`)
    }
    return () => {
      this.watchers.delete(listener)
    }
  }

  // ---- row helpers ---------------------------------------------------------------------------------------------------

  protected async uniqueName<T>(name: string, write: () => Promise<T>): Promise<T> {
    try {
      return await write()
    } catch (e) {
      if (isUniqueViolation(e)) throw new DuplicateNameError('environment', name)
      throw e
    }
  }

  protected async catalogSummary(row: CatalogRow): Promise<CatalogSummary> {
    const [count, missing] = await Promise.all([
      this.pluck<number | string>('SELECT count(*) FROM catalog_test WHERE catalog_id = ? AND retired_at IS NULL', [row.id]),
      this.pluck<string>('SELECT file FROM catalog_test WHERE catalog_id = ? AND retired_at IS NULL AND kernel_present = 0 ORDER BY position', [row.id]),
    ])
    return summaryOfCounts(row, Number(count[0] ?? 0), missing)
  }

  protected async runRow(runId: number, c: Queryable = this.pool): Promise<RunRow> {
    const row = await this.get<RunRow>(
      'SELECT run.*, catalog.name AS catalog_name FROM run JOIN catalog ON catalog.id = run.catalog_id WHERE run.id = ?',
      [runId],
      c,
    )
    if (!row) throw new NotFoundError('run', runId)
    return row
  }

  protected async runSummary(r: RunRow, c: Queryable = this.pool): Promise<RunSummary> {
    const verdicts: Partial<Record<Verdict, number>> = {}
    let done = 0
    for (const v of await this.all<{ verdict: Verdict; n: number }>('SELECT verdict, count(*) AS n FROM result WHERE run_id = ? GROUP BY verdict ORDER BY verdict', [r.id], c)) {
      verdicts[v.verdict] = v.n
      done += v.n
    }
    const envs = await this.pluck<string>(
      'SELECT e.name FROM environment e WHERE e.id IN (SELECT DISTINCT env_id FROM run_slot WHERE run_id = ?) ORDER BY e.name',
      [r.id],
      c,
    )
    const total = (await this.pluck<number>('SELECT count(*) FROM run_slot WHERE run_id = ?', [r.id], c))[0] ?? 0
    return {
      id: r.id,
      catalogId: r.catalog_id,
      catalogName: r.catalog_name,
      envs,
      state: r.state,
      who: r.who,
      host: r.owner_host,
      version: r.labcon_version,
      startedAt: r.started_at,
      finishedAt: r.finished_at,
      total,
      done,
      verdicts,
    }
  }

  /** Interned ids of subtest names (inserting new ones in `c`'s transaction); call rememberNames after COMMIT. */
  protected async nameIds(c: pg.PoolClient, list: readonly string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>()
    const missing: string[] = []
    for (const n of list) {
      const id = this.names.get(n)
      if (id !== undefined) out.set(n, id)
      else if (!out.has(n)) missing.push(n)
    }
    if (missing.length > 0) {
      // Sorted, so concurrent writers take the unique-index locks in one order (no deadlock).
      const sorted = [...new Set(missing)].sort()
      await c.query('INSERT INTO subtest_name (name) SELECT unnest($1::text[]) ON CONFLICT (name) DO NOTHING', [sorted])
      const rows = (await c.query('SELECT id, name FROM subtest_name WHERE name = ANY($1::text[])', [sorted])).rows as { id: number; name: string }[]
      // Not cached yet: another write of this process must not use an id its transaction has not committed.
      for (const r of rows) out.set(r.name, r.id)
    }
    return out
  }

  /** Caches name ids once the transaction that may have created them has committed. */
  protected rememberNames(ids: ReadonlyMap<string, number>): void {
    for (const [n, id] of ids) this.names.set(n, id)
  }

  protected async catalogLabel(catalogId: number): Promise<string> {
    const row = await this.get<CatalogRow>('SELECT * FROM catalog WHERE id = ?', [catalogId])
    if (!row) throw new NotFoundError('catalog', catalogId)
    return `${catalogId} ${row.name}`
  }

  protected async catalogTestNames(catalogId: number): Promise<string[]> {
    if (!(await this.get('SELECT id FROM catalog WHERE id = ?', [catalogId]))) throw new NotFoundError('catalog', catalogId)
    return this.pluck<string>('SELECT name FROM catalog_test WHERE catalog_id = ? AND retired_at IS NULL ORDER BY position', [catalogId])
  }

  protected async knownIssue(id: number): Promise<KnownIssue> {
    const row = await this.get<KnownIssueRow>(
      `SELECT k.id, k.test, k.subtest, e.name AS env, k.level, k.url, k.intermittent, k.note, k.author FROM known_issue k
       LEFT JOIN environment e ON e.id = k.env_id WHERE k.id = ?`,
      [id],
    )
    if (!row) throw new NotFoundError('known issue', id)
    return toKnownIssue(row)
  }

  protected async kiParams(input: KnownIssueInput): Promise<Record<string, unknown>> {
    if (!input.test) throw new RangeError('known issue: test name is empty')
    return {
      test: input.test,
      subtest: input.subtest,
      env_id: input.env === null ? null : (await this.envNamedAny(input.env)).id,
      level: input.level,
      url: input.url,
      intermittent: input.intermittent ? 1 : 0,
      note: input.note,
    }
  }

  /** The known issue that explains this result (subtests loaded only when an issue names a subtest). */
  protected async knownIssueFor(
    issues: readonly KnownIssue[],
    r: { test: string; env: string; level: string; verdict: Verdict },
    subtests: () => Promise<SubtestResult[]> | SubtestResult[],
  ): Promise<KnownIssue | null> {
    const candidates = issues.filter((k) => k.test === r.test)
    if (candidates.length === 0) return null
    const needsSubtests = candidates.some((k) => k.subtest !== null)
    return matchKnownIssue(candidates, { ...r, subtest: null, ...(needsSubtests ? { subtests: await subtests() } : {}) })
  }

  protected async subtestsOf(ids: readonly number[]): Promise<Map<number, SubtestResult[]>> {
    if (ids.length === 0) return new Map()
    const rows = await this.all<SubtestDbRow>(
      `SELECT st.result_id, st.status, n.name FROM subtest st JOIN subtest_name n ON n.id = st.name_id
       WHERE st.result_id = ANY(?::bigint[]) ORDER BY st.result_id, st.seq`,
      [ids],
    )
    return groupSubtests(rows)
  }

  protected async toResultRows(rows: ResultDbRow[], subtests: Map<number, SubtestResult[]>): Promise<ResultRow[]> {
    const issues = await this.listKnownIssues()
    const out: ResultRow[] = []
    for (const r of rows) {
      const subs = subtests.get(r.id) ?? []
      const verdict = r.verdict as Verdict
      out.push({
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
        knownIssue: await this.knownIssueFor(issues, { test: r.test, env: r.env, level: r.level, verdict }, () => subs),
      })
    }
    return out
  }

  protected async envNamed(name: string): Promise<Environment> {
    const env = await this.findEnvironment(name)
    if (!env) throw new NotFoundError('environment', name)
    return env
  }

  protected async envNamedAny(name: string): Promise<Environment> {
    const live = await this.findEnvironment(name)
    if (live) return live
    const row = await this.get<EnvRow>('SELECT * FROM environment WHERE name = ? ORDER BY id DESC LIMIT 1', [name])
    if (!row) throw new NotFoundError('environment', name)
    return toEnvironment(row)
  }
}
