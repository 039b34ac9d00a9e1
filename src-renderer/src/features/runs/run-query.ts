// The Runs list's filters, sort and page as URL parameters (`#/runs?env=tcg&state=done&sort=startedAt&order=asc`).
import { RUN_STATES, type RunQuery, type RunState } from '@core/api/lab-api'
import { VERDICTS, type Verdict } from '@core/domain/results'

export type SortKey = NonNullable<RunQuery['sort']>
const SORTS: readonly SortKey[] = ['id', 'startedAt', 'catalog', 'state']
const LIMITS = [20, 50, 100, 200]

/** The query the parameters describe; unknown or malformed values fall back to the defaults (newest first, 50 a page). */
export function runQueryFrom(params: Record<string, string>): RunQuery & { sort: SortKey; order: 'asc' | 'desc'; limit: number; offset: number } {
  const int = (s: string | undefined): number | undefined => (s !== undefined && /^\d+$/.test(s) ? Number(s) : undefined)
  const q: RunQuery & { sort: SortKey; order: 'asc' | 'desc'; limit: number; offset: number } = {
    sort: (SORTS as readonly string[]).includes(params.sort ?? '') ? (params.sort as SortKey) : 'id',
    order: params.order === 'asc' ? 'asc' : 'desc',
    limit: LIMITS.includes(int(params.limit) ?? -1) ? (int(params.limit) as number) : 50,
    offset: int(params.offset) ?? 0,
  }
  const catalogId = int(params.catalog)
  if (catalogId !== undefined && catalogId > 0) q.catalogId = catalogId
  if (params.env) q.env = params.env
  if ((RUN_STATES as readonly string[]).includes(params.state ?? '')) q.state = params.state as RunState
  if ((VERDICTS as readonly string[]).includes(params.verdict ?? '')) q.verdict = params.verdict as Verdict
  return q
}
