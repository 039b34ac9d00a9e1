// A comparison as a CSV file (RFC 4180) for spreadsheets and bug reports: one line per test or subtest row.
import type { Comparison, CompareRow } from '@core/domain/compare'

/** One CSV field: quoted when it holds a comma, quote or line break; a leading = + - @ is escaped so spreadsheets show text. */
export function csvField(v: string): string {
  const safe = /^[=+\-@]/.test(v) ? `'${v}` : v
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

/** The rows as CSV with a header naming both sides (`a: run 1 on tcg`); lines end in CRLF. */
export function comparisonCsv(c: Pick<Comparison, 'a' | 'b'>, rows: readonly CompareRow[]): string {
  const head = ['test', 'subtest', `a: ${c.a.label}`, `b: ${c.b.label}`, 'transition']
  const lines = rows.map((r) => [r.test, r.subtest ?? '', r.a ?? '', r.b ?? '', r.transition].map(csvField).join(','))
  return [head.map(csvField).join(','), ...lines].map((l) => l + '\r\n').join('')
}

/** A row whose two sides differ: a named change, or the same class with another status (FAIL→TIMEOUT). */
export function rowDiffers(r: CompareRow): boolean {
  return r.transition !== 'unchanged' || r.a !== r.b
}
