// End to end: `startConsole` in server mode on a temporary database, driven by Debian's Chromium through playwright-core.
// Real data from real runs: the bundled kernels on local QEMU TCG (and the built-in emulator once it has a driver).
// Saves screenshots of the main views (to docs/*.png with LABCON_SCREENSHOTS=1, shown in the README).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { APP_ROOT, startConsole, type ConsoleHandle } from '@main/server/launch'
import { SCREENSHOT_DIR } from './screenshots'

let dir: string
let handle: ConsoleHandle
let browser: Browser
let page: Page
const problems: string[] = []
let envs: string[] = []

const shot = (name: string): Promise<Buffer> => page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) })
async function api<T>(path: string, args: unknown[]): Promise<{ ok: boolean; value?: T; error?: { name: string; message: string } }> {
  const token = new URL(handle.url ?? '').searchParams.get('token') ?? ''
  const res = await fetch(new URL(path, handle.url ?? ''), { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Lab-Token': token }, body: JSON.stringify(args) })
  return res.json() as Promise<{ ok: boolean; value?: T }>
}

beforeAll(async () => {
  // The renderer under test is built from the current sources.
  const build = spawnSync(process.execPath, [join(APP_ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
    cwd: APP_ROOT,
    encoding: 'utf8',
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
  })
  expect(build.status, build.stderr).toBe(0)
  dir = mkdtempSync(join(tmpdir(), 'labcon-e2e-'))
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  const printed: string[] = []
  const write = process.stdout.write.bind(process.stdout)
  process.stdout.write = ((chunk: string) => (printed.push(String(chunk)), true)) as typeof process.stdout.write
  try {
    handle = await startConsole({ dbPath: join(dir, 'lab.sqlite'), electron: false, port: 0 })
  } finally {
    process.stdout.write = write
  }
  expect(printed.join('')).toBe(`s390 Lab Console: ${handle.url}\n`)
  expect(handle.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32}$/)
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  })
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  page.setDefaultTimeout(20_000)
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`))
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`http ${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`)
  })
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`)
  })
})

