// Which better-sqlite3 addon a process loads. Node uses the package's own build (npm ci builds it for Node's ABI).
// Electron has another ABI: from a source checkout it loads a second build made for its version by `npm start`
// (src-main/server/electron-sqlite.ts) and kept beside node_modules; a packaged app needs no choice, because
// electron-builder rebuilt the package's own addon for Electron (npmRebuild).
import { createRequire } from 'node:module'
import { join } from 'node:path'

/** What decides the addon: the running runtime and where the checkout keeps the Electron build. */
export interface BindingContext {
  /** process.versions.electron (undefined in Node). */
  electron: string | undefined
  platform: string
  arch: string
  /** Version of the installed better-sqlite3 package (a new version needs a new build). */
  sqliteVersion: string
  /** The repository (or unpacked app) root holding node_modules. */
  root: string
  /** A packaged app: its better-sqlite3 was rebuilt for Electron in place. */
  packaged: boolean
}

/** Where the Electron build of better-sqlite3 for this Electron version, platform and architecture lives. */
export function electronSqlitePath(c: Omit<BindingContext, 'packaged'> & { electron: string }): string {
  return join(c.root, 'node_modules', '.cache', 'labcon', `better-sqlite3-${c.sqliteVersion}-electron-${c.electron}-${c.platform}-${c.arch}`, 'better_sqlite3.node')
}

/**
 * The `nativeBinding` option for better-sqlite3: undefined means the package's own addon (Node, or a packaged app);
 * in Electron from a source checkout, the prepared Electron build, or an Error saying how to make it.
 */
export function sqliteNativeBinding(c: BindingContext, exists: (path: string) => boolean): string | undefined | Error {
  if (c.electron === undefined || c.packaged) return undefined
  const path = electronSqlitePath({ ...c, electron: c.electron })
  if (exists(path)) return path
  return new Error(`better-sqlite3 has no build for Electron ${c.electron} (${c.platform}-${c.arch}) at ${path}: start the app with 'npm start', which prepares it`)
}

/** Version of the better-sqlite3 package installed under `root`. */
export function installedSqliteVersion(root: string): string {
  const pkg = createRequire(join(root, 'package.json'))('better-sqlite3/package.json') as { version: string }
  return pkg.version
}
