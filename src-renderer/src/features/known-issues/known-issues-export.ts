// Known issues as files to share with a bug tracker or another lab: JSON (the API's shape) and CSV (RFC 4180).
import type { KnownIssue } from '@core/api/lab-api'

const COLUMNS = ['id', 'test', 'subtest', 'env', 'level', 'url', 'intermittent', 'note'] as const

/** One CSV field: quoted when it holds a comma, quote or line break; a leading = + - @ is escaped so spreadsheets show it as text. */
function field(v: string): string {
  const safe = /^[=+\-@]/.test(v) ? `'${v}` : v
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

/** The known issues as CSV with a header row; null scopes are empty fields, lines end in CRLF. */
export function knownIssuesCsv(issues: readonly KnownIssue[]): string {
  const rows = issues.map((k) => COLUMNS.map((c) => field(c === 'intermittent' ? (k.intermittent ? 'yes' : 'no') : String(k[c] ?? ''))).join(','))
  return [COLUMNS.join(','), ...rows].map((r) => r + '\r\n').join('')
}

/** The known issues as pretty-printed JSON, the same objects `knownIssues.list()` returns. */
export function knownIssuesJson(issues: readonly KnownIssue[]): string {
  return JSON.stringify(issues, null, 2) + '\n'
}
