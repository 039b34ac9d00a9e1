// Two-point comparison of results at test and subtest level, with the named transitions lab users know
// (KernelCI / SQUAD). Types here; the pure comparison function lives here too (compareSides).
import { classifyLines, uniqueNames, type Metric } from './lines'
import type { SubtestStatus, Verdict } from './results'
import { CONCLUSIVE_VERDICTS } from './verdict'
import { LabError } from './errors'

/**
 * One side of a comparison: a run, an environment (its latest real verdict per test) or a firmware level. Env and
 * level sides are scoped to one catalog: `catalog` names it, `'all'` asks for every catalog, and without it the
 * service picks the catalog of the most recent run in scope (see README "Compare sides").
 */
export type Side =
  | { kind: 'run'; runId: number; env?: string }
  | { kind: 'env'; env: string; catalog?: number | 'all' }
  | { kind: 'level'; level: string; env?: string; catalog?: number | 'all' }

/** Options of a comparison. */
export interface CompareOptions {
  /** Relative tolerance for measurements (default DEFAULT_METRIC_TOLERANCE): flagged when B/A > 1 + t or < 1/(1 + t). */
  tolerance?: number
}

/** Measurements differing by more than 20 % (B/A above 1.2 or below 1/1.2) are flagged. */
export const DEFAULT_METRIC_TOLERANCE = 0.2

/** Named transitions from side A to side B; every status pair maps to one (table at transitionOf, and README). */
export const TRANSITIONS = [
  'regression', // passed (or failed as expected) in A, fails in B
  'fixed', // failed in A, passes in B
  'new-failure', // skipped, no verdict or absent in A, fails in B
  'still-failing', // fails in both (FAIL→TIMEOUT and FAIL→KFAIL included; the row keeps both values)
  'new-pass', // skipped, no verdict or absent in A, passes in B
  'known-failure', // passed, skipped, no verdict or absent in A; an expected or known failure (XFAIL, KFAIL) in B
  'known-failure-gone', // XFAIL/KFAIL in A, passes in B
  'now-skipped', // a pass, known failure, failure or no verdict in A, skipped in B
  'no-verdict', // B has no verdict about the kernel (INFRA, CANCELLED, NOTRUN): never a fix nor a regression
  'changed', // same kind, other status (KFAIL→XFAIL, INFRA→CANCELLED)
  'appeared', // absent in A, skipped in B
  'disappeared', // present in A, absent in B
  'unchanged', // the same status on both sides
] as const
export type Transition = (typeof TRANSITIONS)[number]

/** The results of one side, reduced to what comparison needs (structured-clone friendly). */
export interface SideResults {
  side: Side
  /** Human label (`run 12`, `env lpar-a`, `level 7.2.22`). */
  label: string
  tests: SideTest[]
}

export interface SideTest {
  test: string
  verdict: Verdict
  resultId: number
  /** Every result line as stored, INFO included (comparison sorts them into subtests, facts and measurements). */
  subtests: { name: string; status: SubtestStatus }[]
  /** The environment's level when it ran (compared as a fact `level`). */
  level?: string
  /** What the environment reported for this result (compared as facts `environment: <key>`). */
  envFacts?: Record<string, string>
}

/** One row of a comparison: a test (subtest null) or one subtest of it. */
export interface CompareRow {
  key: string
  test: string
  subtest: string | null
  a: Verdict | SubtestStatus | null
  b: Verdict | SubtestStatus | null
  transition: Transition
  resultIdA: number | null
  resultIdB: number | null
}

/**
 * One fact on both sides; null where the side did not report it. `test` names the test whose INFO lines said it
 * ("what the kernel saw"); test '' holds what the environments reported (level, `environment: <key>`).
 */
export interface FactRow {
  test: string
  key: string
  a: string | null
  b: string | null
  differs: boolean
}

/** How a measurement moved from A to B. */
export type MetricChange = 'same' | 'higher' | 'lower' | 'new' | 'gone' | 'unit-changed'

/** One measurement of one test on both sides; B's value converted to A's unit when both are time units. */
export interface MetricRow {
  test: string
  name: string
  unit: string
  a: number | null
  b: number | null
  /** b / a, null when either is missing or a is 0. */
  ratio: number | null
  change: MetricChange
  /** Beyond the tolerance (or new, gone, unit changed). */
  flagged: boolean
}

