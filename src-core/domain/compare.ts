// Two-point comparison of results at test and subtest level, with the named transitions lab users know
// (KernelCI / SQUAD). Types here; the pure comparison function lives here too (compareSides).
import type { SubtestStatus, Verdict } from './results'

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
