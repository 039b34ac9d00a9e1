// The matrix at scale in Chromium: 300 tests × 24 environments written through the store, served by server mode.
// Only the visible window of rows and columns is in the DOM; the first row window is painted before the rest arrives;
// keys move the active cell and the selection without a request; clicks, row/column headers and filters still work.
// The catalog list comes with the page and the first window is asked for by the entry script while the app loads,
// once; the active cell survives the streamed rows and is what the grid's aria-activedescendant names.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page, Request } from 'playwright-core'
import { openStore } from '@main/db/open-store'
import { asyncStore } from '@main/db/async-store'
import { createLabService } from '@main/service/lab-service'
import { startLabServer, type LabServer } from '@main/server/http-server'
import { APP_ROOT, ensureBuilt, RENDERER_SOURCES } from '@main/server/launch'
import { generateMatrix, isFail } from '../fixtures/matrix/generate'
import { openBrowser } from './harness'

const TESTS = 300
const ENVS = 24
let dir: string
let service: ReturnType<typeof createLabService>
let server: LabServer
let browser: Browser
let page: Page
let problems: string[]

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'labcon-e2e-matrix-'))
  const dbPath = join(dir, 'lab.sqlite')
  const store = asyncStore(openStore(dbPath))
  await generateMatrix(store, TESTS, ENVS)
  await store.close()
  await ensureBuilt('out/renderer/index.html', RENDERER_SOURCES)
  service = createLabService({ dbPath, defaultEnvironments: false })
  server = await startLabServer({ api: service, rendererDir: join(APP_ROOT, 'out', 'renderer') })
  ;({ browser, page, problems } = await openBrowser())
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
  await service?.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

const grid = (): ReturnType<Page['getByRole']> => page.getByRole('grid', { name: 'Result matrix' })
const rowNames = (): Promise<string[]> => grid().getByRole('rowheader').allTextContents()
const selectedText = (): Promise<string | null> => page.getByText(/^\d+ selected$/).textContent()

/** The cell the grid names as active for assistive technology: its row's test, column index and text. */
const activeCell = (): Promise<{ test: string | null; col: string | null; text: string | null } | null> =>
  grid().evaluate((g) => {
    const id = g.getAttribute('aria-activedescendant')
    const c = id ? g.ownerDocument.getElementById(id) : null
    if (!c) return null
    return { test: c.closest('[role="row"]')?.querySelector('[role="rowheader"]')?.textContent ?? null, col: c.getAttribute('aria-colindex'), text: c.textContent }
  })
/** A matrix window request as the page sends it: [offset, limit] of its rows, and of its columns (null: all). */
const windowOf = (r: Request): [number, number, [number, number] | null] | null => {
  if (!r.url().endsWith('/api/results/matrix')) return null
  const [q] = JSON.parse(r.postData() ?? '[]') as [{ rows?: { offset: number; limit: number }; columns?: { offset: number; limit: number } }]
  return q.rows ? [q.rows.offset, q.rows.limit, q.columns ? [q.columns.offset, q.columns.limit] : null] : null
}
/** The text the generator's rule gives a cell. */
const expectedText = (test: string, envId: number): string => (isFail(Number(test.slice(1)), envId) ? 'FAIL 1/2' : 'PASS 2/2')
/** The drawn cells of a row: column header name → text and verdict attribute. */
const drawnRow = (test: string): Promise<Record<string, [string, string]>> =>
  grid().evaluate((g, t) => {
    const heads = [...g.querySelectorAll('[role="columnheader"]')].map((h) => h.textContent?.trim() ?? '')
    const row = [...g.querySelectorAll('[role="row"]')].find((r) => r.querySelector('[role="rowheader"]')?.textContent === t)
    const out: Record<string, [string, string]> = {}
    for (const c of row?.querySelectorAll('[role="gridcell"]') ?? []) out[heads[Number(c.getAttribute('aria-colindex')) - 1] ?? '?'] = [c.textContent ?? '', c.getAttribute('data-verdict') ?? '']
    return out
  }, test)

