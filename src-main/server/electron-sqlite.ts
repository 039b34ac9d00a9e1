// `npm start` with Electron present: makes the second better-sqlite3 addon, built for Electron's ABI, that the
// Electron main process selects (src-main/db/native-binding.ts). The package's own addon stays Node's, so the CLI and
// the tests keep working from the same checkout. A prebuilt addon is downloaded when one exists for this Electron
// (prebuild-install), else it is compiled against Electron's headers (node-gyp); both need the network once.
import { spawn } from 'node:child_process'
import { copyFileSync, cpSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { LabError } from '@core/domain/errors'
import { electronSqlitePath, installedSqliteVersion } from '../db/native-binding'

/** better-sqlite3 could not be built for Electron's ABI; names every step tried and why it failed. */
export class ElectronSqliteBuildError extends LabError {
  override name = 'ElectronSqliteBuildError'
  readonly kind = 'infra'
}

/** One step of the preparation: a node script and its arguments, run in the staging copy of better-sqlite3. */
export interface PrepareStep {
  what: string
  script: string
  args: string[]
}

/** The commands that build better-sqlite3 for `electron` in a staging copy (first that succeeds wins). */
export function electronSqliteSteps(root: string, electron: string, platform: string, arch: string): PrepareStep[] {
  const nm = join(root, 'node_modules')
  return [
    { what: 'prebuild-install', script: join(nm, 'prebuild-install', 'bin.js'), args: ['--runtime', 'electron', '--target', electron, '--platform', platform, '--arch', arch] },
    {
      what: 'node-gyp',
      script: join(nm, 'node-gyp', 'bin', 'node-gyp.js'),
      args: ['rebuild', '--release', '--runtime=electron', `--target=${electron}`, `--arch=${arch}`, '--dist-url=https://electronjs.org/headers'],
    },
  ]
}

/**
 * Makes sure the Electron build of better-sqlite3 exists; returns its path, or throws an Error naming what failed.
 * Says what it does on stderr (it runs once per Electron and better-sqlite3 version).
 */
export async function prepareElectronSqlite(root: string, electron: string): Promise<string> {
  const ctx = { root, electron, platform: process.platform, arch: process.arch, sqliteVersion: installedSqliteVersion(root) }
  const target = electronSqlitePath(ctx)
  if (existsSync(target)) return target
  const pkg = join(root, 'node_modules', 'better-sqlite3')
  const stage = join(dirname(target), '..', `stage-${process.pid}`)
  process.stderr.write(`labcon: preparing better-sqlite3 ${ctx.sqliteVersion} for Electron ${electron} (once)…\n`)
  const failures: string[] = []
  try {
    rmSync(stage, { recursive: true, force: true })
    cpSync(pkg, stage, { recursive: true, filter: (src) => !src.startsWith(join(pkg, 'build')) && !src.startsWith(join(pkg, 'node_modules')) })
    for (const step of electronSqliteSteps(root, electron, ctx.platform, ctx.arch)) {
      const failure = await runNode(step.script, step.args, stage)
      const built = join(stage, 'build', 'Release', 'better_sqlite3.node')
      if (failure === null && existsSync(built)) {
        mkdirSync(dirname(target), { recursive: true })
        copyFileSync(built, `${target}.tmp`)
        renameSync(`${target}.tmp`, target)
        return target
      }
      failures.push(`${step.what}: ${failure ?? 'no better_sqlite3.node produced'}`)
    }
  } finally {
    rmSync(stage, { recursive: true, force: true })
  }
  throw new ElectronSqliteBuildError(`could not build better-sqlite3 for Electron ${electron} (${failures.join('; ')})`)
}

/** Runs `node script args` in `cwd`; null on success, else the last line of its error output. */
function runNode(script: string, args: string[], cwd: string): Promise<string | null> {
  if (!existsSync(script)) return Promise.resolve(`${script} is not installed`)
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'] })
    let err = ''
    child.stderr.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-4000)))
    const timer = setTimeout(() => child.kill('SIGKILL'), 600_000)
    child.on('error', (e) => resolve(e.message))
    child.on('exit', (code, signal) => {
      clearTimeout(timer)
      const last = err.split('\n').filter((l) => l.trim() !== '').pop()
      resolve(code === 0 ? null : (last ?? `exited ${signal ? `on ${signal}` : `with ${code}`}`))
    })
  })
}
