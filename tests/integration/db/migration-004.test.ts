// Migration 004 (environment.last_health) on a version-3 database holding an environment.
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { migrate } from '@main/db/migrate'
import { tempDir } from './helpers'

let cleanup = (): void => {}
afterEach(() => cleanup())

describe('migration 004-environment-health', () => {
  it('adds last_health (NULL for existing environments) and checks it is JSON', () => {
    const t = tempDir()
    cleanup = t.cleanup
    const db = new Database(t.db)
    migrate(db, 3)
    db.exec(`INSERT INTO environment (id, name, kind, created_at) VALUES (1, 'tcg', 'qemu-tcg', '2026-01-01')`)
    const before = db.prepare('SELECT * FROM environment').get() as Record<string, unknown>
    expect(migrate(db, 4)).toEqual([4])
    expect(db.prepare('SELECT * FROM environment').get()).toEqual({ ...before, last_health: null })
    db.prepare(`UPDATE environment SET last_health = '{"ok":true}'`).run()
    expect(() => db.prepare(`UPDATE environment SET last_health = 'ok'`).run()).toThrow(/CHECK constraint failed/)
    db.close()
  })
})
