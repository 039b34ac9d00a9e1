// A throw-away PostgreSQL cluster for tests and benches: initdb + pg_ctl in a temp directory, listening on 127.0.0.1
// on a free port, password (scram) authentication, removed by stop(). Debian's postgresql package provides the binaries;
// when they are absent `pgBinDir()` says so and the PostgreSQL variants skip with that reason (CI installs them).
import { execFileSync } from 'node:child_process'
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import pg from 'pg'

/** The directory holding initdb and pg_ctl (newest Debian version first, then PATH), or null when none is installed. */
export function pgBinDir(): string | null {
  const root = '/usr/lib/postgresql'
  if (existsSync(root)) {
    const versions = readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a))
    for (const v of versions) if (existsSync(join(root, v, 'bin', 'initdb'))) return join(root, v, 'bin')
  }
  for (const dir of (process.env['PATH'] ?? '').split(':')) if (dir && existsSync(join(dir, 'initdb'))) return dir
  return null
}

/** Why the PostgreSQL variants are skipped here (null: they run). Printed by the tests that skip. */
export const PG_SKIP_REASON: string | null = pgBinDir()
  ? null
  : 'PostgreSQL server binaries (initdb, pg_ctl) not found: install Debian package postgresql (.ci/run does)'

/** A running cluster: its superuser URL (with password), a fresh database per call of createDb, and stop(). */
export interface PgCluster {
  port: number
  /** `postgresql://labcon:<password>@127.0.0.1:<port>/postgres`. */
  adminUrl: string
  password: string
  /** Creates an empty database and returns its URL without the password (`postgresql://labcon@127.0.0.1:port/name`). */
  createDb(name?: string): Promise<string>
  stop(): void
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address()
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))))
    })
  })
}

/** initdb must not run as root: as root the cluster belongs to the `postgres` system user. */
function asOwner(bin: string, args: string[]): void {
  const root = process.getuid?.() === 0
  const [cmd, argv] = root ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args]
  execFileSync(cmd, argv, { stdio: 'pipe' })
}

let counter = 0

/** Starts a fresh cluster (a few seconds). Throws with the server log when it cannot start. */
export async function startPgCluster(): Promise<PgCluster> {
  const bin = pgBinDir()
  if (!bin) throw new Error(PG_SKIP_REASON ?? 'no PostgreSQL')
  const dir = mkdtempSync(join(tmpdir(), 'labcon-pg-'))
  const data = join(dir, 'data')
  const pwfile = join(dir, 'pw')
  const password = randomBytes(12).toString('hex')
  writeFileSync(pwfile, password, { mode: 0o600 })
  if (process.getuid?.() === 0) {
    const pgUid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim())
    const pgGid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim())
    chownSync(dir, pgUid, pgGid)
    chownSync(pwfile, pgUid, pgGid)
  }
  chmodSync(dir, 0o700)
  const port = await freePort()
  try {
    asOwner(join(bin, 'initdb'), ['-D', data, '-U', 'labcon', '--auth=scram-sha-256', `--pwfile=${pwfile}`, '-E', 'UTF8', '--no-sync', '--locale=C'])
    rmSync(pwfile)
    const opts = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c max_connections=200 -c shared_buffers=64MB`
    asOwner(join(bin, 'pg_ctl'), ['-D', data, '-o', opts, '-l', join(dir, 'log'), '-w', '-t', '60', 'start'])
  } catch (e) {
    let log = ''
    try {
      log = execFileSync('cat', [join(dir, 'log')]).toString()
    } catch {
      // no log yet
    }
    rmSync(dir, { recursive: true, force: true })
    throw new Error(`cannot start PostgreSQL: ${(e as Error).message}\n${log}`)
  }
  const adminUrl = `postgresql://labcon:${password}@127.0.0.1:${port}/postgres`
  return {
    port,
    adminUrl,
    password,
    async createDb(name?: string): Promise<string> {
      const db = name ?? `t${process.pid}_${++counter}`
      if (!/^[a-z_][a-z0-9_]*$/.test(db)) throw new Error(`bad database name '${db}'`)
      const c = new pg.Client({ connectionString: adminUrl })
      await c.connect()
      try {
        await c.query(`CREATE DATABASE ${db}`)
      } finally {
        await c.end()
      }
      return `postgresql://labcon@127.0.0.1:${port}/${db}`
    },
    stop(): void {
      try {
        asOwner(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop'])
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    },
  }
}
