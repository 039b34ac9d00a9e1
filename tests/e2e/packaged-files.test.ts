// What electron-builder packs (electron-builder.yml `files`), packaged for real with a stand-in Electron binary (the
// real one cannot be downloaded here): compiled JavaScript only — Electron main, preload, renderer and the emulator
// worker, unpacked beside app.asar so worker threads can load it — no TypeScript, no run-time compiler.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { APP_ROOT } from '@main/server/launch'

let dir: string
let resources: string
beforeAll(() => {
  if (!existsSync(join(APP_ROOT, 'out', 'main', 'index.js')) || !existsSync(join(APP_ROOT, 'out', 'renderer', 'index.html'))) {
    const build = spawnSync(process.execPath, [join(APP_ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: APP_ROOT, encoding: 'utf8' })
    expect(build.status, build.stderr).toBe(0)
  }
  dir = mkdtempSync(join(tmpdir(), 'labcon-package-'))
  const fake = join(dir, 'electron-dist')
  mkdirSync(fake)
  copyFileSync('/bin/true', join(fake, 'electron'))
  chmodSync(join(fake, 'electron'), 0o755)
  for (const f of ['LICENSE', 'LICENSES.chromium.html', 'version']) writeFileSync(join(fake, f), '')
  const cli = join(APP_ROOT, 'node_modules', 'electron-builder', 'cli.js')
  const r = spawnSync(
    process.execPath,
    [cli, '--linux', 'dir', `--config.electronDist=${fake}`, '--config.electronVersion=38.8.6', '--config.npmRebuild=false', `--config.directories.output=${join(dir, 'dist')}`],
    { cwd: APP_ROOT, encoding: 'utf8', env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' } },
  )
  expect(r.status, r.stderr + r.stdout).toBe(0)
  resources = join(dir, 'dist', 'linux-unpacked', 'resources')
}, 300_000)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function walk(d: string): string[] {
  return readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)]))
}

describe('the packaged app', () => {
  it('holds compiled JavaScript only: no TypeScript, no tsx or esbuild, the worker unpacked beside app.asar, no code caches', () => {
    const asar = createRequire(join(APP_ROOT, 'package.json'))('@electron/asar') as { listPackage(p: string): string[] }
    const packed = asar.listPackage(join(resources, 'app.asar')).map((f) => f.replace(/\\/g, '/'))
    const unpacked = walk(join(resources, 'app.asar.unpacked')).map((f) => `/${relative(join(resources, 'app.asar.unpacked'), f)}`)
    const all = [...packed, ...unpacked]
    expect(all.filter((f) => /\.(ts|mts|cts|tsx)$/.test(f))).toEqual([])
    expect(all.filter((f) => /\/node_modules\/(tsx|esbuild|typescript)\//.test(f))).toEqual([])
    expect(all.filter((f) => /^\/src-(core|main|renderer)\//.test(f))).toEqual([])
    expect(['/out/main/index.js', '/out/preload/index.cjs', '/out/renderer/index.html', '/out/worker/emulator-worker.js'].filter((f) => !packed.includes(f))).toEqual([])
    expect(unpacked).toContain('/out/worker/emulator-worker.js')
    expect(unpacked).toContain('/out/worker/emulator.cjs')
    // (code caches of the build machine's Node are of no use to Electron's)
    expect(all.filter((f) => f.endsWith('.v8'))).toEqual([])
    expect(unpacked.some((f) => f.endsWith('/better_sqlite3.node'))).toBe(true)
  })
})
