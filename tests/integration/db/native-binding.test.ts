// The store opens through the addon it is given (better-sqlite3's nativeBinding), as the Electron main process does
// with the Electron build; an addon that cannot load is a StoreOpenError naming the database.
import { afterEach, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { openStore } from '@main/db/open-store'

const dirs: string[] = []
const tmp = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'labcon-binding-'))
  dirs.push(d)
  return d
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

/** The addon npm ci built for this Node (the one better-sqlite3 loads by default). */
const nodeAddon = join(dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node')

describe('openStore with a chosen addon', () => {
  it('opens, migrates and writes through the given addon', () => {
    const d = tmp()
    const store = openStore(join(d, 'lab.sqlite'), { nativeBinding: nodeAddon })
    try {
      const env = store.addEnvironment({ name: 'e1', kind: 'builtin', level: '', config: {}, facts: {}, concurrency: 1 })
      expect(store.listEnvironments().map((e) => e.name)).toEqual([env.name])
    } finally {
      store.close()
    }
  })

  it('reports an addon that cannot load as a StoreOpenError naming the database', () => {
    const d = tmp()
    const bogus = join(d, 'better_sqlite3.node')
    writeFileSync(bogus, 'not a shared object')
    let err: Error | null = null
    try {
      openStore(join(d, 'lab.sqlite'), { nativeBinding: bogus }).close()
    } catch (e) {
      err = e as Error
    }
    expect({ name: err?.name, namesTheDatabase: err?.message.includes(join(d, 'lab.sqlite')) }).toEqual({ name: 'StoreOpenError', namesTheDatabase: true })
  })
})
