// Write transactions shared by several processes on one database file (the app, the server, N `labcon run`s).
// A deferred transaction that reads and then writes cannot wait for another writer: SQLite answers SQLITE_BUSY at
// once, because waiting could deadlock (its read snapshot would be stale). BEGIN IMMEDIATE takes the write lock first,
// where busy_timeout waits; a writer still busy after that is retried here with a growing pause.
import type Database from 'better-sqlite3'

/** Attempts of one write transaction before SQLITE_BUSY is given up (each attempt also waits busy_timeout). */
export const WRITE_ATTEMPTS = 8

const pause = new Int32Array(new SharedArrayBuffer(4))

/** True for SQLITE_BUSY and its extended codes (SQLITE_BUSY_SNAPSHOT, SQLITE_BUSY_RECOVERY…) and SQLITE_LOCKED. */
export function isBusy(e: unknown): boolean {
  const code = (e as { code?: unknown }).code
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
}

/**
 * Runs `fn` in a BEGIN IMMEDIATE transaction, retrying on SQLITE_BUSY up to WRITE_ATTEMPTS times; `onRollback`
 * undoes in-memory caches filled by a rolled-back attempt. No `await` inside `fn` (better-sqlite3 is synchronous).
 */
export function writeTransaction<T>(db: Database.Database, fn: () => T, onRollback: () => void = () => {}): T {
  const tx = db.transaction(fn)
  for (let attempt = 1; ; attempt++) {
    try {
      return tx.immediate()
    } catch (e) {
      onRollback()
      if (!isBusy(e) || attempt >= WRITE_ATTEMPTS || db.inTransaction) throw e
      // Synchronous pause (better-sqlite3 is synchronous): 10, 20, 40 … ms plus jitter so writers do not collide again.
      Atomics.wait(pause, 0, 0, 10 * 2 ** (attempt - 1) + Math.random() * 10)
    }
  }
}
