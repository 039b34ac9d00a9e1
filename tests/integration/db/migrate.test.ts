// The migration runner: versions apply in order, each atomically with its user_version bump.
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import type { Migration } from '@main/db/migrate'
import { migrate } from '@main/db/migrate'
import { tempDir } from './helpers'

let cleanup = (): void => {}
afterEach(() => cleanup())

const m1: Migration = {
  version: 1,
  name: 'one',
  up: (db) => db.exec('CREATE TABLE a (x INTEGER) STRICT'),
  postgres: 'CREATE TABLE a (x INTEGER)',
}
const m2bad: Migration = {
  version: 2,
  name: 'two',
  up: (db) => {
    db.exec('CREATE TABLE b (y INTEGER) STRICT')
    db.exec('INSERT INTO a (x) VALUES (1)')
    throw new Error('disk on fire')
  },
  postgres: `CREATE TABLE b (y INTEGER); INSERT INTO a (x) VALUES (1); SELECT 'disk on fire'::int`,
}

describe('migrate', () => {
  it('rolls a failing migration back completely, keeping the previous version and data', () => {
    const t = tempDir()
    cleanup = t.cleanup
    const db = new Database(t.db)
    expect(migrate(db, 99, [m1])).toEqual([1])
    expect(() => migrate(db, 99, [m1, m2bad])).toThrow('disk on fire')
    expect({
      version: db.pragma('user_version', { simple: true }),
      tables: db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name`).pluck().all(),
      rows: db.prepare('SELECT count(*) FROM a').pluck().get(),
    }).toEqual({ version: 1, tables: ['a'], rows: 0 })
    db.close()
  })

  it('refuses a gap in the version sequence', () => {
    const t = tempDir()
    cleanup = t.cleanup
    const db = new Database(t.db)
    expect(() => migrate(db, 99, [{ ...m1, version: 2 }])).toThrow('migration 2-one cannot follow schema version 0')
    db.close()
  })
})
