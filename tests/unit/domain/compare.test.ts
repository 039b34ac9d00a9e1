import { describe, expect, it } from 'vitest'
import {
  compareSides,
  CompareError,
  differsFromMajority,
  disambiguateSubtests,
  hasRegressions,
  majorityVerdict,
  statusClass,
  transitionOf,
  verdictClass,
  type OutcomeClass,
  type SideResults,
  type Transition,
} from '@core/domain/compare'
import { SUBTEST_STATUSES, VERDICTS, type SubtestStatus, type Verdict } from '@core/domain/results'

describe('transitions', () => {
  it('maps every pair of outcome classes (A rows, B columns)', () => {
    const classes: OutcomeClass[] = ['pass', 'fail', 'neutral', 'absent']
    const table = Object.fromEntries(classes.map((a) => [a, classes.map((b) => transitionOf(a, b))]))
    expect(table).toEqual({
      pass: ['unchanged', 'regression', 'disappeared', 'disappeared'],
      fail: ['fixed', 'still-failing', 'disappeared', 'disappeared'],
      neutral: ['new-pass', 'new-failure', 'unchanged', 'disappeared'],
      absent: ['new-pass', 'new-failure', 'appeared', 'disappeared'],
    })
  })

  it('classifies every verdict and subtest status', () => {
    expect(Object.fromEntries(VERDICTS.map((v) => [v, verdictClass(v)]))).toEqual({
      PASS: 'pass',
      FAIL: 'fail',
      SKIP: 'neutral',
      TIMEOUT: 'fail',
      SIGNAL: 'fail',
      INFRA: 'neutral',
      CANCELLED: 'neutral',
      NOTRUN: 'neutral',
    })
    expect(Object.fromEntries(SUBTEST_STATUSES.map((s) => [s, statusClass(s)]))).toEqual({
      PASS: 'pass',
      FAIL: 'fail',
      XPASS: 'fail',
      XFAIL: 'pass',
      KFAIL: 'pass',
      SKIP: 'neutral',
      INFO: 'neutral',
      ABORT: 'fail',
    })
    expect([verdictClass(null), statusClass(null)]).toEqual(['absent', 'absent'])
  })

  const verdictPairs: [Verdict | null, Verdict | null, Transition][] = [
    ['PASS', 'FAIL', 'regression'],
    ['PASS', 'TIMEOUT', 'regression'],
    ['SIGNAL', 'PASS', 'fixed'],
    ['SKIP', 'FAIL', 'new-failure'],
    [null, 'FAIL', 'new-failure'],
    ['FAIL', 'TIMEOUT', 'still-failing'],
    [null, 'PASS', 'new-pass'],
    ['INFRA', 'PASS', 'new-pass'],
    [null, 'SKIP', 'appeared'],
    ['PASS', null, 'disappeared'],
    ['PASS', 'INFRA', 'disappeared'],
    ['PASS', 'PASS', 'unchanged'],
    ['SKIP', 'INFRA', 'unchanged'],
  ]
  it.each(verdictPairs)('test %s → %s is %s', (a, b, t) => expect(transitionOf(verdictClass(a), verdictClass(b))).toBe(t))

  const statusPairs: [SubtestStatus | null, SubtestStatus | null, Transition][] = [
    ['PASS', 'FAIL', 'regression'],
    ['XFAIL', 'XPASS', 'regression'],
    ['PASS', 'ABORT', 'regression'],
    ['FAIL', 'KFAIL', 'fixed'],
    ['PASS', 'KFAIL', 'unchanged'],
    ['SKIP', 'PASS', 'new-pass'],
    [null, 'INFO', 'appeared'],
    ['INFO', null, 'disappeared'],
    ['XPASS', 'FAIL', 'still-failing'],
  ]
  it.each(statusPairs)('subtest %s → %s is %s', (a, b, t) => expect(transitionOf(statusClass(a), statusClass(b))).toBe(t))
})

describe('disambiguateSubtests', () => {
  it('numbers repeats in order and avoids names already taken', () => {
    const subs = ['x', 'y', 'x', 'x', 'z #2', 'z', 'z'].map((name) => ({ name, status: 'PASS' as const }))
    expect(disambiguateSubtests(subs).map((s) => s.name)).toEqual(['x', 'y', 'x #2', 'x #3', 'z #2', 'z', 'z #3'])
  })
})

const side = (label: string, tests: SideResults['tests']): SideResults => ({ side: { kind: 'env', env: label }, label, tests })

