// The matrix's first request as the entry script sends it early and as the view asks for it: one body for both.
import { describe, expect, it, vi } from 'vitest'
import { EARLY_ANSWERS_ID, type CatalogSummary } from '@core/api/lab-api'
import { parseRoute } from '../../../src-renderer/src/lib/route-parse'
import { firstWindowColumns, firstWindowQuery, firstWindowRows, matrixQuery, matrixScope } from '../../../src-renderer/src/features/matrix/matrix-first'

const catalog = (id: number): CatalogSummary => ({ id, name: `c${id}`, source: '/x', testCount: 1, missingKernels: [], importedAt: '' })

describe('matrix first window', () => {
  it('is a screenful of rows and a little more, never under 20', () => {
    expect([firstWindowRows(800), firstWindowRows(300), firstWindowRows(1440)]).toEqual([33, 20, 54])
  })
  it('is as many narrow columns as the viewport shows and two more, never under 10', () => {
    // 1280 px: (1280 - 240) / 64 = 16.25 columns in view.
    expect([firstWindowColumns(1280), firstWindowColumns(400), firstWindowColumns(1920)]).toEqual([19, 10, 29])
  })
  it("asks for the route's catalog and run, else the first catalog's latest results, in one JSON body", () => {
    const early = (hash: string): string =>
      JSON.stringify([firstWindowQuery(matrixQuery(matrixScope(parseRoute(hash).params, [catalog(4), catalog(9)])), { height: 800, width: 1280 })])
    expect([early('#/matrix'), early('#/matrix?catalog=9&run=12')]).toEqual([
      '[{"catalogId":4,"rows":{"offset":0,"limit":33},"columns":{"offset":0,"limit":19}}]',
      '[{"catalogId":9,"runId":12,"rows":{"offset":0,"limit":33},"columns":{"offset":0,"limit":19}}]',
    ])
    expect(matrixScope({}, [])).toEqual({ catalogId: null, runId: null })
  })
  it('reads routes without Svelte: unknown views are the environments view', () => {
    expect([parseRoute('#/matrix?catalog=3'), parseRoute('#/nope'), parseRoute('')]).toEqual([
      { view: 'matrix', params: { catalog: '3' } },
      { view: 'environments', params: {} },
      { view: 'environments', params: {} },
    ])
  })
})

describe('matrix first window sent early', () => {
  it('leaves in the entry script\'s own task when the page carries the catalog list, and the view takes both answers', async () => {
    vi.resetModules()
    const sent: string[] = []
    const list = { ok: true, value: [catalog(7)] }
    vi.stubGlobal('document', { getElementById: (id: string) => (id === EARLY_ANSWERS_ID ? { textContent: JSON.stringify({ 'catalogs.list': { body: '[]', reply: list } }) } : null) })
    vi.stubGlobal('fetch', (url: string, init: { body: string }) => {
      sent.push(`${url} ${init.body}`)
      return Promise.resolve(new Response(JSON.stringify({ ok: true, value: 'window' }), { headers: { 'Content-Type': 'application/json' } }))
    })
    try {
      const { requestMatrixEarly } = await import('../../../src-renderer/src/features/matrix/matrix-first')
      const { takeEarly } = await import('../../../src-renderer/src/lib/early')
      requestMatrixEarly(parseRoute('#/matrix'), { height: 800, width: 1280 })
      // Synchronously: no request for the catalog list, the first window on its way.
      const body = '[{"catalogId":7,"rows":{"offset":0,"limit":33},"columns":{"offset":0,"limit":19}}]'
      expect(sent).toEqual([`/api/results/matrix ${body}`])
      const catalogs = await takeEarly('catalogs', 'list', '[]')
      expect(catalogs).toEqual({ body: '[]', reply: list })
      // The view's same call is given the answer on its way, once; later calls send their own.
      const window = await takeEarly('results', 'matrix', body)
      expect(window && 'response' in window ? await (await window.response).json() : null).toEqual({ ok: true, value: 'window' })
      expect(await takeEarly('results', 'matrix', body)).toBeNull()
    } finally {
      vi.unstubAllGlobals()
      vi.resetModules()
    }
  })
})
