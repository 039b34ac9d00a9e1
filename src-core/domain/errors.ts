// The one error model: every error we throw derives from LabError and carries a kind; the kind alone decides how a
// failure is reported (CLI exit code, HTTP status, Reply code), in the one table below.

/** What went wrong, from the caller's point of view. */
export type ErrorKind = 'input' | 'not-found' | 'conflict' | 'config' | 'infra' | 'bug'

/** How one kind of failure is reported on each surface. */
export interface ErrorReport {
  /** `labcon` exit code (README: 2 usage error, 3 the work could not be done). */
  exit: number
  /** HTTP status of a server-mode API call that failed with it. */
  http: number
  /** `code` of the Reply error envelope (IPC, HTTP). */
  reply: string
}

/**
 * Legend: kind → exit code / HTTP status / Reply code.
 * input: a malformed argument or value the caller passed (bad option value, side text, field of a LabApi call).
 * not-found: a named thing (environment, run, catalog path, test) does not exist.
 * conflict: the request contradicts stored state (duplicate name, run not active, changed host key).
 * config: stored or file configuration cannot be used (environment settings, unittests.cfg, TIMEOUT, secrets).
 * infra: the environment or the machine failed (SSH, HMC, z/VM, database, file system).
 * bug: anything unexpected; a defect of ours.
 */
export const ERROR_KINDS = {
  input: { exit: 2, http: 400, reply: 'EINVAL' },
  'not-found': { exit: 3, http: 404, reply: 'ENOTFOUND' },
  conflict: { exit: 3, http: 409, reply: 'ECONFLICT' },
  config: { exit: 3, http: 422, reply: 'ECONFIG' },
  infra: { exit: 3, http: 502, reply: 'EINFRA' },
  bug: { exit: 3, http: 500, reply: 'EBUG' },
} as const satisfies Record<ErrorKind, ErrorReport>

/** Base of every error the console throws; subclasses name themselves and declare their kind. */
export abstract class LabError extends Error {
  abstract readonly kind: ErrorKind
}

/** The kind of anything thrown: a LabError's own; Node system and SQLite errors are infra; anything else a bug. */
export function errorKindOf(e: unknown): ErrorKind {
  if (e instanceof LabError) return e.kind
  const code = e instanceof Error ? (e as { code?: unknown }).code : undefined
  if (typeof code === 'string' && (code.startsWith('SQLITE_') || (e as { syscall?: unknown }).syscall !== undefined)) return 'infra'
  return 'bug'
}

/** How anything thrown is reported: the row of its kind. */
export const errorReportOf = (e: unknown): ErrorReport => ERROR_KINDS[errorKindOf(e)]

/** The kind a Reply code stands for (the reverse of the table); codes of no kind are bugs. */
export function errorKindOfReplyCode(code: string): ErrorKind {
  for (const [kind, r] of Object.entries(ERROR_KINDS)) if (r.reply === code) return kind as ErrorKind
  return 'bug'
}
