// Two-point comparison of results at test and subtest level, with the named transitions lab users know
// (KernelCI / SQUAD). Types here; the pure comparison function lives here too (compareSides).
import type { SubtestStatus, Verdict } from './results'
import { CONCLUSIVE_VERDICTS, isFailingVerdict } from './verdict'

/** One side of a comparison: a run, an environment (its latest result per test) or a firmware level. */
export type Side =
  | { kind: 'run'; runId: number; env?: string }
  | { kind: 'env'; env: string }
  | { kind: 'level'; level: string; env?: string }

/** Named transitions from side A to side B. */
export const TRANSITIONS = [
  'regression', // passed in A, fails in B
  'fixed', // failed in A, passes in B
  'new-failure', // absent or skipped in A, fails in B
  'still-failing', // fails in both
  'new-pass', // absent or skipped in A, passes in B
  'appeared', // absent in A, present in B without pass/fail meaning (skip, info)
  'disappeared', // present in A, absent in B
  'unchanged', // same outcome on both sides
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
  subtests: { name: string; status: SubtestStatus }[]
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

export interface Comparison {
  a: { side: Side; label: string }
  b: { side: Side; label: string }
  rows: CompareRow[]
  /** Counts per transition over test rows and subtest rows separately. */
  tests: Record<Transition, number>
  subtests: Record<Transition, number>
}

/** How an outcome counts in a comparison: passing, failing, present without pass/fail meaning, or absent. */
export type OutcomeClass = 'pass' | 'fail' | 'neutral' | 'absent'

/**
 * Test verdict classes: PASS passes; FAIL, TIMEOUT and SIGNAL fail (upstream reports all three as FAIL); SKIP, INFRA,
 * CANCELLED and NOTRUN say nothing about the kernel and are neutral.
 */
export function verdictClass(v: Verdict | null): OutcomeClass {
  if (v === null) return 'absent'
  if (v === 'PASS') return 'pass'
  if (isFailingVerdict(v)) return 'fail'
  return 'neutral'
}

/**
 * Subtest status classes: FAIL, XPASS (passed although expected to fail) and ABORT are failures; PASS and the
 * expected failures XFAIL and KFAIL pass (not counted as unexpected, as report_summary does); SKIP and INFO are
 * neutral.
 */
export function statusClass(s: SubtestStatus | null): OutcomeClass {
  if (s === null) return 'absent'
  if (s === 'FAIL' || s === 'XPASS' || s === 'ABORT') return 'fail'
  if (s === 'PASS' || s === 'XFAIL' || s === 'KFAIL') return 'pass'
  return 'neutral'
}

/**
 * The transition between two outcome classes (rows A, columns B):
 *
 *   A \ B     pass        fail           neutral       absent
 *   pass      unchanged   regression     disappeared   disappeared
 *   fail      fixed       still-failing  disappeared   disappeared
 *   neutral   new-pass    new-failure    unchanged     disappeared
 *   absent    new-pass    new-failure    appeared      (no row)
 *
 * "disappeared" thus also covers a pass/fail result in A that has no pass/fail meaning in B (skipped, INFRA): the
 * result A had is gone. "unchanged" means the same class: PASS→KFAIL or FAIL→TIMEOUT are unchanged; the row keeps
 * both raw values.
 */
export function transitionOf(a: OutcomeClass, b: OutcomeClass): Transition {
  if (b === 'absent') return 'disappeared'
  if (b === 'pass') return a === 'pass' ? 'unchanged' : a === 'fail' ? 'fixed' : 'new-pass'
  if (b === 'fail') return a === 'pass' ? 'regression' : a === 'fail' ? 'still-failing' : 'new-failure'
  return a === 'absent' ? 'appeared' : a === 'neutral' ? 'unchanged' : 'disappeared'
}

/** A side that cannot be compared (the same test twice). */
export class CompareError extends Error {
  override readonly name = 'CompareError'
}

/**
 * Gives repeated subtest names a deterministic suffix in order of appearance: the second `x` becomes `x #2`, the third
 * `x #3` (a generated name that is itself taken gets the next free number).
 */
export function disambiguateSubtests<S extends { name: string }>(subtests: readonly S[]): S[] {
  const used = new Set(subtests.map((s) => s.name))
  const seen = new Map<string, number>()
  const out: S[] = []
  const taken = new Set<string>()
  for (const s of subtests) {
    if (!taken.has(s.name)) {
      taken.add(s.name)
      out.push(s)
      continue
    }
    let n = seen.get(s.name) ?? 1
    let name: string
    do name = `${s.name} #${++n}`
    while (taken.has(name) || used.has(name))
    seen.set(s.name, n)
    taken.add(name)
    out.push({ ...s, name })
  }
  return out
}

const zeroCounts = (): Record<Transition, number> => Object.fromEntries(TRANSITIONS.map((t) => [t, 0])) as Record<Transition, number>

const rowKey = (test: string, subtest: string | null): string => JSON.stringify(subtest === null ? [test] : [test, subtest])

/**
 * Compares two sides at test and subtest level. Rows: each test (A's order, then tests only in B in B's order),
 * followed by its subtests in the same order; repeated subtest names are disambiguated (`name #2`). Throws
 * CompareError if a side lists a test twice.
 */
export function compareSides(a: SideResults, b: SideResults): Comparison {
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

  for (const name of names) {
    const ta = ia.get(name) ?? null
    const tb = ib.get(name) ?? null
    const transition = transitionOf(verdictClass(ta?.verdict ?? null), verdictClass(tb?.verdict ?? null))
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
    const sa = new Map(disambiguateSubtests(ta?.subtests ?? []).map((s) => [s.name, s.status]))
    const sb = new Map(disambiguateSubtests(tb?.subtests ?? []).map((s) => [s.name, s.status]))
    for (const sub of [...sa.keys(), ...[...sb.keys()].filter((n) => !sa.has(n))]) {
      const va = sa.get(sub) ?? null
      const vb = sb.get(sub) ?? null
      const t = transitionOf(statusClass(va), statusClass(vb))
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
  }
  return { a: { side: a.side, label: a.label }, b: { side: b.side, label: b.label }, rows, tests, subtests }
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
