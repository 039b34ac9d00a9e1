// PostgreSQL implementation of the Store (the team lab's shared database), composed like SqliteStore of one part per
// concern under db/pg/: shared state, leases and LISTEN/NOTIFY (base), writes, read queries. `openPgStore` connects,
// migrates and recovers runs whose lease expired.
import type { Store } from './store'
import { SCHEMA_VERSION } from './migrate'
import { StoreVersionError } from './errors'
import { createPool, openError, parsePgUrl, type PgSecretLookup } from './pg/connect'
import { migratePg, pgSchemaVersion } from './pg/migrate'
import { PgQueries } from './pg/queries'

/** The Store on a PostgreSQL database; `path` is the URL without its password. */
export class PgStore extends PgQueries implements Store {}

/** Options of openPgStore: the keychain lookup for the password, and the environment (PGPASSWORD). */
export interface OpenPgOptions {
  secret?: PgSecretLookup
  env?: NodeJS.ProcessEnv
  /** Pool size (default 4). */
  connections?: number
  /** Run lease length in ms (default LEASE_MS, 30 s): a dead client's run is marked interrupted this long after. */
  leaseMs?: number
}

/**
 * Connects to `url`, migrates the schema (under an advisory lock) and marks runs whose lease expired as interrupted.
 * Throws StoreOpenError (URL redacted) when it cannot connect, StoreVersionError for a newer schema.
 */
export async function openPgStore(url: string, opts: OpenPgOptions = {}): Promise<PgStore> {
  const env = opts.env ?? process.env
  const target = parsePgUrl(url, env)
  const pool = createPool(target, { env, ...(opts.secret ? { secret: opts.secret } : {}), ...(opts.connections ? { max: opts.connections } : {}) })
  // An idle client's network error must not crash the process; the next query reports it.
  pool.on('error', () => {})
  try {
    let version: number
    try {
      version = await pgSchemaVersion(pool)
    } catch (e) {
      throw openError(target, e, env)
    }
    if (version > SCHEMA_VERSION) throw new StoreVersionError(target.display, version, SCHEMA_VERSION)
    await migratePg(pool)
    const store = new PgStore(pool, target.display, opts.leaseMs)
    store.recoveredRuns = await store.recoverInterrupted()
    store.startLeases()
    return store
  } catch (e) {
    await pool.end().catch(() => {})
    throw e
  }
}