export interface Comparison {
  a: { side: Side; label: string }
  b: { side: Side; label: string }
  rows: CompareRow[]
  /** Counts per transition over test rows and subtest rows separately. */
  tests: Record<Transition, number>
  subtests: Record<Transition, number>
  /** Facts: INFO lines of tests present on both sides, then the environments' facts (test ''); `differs` marks changes. */
  facts: FactRow[]
  /** Measurements of every test: all of them, `flagged` marks those beyond the tolerance. */
  metrics: MetricRow[]
  /** The tolerance used for metrics. */
  tolerance: number
  /** Facts that differ, and metrics flagged. */
  factsDiffer: number
  metricsFlagged: number
}

/** How an outcome counts in a comparison. */
export type OutcomeClass = 'pass' | 'known' | 'fail' | 'skip' | 'none' | 'absent'

/** A test verdict or a subtest status. */
export type Outcome = Verdict | SubtestStatus

/**
 * Outcome classes: PASS passes; XFAIL and KFAIL are known (expected or known failures, not counted as unexpected);
 * FAIL, XPASS, ABORT, TIMEOUT and SIGNAL fail; SKIP skips; INFRA, CANCELLED, NOTRUN (and INFO, which is never a
 * subtest) give no verdict about the kernel.
 */
export function outcomeClass(o: Outcome | null): OutcomeClass {
  switch (o) {
    case null:
      return 'absent'
    case 'PASS':
      return 'pass'
    case 'XFAIL':
    case 'KFAIL':
      return 'known'
    case 'FAIL':
    case 'XPASS':
    case 'ABORT':
    case 'TIMEOUT':
    case 'SIGNAL':
      return 'fail'
    case 'SKIP':
      return 'skip'
    default:
      return 'none'
  }
}

/** Outcome class of a test verdict (compatibility name). */
export const verdictClass = (v: Verdict | null): OutcomeClass => outcomeClass(v)
/** Outcome class of a subtest status (compatibility name). */
export const statusClass = (s: SubtestStatus | null): OutcomeClass => outcomeClass(s)

/**
 * The transition for every pair (rows A, columns B); `=` is `unchanged` for the same status, else `changed`
 * (`still-failing` for two failures). The README's transition table is this one.
 *
 *   A \ B   pass                known          fail           skip          none         absent
 *   pass    unchanged           known-failure  regression     now-skipped   no-verdict   disappeared
 *   known   known-failure-gone  =              regression     now-skipped   no-verdict   disappeared
 *   fail    fixed               still-failing  still-failing  now-skipped   no-verdict   disappeared
 *   skip    new-pass            known-failure  new-failure    unchanged     no-verdict   disappeared
 *   none    new-pass            known-failure  new-failure    now-skipped   =            disappeared
 *   absent  new-pass            known-failure  new-failure    appeared      no-verdict   (no row)
 */
export function transitionOf(a: Outcome | null, b: Outcome | null): Transition {
  const ca = outcomeClass(a)
  const cb = outcomeClass(b)
  if (cb === 'absent') return ca === 'absent' ? 'unchanged' : 'disappeared'
  if (cb === 'none') return ca === 'none' ? (a === b ? 'unchanged' : 'changed') : 'no-verdict'
  if (cb === 'skip') return ca === 'skip' ? 'unchanged' : ca === 'absent' ? 'appeared' : 'now-skipped'
  if (cb === 'pass') return ca === 'pass' ? 'unchanged' : ca === 'known' ? 'known-failure-gone' : ca === 'fail' ? 'fixed' : 'new-pass'
  if (cb === 'known') {
    if (ca === 'known') return a === b ? 'unchanged' : 'changed'
    return ca === 'fail' ? 'still-failing' : 'known-failure'
  }
  // cb === 'fail'
  return ca === 'pass' || ca === 'known' ? 'regression' : ca === 'fail' ? 'still-failing' : 'new-failure'
}

/** A side that cannot be compared (the same test twice, a run on several environments without one named): bad input. */
export class CompareError extends LabError {
  override readonly name = 'CompareError'
  readonly kind = 'input'
}

/**
 * Gives repeated subtest names a deterministic suffix in order of appearance: the second `x` becomes `x #2`, the third
 * `x #3` (a generated name that is itself taken gets the next free number).
 */
