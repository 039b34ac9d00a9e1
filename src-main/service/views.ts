// Views the service composes from store rows and domain rules: the matrix (majority marking), the comparison, and
// the flaky-test list.
import type { FlakyTest, MatrixView } from '@core/api/lab-api'
import { compareSides, differsFromMajority, type CompareOptions, type Comparison, type SideResults } from '@core/domain/compare'
import { flakiness } from '@core/domain/history'
import type { LatestCell, MatrixData, VerdictTally } from '@main/db/store'

/** Column order: English collation (case and accents second), fixed so that every server and store orders alike. */
const COLLATOR = new Intl.Collator('en')

/** The matrix's columns in display order: the environments holding a cell, by level, then name (English collation,
 *  the order the console grouped by before the server did; ties by code units). */
export function matrixColumns(data: Pick<MatrixData, 'envs' | 'withCells'>): string[] {
  const holding = new Set(data.withCells)
  const cmp = (a: string, b: string): number => COLLATOR.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0)
  return data.envs
    .filter((e) => holding.has(e.name))
    .sort((a, b) => cmp(a.level, b.level) || cmp(a.name, b.name))
    .map((e) => e.name)
}

/** The matrix with each cell marked when its verdict differs from its row's majority verdict (domain rule), and only
 *  the cells of the column window asked for (the marks still count every column of the row). */
export function buildMatrix(data: MatrixData, window?: { offset: number; limit: number }): MatrixView {
  const columns = matrixColumns(data)
  const shown = window ? new Set(columns.slice(window.offset, window.offset + window.limit)) : null
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
    columns,
    cells: (shown ? data.cells.filter((c) => shown.has(c.env)) : data.cells).map((c) => ({
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

/** Compares two sides at test and subtest level, with facts and measurements (domain compareSides). */
export function buildComparison(a: SideResults, b: SideResults, opts: CompareOptions = {}): Comparison {
  return compareSides(a, b, opts)
}

/** Tests that both passed and failed on one environment and level (domain flakiness), most certain first. */
export function flakyTests(tallies: VerdictTally[]): FlakyTest[] {
  const out: FlakyTest[] = []
  for (const t of tallies) {
    const f = flakiness(t.verdicts)
    if (!f.flaky) continue
    out.push({ test: t.test, env: t.env, level: t.level, verdicts: t.verdicts, confidence: Math.round(f.confidence * 1000) / 1000 })
  }
  return out.sort((x, y) => y.confidence - x.confidence || x.test.localeCompare(y.test))
}
