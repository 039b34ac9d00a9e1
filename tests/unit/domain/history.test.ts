import { describe, expect, it } from 'vitest'
import { flakiness, wilsonLower } from '@core/domain/history'
import type { Verdict } from '@core/domain/results'

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