export function disambiguateSubtests<S extends { name: string }>(subtests: readonly S[]): S[] {
  return uniqueNames(subtests, (s) => s.name, (s, name) => ({ ...s, name }))
}

const zeroCounts = (): Record<Transition, number> => Object.fromEntries(TRANSITIONS.map((t) => [t, 0])) as Record<Transition, number>

const rowKey = (test: string, subtest: string | null): string => JSON.stringify(subtest === null ? [test] : [test, subtest])

/** Seconds per time unit, to compare measurements printed in different time units. */
const TIME_UNITS: Record<string, number> = { ns: 1e-9, us: 1e-6, ms: 1e-3, s: 1 }

/** Compares one measurement (B converted to A's unit when both are time units); see DEFAULT_METRIC_TOLERANCE. */
export function compareMetric(
  test: string,
  name: string,
  a: Metric | null,
  b: Metric | null,
  tolerance: number = DEFAULT_METRIC_TOLERANCE,
): MetricRow {
  const unit = a?.unit ?? b?.unit ?? ''
  if (!a || !b) return { test, name, unit, a: a?.value ?? null, b: b?.value ?? null, ratio: null, change: a ? 'gone' : 'new', flagged: true }
  let bv = b.value
  if (a.unit !== b.unit) {
    const fa = TIME_UNITS[a.unit]
    const fb = TIME_UNITS[b.unit]
    if (fa === undefined || fb === undefined) return { test, name, unit, a: a.value, b: b.value, ratio: null, change: 'unit-changed', flagged: true }
    bv = (b.value * fb) / fa
  }
  const ratio = a.value === 0 ? null : bv / a.value
  const limit = 1 + tolerance
  const flagged = ratio === null ? bv !== a.value : ratio > limit || ratio < 1 / limit
  const change: MetricChange = bv === a.value ? 'same' : bv > a.value ? 'higher' : 'lower'
  return { test, name, unit, a: a.value, b: bv, ratio, change, flagged }
}

/**
 * Compares two sides at test and subtest level, plus facts and measurements. Rows: each test (A's order, then tests
 * only in B in B's order), followed by its subtests (result lines other than INFO, by identity: measurements stripped,
 * see classifyLines) in the same order. Throws CompareError if a side lists a test twice.
 */
export function compareSides(a: SideResults, b: SideResults, opts: CompareOptions = {}): Comparison {
  const tolerance = opts.tolerance ?? DEFAULT_METRIC_TOLERANCE
  const index = (s: SideResults): Map<string, SideTest> => {
    const m = new Map<string, SideTest>()
    for (const t of s.tests) {
      if (m.has(t.test)) throw new CompareError(`${s.label}: test '${t.test}' appears twice; a side holds one result per test`)
      m.set(t.test, t)
    }
    return m
  }
  const ia = index(a)
  const ib = index(b)
  const names = [...ia.keys(), ...[...ib.keys()].filter((n) => !ia.has(n))]
  const rows: CompareRow[] = []
  const tests = zeroCounts()
  const subtests = zeroCounts()
  const facts: FactRow[] = []
  const metrics: MetricRow[] = []

  for (const name of names) {
    const ta = ia.get(name) ?? null
    const tb = ib.get(name) ?? null
    const transition = transitionOf(ta?.verdict ?? null, tb?.verdict ?? null)
    tests[transition]++
    rows.push({
      key: rowKey(name, null),
      test: name,
      subtest: null,
      a: ta?.verdict ?? null,
      b: tb?.verdict ?? null,
      transition,
      resultIdA: ta?.resultId ?? null,
      resultIdB: tb?.resultId ?? null,
    })
    const la = classifyLines(ta?.subtests ?? [])
    const lb = classifyLines(tb?.subtests ?? [])
    const sa = new Map(la.subtests.map((s) => [s.name, s.status]))
    const sb = new Map(lb.subtests.map((s) => [s.name, s.status]))
    for (const sub of [...sa.keys(), ...[...sb.keys()].filter((n) => !sa.has(n))]) {
      const va = sa.get(sub) ?? null
      const vb = sb.get(sub) ?? null
      const t = transitionOf(va, vb)
      subtests[t]++
      rows.push({
        key: rowKey(name, sub),
        test: name,
        subtest: sub,
        a: va,
        b: vb,
        transition: t,
        resultIdA: ta?.resultId ?? null,
        resultIdB: tb?.resultId ?? null,
      })
    }
    // Facts say what each side's kernel saw: compared only where both sides ran the test.
    if (ta && tb) {
      const fa = new Map(la.facts.map((f) => [f.key, f.value]))
      const fb = new Map(lb.facts.map((f) => [f.key, f.value]))
      for (const key of [...fa.keys(), ...[...fb.keys()].filter((k) => !fa.has(k))]) {
        const x = fa.get(key) ?? null
        const y = fb.get(key) ?? null
        facts.push({ test: name, key, a: x, b: y, differs: x !== y })
      }
    }
    const ma = new Map(la.metrics.map((m) => [m.name, m]))
    const mb = new Map(lb.metrics.map((m) => [m.name, m]))
    for (const key of [...ma.keys(), ...[...mb.keys()].filter((k) => !ma.has(k))]) {
      metrics.push(compareMetric(name, key, ma.get(key) ?? null, mb.get(key) ?? null, tolerance))
    }
  }
  // What the environments reported (level, STSI answers): one row per key, test ''.
  const ea = environmentFacts(a)
  const eb = environmentFacts(b)
  for (const key of [...ea.keys(), ...[...eb.keys()].filter((k) => !ea.has(k))]) {
    const x = ea.get(key) ?? null
    const y = eb.get(key) ?? null
    facts.push({ test: '', key, a: x, b: y, differs: x !== y })
  }
  return {
    a: { side: a.side, label: a.label },
    b: { side: b.side, label: b.label },
    rows,
    tests,
    subtests,
    facts,
    metrics,
    tolerance,
    factsDiffer: facts.filter((f) => f.differs).length,
    metricsFlagged: metrics.filter((m) => m.flagged).length,
  }
}

