// The matrix's first request as the entry script sends it early and as the view asks for it: one body for both.
import { describe, expect, it } from 'vitest'
import type { CatalogSummary } from '@core/api/lab-api'
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
