// Migration 002 (catalog_test.key_lines) applied to a version-1 database that already holds a catalog.
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { migrate } from '@main/db/migrate'
import { tempDir } from './helpers'

let cleanup = (): void => {}
afterEach(() => cleanup())

describe('migration 002-catalog-key-lines', () => {
  it('adds key_lines to existing catalog tests without touching their data, and checks it is JSON', () => {
    const t = tempDir()
    cleanup = t.cleanup
    const db = new Database(t.db)
    migrate(db, 1)
    db.exec(`INSERT INTO catalog (id, name, source, imported_at) VALUES (1, 'kut', '/kut', '2026-01-01');
      INSERT INTO catalog_test (catalog_id, position, name, file, smp, test_args, qemu_params, kvmtool_params, groups,
        checks, timeout_sec, line, kernel_present)
      VALUES (1, 0, 'selftest', 'selftest.elf', '1', 'test 123', '-m 256', '', '["selftest"]', '[]', 90, 3, 1)`)
    const before = db.prepare('SELECT * FROM catalog_test').get() as Record<string, unknown>
    expect(migrate(db, 2)).toEqual([2])
    expect(db.pragma('user_version', { simple: true })).toBe(2)
    expect(db.prepare('SELECT * FROM catalog_test').get()).toEqual({ ...before, key_lines: null })
    db.prepare(`UPDATE catalog_test SET key_lines = '{"file":4}'`).run()
    expect(() => db.prepare(`UPDATE catalog_test SET key_lines = 'file=4'`).run()).toThrow(/CHECK constraint failed/)
    db.close()
  })
})
