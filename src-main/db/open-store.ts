// Opening the result store: file checks that never overwrite a foreign file, connection pragmas, migrations,
// crash recovery. `defaultDbPath()` is where the app and the CLI keep it unless `--db` says otherwise.
import Database from 'better-sqlite3'
import { closeSync, mkdirSync, openSync, readSync, statSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { StoreOpenError, StoreVersionError } from './errors'
import { SCHEMA_VERSION, migrate } from './migrate'
import { SqliteStore } from './sqlite-store'
import type { Store, SyncStore } from './store'
import { asyncStore } from './async-store'
import { isPostgresUrl } from './location'
import type { PgSecretLookup } from './pg/connect'
import { openPgStore } from './pg-store'

const SQLITE_MAGIC = 'SQLite format 3\0'

/** Kept here for existing importers; the implementation lives in ./location.ts. */
export { defaultDbPath } from './location'

/** Options of openStore: `nativeBinding` is the better-sqlite3 addon to load (Electron's build; see native-binding.ts). */
export interface OpenStoreOptions {
  nativeBinding?: string
}

/** Options of openStoreAt: SQLite's addon, PostgreSQL's keychain lookup and environment (PGPASSWORD). */
export interface OpenStoreAtOptions extends OpenStoreOptions {
  secret?: PgSecretLookup
  env?: NodeJS.ProcessEnv
}

/**
 * Opens the store a `--db` / LABCON_DB value names: a `postgresql://` URL (the team's shared database) or an SQLite
 * file path. Errors name the location with any password redacted.
 */
export async function openStoreAt(location: string, opts: OpenStoreAtOptions = {}): Promise<Store> {
  if (isPostgresUrl(location)) {
    return openPgStore(location, { ...(opts.secret ? { secret: opts.secret } : {}), ...(opts.env ? { env: opts.env } : {}) })
  }
  return asyncStore(openStore(location, opts.nativeBinding !== undefined ? { nativeBinding: opts.nativeBinding } : {}))
}

/**
 * Opens (creating if absent) the store at `path`, migrates it, and marks runs whose process died as interrupted.
 * Throws StoreOpenError for a file that is not an SQLite database or is corrupt, StoreVersionError for a newer
 * schema; in both cases the file is left untouched.
 */
export function openStore(path: string, opts: OpenStoreOptions = {}): SyncStore {
  const abs = resolve(path)
  checkHeader(abs)
  mkdirSync(dirname(abs), { recursive: true })
  let db: Database.Database
  try {
    db = new Database(abs, opts.nativeBinding !== undefined ? { nativeBinding: opts.nativeBinding } : {})
  } catch (e) {
    throw new StoreOpenError(abs, `cannot open: ${(e as Error).message}`)
  }
  try {
    let version: number
    try {
      version = db.pragma('user_version', { simple: true }) as number
      // Reads the schema pages: a damaged file fails here, before anything is written.
      db.prepare('SELECT count(*) FROM sqlite_schema').pluck().get()
    } catch (e) {
      throw new StoreOpenError(abs, `not a usable SQLite database (${(e as Error).message})`)
    }
    if (version > SCHEMA_VERSION) throw new StoreVersionError(abs, version, SCHEMA_VERSION)
    configure(db)
    migrate(db)
    return new SqliteStore(db, abs)
  } catch (e) {
    db.close()
    throw e
  }
}

/** Connection settings; each one is per connection, so every open sets them. */
function configure(db: Database.Database): void {
  // The app, the CLI and the server may share one file: wait for a writer instead of failing with SQLITE_BUSY.
  // First, so that switching a fresh file to WAL (an exclusive moment) waits too.
  db.pragma('busy_timeout = 5000')
  // WAL: the UI and server read while the run engine writes, and a crash mid-write never damages committed data.
  db.pragma('journal_mode = WAL')
  // SQLite ships with foreign keys off for compatibility; our slots/results/subtests rely on them.
  db.pragma('foreign_keys = ON')
  // In WAL mode NORMAL is still crash-safe (only the last commits may be lost on power failure) and avoids an
  // fsync per recorded result.
  db.pragma('synchronous = NORMAL')
}

/** Refuses a non-empty file that does not start with the SQLite header, without letting SQLite touch it. */
function checkHeader(path: string): void {
  let size: number
  try {
    const st = statSync(path)
    if (!st.isFile()) throw new StoreOpenError(path, 'not a regular file')
    size = st.size
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return
    throw e instanceof StoreOpenError ? e : new StoreOpenError(path, `cannot open: ${(e as Error).message}`)
  }
  if (size === 0) return
  const buf = Buffer.alloc(16)
  const fd = openSync(path, 'r')
  try {
    readSync(fd, buf, 0, 16, 0)
  } finally {
    closeSync(fd)
  }
  if (size < 100 || buf.toString('latin1') !== SQLITE_MAGIC) {
    throw new StoreOpenError(path, 'not an SQLite database (no SQLite header); refusing to use it as the result store')
  }
}
