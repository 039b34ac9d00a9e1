// Regressions ("failing since"): the last good and first bad result per test × environment.
import { describe, expect, it } from 'vitest'
import { findRegressions, type VerdictEvent } from '@core/domain/regressions'
import type { Verdict } from '@core/domain/results'

let nextId = 1
const ev = (test: string, env: string, runId: number, verdict: Verdict, level = `L${runId}`): VerdictEvent => ({
  test,
  env,
  runId,
  resultId: nextId++,
  level,
  at: `2026-01-0${runId}T00:00:00Z`,
  verdict,
})
const ref = (e: VerdictEvent): Omit<VerdictEvent, 'test' | 'env'> => ({ runId: e.runId, resultId: e.resultId, level: e.level, at: e.at, verdict: e.verdict })

describe('findRegressions', () => {
  it('finds a planted regression: passes in runs 1–2, fails from run 3 — run 3 is first bad, run 2 last good', () => {
    const events = [ev('arith', 'tcg', 1, 'PASS'), ev('arith', 'tcg', 2, 'PASS'), ev('arith', 'tcg', 3, 'FAIL'), ev('arith', 'tcg', 4, 'TIMEOUT')]
    expect(findRegressions(events, 7)).toEqual([
      {
        test: 'arith',
        env: 'tcg',
        catalogId: 7,
        lastGood: ref(events[1]!),
        firstBad: ref(events[2]!),
        latest: ref(events[3]!),
        failures: 2,
        compare: { a: { kind: 'run', runId: 2, env: 'tcg' }, b: { kind: 'run', runId: 3, env: 'tcg' } },
      },
    ])
  })

  it('ignores SKIP, INFRA, CANCELLED and NOTRUN: they neither break nor start a streak; order is by run then result', () => {
    const events = [
      ev('a', 'tcg', 3, 'FAIL'),
      ev('a', 'tcg', 1, 'PASS'),
      ev('a', 'tcg', 2, 'INFRA'),
      ev('a', 'tcg', 4, 'CANCELLED'),
      ev('a', 'tcg', 5, 'FAIL'),
      ev('a', 'tcg', 6, 'SKIP'),
    ]
    const [r] = findRegressions(events, 1)
    expect([r?.lastGood?.runId, r?.firstBad.runId, r?.latest.runId, r?.failures]).toEqual([1, 3, 5, 2])
  })

  it('reports nothing for a test passing now, and never-passed tests only when asked', () => {
    const events = [ev('fixed', 'kvm', 1, 'FAIL'), ev('fixed', 'kvm', 2, 'PASS'), ev('never', 'kvm', 1, 'FAIL'), ev('never', 'kvm', 2, 'SIGNAL')]
    expect(findRegressions(events, 1)).toEqual([])
    const all = findRegressions(events, 1, { includeNeverPassed: true })
    expect(all.map((r) => [r.test, r.lastGood, r.firstBad.runId, r.failures, r.compare])).toEqual([['never', null, 1, 2, null]])
  })

  it('keeps environments apart and sorts by test, then environment', () => {
    const events = [ev('b', 'z', 1, 'PASS'), ev('b', 'z', 2, 'FAIL'), ev('b', 'a', 1, 'PASS'), ev('b', 'a', 2, 'FAIL'), ev('a', 'z', 1, 'PASS'), ev('a', 'z', 2, 'FAIL'), ev('a', 'a', 2, 'PASS')]
    expect(findRegressions(events, 1).map((r) => `${r.test}@${r.env}`)).toEqual(['a@z', 'b@a', 'b@z'])
  })
})
