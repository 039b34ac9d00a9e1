// Moving a lab between engines and checking a database: `labcon db copy <from> <to>` copies every table row for row
// (ids kept, so links, URLs and exports stay valid) into an empty database of either engine and compares row counts;
// `labcon db check` reports the schema version, table sizes and integrity problems. Both open the locations through
// openStoreAt first, so each side is created/migrated to the current schema, then work at the table level.
import Database from 'better-sqlite3'
import type pg from 'pg'
import { resolve } from 'node:path'
import { LabError } from '@core/domain/errors'
import { SCHEMA_VERSION } from './migrate'
import { openStoreAt, type OpenStoreAtOptions } from './open-store'
import { createPool, isPostgresUrl, parsePgUrl, redactUrl } from './pg/connect'
import { pgSchemaVersion } from './pg/migrate'

/** Every table, parents before children (the order rows are copied in), with its key for paging. */
export const TABLES = [
  { name: 'environment', key: ['id'] },
  { name: 'catalog', key: ['id'] },
  { name: 'catalog_test', key: ['id'] },
  { name: 'run', key: ['id'] },
  { name: 'run_slot', key: ['id'] },
  { name: 'result', key: ['id'] },
  { name: 'subtest_name', key: ['id'] },
  { name: 'subtest', key: ['result_id', 'seq'] },
  { name: 'log', key: ['result_id'] },
  { name: 'metric', key: ['result_id', 'seq'] },
  { name: 'known_issue', key: ['id'] },
] as const

/** A copy or check that cannot proceed (non-empty target, different schemas, counts that differ). */
export class DbCopyError extends LabError {
  override name = 'DbCopyError'
  readonly kind = 'conflict'
}

/** Table-level access to one database of either engine. */
interface RawDb {
  readonly display: string
  readonly engine: 'sqlite' | 'postgresql'
  version(): Promise<number>
  columns(table: string): Promise<string[]>
  count(table: string): Promise<number>
  /** The first column of the first row of a query without parameters, as a number. */
  scalar(sql: string): Promise<number>
  page(table: string, cols: string[], key: readonly string[], after: unknown[] | null, limit: number): Promise<unknown[][]>
  insert(table: string, cols: string[], rows: unknown[][]): Promise<void>
  /** Engine-specific checks; each problem is one line. */
  problems(): Promise<string[]>
  /** After a copy: identities continue after the copied ids. */
  finish(): Promise<void>
  close(): Promise<void>
}

const BATCH = 2000

function sqliteRaw(path: string, nativeBinding?: string): RawDb {
  const db = new Database(path, nativeBinding !== undefined ? { nativeBinding } : {})
  db.pragma('busy_timeout = 5000')
  db.pragma('foreign_keys = ON')
  const q = (t: string): string => `"${t}"`
  return {
    display: path,
    engine: 'sqlite',
    version: async () => db.pragma('user_version', { simple: true }) as number,
    columns: async (t) => (db.prepare(`PRAGMA table_info(${q(t)})`).all() as { name: string }[]).map((c) => c.name),
    count: async (t) => db.prepare(`SELECT count(*) FROM ${q(t)}`).pluck().get() as number,
    scalar: async (sql) => Number(db.prepare(sql).pluck().get()),
    page: async (t, cols, key, after, limit) => {
      const where = after ? `WHERE (${key.join(', ')}) > (${key.map(() => '?').join(', ')})` : ''
      return db
        .prepare(`SELECT ${cols.map(q).join(', ')} FROM ${q(t)} ${where} ORDER BY ${key.join(', ')} LIMIT ?`)
        .raw()
        .all(...(after ?? []), limit) as unknown[][]
    },
    insert: async (t, cols, rows) => {
      const st = db.prepare(`INSERT INTO ${q(t)} (${cols.map(q).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`)
      db.transaction(() => rows.forEach((r) => st.run(...r)))()
    },
    problems: async () => {
      const out: string[] = []
      const integrity = db.pragma('integrity_check') as { integrity_check: string }[]
      for (const r of integrity) if (r.integrity_check !== 'ok') out.push(`integrity: ${r.integrity_check}`)
      for (const r of db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[]) {
        out.push(`foreign key: ${r.table} row ${r.rowid} points to a missing ${r.parent}`)
      }
      return out
    },
    finish: async () => {},
    close: async () => {
      db.close()
    },
  }
}

