// Schema migrations by `PRAGMA user_version`: each version is one file in ./migrations, applied in its own transaction.
import type Database from 'better-sqlite3'
import { MIGRATIONS } from './migrations/index'
import { writeTransaction } from './write-lock'

/** One schema step. `up` runs in one transaction with the user_version bump: it applies fully or not at all. */
export interface Migration {
  version: number
  name: string
  up(db: Database.Database): void
  /** The same step on PostgreSQL (run in one transaction with the version bump by db/pg/migrate.ts). */
  postgres: string
}

/** The schema version this code writes. */
export const SCHEMA_VERSION: number = MIGRATIONS.length

/** Applies every migration above the database's user_version (up to `target`); returns the versions applied. */
export function migrate(
  db: Database.Database,
  target: number = SCHEMA_VERSION,
  migrations: readonly Migration[] = MIGRATIONS,
): number[] {
  const applied: number[] = []
  for (const m of migrations) {
    if (m.version > target) break
    const current = db.pragma('user_version', { simple: true }) as number
    if (m.version <= current) continue
    if (m.version !== current + 1) {
      throw new Error(`migration ${m.version}-${m.name} cannot follow schema version ${current}`)
    }
    // Two processes may open a fresh file at once: take the write lock, then check again that this step is still due.
    const ran = writeTransaction(db, () => {
      if ((db.pragma('user_version', { simple: true }) as number) >= m.version) return false
      m.up(db)
      db.pragma(`user_version = ${m.version}`)
      return true
    })
    if (ran) applied.push(m.version)
  }
  return applied
}
