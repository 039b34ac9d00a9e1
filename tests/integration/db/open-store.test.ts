// Opening the store: foreign or damaged files are refused untouched, newer schemas are refused, the default path.
import Database from 'better-sqlite3'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { StoreOpenError, StoreVersionError } from '@main/db/errors'
import { SCHEMA_VERSION } from '@main/db/migrate'
import { defaultDbPath, openStore } from '@main/db/open-store'
import { tempDir } from './helpers'

let cleanup = (): void => {}
afterEach(() => cleanup())

describe('openStore', () => {
  it('creates a new database with WAL, foreign keys and the current schema', () => {
    const t = tempDir()
    cleanup = t.cleanup
    const store = openStore(join(t.dir, 'sub', 'dir', 'lab.sqlite'))
    store.close()
    const db = new Database(join(t.dir, 'sub', 'dir', 'lab.sqlite'), { readonly: true })
    expect({ version: db.pragma('user_version', { simple: true }), mode: db.pragma('journal_mode', { simple: true }) }).toEqual({
      version: SCHEMA_VERSION,
      mode: 'wal',
    })
    db.close()
  })

  it('refuses a file that is not SQLite, naming the path, and leaves it byte for byte', () => {
    const t = tempDir()
    cleanup = t.cleanup
    const text = 'These are my notes, not a database.\n'.repeat(20)
    writeFileSync(t.db, text)
    expect(() => openStore(t.db)).toThrow(StoreOpenError)
    expect(() => openStore(t.db)).toThrow(`${t.db}: not an SQLite database`)
    expect(readFileSync(t.db, 'utf8')).toBe(text)
    expect([existsSync(`${t.db}-wal`), existsSync(`${t.db}-shm`)]).toEqual([false, false])
  })

  it('refuses a corrupt SQLite file, naming the path, and leaves it byte for byte', () => {
    const t = tempDir()
    cleanup = t.cleanup
    const s = openStore(t.db)
    s.addEnvironment({ name: 'tcg', kind: 'qemu-tcg' })
    s.close()
    const good = readFileSync(t.db)
    // Keep the 100-byte header, destroy the rest of page 1 (the schema).
    const bad = Buffer.concat([good.subarray(0, 100), Buffer.alloc(good.length - 100, 0xa5)])
    writeFileSync(t.db, bad)
    let error: unknown
    try {
      openStore(t.db)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(StoreOpenError)
    expect((error as Error).message).toMatch(new RegExp(`^${t.db}: not a usable SQLite database \\(.*malformed`))
    expect(readFileSync(t.db).equals(bad)).toBe(true)
  })

  it('refuses a database from a newer version without changing it', () => {
    const t = tempDir()
    cleanup = t.cleanup
    const db = new Database(t.db)
    db.pragma(`user_version = ${SCHEMA_VERSION + 3}`)
    db.close()
    const before = readFileSync(t.db)
    expect(() => openStore(t.db)).toThrow(StoreVersionError)
    expect(() => openStore(t.db)).toThrow(
      `${t.db}: database schema version ${SCHEMA_VERSION + 3} is newer than this program supports (${SCHEMA_VERSION})`,
    )
    expect(readFileSync(t.db).equals(before)).toBe(true)
  })

  it('puts the default database in the user config directory and creates it', () => {
    const t = tempDir()
    cleanup = t.cleanup
    const saved = process.env.XDG_CONFIG_HOME
    process.env.XDG_CONFIG_HOME = join(t.dir, 'config')
    try {
      const path = defaultDbPath()
      expect(path).toBe(join(t.dir, 'config', 's390-lab-console', 'lab.sqlite'))
      expect(existsSync(join(t.dir, 'config', 's390-lab-console'))).toBe(true)
    } finally {
      if (saved === undefined) delete process.env.XDG_CONFIG_HOME
      else process.env.XDG_CONFIG_HOME = saved
    }
  })
})
