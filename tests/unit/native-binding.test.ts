// Which better-sqlite3 addon each runtime loads: Node's own build, the Electron build `npm start` prepared for a
// source checkout, or (packaged) the package's addon electron-builder rebuilt for Electron.
import { describe, expect, it } from 'vitest'
import { electronSqlitePath, sqliteNativeBinding, type BindingContext } from '@main/db/native-binding'
import { electronSqliteSteps } from '@main/server/electron-sqlite'

const base: BindingContext = { electron: undefined, platform: 'linux', arch: 'x64', sqliteVersion: '12.6.2', root: '/repo', packaged: false }
const prepared = '/repo/node_modules/.cache/labcon/better-sqlite3-12.6.2-electron-38.8.6-linux-x64/better_sqlite3.node'

describe('better-sqlite3 addon selection', () => {
  it("keeps the package's own addon in Node, whatever else is on disk", () => {
    expect(sqliteNativeBinding(base, () => true)).toBeUndefined()
  })

  it('selects the Electron build by Electron version, better-sqlite3 version, platform and architecture', () => {
    expect(electronSqlitePath({ ...base, electron: '38.8.6' })).toBe(prepared)
    expect(sqliteNativeBinding({ ...base, electron: '38.8.6' }, (p) => p === prepared)).toBe(prepared)
    expect(electronSqlitePath({ ...base, electron: '38.8.6', sqliteVersion: '12.7.0' })).not.toBe(prepared)
  })

  it('explains how to make a missing Electron build instead of failing on the ABI', () => {
    const r = sqliteNativeBinding({ ...base, electron: '38.8.6' }, () => false)
    expect(r).toBeInstanceOf(Error)
    expect((r as Error).message).toBe(`better-sqlite3 has no build for Electron 38.8.6 (linux-x64) at ${prepared}: start the app with 'npm start', which prepares it`)
  })

  it("uses the package's own addon in a packaged app (electron-builder rebuilt it for Electron)", () => {
    expect(sqliteNativeBinding({ ...base, electron: '38.8.6', packaged: true }, () => false)).toBeUndefined()
  })

  it('prepares the Electron build with a prebuilt download first, then a compile against Electron headers', () => {
    expect(electronSqliteSteps('/repo', '38.8.6', 'linux', 'x64')).toEqual([
      { what: 'prebuild-install', script: '/repo/node_modules/prebuild-install/bin.js', args: ['--runtime', 'electron', '--target', '38.8.6', '--platform', 'linux', '--arch', 'x64'] },
      {
        what: 'node-gyp',
        script: '/repo/node_modules/node-gyp/bin/node-gyp.js',
        args: ['rebuild', '--release', '--runtime=electron', '--target=38.8.6', '--arch=x64', '--dist-url=https://electronjs.org/headers'],
      },
    ])
  })
})