afterAll(async () => {
  await browser?.close()
  await handle?.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

describe('the console in a browser (server mode)', () => {
  it('lists the default environments and adds one through the form, showing validation errors', async () => {
    await page.goto(handle.url ?? '')
    await page.getByRole('heading', { name: 'Environments' }).waitFor()
    await page.locator('tr[data-env="tcg"]').waitFor()
    await page.getByRole('button', { name: 'Add environment' }).click()
    const form = page.getByRole('form', { name: 'Add environment' })
    await form.getByLabel('Concurrency').fill('0')
    await form.getByRole('button', { name: 'Add' }).click()
    await expect.poll(() => form.locator('.ferr').allTextContents()).toEqual(['Name is required', "Concurrency must be a whole number from 1 to 256, got '0'"])
    await form.getByLabel('Name').fill('tcg')
    await form.getByLabel('Concurrency').fill('2')
    await form.getByRole('button', { name: 'Add' }).click()
    await expect.poll(() => form.locator('.ferr').allTextContents()).toEqual(["An environment named 'tcg' already exists"])
    await form.getByLabel('Name').fill('tcg-b')
    await form.getByLabel('Identity facts').fill('site=lab-2\nrack=B')
    await form.getByRole('button', { name: 'Add' }).click()
    await page.locator('tr[data-env="tcg-b"]').waitFor()
    await page.locator('tr[data-env="tcg"]').getByRole('button', { name: 'Check now' }).click()
    await expect.poll(() => page.locator('tr[data-env="tcg"] .badge').textContent()).toBe('healthy')
    // The two columns are the built-in emulator and QEMU TCG; the emulator must be healthy (no fallback that hides it).
    const builtin = (await api<{ id: number; name: string }[]>('/api/environments/list', [])).value?.find((e) => e.name === 'builtin')
    expect(builtin).toBeDefined()
    const health = await api<{ ok: boolean; problems: string[] }>('/api/environments/health', [builtin!.id])
    expect(health.value).toMatchObject({ ok: true, problems: [] })
    envs = ['builtin', 'tcg']
  })

  it('imports a catalog (clear error for a bad path) and runs a selection, with live progress', async () => {
    await page.getByRole('link', { name: 'Catalog' }).click()
    await page.getByRole('tab', { name: /kernels/ }).waitFor()
    await page.getByLabel(/Import a kvm-unit-tests build directory/).fill('/nonexistent/kut')
    await page.getByRole('button', { name: 'Import' }).click()
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('/nonexistent/kut')
    await page.getByLabel(/Import a kvm-unit-tests build directory/).fill(join(APP_ROOT, 'resources/kernels/unittests.cfg'))
    await page.getByRole('button', { name: 'Import' }).click()
    await page.locator('tr[data-test="selftest"]').waitFor()
    for (const t of ['selftest', 'fail', 'pgm', 'loop']) await page.getByLabel(`Select ${t}`, { exact: true }).check()
    for (const e of envs) await page.locator(`label[data-env="${e}"]`).getByRole('checkbox').check()
    await shot('catalog')
    await page.getByRole('button', { name: /^Run 4 tests on 2 environments$/ }).click()
    await page.getByRole('heading', { name: /^Run #\d+$/ }).waitFor()
    const seen = new Set<string>()
    const done: number[] = []
    const bar = page.getByRole('progressbar', { name: 'all' })
    let liveShot = false
    for (let i = 0; i < 300; i++) {
      seen.add((await page.locator('[data-state]').getAttribute('data-state')) ?? '')
      done.push(Number(await bar.getAttribute('aria-valuenow')))
      if (seen.has('done')) break
      if (!liveShot && done[done.length - 1]! > 0) {
        await shot('run')
        liveShot = true
      }
      await page.waitForTimeout(100)
    }
    expect(seen).toContain('running')
    expect(seen).toContain('done')
    expect(done[done.length - 1]).toBe(8)
    expect(done.some((d) => d > 0 && d < 8)).toBe(true)
    for (const e of envs) expect(await page.getByRole('progressbar', { name: e, exact: true }).getAttribute('aria-valuenow')).toBe('4')
    if (!liveShot) await shot('run')
  })

  it('shows the matrix with verdicts and counts, navigable by keyboard, in light and dark themes', async () => {
    await page.getByRole('button', { name: 'Open matrix' }).click()
    const grid = page.getByRole('grid', { name: 'Result matrix' })
    await grid.waitFor()
    await expect.poll(() => grid.locator('[role="gridcell"]:not([data-verdict="none"])').count()).toBe(8)
    const row = (t: string): Promise<string[]> =>
      grid.locator('[role="row"]', { has: page.getByRole('rowheader', { name: t, exact: true }) }).locator('[role="gridcell"]').evaluateAll((cs) => cs.map((c) => c.getAttribute('data-verdict') ?? ''))
    expect(await row('selftest')).toEqual(['PASS', 'PASS'])
    expect(await row('fail')).toEqual(['FAIL', 'FAIL'])
    expect(await row('loop')).toEqual(['TIMEOUT', 'TIMEOUT'])
    expect(await grid.locator('[role="gridcell"][data-verdict="PASS"]').first().textContent()).toMatch(/PASS\s*\d+\/\d+/)
    await grid.focus()
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press(' ')
    await expect.poll(() => page.getByText(/^\d+ selected$/).textContent()).toBe('1 selected')
    await page.keyboard.press('r')
    await expect.poll(() => page.getByText(/^\d+ selected$/).textContent()).toBe('2 selected')
    await page.keyboard.press('Escape')
    // Select the selftest row and run it again: the matrix shows the live progress and refills.
    const runsBefore = (await api<unknown[]>('/api/runs/list', [])).value?.length ?? 0
    await grid.getByRole('rowheader', { name: 'selftest', exact: true }).click()
    await expect.poll(() => page.getByText(/^\d+ selected$/).textContent()).toBe('2 selected')
    await page.getByRole('button', { name: 'Run selection' }).click()
    await expect.poll(async () => (await api<{ state: string }[]>('/api/runs/list', [])).value?.length).toBe(runsBefore + 1)
    const newest = async (): Promise<{ id: number; state: string; total: number }> => (await api<{ id: number; state: string; total: number }[]>('/api/runs/list', [1])).value![0]!
    expect((await newest()).total).toBe(2)
    await expect.poll(async () => (await newest()).state, { timeout: 60_000 }).toBe('done')
    await expect.poll(() => grid.locator('[role="gridcell"]:not([data-verdict="none"])').count()).toBe(8)
    await page.keyboard.press('Escape')
    // The matrix as CSV: one row per test, one verdict column per environment (the one added by the form test has no
    // result: an empty cell).
    const [csvFile] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()])
    expect(csvFile.suggestedFilename()).toBe('matrix.csv')
    const csvLines = readFileSync((await csvFile.path()) ?? '', 'utf8').trim().split(/\r?\n/)
    expect({ head: csvLines[0]?.split(',')[0], selftest: csvLines.find((l) => l.startsWith('selftest,')) }).toEqual({ head: 'test', selftest: 'selftest,PASS,PASS,' })
    await shot('matrix')
    await page.getByRole('button', { name: 'Toggle theme' }).click()
    await page.waitForTimeout(200)
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark')
    await shot('matrix-dark')
    await page.getByRole('button', { name: 'Toggle theme' }).click()
  })

  it('opens the log of a cell from the keyboard, searches it, and files a known issue from it', async () => {
    const grid = page.getByRole('grid', { name: 'Result matrix' })
    await grid.focus()
    // Row order is the view's; find the row of `fail` and move there.
    const names = await grid.getByRole('rowheader').allTextContents()
    const target = names.indexOf('fail')
    await page.keyboard.press('Home')
    for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowUp')
    for (let i = 0; i < target; i++) await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { name: `Log — fail on ${envs[0]}` }).waitFor()
    expect(await page.locator('.cmd').textContent()).toMatch(/fail\.elf/)
    await page.getByLabel('Search the log').fill('exit: status=')
    await expect.poll(() => page.getByTestId('hits').textContent()).toBe('1 match')
    expect(await page.locator('.line.s-fail').count()).toBeGreaterThan(0)
    await shot('log')
    await page.getByRole('button', { name: 'Add known issue…' }).click()
    const form = page.getByRole('form', { name: 'Add known issue' })
    expect(await form.getByLabel('Test *').inputValue()).toBe('fail')
    await form.getByLabel('Link').fill('ftp://nope')
    await form.getByRole('button', { name: 'Add known issue' }).click()
    await expect.poll(() => form.getByRole('alert').textContent()).toBe("Link must start with http:// or https://, got 'ftp://nope'")
    await form.getByLabel('Link').fill('https://bugs.example.org/42')
    await form.getByLabel('intermittent').check()
    await form.getByLabel('Note').fill('fails on purpose')
    await form.getByRole('button', { name: 'Add known issue' }).click()
    await page.locator('tr[data-issue]').first().waitFor()
    expect(await page.locator('tr[data-issue] td').allTextContents()).toEqual(['fail', '(all)', envs[0], expect.stringContaining(''), 'https://bugs.example.org/42', 'yes', 'fails on purpose', expect.stringMatching(/^\s*Edit\s+Remove\s*$/)])
    await shot('known-issues')
    await page.getByRole('link', { name: 'Matrix' }).click()
    const cell = page.getByRole('grid', { name: 'Result matrix' }).locator('[role="row"]', { has: page.getByRole('rowheader', { name: 'fail', exact: true }) }).locator('[role="gridcell"]').first()
    await expect.poll(() => cell.textContent()).toContain('KNOWN')
  })

  it('compares the two environments with named transitions and drills into a test', async () => {
    await page.getByRole('link', { name: 'Compare' }).click()
    await page.getByLabel('Side A').selectOption(`env:${envs[0]}`)
    await page.getByLabel('Side B').selectOption(`env:${envs[1]}`)
    const chips = page.getByRole('button', { name: /still-failing/ })
    await chips.waitFor()
    expect(await page.getByLabel('Differences only').isChecked()).toBe(true)
    const rows = page.getByRole('table', { name: 'Comparison' }).locator('tbody tr')
    // fail and loop fail on both sides; tests whose subtests differ between the two environments are listed too.
    await expect.poll(() => rows.evaluateAll((rs) => rs.map((r) => r.getAttribute('data-test')))).toEqual(expect.arrayContaining(['fail', 'loop']))
    await page.getByRole('table', { name: 'Comparison' }).getByRole('button', { name: 'fail', exact: true }).click()
    // The known issue filed for fail on the first environment marks that side as an expected failure.
    const failRow = page.getByRole('table', { name: 'Comparison' }).locator('tr[data-test="fail"]').first()
    expect(await failRow.locator('[data-known]').evaluateAll((els) => els.map((e) => e.getAttribute('data-known')))).toEqual(['a'])
    let drill = page.getByRole('region', { name: 'Test fail' })
    await drill.getByRole('table', { name: 'Subtests side by side' }).waitFor()
    // Differences only: the one failing subtest, and a note on the 4 unchanged ones (PASS, XFAIL, KFAIL, SKIP; its INFO
    // line is a fact, not a subtest).
    expect(await drill.getByRole('table', { name: 'Subtests side by side' }).locator('tbody tr').allTextContents()).toEqual([
      expect.stringMatching(/fail: this check fails on purpose\s*FAIL\s*FAIL\s*still-failing/),
      '4 unchanged subtests hidden (Differences only).',
    ])
    await expect.poll(() => drill.locator('.pane .line').count()).toBeGreaterThan(10)
    expect(await drill.locator('p.small').textContent()).toMatch(/identical|First divergence at line \d+/)
    // pgm's fixed-point overflow AR and decimal (CVB/ZAP/DP) subtests pass on the emulator and are known failures
    // (KFAIL) under TCG: the only
    // test whose subtests differ; its drill highlights where the two logs first diverge.
    const differing = page.getByRole('table', { name: 'Comparison' }).locator('tr', { has: page.getByTestId('subchanges') })
    expect(await differing.evaluateAll((trs) => trs.map((t) => `${t.getAttribute('data-test')}: ${t.querySelector('[data-testid="subchanges"]')?.textContent}`))).toEqual(['pgm: 9 subtest changes'])
    await differing.getByRole('button', { name: 'pgm', exact: true }).click()
    drill = page.getByRole('region', { name: 'Test pgm' })
    await expect.poll(() => drill.locator('p.small').textContent()).toMatch(/First divergence at line \d+/)
    expect(await drill.locator('.diverge').count()).toBe(2)
    expect(await drill.getByRole('table', { name: 'Subtests side by side' }).locator('tbody tr').evaluateAll((trs) => trs.length)).toBe(10)
    await page.getByRole('table', { name: 'Comparison' }).scrollIntoViewIfNeeded()
    await shot('compare')
    await page.getByLabel('Differences only').uncheck()
    await expect.poll(() => rows.count()).toBeGreaterThan(2)
  })

  it('cancels a running run from the run view: the kernel is stopped and recorded as CANCELLED', async () => {
    await page.getByRole('link', { name: 'Catalog' }).click()
    await page.getByRole('tab', { name: /unittests|kernels/ }).first().waitFor()
    await page.getByLabel('Filter tests').fill('loop')
    await page.getByLabel('Select loop', { exact: true }).check()
    await page.locator(`label[data-env="${envs[0]}"]`).getByRole('checkbox').check()
    await page.getByRole('button', { name: /^Run 1 test on 1 environment$/ }).click()
    await page.getByRole('heading', { name: /^Run #\d+$/ }).waitFor()
    await page.getByRole('button', { name: 'Cancel run' }).click()
    await expect.poll(() => page.locator('[data-state]').getAttribute('data-state')).toBe('cancelled')
    await expect.poll(() => page.getByRole('table', { name: 'Results' }).locator('tbody tr').first().textContent()).toContain('CANCELLED')
  })

  it('shows pass-rate and duration charts and the status strip in History, with no CSP or script errors anywhere', async () => {
    await page.getByRole('link', { name: 'History' }).click()
    await page.locator('canvas').first().waitFor()
    // Test pass rate, subtest pass rate, duration; the strip: selftest, fail, pgm, loop on each environment.
    expect(await page.locator('canvas').count()).toBe(3)
    expect(await page.getByRole('region', { name: /^Status strip / }).evaluateAll((els) => els.map((e) => `${e.getAttribute('data-env')}: ${e.querySelectorAll('.strip').length}`))).toEqual(['builtin: 4', 'tcg: 4'])
    // The inventory after the runs: levels read, health checked, recent runs listed.
    await page.getByRole('link', { name: 'Environments' }).click()
    await page.getByRole('button', { name: 'Check all' }).click()
    await expect.poll(() => page.locator('tr[data-env="tcg"] .badge').textContent()).toBe('healthy')
    await expect.poll(() => page.getByRole('table', { name: 'Recent runs' }).locator('tbody tr').count()).toBe(3)
    await page.waitForTimeout(500)
    await shot('environments')
    // The one error answer on purpose: the import of a path that does not exist (not-found: HTTP 404), which Chromium
    // also logs; nothing else failed, no CSP violation, no script error.
    expect(problems.filter((p) => !p.includes('favicon'))).toEqual([
      'http 404 POST /api/catalogs/import',
      'console: Failed to load resource: the server responded with a status of 404 (Not Found)',
    ])
  })
})
