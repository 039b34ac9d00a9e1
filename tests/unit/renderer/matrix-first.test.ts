// The matrix's first request as the entry script sends it early and as the view asks for it: one body for both.
import { describe, expect, it } from 'vitest'
import type { CatalogSummary } from '@core/api/lab-api'
import { parseRoute } from '../../../src-renderer/src/lib/route-parse'
import { firstWindowQuery, firstWindowRows, matrixQuery, matrixScope } from '../../../src-renderer/src/features/matrix/matrix-first'

const catalog = (id: number): CatalogSummary => ({ id, name: `c${id}`, source: '/x', testCount: 1, missingKernels: [], importedAt: '' })

describe('matrix first window', () => {
  it('is a screenful of rows and a little more, never under 20', () => {
    expect([firstWindowRows(800), firstWindowRows(300), firstWindowRows(1440)]).toEqual([33, 20, 54])
  })
  it("asks for the route's catalog and run, else the first catalog's latest results, in one JSON body", () => {
    const early = (hash: string): string => JSON.stringify([firstWindowQuery(matrixQuery(matrixScope(parseRoute(hash).params, [catalog(4), catalog(9)])), 800)])
    expect([early('#/matrix'), early('#/matrix?catalog=9&run=12')]).toEqual([
      '[{"catalogId":4,"rows":{"offset":0,"limit":33}}]',
      '[{"catalogId":9,"runId":12,"rows":{"offset":0,"limit":33}}]',
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
