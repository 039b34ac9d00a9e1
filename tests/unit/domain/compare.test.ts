import { describe, expect, it } from 'vitest'
import {
  compareMetric,
  compareSides,
  CompareError,
  differsFromMajority,
  disambiguateSubtests,
  hasRegressions,
  majorityVerdict,
  outcomeClass,
  TRANSITIONS,
  statusClass,
  transitionOf,
  verdictClass,
  type Outcome,
  type SideResults,
  type Transition,
} from '@core/domain/compare'
import { SUBTEST_STATUSES, VERDICTS, type SubtestStatus, type Verdict } from '@core/domain/results'

describe('transitions', () => {
  it('maps every pair of outcomes (the README table: A rows, B columns)', () => {
    // One representative per class, plus the same-class pairs that differ in status.
    const outcomes: (Outcome | null)[] = ['PASS', 'KFAIL', 'FAIL', 'SKIP', 'INFRA', null]
    const table = Object.fromEntries(outcomes.map((a) => [String(a), outcomes.map((b) => transitionOf(a, b))]))
    expect(table).toEqual({
      PASS: ['unchanged', 'known-failure', 'regression', 'now-skipped', 'no-verdict', 'disappeared'],
      KFAIL: ['known-failure-gone', 'unchanged', 'regression', 'now-skipped', 'no-verdict', 'disappeared'],
      FAIL: ['fixed', 'still-failing', 'still-failing', 'now-skipped', 'no-verdict', 'disappeared'],
      SKIP: ['new-pass', 'known-failure', 'new-failure', 'unchanged', 'no-verdict', 'disappeared'],
      INFRA: ['new-pass', 'known-failure', 'new-failure', 'now-skipped', 'unchanged', 'disappeared'],
      null: ['new-pass', 'known-failure', 'new-failure', 'appeared', 'no-verdict', 'unchanged'],
    })
  })

  it('classifies every verdict and subtest status', () => {
    expect(Object.fromEntries(VERDICTS.map((v) => [v, verdictClass(v)]))).toEqual({
      PASS: 'pass',
      FAIL: 'fail',
      SKIP: 'skip',
      TIMEOUT: 'fail',
      SIGNAL: 'fail',
      INFRA: 'none',
      CANCELLED: 'none',
      NOTRUN: 'none',
    })
    expect(Object.fromEntries(SUBTEST_STATUSES.map((s) => [s, statusClass(s)]))).toEqual({
      PASS: 'pass',
      FAIL: 'fail',
      XPASS: 'fail',
      XFAIL: 'known',
      KFAIL: 'known',
      SKIP: 'skip',
      INFO: 'none',
      ABORT: 'fail',
    })
    expect([verdictClass(null), statusClass(null)]).toEqual(['absent', 'absent'])
  })

  it('calls every change of status a difference: unchanged only for the same status (two failures: still-failing)', () => {
    const all: (Outcome | null)[] = [...new Set<Outcome>([...VERDICTS, ...SUBTEST_STATUSES.filter((s) => s !== 'INFO')]), null]
    for (const a of all)
      for (const b of all) expect([a, b, transitionOf(a, b) === 'unchanged']).toEqual([a, b, a === b && outcomeClass(a) !== 'fail'])
  })

  const verdictPairs: [Verdict | null, Verdict | null, Transition][] = [
    ['PASS', 'FAIL', 'regression'],
    ['PASS', 'TIMEOUT', 'regression'],
    ['SIGNAL', 'PASS', 'fixed'],
    ['SKIP', 'FAIL', 'new-failure'],
    [null, 'FAIL', 'new-failure'],
    ['FAIL', 'TIMEOUT', 'still-failing'],
    ['FAIL', 'FAIL', 'still-failing'],
    [null, 'PASS', 'new-pass'],
    ['INFRA', 'PASS', 'new-pass'],
    [null, 'SKIP', 'appeared'],
    ['PASS', null, 'disappeared'],
    ['PASS', 'INFRA', 'no-verdict'],
    ['FAIL', 'INFRA', 'no-verdict'],
    ['PASS', 'SKIP', 'now-skipped'],
    ['INFRA', 'CANCELLED', 'changed'],
    ['PASS', 'PASS', 'unchanged'],
    ['SKIP', 'INFRA', 'no-verdict'],
  ]
  it.each(verdictPairs)('test %s → %s is %s', (a, b, t) => expect(transitionOf(a, b)).toBe(t))

  const statusPairs: [SubtestStatus | null, SubtestStatus | null, Transition][] = [
    ['PASS', 'FAIL', 'regression'],
    ['XFAIL', 'XPASS', 'regression'],
    ['KFAIL', 'FAIL', 'regression'],
    ['PASS', 'ABORT', 'regression'],
    ['FAIL', 'KFAIL', 'still-failing'],
    ['PASS', 'KFAIL', 'known-failure'],
    ['PASS', 'XFAIL', 'known-failure'],
    ['KFAIL', 'PASS', 'known-failure-gone'],
    ['XFAIL', 'PASS', 'known-failure-gone'],
    ['KFAIL', 'XFAIL', 'changed'],
    ['PASS', 'XPASS', 'regression'],
    ['XPASS', 'PASS', 'fixed'],
    ['PASS', 'SKIP', 'now-skipped'],
    ['SKIP', 'PASS', 'new-pass'],
    ['XPASS', 'FAIL', 'still-failing'],
  ]
  it.each(statusPairs)('subtest %s → %s is %s', (a, b, t) => expect(transitionOf(a, b)).toBe(t))
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
    const zero = Object.fromEntries(TRANSITIONS.map((t) => [t, 0]))
    expect([c.a, c.b, c.tests, c.subtests]).toEqual([
      { side: { kind: 'env', env: 'env tcg' }, label: 'env tcg' },
      { side: { kind: 'env', env: 'env lpar' }, label: 'env lpar' },
      { ...zero, regression: 1, 'new-failure': 1, 'new-pass': 1, disappeared: 1, unchanged: 1 },
      { ...zero, regression: 2, 'new-failure': 1, 'new-pass': 1, disappeared: 2, unchanged: 2 },
    ])
    // The INFO line is a fact of selftest on B only, not a subtest.
    expect(c.facts).toEqual([{ test: 'selftest', key: 'facilities', a: null, b: '', differs: true }])
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

describe('compareSides: subtests, facts and measurements kept apart (builtin vs tcg lines)', () => {
  const builtin: SideResults = {
    side: { kind: 'env', env: 'builtin' },
    label: 'env builtin',
    tests: [
      {
        test: 'pgm',
        verdict: 'PASS',
        resultId: 1,
        level: 'labcon-s390x-emu 0.2.0',
        envFacts: { 'stsi.1.1.1.type': '2964', 'emu.instructions': '303244' },
        subtests: [
          { status: 'PASS', name: 'pgm: operation: interruption code 0x01' },
          { status: 'PASS', name: 'pgm: fixed-point overflow AR: interruption code 0x08' },
        ],
      },
      {
        test: 'selftest',
        verdict: 'PASS',
        resultId: 2,
        level: 'labcon-s390x-emu 0.2.0',
        envFacts: { 'stsi.1.1.1.type': '2964', 'emu.instructions': '121404' },
        subtests: [
          { status: 'INFO', name: 'selftest: facilities: STFL fb40f6ea' },
          { status: 'INFO', name: "selftest: stsi: manufacturer 'QEMU' type '2964' model '' sequence 'LABCON'" },
          { status: 'INFO', name: 'selftest: stsi: configuration level 3 (1 basic machine, 2 LPAR, 3 virtual machine)' },
          { status: 'PASS', name: 'selftest: stsi: STSI 1.1.1 CC 0' },
        ],
      },
      {
        test: 'bench',
        verdict: 'PASS',
        resultId: 3,
        level: 'labcon-s390x-emu 0.2.0',
        subtests: [
          { status: 'PASS', name: 'bench: sieve: 6 rounds, primes below 2000000 == 148933' },
          { status: 'INFO', name: 'bench: time sieve 1134 ms' },
          { status: 'INFO', name: 'bench: time crc32 1650 ms' },
        ],
      },
      { test: 'exittime', verdict: 'PASS', resultId: 4, subtests: [{ status: 'PASS', name: 'exittime: nop: total/best/avg/worst 100.000/0.900/1.000/1.500 us' }] },
    ],
  }
  const tcg: SideResults = {
    side: { kind: 'env', env: 'tcg' },
    label: 'env tcg',
    tests: [
      {
        test: 'pgm',
        verdict: 'PASS',
        resultId: 11,
        level: 'QEMU 7.2.22',
        subtests: [
          { status: 'PASS', name: 'pgm: operation: interruption code 0x01' },
          { status: 'KFAIL', name: 'pgm: fixed-point overflow AR: interruption code 0x08' },
        ],
      },
      {
        test: 'selftest',
        verdict: 'PASS',
        resultId: 12,
        level: 'QEMU 7.2.22',
        subtests: [
          { status: 'INFO', name: 'selftest: facilities: STFL f940f6d3' },
          { status: 'INFO', name: "selftest: stsi: manufacturer 'QEMU' type '8561' model '' sequence 'QEMU'" },
          { status: 'INFO', name: 'selftest: stsi: configuration level 3 (1 basic machine, 2 LPAR, 3 virtual machine)' },
          { status: 'PASS', name: 'selftest: stsi: STSI 1.1.1 CC 0' },
        ],
      },
      {
        test: 'bench',
        verdict: 'PASS',
        resultId: 13,
        level: 'QEMU 7.2.22',
        subtests: [
          { status: 'PASS', name: 'bench: sieve: 6 rounds, primes below 2000000 == 148933' },
          { status: 'INFO', name: 'bench: time sieve 475 ms' },
          { status: 'INFO', name: 'bench: time crc32 1600 ms' },
        ],
      },
      { test: 'exittime', verdict: 'PASS', resultId: 14, subtests: [{ status: 'PASS', name: 'exittime: nop: total/best/avg/worst 150.000/1.400/1.500/2.000 us' }] },
    ],
  }
  const c = compareSides(builtin, tcg)

  it("names PASS → KFAIL a difference (known-failure); no INFO line becomes a subtest; exittime's numbers do not split a subtest", () => {
    expect(c.rows.filter((r) => r.transition !== 'unchanged').map((r) => [r.subtest ?? r.test, r.a, r.b, r.transition])).toEqual([
      ['pgm: fixed-point overflow AR: interruption code 0x08', 'PASS', 'KFAIL', 'known-failure'],
    ])
    expect(c.rows.some((r) => r.a === 'INFO' || r.b === 'INFO')).toBe(false)
    expect(c.rows.find((r) => r.test === 'exittime' && r.subtest !== null)?.subtest).toBe('exittime: nop: total/best/avg/worst')
    expect(c.subtests['known-failure']).toBe(1)
    expect(hasRegressions(c)).toBe(false)
  })

  it('shows STSI identity and facility bits as an identity diff, and the environments once', () => {
    expect(c.facts.filter((f) => f.differs)).toEqual([
      { test: 'selftest', key: 'selftest: facilities: STFL', a: 'fb40f6ea', b: 'f940f6d3', differs: true },
      { test: 'selftest', key: 'selftest: stsi: manufacturer', a: "'QEMU' type '2964' model '' sequence 'LABCON'", b: "'QEMU' type '8561' model '' sequence 'QEMU'", differs: true },
      { test: '', key: 'level', a: 'labcon-s390x-emu 0.2.0', b: 'QEMU 7.2.22', differs: true },
      // A value that varies between results of one side (emu.instructions) is no environment fact.
      { test: '', key: 'environment: stsi.1.1.1.type', a: '2964', b: null, differs: true },
    ])
    expect(c.factsDiffer).toBe(4)
  })

  it('compares measurements as numbers with a ratio, flagged beyond the 20 % tolerance', () => {
    expect(c.metrics.map((m) => [m.test, m.name, m.unit, m.a, m.b, m.ratio === null ? null : Number(m.ratio.toFixed(3)), m.change, m.flagged])).toEqual([
      ['bench', 'bench: time sieve', 'ms', 1134, 475, 0.419, 'lower', true],
      ['bench', 'bench: time crc32', 'ms', 1650, 1600, 0.97, 'lower', false],
      ['exittime', 'exittime: nop: total', 'us', 100, 150, 1.5, 'higher', true],
      ['exittime', 'exittime: nop: best', 'us', 0.9, 1.4, 1.556, 'higher', true],
      ['exittime', 'exittime: nop: avg', 'us', 1, 1.5, 1.5, 'higher', true],
      ['exittime', 'exittime: nop: worst', 'us', 1.5, 2, 1.333, 'higher', true],
    ])
    // Tolerance 1.5: flagged beyond B/A 2.5 or below 0.4.
    expect(compareSides(builtin, tcg, { tolerance: 1.5 }).metricsFlagged).toBe(0)
  })

  it('compares measurements in different time units, and flags new, gone and unit changes', () => {
    expect([
      compareMetric('t', 'x', { name: 'x', value: 2, unit: 'ms' }, { name: 'x', value: 2000, unit: 'us' }),
      compareMetric('t', 'x', null, { name: 'x', value: 1, unit: 'ms' }),
      compareMetric('t', 'x', { name: 'x', value: 1, unit: 'ms' }, null),
      compareMetric('t', 'x', { name: 'x', value: 1, unit: 'MIPS' }, { name: 'x', value: 1, unit: '%' }),
    ]).toEqual([
      { test: 't', name: 'x', unit: 'ms', a: 2, b: 2, ratio: 1, change: 'same', flagged: false },
      { test: 't', name: 'x', unit: 'ms', a: null, b: 1, ratio: null, change: 'new', flagged: true },
      { test: 't', name: 'x', unit: 'ms', a: 1, b: null, ratio: null, change: 'gone', flagged: true },
      { test: 't', name: 'x', unit: 'MIPS', a: 1, b: 1, ratio: null, change: 'unit-changed', flagged: true },
    ])
  })
})