/**
 * A side's environment facts: `level` and each `environment: <key>` the environment reported, kept only when every
 * result of the side that has the key agrees on its value (per-result counters such as instruction counts vary and
 * are left out; a side mixing two levels shows none).
 */
export function environmentFacts(s: SideResults): Map<string, string> {
  const values = new Map<string, Set<string>>()
  const add = (k: string, v: string): void => {
    const set = values.get(k) ?? new Set<string>()
    set.add(v)
    values.set(k, set)
  }
  for (const t of s.tests) {
    if (t.level !== undefined) add('level', t.level)
    for (const [k, v] of Object.entries(t.envFacts ?? {})) add(`environment: ${k}`, v)
  }
  const out = new Map<string, string>()
  for (const [k, set] of values) if (set.size === 1) out.set(k, [...set][0] as string)
  return out
}

/** True when a comparison should fail a CI gate: any test or subtest regression or new failure. */
export function hasRegressions(c: Comparison): boolean {
  return c.tests.regression + c.tests['new-failure'] + c.subtests.regression + c.subtests['new-failure'] > 0
}

/** Only verdicts that say something about the kernel vote; INFRA, CANCELLED and NOTRUN never do. */
const VOTING = CONCLUSIVE_VERDICTS

/** The verdict held by strictly more voting cells than any other, or null (no voting cell, or a tie). */
export function majorityVerdict(verdicts: readonly Verdict[]): Verdict | null {
  const counts = new Map<Verdict, number>()
  for (const v of verdicts) if (VOTING.includes(v)) counts.set(v, (counts.get(v) ?? 0) + 1)
  let best: Verdict | null = null
  let bestN = 0
  let tie = false
  for (const [v, n] of counts) {
    if (n > bestN) {
      best = v
      bestN = n
      tie = false
    } else if (n === bestN) tie = true
  }
  return tie ? null : best
}

/**
 * For each cell of a matrix row, whether it differs from the row's majority (MatrixCell.differsFromMajority).
 * Without a majority (a tie such as PASS vs FAIL on two environments) every voting cell is flagged when they
 * disagree. Non-voting cells (INFRA, CANCELLED, NOTRUN) are never flagged.
 */
export function differsFromMajority(verdicts: readonly Verdict[]): boolean[] {
  const majority = majorityVerdict(verdicts)
  const voting = verdicts.filter((v) => VOTING.includes(v))
  const disagree = new Set(voting).size > 1
  return verdicts.map((v) => VOTING.includes(v) && (majority === null ? disagree : v !== majority))
}
