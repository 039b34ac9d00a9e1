// `labcon export`: a stored run as TAP 13, JUnit XML or JSON, through the service's exports (the same as the UI's).
export { exportRun } from '@main/service/exports'

/** Export formats of `labcon export --format`. */
export const EXPORT_FORMATS = ['tap', 'junit', 'json'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]
