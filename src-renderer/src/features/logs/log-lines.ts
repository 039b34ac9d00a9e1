// Console log helpers, pure: result-line classification, search, first divergence of two logs.
import { SUBTEST_STATUSES, type SubtestStatus } from '@core/domain/results'

/** A console line with its result word (PASS, FAIL, …), SUMMARY / EXIT marker, or null. */
export interface LogLine {
  n: number
  text: string
  status: SubtestStatus | 'SUMMARY' | 'EXIT' | null
}

const RESULT = new RegExp(`^(${SUBTEST_STATUSES.join('|')}): `)

/** Splits a console text into classified lines (CRLF tolerant). */
export function classifyLines(text: string): LogLine[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n')
  if (lines[lines.length - 1] === '') lines.pop()
  return lines.map((t, i) => {
    const m = RESULT.exec(t)
    const status = m ? (m[1] as SubtestStatus) : t.startsWith('SUMMARY:') ? 'SUMMARY' : t.startsWith('EXIT: STATUS=') ? 'EXIT' : null
    return { n: i + 1, text: t, status }
  })
}

/** Line numbers (1-based) whose text contains `query` (case-insensitive); empty query matches nothing. */
export function searchLines(lines: LogLine[], query: string): number[] {
  const q = query.trim().toLowerCase()
  if (q === '') return []
  return lines.filter((l) => l.text.toLowerCase().includes(q)).map((l) => l.n)
}

/** Index (0-based) of the first line where two logs differ, ignoring trailing spaces; null when identical. */
export function firstDivergence(a: string[], b: string[]): number | null {
  const n = Math.max(a.length, b.length)
  for (let i = 0; i < n; i++) {
    if ((a[i] ?? null)?.trimEnd() !== (b[i] ?? null)?.trimEnd()) return i
  }
  return null
}