describe('matrix at 300 tests × 24 environments', () => {
  it('paints the first window (rows and columns of a screen) while the rest is held back, then fills in the rest', async () => {
    const asked: NonNullable<ReturnType<typeof windowOf>>[] = []
    const lists: string[] = []
    const listen = (r: Request): void => void (r.url().endsWith('/api/catalogs/list') && lists.push(r.url()))
    page.on('request', listen)
    let release = (): void => {}
    const held = new Promise<void>((r) => (release = r))
    await page.route('**/api/results/matrix', async (route) => {
      const w = windowOf(route.request())
      if (w) asked.push(w)
      if (w && (w[0] > 0 || w[2]?.[0] !== 0)) await held
      await route.continue()
    })
    await page.goto(`${server.url}#/matrix`)
    await grid().locator('[role="gridcell"][data-verdict="PASS"]').first().waitFor()
    // The first window is a screenful of rows and of columns (1280 px: 19 of the 24); nothing else has arrived, and
    // the grid says so.
    expect({ busy: await grid().getAttribute('aria-busy'), first: asked[0], names: (await rowNames()).slice(0, 2) }).toEqual({
      busy: 'true',
      first: [0, expect.any(Number), [0, 19]],
      names: ['t0000', 't0001'],
    })
    expect(asked[0]![1]).toBeLessThan(60)
    // Every column is laid out at once (the server names them all); scrolled right, the columns past the first window
    // are drawn as on their way, not as "no result", and fill in with the right verdicts once their window arrives.
    const envIds = new Map((await service.environments.list()).map((e) => [e.name, e.id]))
    const heads = await grid().getByRole('columnheader').allTextContents()
    expect(heads.length).toBe(ENVS + 1)
    await grid().evaluate((el) => el.scrollTo({ left: el.scrollWidth }))
    const late = heads.slice(1 + 19).map((h) => h.trim())
    await expect.poll(async () => Object.keys(await drawnRow('t0001'))).toContain(late[late.length - 1])
    const before = await drawnRow('t0001')
    expect(late.map((env) => before[env])).toEqual(late.map(() => ['', 'pending']))
    release()
    await expect.poll(async () => (await drawnRow('t0001'))[late[0]!]?.[1]).not.toBe('pending')
    const after = await drawnRow('t0001')
    expect(late.map((env) => after[env]?.[0])).toEqual(late.map((env) => expectedText('t0001', envIds.get(env)!)))
    await grid().evaluate((el) => el.scrollTo({ left: 0 }))
    // The page links the app's code and its one stylesheet, so they load alongside the entry script, not after it.
    const html = readFileSync(join(APP_ROOT, 'out', 'renderer', 'index.html'), 'utf8')
    expect({ app: /<link rel="modulepreload"[^>]* href="\.\/assets\/app-[\w-]+\.js">/.test(html), sheets: html.match(/rel="stylesheet"/g)?.length }).toEqual({ app: true, sheets: 1 })
    await page.locator('[role="grid"][aria-busy="false"]').waitFor()
    await page.unroute('**/api/results/matrix')
    page.off('request', listen)
    // The catalog list came with the page (no request), and the entry script's early first window was the view's own:
    // it went once, then the other columns of its rows. The catalog menu shows that list.
    expect({ lists: lists.length, firstRows: asked.filter(([offset]) => offset === 0).map((w) => w[2]) }).toEqual({ lists: 0, firstRows: [[0, 19], [19, ENVS - 19]] })
    expect(await page.getByLabel('Catalog').locator('option').count()).toBe(1)
    // The row windows (every column) cover the other rows exactly once.
    const covered = asked.reduce((n, [offset, limit, cols]) => n + (offset === 0 && cols?.[0] !== 0 ? 0 : limit), 0)
    expect(covered).toBeGreaterThanOrEqual(TESTS)
    expect(covered - (asked[asked.length - 1]?.[1] ?? 0)).toBeLessThan(TESTS)
    expect(await page.getByText(/of 300 tests × 24 environments/).textContent()).toMatch(/^300 of 300 tests × 24 environments/)
    // The legend says what the colours and labels mean.
    expect((await page.getByLabel('Legend').textContent())?.replace(/\s+/g, ' ').trim()).toBe(
      'PASS passed FAIL failed (TIME, SIG too) KNOWN known issue SKIP skipped INFRA infrastructure failure · no result ◆ differs from its row',
    )
  })

  it('keeps only the visible rows and columns (plus a little overscan) in the DOM while scrolling both ways', async () => {
    const inDom = async (): Promise<{ rows: number; cells: number }> => ({
      rows: await grid().locator('[role="row"]').count(),
      cells: await grid().locator('[role="gridcell"]').count(),
    })
    const top = await inDom()
    // About 600 px of body at 30 px per row, 830 px of columns at 64 px each: far fewer than 300 × 24 = 7,200 cells.
    expect(top.rows).toBeGreaterThan(10)
    expect(top.rows).toBeLessThan(40)
    expect(top.cells).toBeLessThanOrEqual(top.rows * 18)
    await grid().evaluate((el) => el.scrollTo({ top: el.scrollHeight, left: el.scrollWidth }))
    await expect.poll(() => grid().getByRole('rowheader', { name: 't0299', exact: true }).count()).toBe(1)
    const bottom = await inDom()
    expect(bottom.rows).toBeLessThan(40)
    expect(bottom.cells).toBeLessThanOrEqual(bottom.rows * 18)
    expect(await rowNames()).not.toContain('t0000')
    // The last column is drawn, the first is not: columns are virtualized too.
    const cols = await grid().locator('[role="gridcell"]').evaluateAll((cs) => [...new Set(cs.map((c) => Number(c.getAttribute('aria-colindex'))))].sort((a, b) => a - b))
    expect(cols[cols.length - 1]).toBe(ENVS + 1)
    expect(cols[0]).toBeGreaterThan(2)
    // Every drawn cell shows the verdict the generator wrote (level grouping keeps env-00, env-05, … first).
    const row = grid().locator('[role="row"]', { has: page.getByRole('rowheader', { name: 't0299', exact: true }) })
    expect(await row.locator('[role="gridcell"]').first().textContent()).toMatch(/^(PASS 2\/2|FAIL 1\/2)$/)
    await grid().evaluate((el) => el.scrollTo({ top: 0, left: 0 }))
    await expect.poll(async () => (await rowNames())[0]).toBe('t0000')
    // The frame that shows a scroll step draws the rows in view; the overscan rows around them follow in a task of
    // their own after that frame.
    const drawn = await grid().evaluate(async (el) => {
      const range = (): number[] => {
        const ix = [...el.querySelectorAll('[role="row"]')].map((r) => Number(r.getAttribute('aria-rowindex')))
        return [Math.min(...ix), Math.max(...ix)]
      }
      el.scrollTop = 150 * 30
      el.dispatchEvent(new Event('scroll'))
      // Animation-frame callbacks run in the order they were asked for: this one runs after the grid's.
      const win = globalThis as unknown as { requestAnimationFrame(cb: () => void): number }
      const inFrame = await new Promise<number[]>((r) => win.requestAnimationFrame(() => r(range())))
      await new Promise((r) => setTimeout(r, 100))
      return { inFrame, after: range() }
    })
    expect({ before: drawn.inFrame[0]! - drawn.after[0]!, after: drawn.after[1]! - drawn.inFrame[1]! }).toEqual({ before: 6, after: 6 })
  })

  it('moves the active cell and the selection with keys, scrolling along, without a single request', async () => {
    const requests: string[] = []
    // Data requests only: the other views' code chunks are prefetched in idle time (App.svelte), whenever that comes.
    const listen = (r: Request): void => {
      const path = new URL(r.url()).pathname
      if (!path.startsWith('/assets/')) requests.push(path)
    }
    page.on('request', listen)
    await grid().focus()
    for (let i = 0; i < 40; i++) await page.keyboard.press('ArrowDown')
    for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowRight')
    await page.keyboard.press(' ')
    await page.keyboard.press('Shift+ArrowDown')
    await expect.poll(selectedText).toBe('2 selected')
    // The active row (t0041) was scrolled into view and drawn; the first rows left the DOM.
    await expect.poll(async () => (await rowNames()).includes('t0041')).toBe(true)
    expect(await rowNames()).not.toContain('t0000')
    const marked = await grid().locator('[role="gridcell"][aria-selected="true"]').evaluateAll((cs) => cs.map((c) => c.closest('[role="row"]')?.querySelector('[role="rowheader"]')?.textContent))
    expect(marked).toEqual(['t0040', 't0041'])
    await page.keyboard.press('r')
    await expect.poll(selectedText).toBe(`${ENVS} selected`)
    await page.keyboard.press('c')
    await expect.poll(selectedText).toBe(`${TESTS} selected`)
    await page.keyboard.press('Escape')
    await expect.poll(selectedText).toBe('0 selected')
    page.off('request', listen)
    expect(requests).toEqual([])
  })

  it('selects by click, ctrl-click, row and column header, filters rows, and opens the log on double click', async () => {
    await grid().evaluate((el) => el.scrollTo({ top: 0, left: 0 }))
    await expect.poll(async () => (await rowNames())[0]).toBe('t0000')
    const cellsOf = (t: string): ReturnType<Page['locator']> => grid().locator('[role="row"]', { has: page.getByRole('rowheader', { name: t, exact: true }) }).locator('[role="gridcell"]')
    await cellsOf('t0003').nth(1).click()
    await expect.poll(selectedText).toBe('1 selected')
    await cellsOf('t0004').nth(2).click({ modifiers: ['Control'] })
    await expect.poll(selectedText).toBe('2 selected')
    await grid().getByRole('rowheader', { name: 't0005', exact: true }).click()
    await expect.poll(selectedText).toBe(`${ENVS} selected`)
    await grid().getByRole('columnheader', { name: 'env-07' }).click()
    await expect.poll(selectedText).toBe(`${TESTS} selected`)
    await page.getByRole('button', { name: 'Clear' }).click()
    await page.getByLabel('Filter tests').fill('t029')
    await expect.poll(rowNames).toEqual(['t0290', 't0291', 't0292', 't0293', 't0294', 't0295', 't0296', 't0297', 't0298', 't0299'])
    await page.getByLabel('Filter tests').fill('')
    await expect.poll(async () => (await rowNames())[0]).toBe('t0000')
    await cellsOf('t0002').first().dblclick()
    await page.getByRole('heading', { name: /^Log — t0002 on env-\d\d$/ }).waitFor()
    expect(problems).toEqual([])
  })

  it('keeps the active cell, named by aria-activedescendant, while the streamed rows arrive after the first paint', async () => {
    let release = (): void => {}
    const held = new Promise<void>((r) => (release = r))
    await page.route('**/api/results/matrix', async (route) => {
      const w = windowOf(route.request())
      if (w && (w[0] > 0 || w[2]?.[0] !== 0)) await held
      await route.continue()
    })
    await page.goto('about:blank')
    await page.goto(`${server.url}#/matrix`)
    await grid().locator('[role="gridcell"][data-verdict="PASS"]').first().waitFor()
    await grid().focus()
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown')
    for (let i = 0; i < 2; i++) await page.keyboard.press('ArrowRight')
    const expected = { test: 't0003', col: '4', text: expect.stringMatching(/^(PASS 2\/2|FAIL 1\/2)$/) }
    expect({ busy: await grid().getAttribute('aria-busy'), active: await activeCell() }).toEqual({ busy: 'true', active: expected })
    release()
    await page.locator('[role="grid"][aria-busy="false"]').waitFor()
    await page.unroute('**/api/results/matrix')
    expect(await activeCell()).toEqual(expected)
    // Space selects the cell that stayed active.
    await page.keyboard.press(' ')
    await expect.poll(selectedText).toBe('1 selected')
    const marked = await grid()
      .locator('[role="gridcell"][aria-selected="true"]')
      .evaluateAll((cs) => cs.map((c) => [c.closest('[role="row"]')?.querySelector('[role="rowheader"]')?.textContent, c.getAttribute('aria-colindex')]))
    expect(marked).toEqual([['t0003', '4']])
    await page.keyboard.press('Escape')
  })

  it('opens the log of a cell far down from the keyboard after the grid was scrolled away from the active cell', async () => {
    await grid().evaluate((el) => el.scrollTo({ top: el.scrollHeight }))
    await expect.poll(() => grid().getByRole('rowheader', { name: 't0299', exact: true }).count()).toBe(1)
    // The active cell (t0003) is not drawn any more: the grid names no active descendant.
    expect(await activeCell()).toBeNull()
    await grid().focus()
    // A page is a screenful (about 14 rows here): 30 pages reach the last row from t0003.
    for (let i = 0; i < 30; i++) await page.keyboard.press('PageDown')
    await expect.poll(activeCell).toEqual({ test: 't0299', col: '4', text: expect.stringMatching(/^(PASS 2\/2|FAIL 1\/2)$/) })
    await page.keyboard.press('ArrowUp')
    await expect.poll(async () => (await activeCell())?.test).toBe('t0298')
    // Grouped by level, the third column is env-10 (fw-0: env-00, env-05, env-10, …).
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { name: 'Log — t0298 on env-10' }).waitFor()
    expect(problems).toEqual([])
  })
})
