// The SQLite store behind the asynchronous Store contract: better-sqlite3 stays synchronous underneath (each write one
// short transaction, no await inside it); every method's value or error arrives as a settled Promise.
import type { Store, SyncStore } from './store'

/** Wraps a synchronous store so that it satisfies the asynchronous contract (errors become rejections). */
export function asyncStore(sync: SyncStore): Store {
  const out: Record<string, unknown> = {}
  const proto = Object.getPrototypeOf(sync) as object
  const names = new Set<string>()
  for (let p: object | null = proto; p && p !== Object.prototype; p = Object.getPrototypeOf(p) as object | null) {
    for (const n of Object.getOwnPropertyNames(p)) if (n !== 'constructor') names.add(n)
  }
  for (const n of names) {
    const fn = (sync as unknown as Record<string, unknown>)[n]
    if (typeof fn !== 'function') continue
    out[n] = (...args: unknown[]): Promise<unknown> => {
      try {
        return Promise.resolve((fn as (...a: unknown[]) => unknown).apply(sync, args))
      } catch (e) {
        return Promise.reject(e as Error)
      }
    }
  }
  Object.defineProperty(out, 'path', { get: () => sync.path, enumerable: true })
  Object.defineProperty(out, 'recoveredRuns', { get: () => sync.recoveredRuns, enumerable: true })
  return out as unknown as Store
}
