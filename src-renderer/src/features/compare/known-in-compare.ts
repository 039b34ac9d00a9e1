// Known issues in a comparison: which failing side of a row a filed issue explains, with the domain's matcher.
import type { KnownIssue } from '@core/api/lab-api'
import type { CompareRow, Side } from '@core/domain/compare'
import { matchKnownIssue } from '@core/domain/known-issues'

/** The environment and level a side pins down; null where the side spans several (then scoped issues do not match). */
export function sideScope(side: Side, envLevels: Record<string, string>): { env: string | null; level: string | null } {
  if (side.kind === 'env') return { env: side.env, level: envLevels[side.env] ?? null }
  if (side.kind === 'level') return { env: side.env ?? null, level: side.level }
  return { env: side.env ?? null, level: side.env ? (envLevels[side.env] ?? null) : null }
}

/** The known issue explaining side `which` of a row, or null. An unknown env/level only matches issues that leave it open. */
export function knownIssueFor(issues: readonly KnownIssue[], row: CompareRow, which: 'a' | 'b', scope: { env: string | null; level: string | null }): KnownIssue | null {
  const verdict = which === 'a' ? row.a : row.b
  if (verdict === null) return null
  const candidates = issues.filter((k) => (k.env === null || k.env === scope.env) && (k.level === null || k.level === scope.level))
  return matchKnownIssue(candidates, { test: row.test, subtest: row.subtest, env: scope.env ?? '', level: scope.level ?? '', verdict })
}
