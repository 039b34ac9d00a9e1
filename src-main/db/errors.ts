// Named errors of the result store; each message names the input (path, name, id) and what is wrong.
import { LabError } from '@core/domain/errors'

/** The file is not an SQLite database, is corrupt, or cannot be opened; nothing was written to it. */
export class StoreOpenError extends LabError {
  override name = 'StoreOpenError'
  readonly kind = 'infra'
  constructor(
    readonly path: string,
    detail: string,
  ) {
    super(`${path}: ${detail}`)
  }
}

/** The database was written by a newer version of the program (its schema version is above what we know). */
export class StoreVersionError extends LabError {
  override name = 'StoreVersionError'
  readonly kind = 'conflict'
  constructor(
    readonly path: string,
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      `${path}: database schema version ${found} is newer than this program supports (${supported}); ` +
        'use a newer s390 Lab Console or another --db file',
    )
  }
}

/** A name that must be unique is already taken. */
export class DuplicateNameError extends LabError {
  override name = 'DuplicateNameError'
  readonly kind = 'conflict'
  constructor(
    readonly what: string,
    readonly value: string,
  ) {
    super(`${what} '${value}' already exists`)
  }
}

/** A referenced row does not exist. */
export class NotFoundError extends LabError {
  override name = 'NotFoundError'
  readonly kind = 'not-found'
  constructor(
    readonly what: string,
    readonly key: string | number,
    scope?: string,
  ) {
    super(`${what} ${typeof key === 'string' ? `'${key}'` : key} not found${scope ? ` in ${scope}` : ''}`)
  }
}

/** An operation that contradicts stored state (a second result for one slot, a result for a finished run). */
export class StoreConflictError extends LabError {
  override name = 'StoreConflictError'
  readonly kind = 'conflict'
}
