// Which known issue explains a result: scope (test, environment, level) and, optionally, a subtest name pattern.
import type { KnownIssue } from '@core/api/lab-api'
import type { SubtestResult, Verdict } from '@core/domain/results'
import { isFailingVerdict } from '@core/domain/verdict'

/** Subtest statuses a known issue can explain. */
const FAILING_STATUSES = new Set(['FAIL', 'ABORT'])

/**
 * True when `issue` covers this failing result (FAIL, TIMEOUT, SIGNAL; never INFRA, SKIP or PASS): same test,
 * environment and level when the issue names them, and, if
 * the issue has a subtest pattern (`*` any text, `?` one character, matched against the whole name), a failing
 * subtest matching it.
 */
export function matchKnownIssue(
  issue: KnownIssue,
  result: { test: string; env: string; level: string; verdict: Verdict },
  subtests: () => readonly SubtestResult[],
): boolean {
  if (issue.test !== result.test || !isFailingVerdict(result.verdict)) return false
  if (issue.env !== null && issue.env !== result.env) return false
  if (issue.level !== null && issue.level !== result.level) return false
  if (issue.subtest === null) return true
  const re = globToRegExp(issue.subtest)
  return subtests().some((s) => FAILING_STATUSES.has(s.status) && re.test(s.name))
}

/** `*` and `?` wildcards, everything else literal, anchored at both ends. */
export function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')
  return new RegExp(`^${body}$`, 's')
}
