// End to end, issue 8: History, Regressions and Compare tell the truth, in Chromium against server mode.
// A planted regression: `planted` is a copy of arith.elf (passes) in runs 1–2 on tcg and a copy of fail.elf (fails)
// from run 3 on; run 3 also runs on the built-in emulator (pgm: PASS there, KFAIL under TCG), run 4 is cancelled.
// Screenshots go to docs/ only with LABCON_SCREENSHOTS=1 (see screenshots.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import type { CatalogSummary, RunDetail } from '@core/api/lab-api'
import { APP_ROOT, type ConsoleHandle } from '@main/server/launch'
import { SCREENSHOT_DIR } from './screenshots'
import { buildRenderer, callApi, openBrowser, startServer } from './harness'

let dir: string
let handle: ConsoleHandle
let browser: Browser
let page: Page
let problems: string[]
let catalog: CatalogSummary
const runIds: number[] = []

const KERNELS = join(APP_ROOT, 'resources/kernels')
const CFG = `# issue 8 e2e: planted passes in runs 1-2 and fails from run 3
[planted]
file = planted.elf
groups = trust

[arith]
file = arith.elf
groups = trust

[bench]
file = bench.elf
groups = trust

[selftest]
file = selftest.elf
qemu_params = -m 256
test_args = 'test 123 mem=256'
groups = trust

[pgm]
file = pgm.elf
groups = trust

[loop]
file = loop.elf
groups = loop
timeout = 3
`

const shot = (name: string): Promise<Buffer> => page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: false })
const api = <T>(group: string, method: string, args: unknown[] = []): Promise<T> => callApi<T>(handle.url ?? '', group, method, args)
/** Waits (outside a test: expect.poll is not allowed in beforeAll) until a run reaches `state`; fails naming the state it has. */
async function settle(id: number, state: string, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs
  let now = ''
  while (Date.now() < end) {
    now = (await api<RunDetail>('runs', 'get', [id])).state
    if (now === state) return
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`run ${id} is ${now} after ${timeoutMs} ms, expected ${state}`)
}
async function run(envs: string[], tests: string[]): Promise<number> {
  const id = await api<number>('runs', 'start', [{ catalogId: catalog.id, envs, tests }])
  await settle(id, 'done', 150_000)
  runIds.push(id)
  return id
}
// The charts' numbers sit in a closed <details>: hidden from the accessibility tree until opened, so includeHidden.
const dataTable = (name: string): ReturnType<Page['getByRole']> => page.getByRole('table', { name, includeHidden: true })
const cellTexts = (table: string, series: string): Promise<string[]> =>
  dataTable(table).locator(`tr[data-series="${series}"] td[data-value]`).evaluateAll((tds) => tds.map((t) => t.getAttribute('data-value') ?? ''))
const hashParams = async (): Promise<Record<string, string>> => Object.fromEntries(new URLSearchParams((await page.evaluate(() => (globalThis as unknown as { location: { hash: string } }).location.hash)).split('?')[1] ?? ''))

beforeAll(async () => {
  buildRenderer()
  dir = mkdtempSync(join(tmpdir(), 'labcon-e2e-trust-'))
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  const cat = join(dir, 'trust')
  mkdirSync(cat)
  writeFileSync(join(cat, 'unittests.cfg'), CFG)
  for (const k of ['arith', 'bench', 'selftest', 'pgm', 'loop']) copyFileSync(join(KERNELS, `${k}.elf`), join(cat, `${k}.elf`))
  copyFileSync(join(KERNELS, 'arith.elf'), join(cat, 'planted.elf'))
  handle = await startServer(join(dir, 'lab.sqlite'))
  catalog = await api<CatalogSummary>('catalogs', 'import', [join(cat, 'unittests.cfg')])
  expect(catalog.missingKernels).toEqual([])
  // The built-in emulator must be able to run (issue 14: no silent fallback to another environment).
  const builtin = (await api<{ id: number; name: string }[]>('environments', 'list')).find((e) => e.name === 'builtin')
  expect(builtin).toBeDefined()
  expect((await api<{ ok: boolean; problems: string[] }>('environments', 'health', [builtin!.id])).problems).toEqual([])

  await run(['tcg'], ['planted', 'arith', 'bench'])
  await run(['tcg'], ['planted', 'arith', 'bench'])
  copyFileSync(join(KERNELS, 'fail.elf'), join(cat, 'planted.elf'))
  await run(['tcg', 'builtin'], ['planted', 'arith', 'bench', 'selftest', 'pgm'])
  const cancelled = await api<number>('runs', 'start', [{ catalogId: catalog.id, envs: ['tcg'], tests: ['loop'] }])
  await api('runs', 'cancel', [cancelled])
  await settle(cancelled, 'cancelled', 30_000)
  runIds.push(cancelled)
  await run(['tcg'], ['planted', 'arith', 'bench'])
  expect(runIds).toEqual([1, 2, 3, 4, 5])
  ;({ browser, page, problems } = await openBrowser())
}, 400_000)

