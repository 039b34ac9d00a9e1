// PostgreSQL connections: parsing and checking a `postgresql://` URL, resolving its password without ever keeping it in
// plain text (URL → PGPASSWORD → keychain), redacting URLs for messages, and the pool with number-typed integers.
import pg from 'pg'
import { StoreOpenError } from '../errors'
import { redact } from '@main/targets/secrets'

export { isPostgresUrl } from '../location'

/** A URL with its password replaced by `***` (for every message, log line and `store.path`). */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url)
    if (u.password) u.password = '***'
    return u.toString()
  } catch {
    // Not parseable: hide everything between `//` and `@`, which is where credentials live.
    return url.replace(/\/\/[^@/]*@/, '//***@')
  }
}

/** Where a PostgreSQL store connects; `password` is absent when it comes from PGPASSWORD, the keychain or nowhere. */
export interface PgTarget {
  host: string
  port: number
  database: string
  user: string
  password?: string
  /** Extra query parameters (sslmode, application_name, …) passed to the driver as given. */
  params: Record<string, string>
  /** The URL without its password. */
  display: string
}

const KNOWN_PARAMS = new Set(['sslmode', 'application_name', 'connect_timeout'])

/** Parses `postgresql://user[:password]@host[:port]/database[?sslmode=…]`; throws StoreOpenError naming what is wrong. */
export function parsePgUrl(url: string, env: NodeJS.ProcessEnv = process.env): PgTarget {
  const display = redactUrl(url)
  let u: URL
  try {
    u = new URL(url)
  } catch {
    throw new StoreOpenError(display, 'not a valid URL (expected postgresql://user@host[:port]/database)')
  }
  if (u.protocol !== 'postgresql:' && u.protocol !== 'postgres:') throw new StoreOpenError(display, `unsupported scheme '${u.protocol}'`)
  if (!u.hostname) throw new StoreOpenError(display, 'no host (expected postgresql://user@host[:port]/database)')
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''))
  if (!database || database.includes('/')) throw new StoreOpenError(display, 'no database name (expected postgresql://user@host[:port]/database)')
  const port = u.port ? Number(u.port) : 5432
  const user = decodeURIComponent(u.username) || env['PGUSER'] || env['USER'] || ''
  if (!user) throw new StoreOpenError(display, 'no user name (put it in the URL: postgresql://user@host/database)')
  const params: Record<string, string> = {}
  for (const [k, v] of u.searchParams) {
    if (!KNOWN_PARAMS.has(k)) throw new StoreOpenError(display, `unknown parameter '${k}' (known: ${[...KNOWN_PARAMS].join(', ')})`)
    params[k] = v
  }
  return {
    host: u.hostname.replace(/^\[|\]$/g, ''),
    port,
    database,
    user,
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    params,
    display,
  }
}

/** Supplies a stored secret by key (the desktop app's keychain); null when it has none. */
export type PgSecretLookup = (key: string) => Promise<string | null>

/** The keychain key of a database's password: `postgresql://user@host:port/database`. */
export function pgSecretKey(t: PgTarget): string {
  return `postgresql://${t.user}@${t.host}:${t.port}/${t.database}`
}

/** The pg type parsers of a store: 64-bit integers (ids, counts) as numbers, as SQLite returns them. */
function numberTypes(): pg.CustomTypesConfig {
  const types = new pg.TypeOverrides()
  const toNumber = (v: string): number => {
    const n = Number(v)
    if (!Number.isSafeInteger(n)) throw new RangeError(`integer ${v} does not fit a JavaScript number`)
    return n
  }
  types.setTypeParser(20, toNumber) // int8
  types.setTypeParser(1700, Number) // numeric
  return types
}

/** A pool for `t`: the password from the URL, else PGPASSWORD, else the keychain lookup, else none (trust/peer auth). */
export function createPool(t: PgTarget, opts: { env?: NodeJS.ProcessEnv; secret?: PgSecretLookup; max?: number } = {}): pg.Pool {
  const env = opts.env ?? process.env
  const password = async (): Promise<string> => {
    if (t.password !== undefined) return t.password
    const fromEnv = env['PGPASSWORD']
    if (fromEnv) return fromEnv
    const stored = opts.secret ? await opts.secret(pgSecretKey(t)) : null
    return stored ?? ''
  }
  const ssl = t.params['sslmode']
  return new pg.Pool({
    host: t.host,
    port: t.port,
    database: t.database,
    user: t.user,
    password,
    max: opts.max ?? 4,
    types: numberTypes(),
    application_name: t.params['application_name'] ?? 'labcon',
    ...(t.params['connect_timeout'] ? { connectionTimeoutMillis: Number(t.params['connect_timeout']) * 1000 } : { connectionTimeoutMillis: 15_000 }),
    ...(ssl && ssl !== 'disable' ? { ssl: ssl === 'require' ? { rejectUnauthorized: false } : true } : {}),
  })
}

/** A driver error as a StoreOpenError on the redacted URL, with any known secret removed from its message. */
export function openError(t: PgTarget, e: unknown, env: NodeJS.ProcessEnv = process.env): StoreOpenError {
  const secrets = [t.password ?? '', env['PGPASSWORD'] ?? ''].filter((s) => s.length >= 4)
  return new StoreOpenError(t.display, `cannot connect: ${redact((e as Error).message, secrets)}`)
}
