// `labcon export`: a stored run as TAP 13 or JUnit XML, through the domain's formatters.
import type { RunDetail } from '@core/api/lab-api'

/** Export formats of `labcon export --format`. */
export const EXPORT_FORMATS = ['tap', 'junit'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

/** Renders a run in `format`. */
export function exportRun(detail: RunDetail, format: ExportFormat): string {
  throw new Error(`export of run ${detail.id} as ${format}: waiting for the domain formatters (toTap/toJUnit)`)
}