afterAll(async () => {
  await browser?.close()
  await handle?.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

describe('results you can trust (issue 8)', () => {
  it('History: one catalog, runs on a time axis, gaps kept, cancelled run left out, labelled rates, strip per environment', async () => {
    await page.goto(`${handle.url}#/history?catalog=${catalog.id}`)
    const testRate = 'Test pass rate (% of tests with a verdict that passed) data'
    await dataTable(testRate).waitFor({ state: 'attached' })
    // Runs 1, 2, 3 and 5: the cancelled run 4 is not on the axis.
    expect(await dataTable(testRate).locator('thead th').allTextContents()).toEqual(['Series', 'run 1', 'run 2', 'run 3', 'run 5'])
    // tcg: 3/3, 3/3, 4/5 (planted fails), 2/3; builtin ran in run 3 only: gaps elsewhere, never a line through them.
    expect(await cellTexts(testRate, 'tcg')).toEqual(['100', '100', '80', '66.7'])
    expect(await cellTexts(testRate, 'builtin')).toEqual(['', '', '80', ''])
    const subRate = 'Subtest pass rate (% of subtest lines passing; XFAIL and KFAIL count as passing, SKIP and INFO not counted) data'
    expect((await cellTexts(subRate, 'builtin')).map((v) => v === '')).toEqual([true, true, false, true])
    expect(await page.getByRole('figure').locator('figcaption').allTextContents()).toEqual([
      'Test pass rate (% of tests with a verdict that passed)',
      'Subtest pass rate (% of subtest lines passing; XFAIL and KFAIL count as passing, SKIP and INFO not counted)',
      'Duration per run (s, sum over tests)',
    ])
    // A measurement over time: bench's sieve timing on both environments, in ms, gaps where an environment did not run.
    await page.getByLabel('Measurement', { exact: true }).selectOption(JSON.stringify(['bench', 'bench: time sieve']))
    const metric = 'bench: bench: time sieve (ms) data'
    await dataTable(metric).waitFor({ state: 'attached' })
    expect((await cellTexts(metric, 'tcg')).map((v) => Number(v) > 0)).toEqual([true, true, true, true])
    expect((await cellTexts(metric, 'builtin')).map((v) => v === '')).toEqual([true, true, false, true])
    // The status strip: one block per environment, a legend, a cell per run, click-through to the log.
    expect(await page.getByRole('region', { name: /^Status strip / }).evaluateAll((els) => els.map((e) => e.getAttribute('data-env')))).toEqual(['builtin', 'tcg'])
    expect(await page.getByLabel('Legend').textContent()).toContain('no result in that run')
    const planted = page.getByRole('region', { name: 'Status strip tcg' }).locator('.strip[data-test="planted"] .dot')
    expect(await planted.evaluateAll((ds) => ds.map((d) => d.getAttribute('data-verdict')))).toEqual(['PASS', 'PASS', 'FAIL', 'FAIL'])
    expect(await page.getByRole('region', { name: 'Status strip builtin' }).locator('.strip[data-test="planted"] .dot').evaluateAll((ds) => ds.map((d) => d.getAttribute('data-verdict')))).toEqual(['', '', 'FAIL', ''])
    await page.waitForTimeout(300)
    await shot('history')
    await planted.nth(2).click()
    await page.getByRole('heading', { name: 'Log — planted on tcg' }).waitFor()
  })

  it('Regressions: the planted regression names run 2 as last good and run 3 as first bad, and compares exactly those', async () => {
    await page.getByRole('link', { name: 'Regressions' }).click()
    const table = page.getByRole('table', { name: 'Regressions' })
    await table.locator('tbody tr[data-test]').first().waitFor()
    const rows = (): Promise<string[][]> =>
      table
        .locator('tbody tr[data-test]')
        .evaluateAll((trs) => trs.map((t) => ['data-test', 'data-env', 'data-last-good', 'data-first-bad'].map((a) => t.getAttribute(a) ?? '')))
        .then((r) => r.sort((x, y) => `${x[0]}/${x[1]}`.localeCompare(`${y[0]}/${y[1]}`)))
    expect(await rows()).toEqual([['planted', 'tcg', '2', '3']])
    expect(await table.locator('tr[data-test="planted"] td').nth(5).textContent()).toBe('2')
    // On builtin, planted never passed: listed only when asked for, without a last good run.
    await page.getByLabel('also tests that never passed').check()
    await expect.poll(rows).toEqual([
      ['planted', 'builtin', '', '3'],
      ['planted', 'tcg', '2', '3'],
    ])
    await page.getByLabel('also tests that never passed').uncheck()
    await expect.poll(rows).toEqual([['planted', 'tcg', '2', '3']])
    await shot('regressions')
    await table.getByRole('button', { name: 'Compare #2 → #3' }).click()
    await page.getByRole('table', { name: 'Comparison' }).locator('tr[data-test="planted"]').first().waitFor()
    expect(await hashParams()).toMatchObject({ a: 'run:2@env:tcg', b: 'run:3@env:tcg', test: 'planted' })
    expect(await page.getByRole('table', { name: 'Comparison' }).locator('tr[data-test="planted"]').first().getAttribute('data-transition')).toBe('regression')
  })

  it('Compare…: from a run page A is the previous run of the catalog there and B this run, in the CLI side syntax', async () => {
    await page.goto(`${handle.url}#/run?id=3`)
    await page.getByRole('heading', { name: 'Run #3' }).waitFor()
    // The baselines show once the run list has arrived (before, the page said "no earlier run" while it loaded).
    await page.locator('[data-compare-env]').first().waitFor()
    expect(await page.locator('[data-compare-env]').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-compare-env')}: ${e.textContent?.trim()}`))).toEqual([
      'builtin: builtin: no earlier finished run of this catalog',
      'tcg: tcg: compare with run #2 (previous)',
    ])
    await page.getByRole('button', { name: 'Compare…' }).click()
    await page.getByRole('table', { name: 'Comparison' }).waitFor()
    expect(await hashParams()).toEqual({ a: 'run:2@env:tcg', b: 'run:3@env:tcg' })
    expect(await page.locator('code').filter({ hasText: 'labcon compare' }).textContent()).toBe('labcon compare run:2@env:tcg run:3@env:tcg')
    // Run 5 after the cancelled run 4: its baseline is run 3, the last finished one.
    await page.goto(`${handle.url}#/run?id=5`)
    await page.getByRole('button', { name: 'tcg: compare with run #3 (previous)' }).click()
    await expect.poll(hashParams).toEqual({ a: 'run:3@env:tcg', b: 'run:5@env:tcg' })
  })

  it('Compare builtin with tcg: every status change is a difference, facts and measurements apart, CSV export', async () => {
    await page.goto(`${handle.url}#/compare?a=${encodeURIComponent('run:3@env:builtin')}&b=${encodeURIComponent('run:3@env:tcg')}`)
    const table = page.getByRole('table', { name: 'Comparison' })
    await table.waitFor()
    expect(await page.getByLabel('Side A').inputValue()).toBe('run:3@env:builtin')
    expect(await page.getByLabel('Side B').inputValue()).toBe('run:3@env:tcg')
    // pgm's fixed-point overflow AR and decimal subtests: PASS on the emulator, KFAIL under TCG.
    await page.getByLabel('Subtest rows').check()
    const pgm = table.locator('tr.sub[data-test="pgm"]')
    await expect
      .poll(() => pgm.evaluateAll((trs) => trs.map((t) => `${t.getAttribute('data-subtest')}: ${t.getAttribute('data-transition')}`)))
      .toEqual([
        'pgm: fixed-point overflow AR: interruption code 0x08: known-failure',
        'pgm: fixed-point overflow AR: instruction length 2: known-failure',
        'pgm: fixed-point overflow AR: old PSW points after the instruction: known-failure',
        // The decimal checks: builtin implements CVB/ZAP/DP (its pgm takes the strict path), QEMU 7.2 TCG does not.
        'pgm: data CVB bad sign: interruption code 0x07: known-failure',
        'pgm: data CVB bad sign: data-exception code 0 (decimal operand): known-failure',
        'pgm: data CVB bad digit: interruption code 0x07: known-failure',
        'pgm: decimal overflow ZAP: interruption code 0x0a: known-failure',
        'pgm: decimal overflow ZAP: rightmost digit and sign stored (completion): known-failure',
        'pgm: decimal divide DP by zero: interruption code 0x0b: known-failure',
      ])
    expect(await pgm.first().locator('td').nth(2).textContent()).toContain('PASS')
    expect(await pgm.first().locator('td').nth(3).textContent()).toContain('KFAIL')
    // No INFO line is a subtest row; the benches are measurements, the identity lines facts.
    expect(await table.locator('tr.sub[data-test="bench"]').count()).toBe(0)
    await page.getByLabel('Subtest rows').uncheck()
    expect((await page.locator('button[data-transition="known-failure"]').textContent())?.replace(/\s+/g, ' ').trim()).toBe('known-failure 0 / 9 sub')
    const metrics = page.getByRole('table', { name: 'Measurements' })
    await page.getByRole('region', { name: 'Measurement differences' }).getByLabel('Flagged only').uncheck()
    expect(await metrics.locator('tbody tr[data-metric]').evaluateAll((trs) => trs.map((t) => t.getAttribute('data-metric')).sort())).toEqual([
      'bench: time crc32',
      'bench: time fnv1a64',
      'bench: time sieve',
      'bench: time total',
    ])
    expect(await metrics.locator('tbody tr[data-metric] td:nth-child(6)').allTextContents()).toEqual(Array(4).fill(expect.stringMatching(/^×\d/)))
    const facts = page.getByRole('table', { name: 'Facts' })
    const differing = await facts.locator('tbody tr[data-fact]').evaluateAll((trs) => trs.map((t) => t.getAttribute('data-fact')))
    expect(differing).toEqual(expect.arrayContaining(['level', 'selftest: stsi: manufacturer', 'selftest: facilities: STFL']))
    expect(await facts.locator('tr[data-fact="level"] td').allTextContents()).toEqual(['', 'level', expect.stringMatching(/^labcon-s390x-emu /), expect.stringMatching(/^QEMU \d/)])
    await page.evaluate(() => (globalThis as unknown as { scrollTo: (x: number, y: number) => void }).scrollTo(0, 0))
    await shot('compare-facts')
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()])
    expect(download.suggestedFilename()).toMatch(/\.csv$/)
    const csv = readFileSync((await download.path()) ?? '', 'utf8')
    expect(csv.split(/\r?\n/)[0]).toBe('kind,test,name,a,b,change,ratio,unit,flagged')
    expect(csv).toContain('pgm: fixed-point overflow AR: instruction length 2,PASS,KFAIL,known-failure')
  })

  it('explains a bad side or an unknown environment without class names', async () => {
    await page.goto(`${handle.url}#/compare?a=${encodeURIComponent('run:3@builtin')}&b=env:tcg`)
    await expect.poll(() => page.getByRole('alert').first().textContent()).toBe(
      "Side 'run:3@builtin' is not a side: write run:<id>[@env:<name>], env:<name>, level:<level>[@env:<name>] (as labcon compare).",
    )
    await page.goto(`${handle.url}#/compare?a=env:nope&b=env:tcg`)
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain("'nope'")
    expect(await page.getByRole('alert').first().textContent()).not.toMatch(/[A-Za-z]+Error\b/)
  })

  it('Runs: filter, sort, page, and export a run as JUnit', async () => {
    await page.goto(`${handle.url}#/runs`)
    const ids = (): Promise<string[]> => page.getByRole('table', { name: 'Runs' }).locator('tbody tr[data-run]').evaluateAll((trs) => trs.map((t) => t.getAttribute('data-run') ?? ''))
    await expect.poll(ids).toEqual(['5', '4', '3', '2', '1'])
    await page.getByLabel('Filter state').selectOption('cancelled')
    await expect.poll(ids).toEqual(['4'])
    await page.getByLabel('Filter state').selectOption('')
    await page.getByLabel('Filter verdict').selectOption('FAIL')
    await expect.poll(ids).toEqual(['5', '3'])
    await page.getByLabel('Filter environment').selectOption('builtin')
    await expect.poll(ids).toEqual(['3'])
    await page.getByRole('button', { name: 'Clear filters' }).click()
    await page.getByRole('button', { name: /^Run/ }).click()
    await expect.poll(ids).toEqual(['1', '2', '3', '4', '5'])
    await page.getByLabel('Runs per page').selectOption('20')
    expect(await page.getByTestId('page').textContent()).toBe('page 1 of 1 · 5 runs')
    await shot('runs')
    await page.goto(`${handle.url}#/run?id=3`)
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('group', { name: 'Export' }).getByRole('button', { name: 'JUnit XML' }).click()])
    const xml = readFileSync((await download.path()) ?? '', 'utf8')
    expect(xml).toMatch(/^<\?xml/)
    expect(xml).toContain('name="planted"')
  })

  it('asks before a run over 1,000 slots; known issues are edited in place and removal is confirmed', async () => {
    await page.goto(`${handle.url}#/catalog`)
    await page.getByRole('tab', { name: /trust/ }).click()
    await page.locator('tr[data-test="planted"]').waitFor()
    for (const e of ['builtin', 'tcg']) await page.locator(`label[data-env="${e}"]`).getByRole('checkbox').check()
    await page.getByLabel('repeat').fill('100')
    const before = (await api<unknown[]>('runs', 'list', [])).length
    await page.getByRole('button', { name: /^Run 6 tests on 2 environments$/ }).click()
    const dialog = page.getByRole('alertdialog', { name: 'Confirm a large run' })
    expect((await dialog.textContent())?.replace(/\s+/g, ' ').trim()).toBe(
      'This run has 1,200 slots (6 tests × 2 environments × 100 repetitions), more than 1,000. Start 1,200 slots Cancel',
    )
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    expect(await dialog.count()).toBe(0)
    expect((await api<unknown[]>('runs', 'list', [])).length).toBe(before)

    const issue = await api<{ id: number }>('knownIssues', 'add', [{ test: 'pgm', subtest: null, env: 'tcg', level: null, url: 'https://bugs.example.org/8', intermittent: false, note: 'TCG KFAIL' }])
    await page.goto(`${handle.url}#/known-issues`)
    const row = page.locator(`tr[data-issue="${issue.id}"]`)
    // Edited in place: same id, new note and environment picked from the configured ones.
    await row.getByRole('button', { name: 'Edit' }).click()
    const form = page.getByRole('form', { name: 'Edit known issue' })
    expect(await form.getByLabel('Test *').inputValue()).toBe('pgm')
    await form.getByLabel('Environment').selectOption('builtin')
    await form.getByLabel('Note').fill('KFAIL on the emulator too?')
    await form.getByRole('button', { name: 'Save changes' }).click()
    await expect.poll(() => row.locator('td').allTextContents()).toEqual(['pgm', '(all)', 'builtin', 'any', 'https://bugs.example.org/8', 'no', 'KFAIL on the emulator too?', expect.stringMatching(/Edit\s+Remove/)])
    expect(await api<{ id: number; note: string }[]>('knownIssues', 'list')).toEqual([expect.objectContaining({ id: issue.id, env: 'builtin', note: 'KFAIL on the emulator too?' })])
    await row.getByRole('button', { name: 'Remove' }).click()
    await row.getByRole('button', { name: 'Keep' }).click()
    expect(await row.count()).toBe(1)
    await row.getByRole('button', { name: 'Remove' }).click()
    await row.getByRole('button', { name: 'Yes, remove' }).click()
    await expect.poll(() => row.count()).toBe(0)
  })

  it('shows a banner when the server goes away and reconnects by itself when it is back', async () => {
    await page.goto(`${handle.url}#/runs`)
    await page.getByRole('table', { name: 'Runs' }).locator('tbody tr[data-run]').first().waitFor()
    const port = Number(new URL(handle.url ?? '').port)
    await handle.close()
    await page.getByRole('link', { name: 'Environments' }).click()
    const banner = page.getByTestId('connection')
    await expect.poll(() => banner.textContent(), { timeout: 15_000 }).toMatch(/The console server does not answer \(since .+\)\. Reconnecting by itself…/)
    expect(await page.getByRole('alert').allTextContents()).not.toContainEqual(expect.stringMatching(/Failed to fetch|TypeError/))
    // The same console started again with the same token (a new token would need the new printed URL).
    handle = await startServer(join(dir, 'lab.sqlite'), port, new URL(handle.url ?? '').searchParams.get('token') ?? undefined)
    await expect.poll(() => banner.count(), { timeout: 15_000 }).toBe(0)
    await page.locator('tr[data-env="tcg"]').waitFor()
    // builtin's health check from the setup was kept with its time, across the restart.
    await expect.poll(() => page.locator('tr[data-env="builtin"] .badge').first().textContent()).toBe('healthy')
    expect(await page.locator('tr[data-env="builtin"]').getByTestId('checked-at').textContent()).toMatch(/^checked \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/)
    expect(problems.filter((p) => !p.includes('favicon') && !p.includes('ERR_CONNECTION_REFUSED') && !p.includes('Failed to load resource'))).toEqual([])
  })
})