describe('compareSides', () => {
  const a = side('env tcg', [
    { test: 'selftest', verdict: 'PASS', resultId: 1, subtests: [{ name: 'argc', status: 'PASS' }, { name: 'mem', status: 'PASS' }] },
    {
      test: 'skey',
      verdict: 'PASS',
      resultId: 2,
      subtests: [
        { name: 'loop', status: 'PASS' },
        { name: 'loop', status: 'PASS' },
        { name: 'tprot', status: 'XFAIL' },
      ],
    },
    { test: 'gone', verdict: 'FAIL', resultId: 3, subtests: [] },
    { test: 'vector', verdict: 'SKIP', resultId: 4, subtests: [{ name: 'no vx', status: 'SKIP' }] },
  ])
  const b = side('env lpar', [
    { test: 'skey', verdict: 'FAIL', resultId: 12, subtests: [{ name: 'loop', status: 'PASS' }, { name: 'loop', status: 'FAIL' }, { name: 'tprot', status: 'XPASS' }] },
    { test: 'selftest', verdict: 'PASS', resultId: 11, subtests: [{ name: 'argc', status: 'PASS' }, { name: 'facilities', status: 'INFO' }] },
    { test: 'vector', verdict: 'PASS', resultId: 14, subtests: [{ name: 'vl', status: 'PASS' }] },
    { test: 'sigp', verdict: 'FAIL', resultId: 15, subtests: [{ name: 'stop', status: 'FAIL' }] },
  ])

  it('compares tests and subtests with named transitions and counts them', () => {
    const c = compareSides(a, b)
    expect(c.rows.map((r) => [r.test, r.subtest, r.a, r.b, r.transition, r.resultIdA, r.resultIdB])).toEqual([
      ['selftest', null, 'PASS', 'PASS', 'unchanged', 1, 11],
      ['selftest', 'argc', 'PASS', 'PASS', 'unchanged', 1, 11],
      ['selftest', 'mem', 'PASS', null, 'disappeared', 1, 11],
      ['selftest', 'facilities', null, 'INFO', 'appeared', 1, 11],
      ['skey', null, 'PASS', 'FAIL', 'regression', 2, 12],
      ['skey', 'loop', 'PASS', 'PASS', 'unchanged', 2, 12],
      ['skey', 'loop #2', 'PASS', 'FAIL', 'regression', 2, 12],
      ['skey', 'tprot', 'XFAIL', 'XPASS', 'regression', 2, 12],
      ['gone', null, 'FAIL', null, 'disappeared', 3, null],
      ['vector', null, 'SKIP', 'PASS', 'new-pass', 4, 14],
      ['vector', 'no vx', 'SKIP', null, 'disappeared', 4, 14],
      ['vector', 'vl', null, 'PASS', 'new-pass', 4, 14],
      ['sigp', null, null, 'FAIL', 'new-failure', null, 15],
      ['sigp', 'stop', null, 'FAIL', 'new-failure', null, 15],
    ])
    expect([c.a, c.b, c.tests, c.subtests]).toEqual([
      { side: { kind: 'env', env: 'env tcg' }, label: 'env tcg' },
      { side: { kind: 'env', env: 'env lpar' }, label: 'env lpar' },
      { regression: 1, fixed: 0, 'new-failure': 1, 'still-failing': 0, 'new-pass': 1, appeared: 0, disappeared: 1, unchanged: 1 },
      { regression: 2, fixed: 0, 'new-failure': 1, 'still-failing': 0, 'new-pass': 1, appeared: 1, disappeared: 2, unchanged: 2 },
    ])
    expect(new Set(c.rows.map((r) => r.key)).size).toBe(c.rows.length)
    expect(hasRegressions(c)).toBe(true)
  })

  it('against itself is unchanged or still failing, with no regressions', () => {
    const c = compareSides(a, a)
    expect(c.rows.map((r) => r.transition)).toEqual([
      'unchanged', 'unchanged', 'unchanged', 'unchanged', 'unchanged', 'unchanged', 'unchanged', 'still-failing', 'unchanged', 'unchanged',
    ])
    expect(hasRegressions(c)).toBe(false)
  })

  it('refuses a side that lists a test twice', () => {
    const dup = side('run 7', [
      { test: 't', verdict: 'PASS', resultId: 1, subtests: [] },
      { test: 't', verdict: 'FAIL', resultId: 2, subtests: [] },
    ])
    expect(() => compareSides(dup, a)).toThrow(new CompareError("run 7: test 't' appears twice; a side holds one result per test"))
  })
})

describe('majority', () => {
  const cases: [Verdict[], Verdict | null, boolean[]][] = [
    [['PASS', 'PASS', 'FAIL'], 'PASS', [false, false, true]],
    [['PASS', 'FAIL'], null, [true, true]],
    [['PASS', 'PASS'], 'PASS', [false, false]],
    [['PASS', 'INFRA', 'NOTRUN', 'CANCELLED'], 'PASS', [false, false, false, false]],
    [['INFRA', 'INFRA'], null, [false, false]],
    [[], null, []],
    [['FAIL', 'TIMEOUT', 'FAIL', 'SKIP', 'PASS'], 'FAIL', [false, true, false, true, true]],
  ]
  it.each(cases)('%j → %s', (verdicts, majority, flags) => {
    expect(majorityVerdict(verdicts)).toBe(majority)
    expect(differsFromMajority(verdicts)).toEqual(flags)
  })
})
