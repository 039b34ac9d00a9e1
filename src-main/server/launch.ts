// `labcon start` / `npm start`: the Electron app when Electron's binary is installed, otherwise the same UI and API
// served on 127.0.0.1 by the HTTP transport. Both run the one LabService implementation.
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { hostname } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { dbLocation } from '../db/location'
import { openStoreAt } from '../db/open-store'
import { LabError } from '@core/domain/errors'
import { createLabService } from '../service/lab-service'
import { serviceOptionsFromEnv } from '../service/process-env'
import { bundledCatalogDir, ensureBundledCatalog } from './bundled-catalog'
import { prepareElectronSqlite } from './electron-sqlite'
import { startLabServer } from './http-server'

/** Repository (or unpacked app) root: package.json, out/, resources/. */
export const APP_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

/** Default port of the server mode. */
export const DEFAULT_PORT = 5390

/** Options of startConsole; electron: false forces server mode, true fails when the binary is missing. */
export interface ConsoleOptions {
  dbPath?: string
  port?: number
  host?: string
  electron?: boolean
  /** Server mode's API token (default: a new random one per start); a restart that keeps it keeps open pages working. */
  token?: string
  /** Where `npm start` remembers that Electron could not be downloaded (default node_modules/.cache/labcon). */
  stateDir?: string
}

/** Default directory of the start-up state (per checkout: a new `npm ci` forgets it). */
export const DEFAULT_STATE_DIR = join(APP_ROOT, 'node_modules', '.cache', 'labcon')

/** A remembered failed Electron download: when and why. */
export interface ElectronUnavailable {
  at: string
  reason: string
}

const markerPath = (stateDir: string): string => join(stateDir, 'electron-unavailable.json')

/** The remembered failed download, or null when none is recorded (or the record is unreadable). */
export function electronUnavailable(stateDir: string = DEFAULT_STATE_DIR): ElectronUnavailable | null {
  try {
    const v = JSON.parse(readFileSync(markerPath(stateDir), 'utf8')) as Partial<ElectronUnavailable>
    return typeof v.at === 'string' && typeof v.reason === 'string' ? { at: v.at, reason: v.reason } : null
  } catch {
    return null
  }
}

function rememberUnavailable(stateDir: string, reason: string): void {
  mkdirSync(stateDir, { recursive: true })
  writeFileSync(markerPath(stateDir), `${JSON.stringify({ at: new Date().toISOString(), reason })}\n`)
}

/** Electron's version from its npm package (the binary it downloads has the same version). */
function electronVersion(): string {
  return (createRequire(join(APP_ROOT, 'package.json'))('electron/package.json') as { version: string }).version
}

/** A started console: the URL (server mode) or null (Electron), and a promise settled when it stops. */
export interface ConsoleHandle {
  mode: 'electron' | 'server'
  url: string | null
  close(): Promise<void>
  done: Promise<void>
}

/** The database of the console: LABCON_DB, else the store's default in the user data directory (same as the CLI). */
export function consoleDbPath(): string {
  return dbLocation()
}

/** Path of Electron's binary if it is installed (npm's electron package resolves to it), else null. */
export function electronBinary(): string | null {
  try {
    const p = createRequire(join(APP_ROOT, 'package.json'))('electron') as unknown
    return typeof p === 'string' && existsSync(p) ? p : null
  } catch {
    return null
  }
}

/**
 * Downloads Electron's binary when the package was installed without it (`ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci`),
 * so one install command works on machines with and without access to Electron's download server. Skipped in CI and
 * when ELECTRON_SKIP_BINARY_DOWNLOAD is set for this process; any failure just means server mode.
 */
export async function fetchElectronBinary(stateDir: string = DEFAULT_STATE_DIR): Promise<string | null> {
  if (process.env.CI || process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) return null
  const installer = join(APP_ROOT, 'node_modules', 'electron', 'install.js')
  if (!existsSync(installer)) return null
  process.stderr.write("labcon: Electron's binary is not installed; downloading it…\n")
  const failure = await new Promise<string | null>((resolve) => {
    const child = spawn(process.execPath, [installer], { cwd: APP_ROOT, stdio: ['ignore', 'ignore', 'pipe'] })
    let err = ''
    child.stderr.on('data', (d: Buffer) => (err += d.toString()))
    const timer = setTimeout(() => child.kill('SIGKILL'), 180_000)
    child.on('error', (e) => resolve(e.message))
    child.on('exit', (code, signal) => {
      clearTimeout(timer)
      resolve(code === 0 ? null : (err.split('\n').find((l) => l.trim() !== '') ?? `installer ${signal ? `killed by ${signal}` : `exited with ${code}`}`))
    })
  })
  if (failure !== null) {
    rememberUnavailable(stateDir, failure.trim())
    process.stderr.write(
      `labcon: could not download Electron (${failure.trim()}); serving the console to a browser instead (later starts do so at once; 'labcon start --electron' tries again)\n`,
    )
    return null
  }
  return electronBinary()
}

/** Sources of each electron-vite output (absent in a packaged app): the renderer alone, or the whole Electron app. */
export const RENDERER_SOURCES = ['src-renderer', 'src-core/api', 'src-core/domain', 'electron.vite.config.ts']
const APP_SOURCES = ['src-renderer', 'src-main', 'src-core', 'electron.vite.config.ts']

/** Newest modification time (ms) of the files under `paths` (0 when there are none). */
function newestMtime(paths: string[]): number {
  let newest = 0
  const visit = (p: string): void => {
    let st
    try {
      st = statSync(p)
    } catch {
      return
    }
    if (st.isDirectory()) for (const e of readdirSync(p)) visit(join(p, e))
    else newest = Math.max(newest, st.mtimeMs)
  }
  for (const p of paths) visit(join(APP_ROOT, p))
  return newest
}

