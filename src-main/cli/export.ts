// `labcon export`: a stored run as TAP 13 or JUnit XML, through the domain's formatters. Slots that never finished
// are exported as NOTRUN so a report of an interrupted run shows what is missing.
import type { RunDetail } from '@core/api/lab-api'
import { toJUnit, toTap, type ExportResult } from '@core/domain/export'

/** Export formats of `labcon export --format`. */
export const EXPORT_FORMATS = ['tap', 'junit'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

/** Renders a run in `format`; `logOf` supplies each result's console log (omitted when it returns null). */
export function exportRun(detail: RunDetail, format: ExportFormat, logOf: (resultId: number) => string | null = () => null): string {
  const repeated = detail.results.some((r) => r.repetition > 1) || detail.unfinished.some((u) => u.repetition > 1)
  const name = (test: string, repetition: number): string => (repeated ? `${test}#${repetition}` : test)
  const results: ExportResult[] = detail.results.map((r) => {
    const e: ExportResult = {
      test: name(r.test, r.repetition),
      env: r.env,
      level: r.level,
      verdict: r.verdict,
      reason: r.reason,
      durationMs: r.durationMs,
      subtests: r.subtests,
      summary: r.summary,
    }
    const log = logOf(r.id)
    if (log !== null) e.log = log
    return e
  })
  for (const u of detail.unfinished) {
    results.push({ test: name(u.test, u.repetition), env: u.env, level: '', verdict: 'NOTRUN', reason: `run ${detail.state} before this test finished`, durationMs: 0, subtests: [], summary: null })
  }
  return format === 'tap' ? toTap(results) : toJUnit(results)
}
