// The matrix's first request, shared by the view and the entry script (which sends it before the app has loaded, in
// server mode): both build it here, so the transport can match the early answer to the view's call.
import type { CatalogSummary, MatrixQuery } from '@core/api/lab-api'
import { earlyRequest, earlyRequestWhen, embeddedReply } from '../../lib/early'
import type { Route } from '../../lib/route-parse'

/** Height of a matrix row, CSS pixels (MatrixGrid draws at this height). */
export const MATRIX_ROW_H = 30

/** Rows of the first window: a screenful and a little more, so the first answer is small and paints at once. */
export function firstWindowRows(viewportHeight: number): number {
  return Math.max(20, Math.ceil(viewportHeight / MATRIX_ROW_H) + 6)
}

/** The catalog and run a matrix route shows: the route's, else the first catalog and the latest results. */
export function matrixScope(params: Record<string, string>, catalogs: readonly CatalogSummary[]): { catalogId: number | null; runId: number | null } {
  return { catalogId: params.catalog ? Number(params.catalog) : (catalogs[0]?.id ?? null), runId: params.run ? Number(params.run) : null }
}

/** The query of the matrix (no rows: every row) for a scope. */
export function matrixQuery(scope: { catalogId: number | null; runId: number | null }): MatrixQuery {
  return { catalogId: scope.catalogId ?? undefined, runId: scope.runId ?? undefined }
}

/** Width of a matrix column when there are many (MatrixGrid's compact width), and of the sticky test-name column. */
export const MATRIX_COL_W = 64
export const MATRIX_HEAD_W = 240

/** Columns of the first window: as many narrow columns as the viewport shows, and two more. A matrix with fewer
 *  columns than that comes whole. */
export function firstWindowColumns(viewportWidth: number): number {
  return Math.max(10, Math.ceil((viewportWidth - MATRIX_HEAD_W) / MATRIX_COL_W) + 2)
}

/** The query of the first window: the rows and columns a screen shows. */
export function firstWindowQuery(q: MatrixQuery, viewport: { height: number; width: number }): MatrixQuery {
  return { ...q, rows: { offset: 0, limit: firstWindowRows(viewport.height) }, columns: { offset: 0, limit: firstWindowColumns(viewport.width) } }
}

/** Sends the matrix view's first requests (the catalog list, then the first window) ahead of the app. With the
 *  catalog list embedded in the page (server mode does that), the first window leaves at once, in this task. */
export function requestMatrixEarly(route: Route, viewport: { height: number; width: number }): void {
  const first = (catalogs: CatalogSummary[]): unknown[] => [firstWindowQuery(matrixQuery(matrixScope(route.params, catalogs)), viewport)]
  const listed = (reply: unknown): CatalogSummary[] | null => {
    const r = reply as { ok?: boolean; value?: CatalogSummary[] } | null | undefined
    return r?.ok && Array.isArray(r.value) ? r.value : null
  }
  const embedded = listed(embeddedReply('catalogs', 'list', []))
  const catalogs = earlyRequest('catalogs', 'list', [])
  if (embedded) earlyRequest('results', 'matrix', first(embedded))
  else earlyRequestWhen('results', 'matrix', catalogs.then((reply) => (listed(reply) ? first(listed(reply)!) : null)))
}
