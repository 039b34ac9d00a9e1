// Stored integer codes. Fixed here, never derived from array order elsewhere: the database outlives code changes.
import type { SubtestStatus } from '@core/domain/results'

/** Subtest status ↔ the integer in subtest.status. Append only. */
export const SUBTEST_STATUS_CODES: readonly SubtestStatus[] = [
  'PASS', // 0
  'FAIL', // 1
  'XPASS', // 2
  'XFAIL', // 3
  'KFAIL', // 4
  'SKIP', // 5
  'INFO', // 6
  'ABORT', // 7
]

/** The code of a status (throws on an unknown status, which would be a programming error). */
export function subtestStatusCode(status: SubtestStatus): number {
  const code = SUBTEST_STATUS_CODES.indexOf(status)
  if (code < 0) throw new Error(`unknown subtest status '${status}'`)
  return code
}