/** The console could not be started: a build step failed, or Electron is missing when `--electron` insists on it. */
export class ConsoleStartError extends LabError {
  override name = 'ConsoleStartError'
  readonly kind = 'infra'
}

/** Builds main, preload and renderer into out/ with electron-vite when `need` is missing or older than the sources. */
export async function ensureBuilt(need: string, sources: string[]): Promise<void> {
  const target = join(APP_ROOT, need)
  if (existsSync(target) && statSync(target).mtimeMs >= newestMtime(sources)) return
  process.stderr.write(`labcon: building the console (electron-vite build: ${existsSync(target) ? 'the sources changed' : `${need} is missing`})…\n`)
  const cli = join(APP_ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js')
  await run(process.execPath, [cli, 'build'], { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' })
  if (!existsSync(join(APP_ROOT, need))) throw new ConsoleStartError(`electron-vite build did not produce ${need}`)
}

/**
 * The Electron binary to start, ready to open the store, or null for server mode. Downloads a missing binary once:
 * a failure is remembered and later starts go to server mode at once, unless `--electron` asks again. Prepares
 * better-sqlite3 for Electron's ABI. With `--electron` (opts.electron true) every failure is an error.
 */
async function findElectron(opts: ConsoleOptions): Promise<string | null> {
  const stateDir = opts.stateDir ?? DEFAULT_STATE_DIR
  const forced = opts.electron === true
  let binary = electronBinary()
  if (!binary) {
    const known = forced ? null : electronUnavailable(stateDir)
    if (known) {
      process.stderr.write(`labcon: Electron could not be downloaded (${known.at}: ${known.reason}); serving the console to a browser ('labcon start --electron' tries again)\n`)
      return null
    }
    binary = await fetchElectronBinary(stateDir)
    if (!binary) {
      if (forced) throw new ConsoleStartError(`Electron's binary is not installed and could not be downloaded${process.env.CI || process.env.ELECTRON_SKIP_BINARY_DOWNLOAD ? ' (CI or ELECTRON_SKIP_BINARY_DOWNLOAD is set)' : ''}: run 'labcon start --browser' for the browser UI`)
      return null
    }
  }
  try {
    await prepareElectronSqlite(APP_ROOT, electronVersion())
  } catch (e) {
    if (forced) throw e
    process.stderr.write(`labcon: ${(e as Error).message}; serving the console to a browser instead\n`)
    return null
  }
  return binary
}

/** Starts the console and prints `s390 Lab Console: <url>` in server mode. */
export async function startConsole(opts: ConsoleOptions = {}): Promise<ConsoleHandle> {
  const dbPath = opts.dbPath ?? consoleDbPath()
  const binary = opts.electron === false ? null : await findElectron(opts)
  if (binary) {
    await ensureBuilt('out/main/index.js', APP_SOURCES)
    const child = spawn(binary, [APP_ROOT], { stdio: 'inherit', env: { ...process.env, LABCON_DB: dbPath } })
    const done = new Promise<void>((resolve) => child.on('exit', () => resolve()))
    return {
      mode: 'electron',
      url: null,
      done,
      close: async () => {
        child.kill('SIGTERM')
        await done
      },
    }
  }
  await ensureBuilt('out/renderer/index.html', RENDERER_SOURCES)
  const service = createLabService({ ...serviceOptionsFromEnv(process.env), store: await openStoreAt(dbPath), dbPath })
  await ensureBundledCatalog(service, bundledCatalogDir(APP_ROOT)).catch((e: unknown) => process.stderr.write(`labcon: bundled catalog not imported: ${(e as Error).message}\n`))
  const serverOpts = { api: service, rendererDir: join(APP_ROOT, 'out', 'renderer'), host: opts.host, ...(opts.token !== undefined ? { token: opts.token } : {}) }
  // The default port is stable for bookmarks; when it is taken, any free port will do.
  const server = await startLabServer({ ...serverOpts, port: opts.port ?? DEFAULT_PORT }).catch(async (e: NodeJS.ErrnoException) => {
    if (opts.port === undefined && e.code === 'EADDRINUSE') return startLabServer({ ...serverOpts, port: 0 })
    await service.close()
    throw e
  })
  // Bound to every interface: print a name other machines can reach.
  const shown = /^http:\/\/(0\.0\.0\.0|\[::\])(?=:)/.test(server.url) ? server.url.replace(/^http:\/\/[^/]+?(?=:\d+\/)/, `http://${hostname()}`) : server.url
  process.stdout.write(`s390 Lab Console: ${shown}\n`)
  let resolveDone!: () => void
  const done = new Promise<void>((r) => (resolveDone = r))
  let closing: Promise<void> | null = null
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      process.off('SIGINT', onSignal)
      process.off('SIGTERM', onSignal)
      await server.close()
      await service.close()
      resolveDone()
    })())
  const onSignal = (): void => void close()
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  return { mode: 'server', url: shown, close, done }
}

function run(cmd: string, args: string[], env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    // The child's stdout goes to our stderr: stdout carries only the console URL.
    const child = spawn(cmd, args, { cwd: APP_ROOT, stdio: ['ignore', process.stderr, 'inherit'], env: { ...process.env, ...env } })
    child.on('error', reject)
    child.on('exit', (code, signal) => {
      if (code === 0) resolve()
      else reject(new ConsoleStartError(`${cmd} ${args.join(' ')} ${signal ? `killed by ${signal}` : `exited with ${code}`}`))
    })
  })
}
