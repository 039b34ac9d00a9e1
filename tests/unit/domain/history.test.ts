import { describe, expect, it } from 'vitest'
import { flakiness, historySeries, metricSeries, wilsonLower, type HistoryResult, type MetricPoint } from '@core/domain/history'
import type { StatusCounts, Verdict } from '@core/domain/results'

const round = (x: number): number => Math.round(x * 10000) / 10000

describe('flakiness', () => {
  const cases: [string, readonly Verdict[] | Partial<Record<Verdict, number>>, object][] = [
    ['no samples', [], { samples: 0, passes: 0, failures: 0, majority: null, minorityShare: 0, flaky: false, confidence: 0 }],
    ['always passes', ['PASS', 'PASS', 'PASS'], { samples: 3, passes: 3, failures: 0, majority: 'PASS', minorityShare: 0, flaky: false, confidence: 0 }],
    [
      'fails in different ways: failing, not flaky',
      ['FAIL', 'TIMEOUT', 'SIGNAL', 'FAIL'],
      { samples: 4, passes: 0, failures: 4, majority: 'FAIL', minorityShare: 0, flaky: false, confidence: 0 },
    ],
    ['1 in 2', ['PASS', 'FAIL'], { samples: 2, passes: 1, failures: 1, majority: null, minorityShare: 0.5, flaky: true, confidence: 0.1891 }],
    ['5 in 10 (tallies)', { PASS: 5, FAIL: 5 }, { samples: 10, passes: 5, failures: 5, majority: null, minorityShare: 0.5, flaky: true, confidence: 0.4732 }],
    ['50 in 100', { PASS: 50, TIMEOUT: 50 }, { samples: 100, passes: 50, failures: 50, majority: null, minorityShare: 0.5, flaky: true, confidence: 0.8077 }],
    ['1 in 100', { PASS: 99, FAIL: 1 }, { samples: 100, passes: 99, failures: 1, majority: 'PASS', minorityShare: 0.01, flaky: true, confidence: 0.0035 }],
    [
      'INFRA/CANCELLED/NOTRUN ignored, SKIP votes only for the majority',
      ['INFRA', 'INFRA', 'INFRA', 'CANCELLED', 'NOTRUN', 'SKIP', 'SKIP', 'SKIP', 'PASS', 'FAIL'],
      { samples: 2, passes: 1, failures: 1, majority: 'SKIP', minorityShare: 0.5, flaky: true, confidence: 0.1891 },
    ],
  ]
  it.each(cases)('%s', (_what, input, want) => {
    const f = flakiness(input)
    expect({ ...f, confidence: round(f.confidence) }).toEqual(want)
  })

  it('grows with sample size at the same split and with evenness at the same size', () => {
    const c = (p: number, f: number): number => flakiness({ PASS: p, FAIL: f }).confidence
    expect(c(1, 1) < c(5, 5) && c(5, 5) < c(50, 50)).toBe(true)
    expect(c(99, 1) < c(90, 10) && c(90, 10) < c(50, 50)).toBe(true)
  })
})

describe('wilsonLower', () => {
  it.each([
    [0, 0, 0],
    [0, 10, 0],
    [10, 10, 0.7225],
    [5, 10, 0.2366],
  ])('%i of %i', (k, n, want) => expect(round(wilsonLower(k, n))).toBe(want))
})

describe('historySeries: gaps stay gaps, two named pass rates, no cancelled results', () => {
  const counts = (c: Partial<StatusCounts>): StatusCounts => ({ PASS: 0, FAIL: 0, XPASS: 0, XFAIL: 0, KFAIL: 0, SKIP: 0, INFO: 0, ABORT: 0, ...c })
  const row = (runId: number, env: string, verdict: Verdict, c: Partial<StatusCounts>, durationMs = 100): HistoryResult => ({
    runId,
    at: `2026-01-0${runId}T00:00:00Z`,
    env,
    level: `${env}-1`,
    verdict,
    durationMs,
    counts: counts(c),
  })

  it('aligns environments on the runs axis with null where an environment has no result', () => {
    const h = historySeries([
      // pgm passed with INFO lines: 100 % both ways (INFO and SKIP count in neither rate).
      row(1, 'tcg', 'PASS', { PASS: 27, INFO: 5 }),
      row(1, 'builtin', 'PASS', { PASS: 29, KFAIL: 3, INFO: 4, SKIP: 1 }),
      row(2, 'tcg', 'FAIL', { PASS: 3, FAIL: 1 }),
      row(2, 'tcg', 'PASS', { PASS: 2 }),
      row(3, 'builtin', 'PASS', { PASS: 1 }),
      row(3, 'tcg', 'CANCELLED', {}),
    ])
    expect(h).toEqual({
      runs: [
        { runId: 1, at: '2026-01-01T00:00:00Z', label: 'run 1' },
        { runId: 2, at: '2026-01-02T00:00:00Z', label: 'run 2' },
        { runId: 3, at: '2026-01-03T00:00:00Z', label: 'run 3' },
      ],
      series: [
        {
          env: 'builtin',
          levels: ['builtin-1', null, 'builtin-1'],
          tests: [1, null, 1],
          testsPassed: [1, null, 1],
          testPassRate: [1, null, 1],
          subtests: [32, null, 1],
          subtestsPassed: [32, null, 1],
          subtestPassRate: [1, null, 1],
          durationMs: [100, null, 100],
        },
        {
          env: 'tcg',
          levels: ['tcg-1', 'tcg-1', null],
          tests: [1, 2, null],
          testsPassed: [1, 1, null],
          testPassRate: [1, 0.5, null],
          subtests: [27, 6, null],
          subtestsPassed: [27, 5, null],
          subtestPassRate: [1, 5 / 6, null],
          durationMs: [100, 200, null],
        },
      ],
    })
  })

  it('metricSeries: mean over repetitions, gaps as null, one unit', () => {
    const p = (runId: number, env: string, value: number, unit = 'ms'): MetricPoint => ({ runId, at: `t${runId}`, env, level: 'L', value, unit })
    expect(metricSeries('bench', 'bench: time sieve', 1, [p(1, 'tcg', 400), p(1, 'tcg', 500), p(2, 'builtin', 1100), p(3, 'tcg', 480), p(0, 'tcg', 1, 's')])).toEqual({
      test: 'bench',
      name: 'bench: time sieve',
      unit: 'ms',
      catalogId: 1,
      runs: [
        { runId: 1, at: 't1', label: 'run 1' },
        { runId: 2, at: 't2', label: 'run 2' },
        { runId: 3, at: 't3', label: 'run 3' },
      ],
      series: [
        { env: 'builtin', levels: [null, 'L', null], values: [null, 1100, null] },
        { env: 'tcg', levels: ['L', null, 'L'], values: [450, null, 480] },
      ],
    })
  })
})
