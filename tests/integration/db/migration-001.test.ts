// Migration 001 (initial schema) applied to an empty file: the tables, their STRICTness, indexes and constraints.
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { migrate, SCHEMA_VERSION } from '@main/db/migrate'
import { tempDir } from './helpers'

let cleanup = (): void => {}
afterEach(() => cleanup())

describe('migration 001-initial', () => {
  it('creates every table STRICT, the query indexes, and sets user_version 1', () => {
    const t = tempDir()
    cleanup = t.cleanup
    const db = new Database(t.db)
    db.pragma('foreign_keys = ON')
    expect(migrate(db, 1)).toEqual([1])
    expect(db.pragma('user_version', { simple: true })).toBe(1)
    const tables = db
      .prepare(`SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
      .all()
    expect(tables).toEqual(
      ['catalog', 'catalog_test', 'environment', 'known_issue', 'log', 'result', 'run', 'run_slot', 'subtest', 'subtest_name'].map(
        (name) => ({ name, strict: 1 }),
      ),
    )
    const indexes = db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY name`).pluck().all()
    expect(indexes).toEqual([
      'environment_name',
      'known_issue_test',
      'result_env_test',
      'result_level_test',
      'result_run',
      'result_test',
      'run_active',
    ])
    // STRICT rejects a wrong type, the state CHECK an unknown state, foreign keys a dangling reference.
    expect(() =>
      db.prepare(`INSERT INTO environment (name, kind, concurrency, created_at) VALUES ('a', 'qemu-tcg', 'two', 'x')`).run(),
    ).toThrow(/cannot store TEXT value in INTEGER column/)
    db.prepare(`INSERT INTO catalog (name, source, imported_at) VALUES ('c', '/c', 'x')`).run()
    expect(() =>
      db.prepare(`INSERT INTO run (catalog_id, plan, who, state, started_at) VALUES (1, '{}', 'me', 'paused', 'x')`).run(),
    ).toThrow(/CHECK constraint failed/)
    expect(() =>
      db.prepare(`INSERT INTO run (catalog_id, plan, who, state, started_at) VALUES (99, '{}', 'me', 'queued', 'x')`).run(),
    ).toThrow(/FOREIGN KEY constraint failed/)
    // A second migrate is a no-op.
    expect(migrate(db)).toEqual(SCHEMA_VERSION > 1 ? Array.from({ length: SCHEMA_VERSION - 1 }, (_, i) => i + 2) : [])
    db.close()
  })
})
