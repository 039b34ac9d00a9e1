// Schema migrations on PostgreSQL: the same versions as SQLite (db/migrations, each step's `postgres` SQL), the version
// in table labcon_schema. Each step runs in its own transaction under an advisory lock, so consoles and CI jobs opening
// a fresh database at once apply every step exactly once.
import type pg from 'pg'
import type { Migration } from '../migrate'
import { SCHEMA_VERSION } from '../migrate'
import { MIGRATIONS } from '../migrations/index'

/** Arbitrary constant naming our advisory lock (pg_advisory_xact_lock key). */
const MIGRATION_LOCK = 0x1ab_c0de

/** The database's schema version (0 for an empty database). */
export async function pgSchemaVersion(c: pg.Pool | pg.PoolClient): Promise<number> {
  const exists = await c.query(`SELECT to_regclass('labcon_schema') IS NOT NULL AS ok`)
  if (!(exists.rows[0] as { ok: boolean }).ok) return 0
  const r = await c.query('SELECT version FROM labcon_schema')
  return (r.rows[0] as { version: number } | undefined)?.version ?? 0
}

/** Applies every migration above the database's version (up to `target`); returns the versions applied. */
export async function migratePg(pool: pg.Pool, target: number = SCHEMA_VERSION, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  const applied: number[] = []
  const c = await pool.connect()
  try {
    for (const m of migrations) {
      if (m.version > target) break
      await c.query('BEGIN')
      try {
        await c.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK])
        await c.query('CREATE TABLE IF NOT EXISTS labcon_schema (version INTEGER NOT NULL)')
        const current = await pgSchemaVersion(c)
        if (m.version <= current) {
          await c.query('COMMIT')
          continue
        }
        if (m.version !== current + 1) throw new Error(`migration ${m.version}-${m.name} cannot follow schema version ${current}`)
        await c.query(m.postgres)
        await c.query('DELETE FROM labcon_schema')
        await c.query('INSERT INTO labcon_schema (version) VALUES ($1)', [m.version])
        await c.query('COMMIT')
        applied.push(m.version)
      } catch (e) {
        await c.query('ROLLBACK').catch(() => {})
        throw e
      }
    }
  } finally {
    c.release()
  }
  return applied
}
