// Shared e2e setup: build the renderer from the current sources, start the console in server mode on a database, and
// drive Debian's Chromium through playwright-core; collects page errors so a test can assert there were none.
import { expect } from 'vitest'
import { spawnSync } from 'node:child_process'
import { chromium, type Browser, type Page } from 'playwright-core'
import { APP_ROOT, startConsole, type ConsoleHandle } from '@main/server/launch'

/** Builds the renderer the server serves (electron-vite build); fails the test with the build's stderr. */
export function buildRenderer(): void {
  const build = spawnSync(process.execPath, [`${APP_ROOT}/node_modules/electron-vite/bin/electron-vite.js`, 'build'], {
    cwd: APP_ROOT,
    encoding: 'utf8',
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
  })
  expect(build.status, build.stderr).toBe(0)
}

/** Starts server mode on `dbPath` (port 0: any free port), keeping the URL line it prints off the test output. */
export async function startServer(dbPath: string, port = 0, token?: string): Promise<ConsoleHandle> {
  const printed: string[] = []
  const write = process.stdout.write.bind(process.stdout)
  process.stdout.write = ((chunk: string) => (printed.push(String(chunk)), true)) as typeof process.stdout.write
  let handle: ConsoleHandle
  try {
    handle = await startConsole({ dbPath, electron: false, port, ...(token !== undefined ? { token } : {}) })
  } finally {
    process.stdout.write = write
  }
  expect(printed.join('')).toBe(`s390 Lab Console: ${handle.url}\n`)
  return handle
}

/** Headless Chromium with one 1280×800 page; `problems` collects page errors and console errors. */
export async function openBrowser(): Promise<{ browser: Browser; page: Page; problems: string[] }> {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  })
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, acceptDownloads: true })
  page.setDefaultTimeout(20_000)
  const problems: string[] = []
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`))
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`)
  })
  return { browser, page, problems }
}

/** Calls the LabApi over HTTP as a script does (the token of the printed URL as a header); throws on an error reply. */
export async function callApi<T>(base: string, group: string, method: string, args: unknown[] = []): Promise<T> {
  const token = new URL(base).searchParams.get('token') ?? ''
  const res = await fetch(new URL(`/api/${group}/${method}`, base), { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Lab-Token': token }, body: JSON.stringify(args) })
  const reply = (await res.json()) as { ok: boolean; value?: T; error?: { message: string } }
  if (!reply.ok) throw new Error(`${group}.${method}: ${reply.error?.message}`)
  return reply.value as T
}
