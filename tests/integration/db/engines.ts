// Runs a store test suite on both engines: SQLite (a temp file) and PostgreSQL (a throw-away cluster, one per test
// file, a fresh database per test). Without the PostgreSQL binaries the PostgreSQL variant is skipped with the reason
// printed; CI installs them (.ci/run), so there it always runs.
import { afterAll, afterEach, beforeAll, beforeEach, describe } from 'vitest'
import { asyncStore } from '@main/db/async-store'
import { openStore } from '@main/db/open-store'
import { openPgStore } from '@main/db/pg-store'
import type { Store } from '@main/db/store'
import { tempDir } from './helpers'
import { PG_SKIP_REASON, startPgCluster, type PgCluster } from './pg-cluster'

export type Engine = 'sqlite' | 'postgresql'
export const ENGINES: readonly Engine[] = ['sqlite', 'postgresql']

/** The store of the running test, its location (file or URL), and how to open a second connection to it. */
export interface StoreContext {
  engine: Engine
  store: Store
  location: string
  /** Opens another store on the same database (another process's view). */
  open(): Promise<Store>
  /** Environment for child processes (PGPASSWORD for PostgreSQL). */
  env: Record<string, string>
}

/** Opens a store at a location of either engine (a file path or a postgresql:// URL). */
export async function openAt(location: string, env: Record<string, string> = {}): Promise<Store> {
  if (location.startsWith('postgresql://')) return openPgStore(location, { env: { ...process.env, ...env } })
  return asyncStore(openStore(location))
}

/** Shared per-file PostgreSQL cluster (started lazily by the first PostgreSQL suite of the file). */
let cluster: PgCluster | null = null
let users = 0

/** A fresh empty database of `engine` for a test: its location and the environment to reach it, plus cleanup. */
export async function freshDatabase(engine: Engine): Promise<{ location: string; env: Record<string, string>; cleanup: () => void }> {
  if (engine === 'sqlite') {
    const t = tempDir()
    return { location: t.db, env: {}, cleanup: t.cleanup }
  }
  if (!cluster) throw new Error('PostgreSQL cluster not started (call describeEngines)')
  return { location: await cluster.createDb(), env: { PGPASSWORD: cluster.password }, cleanup: () => {} }
}

/** Declares `suite` once per engine; `ctx()` is the current test's store context. */
export function describeEngines(name: string, suite: (ctx: () => StoreContext, engine: Engine) => void): void {
  for (const engine of ENGINES) {
    const skip = engine === 'postgresql' ? PG_SKIP_REASON : null
    if (skip) console.warn(`[${name}] PostgreSQL variant skipped: ${skip}`)
    describe.skipIf(skip !== null)(`${name} [${engine}]`, () => {
      let current: StoreContext | null = null
      let cleanup = (): void => {}
      if (engine === 'postgresql') {
        beforeAll(async () => {
          users++
          cluster ??= await startPgCluster()
        })
        afterAll(() => {
          if (--users === 0 && cluster) {
            cluster.stop()
            cluster = null
          }
        })
      }
      beforeEach(async () => {
        const db = await freshDatabase(engine)
        cleanup = db.cleanup
        current = { engine, location: db.location, env: db.env, store: await openAt(db.location, db.env), open: () => openAt(db.location, db.env) }
      })
      afterEach(async () => {
        await current?.store.close()
        current = null
        cleanup()
      })
      suite(() => {
        if (!current) throw new Error('no store outside a test')
        return current
      }, engine)
    })
  }
}