const first = (r: pg.QueryResult): number => Number((r.rows as unknown[][])[0]?.[0] ?? 0)

function pgRaw(url: string, opts: OpenStoreAtOptions): RawDb {
  const target = parsePgUrl(url, opts.env ?? process.env)
  const pool: pg.Pool = createPool(target, { ...(opts.env ? { env: opts.env } : {}), ...(opts.secret ? { secret: opts.secret } : {}), max: 1 })
  pool.on('error', () => {})
  const q = (t: string): string => `"${t}"`
  return {
    display: target.display,
    engine: 'postgresql',
    version: () => pgSchemaVersion(pool),
    columns: async (t) =>
      (
        await pool.query(`SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`, [t])
      ).rows.map((r: { column_name: string }) => r.column_name),
    count: async (t) => first(await pool.query({ text: `SELECT count(*) FROM ${q(t)}`, rowMode: 'array' })),
    scalar: async (sql) => first(await pool.query({ text: sql, rowMode: 'array' })),
    page: async (t, cols, key, after, limit) => {
      const where = after ? `WHERE (${key.join(', ')}) > (${key.map((_, i) => `$${i + 1}`).join(', ')})` : ''
      const r = await pool.query({
        text: `SELECT ${cols.map(q).join(', ')} FROM ${q(t)} ${where} ORDER BY ${key.join(', ')} LIMIT ${limit}`,
        values: after ?? [],
        rowMode: 'array',
      })
      return r.rows as unknown[][]
    },
    insert: async (t, cols, rows) => {
      // At most ~30,000 parameters per statement (the protocol allows 65,535).
      const per = Math.max(1, Math.floor(30_000 / cols.length))
      for (let i = 0; i < rows.length; i += per) {
        const chunk = rows.slice(i, i + per)
        const values = chunk.map((_, r) => `(${cols.map((_, c) => `$${r * cols.length + c + 1}`).join(', ')})`).join(', ')
        await pool.query(`INSERT INTO ${q(t)} (${cols.map(q).join(', ')}) VALUES ${values}`, chunk.flat())
      }
    },
    problems: async () => {
      // PostgreSQL enforces keys and checks itself; what remains are the store's own invariants (below, both engines).
      return []
    },
    finish: async () => {
      for (const t of TABLES) {
        if (t.key[0] !== 'id' || t.key.length !== 1) continue
        await pool.query(`SELECT setval(pg_get_serial_sequence('${t.name}', 'id'), GREATEST((SELECT max(id) FROM ${q(t.name)}), 1), (SELECT max(id) FROM ${q(t.name)}) IS NOT NULL)`)
      }
    },
    close: () => pool.end(),
  }
}

async function openRaw(location: string, opts: OpenStoreAtOptions): Promise<RawDb> {
  // Opening the store creates or migrates the schema (and refuses a foreign file or a newer schema).
  const store = await openStoreAt(location, opts)
  await store.close()
  return isPostgresUrl(location) ? pgRaw(location, opts) : sqliteRaw(resolve(location), opts.nativeBinding)
}

/** Store invariants both engines must hold, as (description, SQL counting violations). */
const INVARIANTS: readonly [string, string][] = [
  ['results whose run differs from their slot\'s run', 'SELECT count(*) FROM result r JOIN run_slot s ON s.id = r.slot_id WHERE s.run_id <> r.run_id'],
  ['results without a console log', 'SELECT count(*) FROM result r LEFT JOIN log l ON l.result_id = r.id WHERE l.result_id IS NULL'],
  ['finished runs without a finish time', "SELECT count(*) FROM run WHERE state IN ('done', 'cancelled', 'interrupted') AND finished_at IS NULL"],
]

