// `labcon start` as users run it: the compiled CLI (out/cli) serving the console in server mode to Chromium, and the
// Electron choice of `npm start` on a machine where Electron's binary cannot be downloaded: it tries once, remembers,
// and later starts serve the browser UI at once; --electron then fails with the reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import { APP_ROOT, electronBinary, electronUnavailable, startConsole } from '@main/server/launch'

let dir: string
beforeAll(() => {
  const build = spawnSync(process.execPath, [join(APP_ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
    cwd: APP_ROOT,
    encoding: 'utf8',
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
  })
  expect(build.status, build.stderr).toBe(0)
  dir = mkdtempSync(join(tmpdir(), 'labcon-start-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Starts `labcon start …` and resolves with the printed URL and the child. */
function startCli(args: string[]): Promise<{ url: string; child: ChildProcess; stderr: () => string }> {
  const child = spawn(process.execPath, [join(APP_ROOT, 'src-main', 'cli', 'labcon.mjs'), 'start', ...args], { cwd: dir, env: { ...process.env, LABCON_DB: '' } })
  let out = ''
  let err = ''
  child.stderr.on('data', (d: Buffer) => (err += d.toString()))
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString()
      const m = /^s390 Lab Console: (http:\/\/\S+)\n/.exec(out)
      if (m) resolve({ url: m[1]!, child, stderr: () => err })
    })
    child.on('exit', (code) => reject(new Error(`labcon start exited with ${code}: ${err}`)))
  })
}

describe('labcon start from the compiled CLI', () => {
  it('serves the console with --browser: the page lists the built-in environment, the API answers, SIGTERM stops it', async () => {
    const { url, child } = await startCli(['--browser', '--port', '0', '--db', join(dir, 'cli.sqlite')])
    // The printed URL carries the token (server mode needs it on loopback too); the API takes it as a header.
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32}$/)
    const token = new URL(url).searchParams.get('token') ?? ''
    const api = new URL('/api/environments/list', url)
    const refused = await fetch(api, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '[]' })
    expect(refused.status).toBe(401)
    const reply = (await (await fetch(api, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Lab-Token': token }, body: '[]' })).json()) as { ok: boolean; value: { name: string }[] }
    expect({ ok: reply.ok, builtin: reply.value.some((e) => e.name === 'builtin') }).toEqual({ ok: true, builtin: true })
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] })
    try {
      const page = await browser.newPage()
      await page.goto(url) // trades the token for the session cookie, then drops it from the address
      await page.goto(new URL('/#/environments', url).href)
      await page.getByText('builtin', { exact: true }).first().waitFor({ timeout: 30_000 })
    } finally {
      await browser.close()
    }
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)))
    child.kill('SIGTERM')
    expect(await exited).toBe(0)
  })

  it('rejects --browser together with --electron as a usage error', () => {
    const r = spawnSync(process.execPath, [join(APP_ROOT, 'src-main', 'cli', 'labcon.mjs'), 'start', '--browser', '--electron'], { encoding: 'utf8' })
    expect({ code: r.status, err: r.stderr.split('\n')[0] }).toEqual({ code: 2, err: 'labcon start: --browser and --electron exclude each other' })
  })
})

describe.skipIf(electronBinary() !== null)("npm start where Electron's binary cannot be downloaded", () => {
  it('tries the download once, remembers the failure, then serves the browser UI at once; --electron fails', async () => {
    const saved = { ...process.env }
    const stateDir = join(dir, 'state')
    const errors: string[] = []
    const write = process.stderr.write.bind(process.stderr)
    const out = process.stdout.write.bind(process.stdout)
    delete process.env.CI
    delete process.env.ELECTRON_SKIP_BINARY_DOWNLOAD
    // Nothing listens there: the download fails at once, as on a machine without access to the download server.
    process.env.ELECTRON_MIRROR = 'http://127.0.0.1:9/'
    process.stderr.write = ((chunk: string) => (errors.push(String(chunk)), true)) as typeof process.stderr.write
    process.stdout.write = (() => true) as typeof process.stdout.write
    try {
      const first = await startConsole({ dbPath: join(dir, 'a.sqlite'), port: 0, stateDir })
      await first.close()
      const remembered = electronUnavailable(stateDir)
      const firstLog = errors.splice(0).join('')
      const second = await startConsole({ dbPath: join(dir, 'a.sqlite'), port: 0, stateDir })
      await second.close()
      const secondLog = errors.splice(0).join('')
      const forced = await startConsole({ dbPath: join(dir, 'a.sqlite'), port: 0, stateDir, electron: true }).then(
        () => 'started',
        (e: Error) => e.message,
      )
      expect({ first: first.mode, second: second.mode, remembered: remembered !== null }).toEqual({ first: 'server', second: 'server', remembered: true })
      expect(firstLog).toMatch(/downloading it…[\s\S]*could not download Electron/)
      expect(secondLog).not.toMatch(/downloading/)
      expect(secondLog).toContain(`Electron could not be downloaded (${remembered?.at}: `)
      expect(forced).toMatch(/^Electron's binary is not installed and could not be downloaded: run 'labcon start --browser'/)
      // The reason is the download's own error; --electron's new attempt records its failure again.
      expect(remembered?.reason).toMatch(/ECONNREFUSED 127\.0\.0\.1:9/)
      expect((JSON.parse(readFileSync(join(stateDir, 'electron-unavailable.json'), 'utf8')) as { at: string }).at >= (remembered?.at ?? '')).toBe(true)
    } finally {
      process.stderr.write = write
      process.stdout.write = out
      for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k]
      Object.assign(process.env, saved)
    }
  })
})
