// CSV (RFC 4180) for tables the user exports: the matrix and comparisons. Text cells that a spreadsheet would run as
// a formula (leading =, +, @, -, tab, CR) are prefixed with `'`; numbers stay numbers.

/** One CSV cell: quoted when it holds a comma, quote or line break. */
export function csvCell(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return ''
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : ''
  let s = String(v)
  if (/^[=+@\t\r-]/.test(s)) s = `'${s}`
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/** A CSV document: a header row and data rows, CRLF line ends as RFC 4180 says. */
export function toCsv(head: readonly string[], rows: readonly (readonly (string | number | boolean | null | undefined)[])[]): string {
  return [head, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n'
}
