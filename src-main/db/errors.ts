// Named errors of the result store; each message names the input (path, name, id) and what is wrong.

/** The file is not an SQLite database, is corrupt, or cannot be opened; nothing was written to it. */
export class StoreOpenError extends Error {
  override name = 'StoreOpenError'
  constructor(
    readonly path: string,
    detail: string,
  ) {
    super(`${path}: ${detail}`)
  }
}

/** The database was written by a newer version of the program (its schema version is above what we know). */
export class StoreVersionError extends Error {
  override name = 'StoreVersionError'
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
export class DuplicateNameError extends Error {
  override name = 'DuplicateNameError'
  constructor(
    readonly what: string,
    readonly value: string,
  ) {
    super(`${what} '${value}' already exists`)
  }
}

/** A referenced row does not exist. */
export class NotFoundError extends Error {
  override name = 'NotFoundError'
  constructor(
    readonly what: string,
    readonly key: string | number,
    scope?: string,
  ) {
    super(`${what} ${typeof key === 'string' ? `'${key}'` : key} not found${scope ? ` in ${scope}` : ''}`)
  }
}

/** An operation that contradicts stored state (a second result for one slot, a result for a finished run). */
export class StoreConflictError extends Error {
  override name = 'StoreConflictError'
}
