// History shaping moved out of the SQLite store (issue 14 item 3): chart points per run × environment and the status
// strip per test, from stored results ordered by run, environment, test and id.
import { describe, expect, it } from 'vitest'
import { shapeHistory, type HistoryResultRow } from '@core/domain/history'
import type { StatusCounts } from '@core/domain/results'

const counts = (c: Partial<StatusCounts>): StatusCounts => ({ PASS: 0, FAIL: 0, XPASS: 0, XFAIL: 0, KFAIL: 0, SKIP: 0, INFO: 0, ABORT: 0, ...c })
const row = (resultId: number, runId: number, env: string, test: string, verdict: HistoryResultRow['verdict'], c: Partial<StatusCounts>, level = 'L1'): HistoryResultRow => ({
  resultId,
  runId,
  at: `2026-01-0${runId}T00:00:00Z`,
  env,
  test,
  level,
  verdict,
  durationMs: 100 * resultId,
  counts: counts(c),
})

const rows = [
  row(1, 1, 'kvm', 'sieve', 'PASS', { PASS: 3, INFO: 2 }),
  row(2, 1, 'kvm', 'emulator', 'FAIL', { PASS: 1, FAIL: 1, SKIP: 4 }),
  row(3, 1, 'kvm', 'emulator', 'PASS', { PASS: 2, KFAIL: 1 }, 'L2'),
  row(4, 2, 'tcg', 'sieve', 'PASS', { PASS: 3 }),
]

describe('shapeHistory', () => {
  it('counts tests passed per run × environment, and the latest verdict per test in the strip', () => {
    expect(shapeHistory(rows, false)).toEqual({
      points: [
        { runId: 1, at: '2026-01-01T00:00:00Z', env: 'kvm', level: 'L2', total: 3, passed: 2, durationMs: 600 },
        { runId: 2, at: '2026-01-02T00:00:00Z', env: 'tcg', level: 'L1', total: 1, passed: 1, durationMs: 400 },
      ],
      strip: [
        { test: 'emulator', cells: [{ runId: 1, env: 'kvm', verdict: 'PASS', resultId: 3 }] },
        {
          test: 'sieve',
          cells: [
            { runId: 1, env: 'kvm', verdict: 'PASS', resultId: 1 },
            { runId: 2, env: 'tcg', verdict: 'PASS', resultId: 4 },
          ],
        },
      ],
    })
  })

  it('counts subtest lines with a pass/fail meaning for one test (INFO and SKIP left out)', () => {
    expect(shapeHistory(rows, true).points.map((p) => [p.env, p.total, p.passed])).toEqual([
      ['kvm', 3 + 2 + 3, 3 + 1 + 3],
      ['tcg', 3, 3],
    ])
  })
})
