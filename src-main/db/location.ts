// Where the result store lives: the one place that reads LABCON_DB. Composition roots (CLI, Electron main, server
// start) call dbLocation and pass the result down. Light on purpose: no SQLite or PostgreSQL driver is loaded here.
import { mkdirSync } from 'node:fs'
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'

const APP_DIR = 's390-lab-console'

/** True when a --db / LABCON_DB value names a PostgreSQL database rather than an SQLite file. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location)
}

/**
 * The database of this process: `given` (--db), else $LABCON_DB, else the default SQLite file in the user data
 * directory. A postgresql:// URL is returned as given; a file path absolute.
 */
export function dbLocation(given?: string, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = given || env['LABCON_DB'] || defaultDbPath(env)
  return isPostgresUrl(chosen) ? chosen : resolve(chosen)
}

/** Where Electron's userData would be (`~/.config/s390-lab-console/lab.sqlite` on Linux); creates the directory. */
export function defaultDbPath(env: NodeJS.ProcessEnv = process.env): string {
  const dir = join(userConfigDir(env), APP_DIR)
  // Owner only: results and environment configs (hosts, user ids) are nobody else's business on a shared machine.
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  return join(dir, 'lab.sqlite')
}

function userConfigDir(env: NodeJS.ProcessEnv): string {
  const home = homedir()
  switch (process.platform) {
    case 'darwin':
      return join(home, 'Library', 'Application Support')
    case 'win32':
      return env['APPDATA'] || join(home, 'AppData', 'Roaming')
    default:
      return env['XDG_CONFIG_HOME'] || join(home, '.config')
  }
}
