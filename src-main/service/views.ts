// Views the service composes from store rows and domain rules: the matrix (majority marking), the comparison, and
// the flaky-test list.
import type { FlakyTest, MatrixView } from '@core/api/lab-api'
import { compareSides, differsFromMajority, type Comparison, type SideResults } from '@core/domain/compare'
import type { Verdict } from '@core/domain/results'
import type { LatestCell, MatrixData, VerdictTally } from '@main/db/store'

/** The matrix with each cell marked when its verdict differs from its row's majority verdict (domain rule). */
export function buildMatrix(data: MatrixData): MatrixView {
  const byTest = new Map<string, LatestCell[]>()
  for (const c of data.cells) {
    const row = byTest.get(c.test)
    if (row) row.push(c)
    else byTest.set(c.test, [c])
  }
  const differs = new Map<LatestCell, boolean>()
  for (const row of byTest.values()) {
    const flags = differsFromMajority(row.map((c) => c.verdict))
    row.forEach((c, i) => differs.set(c, flags[i] ?? false))
  }
  return {
    tests: data.tests,
    envs: data.envs,
    cells: data.cells.map((c) => ({
      test: c.test,
      env: c.env,
      level: c.level,
      verdict: c.verdict,
      counts: c.counts,
      durationMs: c.durationMs,
      resultId: c.resultId,
      differsFromMajority: differs.get(c) ?? false,
      knownIssue: c.knownIssue,
    })),
  }
}

/** Compares two sides at test and subtest level (domain compareSides). */
export function buildComparison(a: SideResults, b: SideResults): Comparison {
  return compareSides(a, b)
}

/**
 * Tests whose verdicts on one environment and level disagree over their history. Confidence that the test is flaky
 * (0..1): the minority share (1 - majority/samples), doubled so an even split scores 1, times samples/(samples+1) so
 * a split seen in two samples counts less than one seen in twenty.
 */
export function flakyTests(tallies: VerdictTally[]): FlakyTest[] {
  const out: FlakyTest[] = []
  for (const t of tallies) {
    const counts = Object.values(t.verdicts).filter((n): n is number => typeof n === 'number')
    if (counts.length < 2 || t.samples < 2) continue
    const majority = Math.max(...counts)
    const minorityShare = 1 - majority / t.samples
    const confidence = Math.min(1, 2 * minorityShare) * (t.samples / (t.samples + 1))
    out.push({ test: t.test, env: t.env, level: t.level, verdicts: t.verdicts as Partial<Record<Verdict, number>>, confidence: Math.round(confidence * 1000) / 1000 })
  }
  return out.sort((x, y) => y.confidence - x.confidence || x.test.localeCompare(y.test))
}
