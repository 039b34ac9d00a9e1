// Known issues: a failure somebody already filed, scoped to a test, optionally a subtest pattern, an environment and
// a firmware/software level. A matching result is shown as a known failure instead of a new finding.
import type { SubtestResult, SubtestStatus, Verdict } from './results'

/** The scope fields of a known issue (structurally the KnownIssue of the API). Null fields match anything. */
export interface KnownIssueScope {
  test: string
  /** Subtest name pattern (`*` any text, `?` one character, whole name), or null for the whole test. */
  subtest: string | null
  env: string | null
  level: string | null
  intermittent: boolean
}

/** A result (test level: subtest null) or one subtest result to explain. */
export interface KnownIssueQuery {
  test: string
  subtest: string | null
  env: string
  level: string
  /** Test verdict for a test-level query, subtest status for a subtest query. */
  verdict: Verdict | SubtestStatus
  /** For a test-level query against subtest-scoped issues: the result's subtests. */
  subtests?: readonly SubtestResult[]
}

/** Outcomes a known issue can explain: failures only (never PASS, SKIP, INFRA, CANCELLED, NOTRUN). */
const EXPLAINABLE: ReadonlySet<string> = new Set(['FAIL', 'TIMEOUT', 'SIGNAL', 'XPASS', 'ABORT'])
const FAILING_SUBTEST: ReadonlySet<string> = new Set(['FAIL', 'XPASS', 'ABORT'])

/** Compiles a `*`/`?` wildcard pattern into an anchored RegExp; every other character is literal. */
export function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')
  return new RegExp(`^${body}$`, 's')
}

/**
 * The known issue that explains a failing result, or null. Scope: same test; env and level equal when the issue
 * names them. Subtests: a whole-test issue explains the test and any of its failing subtests; a subtest-pattern
 * issue explains a failing subtest whose name matches, and the test-level result when one of `query.subtests`
 * fails and matches. Among several matches the most specific wins (each of subtest, env, level named counts one),
 * then the first in list order.
 */
export function matchKnownIssue<K extends KnownIssueScope>(issues: readonly K[], query: KnownIssueQuery): K | null {
  if (!EXPLAINABLE.has(query.verdict)) return null
  let best: K | null = null
  let bestScore = -1
  for (const issue of issues) {
    if (issue.test !== query.test) continue
    if (issue.env !== null && issue.env !== query.env) continue
    if (issue.level !== null && issue.level !== query.level) continue
    if (issue.subtest !== null) {
      const re = globToRegExp(issue.subtest)
      const ok =
        query.subtest !== null
          ? re.test(query.subtest)
          : (query.subtests ?? []).some((s) => FAILING_SUBTEST.has(s.status) && re.test(s.name))
      if (!ok) continue
    }
    const score = (issue.subtest !== null ? 1 : 0) + (issue.env !== null ? 1 : 0) + (issue.level !== null ? 1 : 0)
    if (score > bestScore) {
      best = issue
      bestScore = score
    }
  }
  return best
}