/** What `labcon db check` reports. */
export interface DbCheck {
  location: string
  engine: 'sqlite' | 'postgresql'
  schemaVersion: number
  supportedVersion: number
  tables: Record<string, number>
  problems: string[]
  ok: boolean
}

/** Opens (and migrates) a database, then reports its version, table sizes and every integrity problem found. */
export async function checkDb(location: string, opts: OpenStoreAtOptions = {}): Promise<DbCheck> {
  const db = await openRaw(location, opts)
  try {
    const tables: Record<string, number> = {}
    for (const t of TABLES) tables[t.name] = await db.count(t.name)
    const problems = await db.problems()
    for (const [what, sql] of INVARIANTS) {
      const n = await db.scalar(sql)
      if (n > 0) problems.push(`${n} ${what}`)
    }
    const schemaVersion = await db.version()
    return { location: db.display, engine: db.engine, schemaVersion, supportedVersion: SCHEMA_VERSION, tables, problems, ok: problems.length === 0 }
  } finally {
    await db.close()
  }
}

/** Per-table row counts of both sides after a copy (equal, or the copy throws). */
export interface DbCopyReport {
  from: string
  to: string
  tables: { table: string; from: number; to: number }[]
  rows: number
}

/** Copies every row of `from` into the empty database `to` (either engine each); throws DbCopyError on any mismatch. */
export async function copyDb(from: string, to: string, opts: OpenStoreAtOptions = {}, onProgress: (table: string, rows: number) => void = () => {}): Promise<DbCopyReport> {
  if (from === to) throw new DbCopyError(`db copy: source and target are the same (${redactUrl(from)})`)
  const src = await openRaw(from, opts)
  let dst: RawDb | null = null
  try {
    dst = await openRaw(to, opts)
    const [vs, vd] = [await src.version(), await dst.version()]
    if (vs !== vd) throw new DbCopyError(`db copy: ${src.display} has schema ${vs} but ${dst.display} has ${vd}`)
    for (const t of TABLES) {
      const n = await dst.count(t.name)
      if (n > 0) throw new DbCopyError(`db copy: target ${dst.display} is not empty (table ${t.name} has ${n} rows); copy into a new database`)
    }
    const tables: DbCopyReport['tables'] = []
    let total = 0
    for (const t of TABLES) {
      const cols = await src.columns(t.name)
      const dcols = new Set(await dst.columns(t.name))
      const missing = cols.filter((c) => !dcols.has(c))
      if (missing.length > 0 || dcols.size !== cols.length) {
        throw new DbCopyError(`db copy: table ${t.name} differs between ${src.display} and ${dst.display} (columns ${missing.join(', ') || 'extra in target'})`)
      }
      const keyIdx = t.key.map((k) => cols.indexOf(k))
      let after: unknown[] | null = null
      let copied = 0
      for (;;) {
        const rows = await src.page(t.name, cols, t.key, after, BATCH)
        if (rows.length === 0) break
        await dst.insert(t.name, cols, rows)
        copied += rows.length
        const last = rows[rows.length - 1] as unknown[]
        after = keyIdx.map((i) => last[i])
        onProgress(t.name, copied)
      }
      total += copied
      tables.push({ table: t.name, from: await src.count(t.name), to: await dst.count(t.name) })
    }
    await dst.finish()
    const bad = tables.filter((t) => t.from !== t.to)
    if (bad.length > 0) throw new DbCopyError(`db copy: row counts differ after the copy: ${bad.map((b) => `${b.table} ${b.from} → ${b.to}`).join(', ')}`)
    return { from: src.display, to: dst.display, tables, rows: total }
  } finally {
    await src.close()
    await dst?.close()
  }
}
