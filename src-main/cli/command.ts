// What a labcon command module provides (its help and its run function) and the pieces commands share: output,
// the --db option, the service opened on demand, tables, catalog look-up, errors. Only light modules are imported
// here: a command loads the service (SQLite, drivers, emulator) when it runs, never for --help or a usage error.
import { resolve } from 'node:path'
import { LabError } from '@core/domain/errors'
import { terminalSecretPrompt } from '@main/secrets/terminal-prompt'
import type { LabService, LabServiceOptions } from '@main/service/lab-service'
import { UsageError, str, type Parsed } from './args'

/** A labcon command: its `--help` text (none: the command prints its own) and its run, resolving to the exit code. */
export interface Command {
  help?: string
  run(argv: string[]): Promise<number>
}

export { io, type Io } from './io'

/** The option every command takes: the database (an SQLite file or a postgresql:// URL). */
export const DB_OPTION = { db: { type: 'string' } } as const

/** The database of this invocation: --db, else $LABCON_DB, else the user data directory (a path or a URL). */
export async function dbPathOf(p: Parsed): Promise<string> {
  const { dbLocation } = await import('@main/db/location')
  return dbLocation(str(p, 'db'))
}

/**
 * The service, loaded on demand: `--help` and usage errors never load SQLite, PostgreSQL, the drivers or the emulator.
 * `dbPath` may be a postgresql:// URL (password from the URL or PGPASSWORD). The CLI is a composition root: the
 * process environment (TIMEOUT, MAX_SMP, the drivers' variables) is read here and passed in.
 */
export async function openService(opts: LabServiceOptions & { dbPath: string }): Promise<LabService> {
  const [{ createLabService }, { openStoreAt }, { serviceOptionsFromEnv }] = await Promise.all([import('@main/service/lab-service'), import('@main/db/open-store'), import('@main/service/process-env')])
  const fromEnv = serviceOptionsFromEnv(process.env)
  const { dbPath, ...rest } = opts
  return createLabService({ ...fromEnv, ...rest, engine: { ...fromEnv.engine, ...rest.engine }, store: await openStoreAt(dbPath), dbPath })
}

/** Runs `fn` with the service open; closes it afterwards. */
export async function withService<T>(p: Parsed, fn: (s: LabService) => Promise<T>, engine: { allowKernelsOutsideCatalog?: boolean } = {}): Promise<T> {
  // A secret missing from its environment variable is asked for on the terminal (no echo), or refused naming the variable.
  const secretPrompt = terminalSecretPrompt({ input: process.stdin, output: process.stderr })
  const service = await openService({ dbPath: await dbPathOf(p), engine, secretPrompt })
  try {
    return await fn(service)
  } finally {
    await service.close()
  }
}

/** Pretty-printed JSON with a final newline (the --json output). */
export const json = (v: unknown): string => `${JSON.stringify(v, null, 2)}\n`

/** A name given on the command line that does not exist. */
export class NotFoundCliError extends LabError {
  override readonly name = 'NotFoundError'
  readonly kind = 'not-found'
}

/** A string option restricted to `allowed`; UsageError naming the option and the accepted values. */
export function oneOfOption<T extends string>(command: string, p: Parsed, name: string, allowed: readonly T[]): T | undefined {
  const v = str(p, name)
  if (v === undefined) return undefined
  if (!(allowed as readonly string[]).includes(v)) throw new UsageError(command, `--${name} '${v}' is not one of ${allowed.join(', ')}`)
  return v as T
}

/** A catalog named on the command line: its id, its name, or the path it was imported from. */
export async function findCatalog(s: LabService, text: string): Promise<number> {
  const catalogs = await s.store.listCatalogs()
  const byId = /^\d+$/.test(text) ? catalogs.find((c) => c.id === Number(text)) : undefined
  const path = resolve(text)
  const hits = byId ? [byId] : catalogs.filter((c) => c.name === text || c.source === path || c.source === resolve(path, 's390x'))
  if (hits.length === 1) return (hits[0] as { id: number }).id
  const known = catalogs.map((c) => `${c.id} ${c.name} (${c.source})`).join(', ') || 'none'
  if (hits.length > 1) throw new UsageError('catalog', `'${text}' names ${hits.length} catalogs; give the id (known: ${known})`)
  throw new NotFoundCliError(`catalog '${text}' not found (known: ${known})`)
}

/** A plain-text table: columns padded to their widest cell, the last one unpadded. */
export function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: string[]): string => `${cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ')}\n`
  return line(head) + rows.map(line).join('')
}
