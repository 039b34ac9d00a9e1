// Exports a user saves: a run as JSON (the `labcon results --json` shape), JUnit XML or TAP 13; the matrix and a
// comparison as CSV. Shared by the CLI and the LabApi (runs.export, results.exportMatrix / exportCompare).
import type { ExportFile, MatrixView, ResultRow, RunDetail, RunExportFormat } from '@core/api/lab-api'
import type { Comparison } from '@core/domain/compare'
import { toCsv } from '@core/domain/csv'
import { toJUnit, toTap, type ExportResult } from '@core/domain/export'
import { formatSide } from '@core/domain/side'
import type { Verdict } from '@core/domain/results'

/** The JSON shape of one result in `run --json` / `results --json` and the JSON export (stable contract). */
export interface CliResult {
  test: string
  env: string
  repetition: number
  verdict: Verdict
  reason: string | null
  durationMs: number
  summary: ResultRow['summary']
  subtests: { status: string; name: string }[]
}

/** One result in the stable JSON shape. */
export const cliResult = (r: ResultRow): CliResult => ({
  test: r.test,
  env: r.env,
  repetition: r.repetition,
  verdict: r.verdict,
  reason: r.reason,
  durationMs: r.durationMs,
  summary: r.summary,
  subtests: r.subtests.map((s) => ({ status: s.status, name: s.name })),
})

/** Results in plan order (repetition, catalog order, environment order), whatever order they finished in. */
export function inPlanOrder(detail: RunDetail, catalogOrder: readonly string[]): ResultRow[] {
  const t = new Map(catalogOrder.map((x, i) => [x, i]))
  const e = new Map(detail.envs.map((name, i) => [name, i]))
  const rank = (r: ResultRow): number[] => [r.repetition, t.get(r.test) ?? Infinity, e.get(r.env) ?? Infinity]
  return [...detail.results].sort((a, b) => {
    const [x, y] = [rank(a), rank(b)]
    const i = x.findIndex((v, k) => v !== y[k])
    return i < 0 ? 0 : (x[i] as number) - (y[i] as number)
  })
}

/** A run in the `results --json` shape: { runId, state, results, unfinished }. */
export function runJson(detail: RunDetail): { runId: number; state: string; results: CliResult[]; unfinished: RunDetail['unfinished'] } {
  return { runId: detail.id, state: detail.state, results: detail.results.map(cliResult), unfinished: detail.unfinished }
}

/**
 * Renders a run in `format` (results in the order given); `logOf` supplies each result's console log for TAP/JUnit
 * (omitted when it returns null). Slots that never finished are exported as NOTRUN.
 */
export function exportRun(detail: RunDetail, format: RunExportFormat, logOf: (resultId: number) => string | null = () => null): string {
  if (format === 'json') return `${JSON.stringify(runJson(detail), null, 2)}\n`
  const repeated = detail.results.some((r) => r.repetition > 1) || detail.unfinished.some((u) => u.repetition > 1)
  const name = (test: string, repetition: number): string => (repeated ? `${test}#${repetition}` : test)
  const results: ExportResult[] = detail.results.map((r) => {
    const e: ExportResult = {
      test: name(r.test, r.repetition),
      env: r.env,
      level: r.level,
      verdict: r.verdict,
      reason: r.reason,
      durationMs: r.durationMs,
      subtests: r.subtests,
      summary: r.summary,
    }
    const log = logOf(r.id)
    if (log !== null) e.log = log
    return e
  })
  for (const u of detail.unfinished) {
    results.push({ test: name(u.test, u.repetition), env: u.env, level: '', verdict: 'NOTRUN', reason: `run ${detail.state} before this test finished`, durationMs: 0, subtests: [], summary: null })
  }
  return format === 'tap' ? toTap(results) : toJUnit(results)
}

const MIME: Record<RunExportFormat, string> = { json: 'application/json', junit: 'application/xml', tap: 'text/plain' }
const EXT: Record<RunExportFormat, string> = { json: 'json', junit: 'xml', tap: 'tap' }

/** A run export as a file to save (`run-12.xml`). */
export function runExportFile(detail: RunDetail, format: RunExportFormat, logOf?: (resultId: number) => string | null): ExportFile {
  return { filename: `run-${detail.id}.${EXT[format]}`, mime: MIME[format], text: exportRun(detail, format, logOf) }
}

/** The matrix as CSV: `test`, then one column per environment (`name (level)`) holding the verdict. */
export function matrixCsv(m: MatrixView): ExportFile {
  const cell = new Map(m.cells.map((c) => [`${c.test}\u0000${c.env}`, c.verdict]))
  const head = ['test', ...m.envs.map((e) => (e.level ? `${e.name} (${e.level})` : e.name))]
  const rows = m.tests.map((t) => [t, ...m.envs.map((e) => cell.get(`${t}\u0000${e.name}`) ?? '')])
  return { filename: 'matrix.csv', mime: 'text/csv', text: toCsv(head, rows) }
}

/**
 * A comparison as one CSV table: `kind` test|subtest|fact|metric, `test`, `name` (subtest, fact key or metric
 * name), `a`, `b`, `change` (the transition, `differs`/`same` for facts, the metric change), `ratio` and `unit`
 * (metrics), `flagged` (metrics beyond the tolerance, facts that differ).
 */
export function compareCsv(c: Comparison): ExportFile {
  const head = ['kind', 'test', 'name', 'a', 'b', 'change', 'ratio', 'unit', 'flagged']
  const rows: (string | number | boolean | null)[][] = [
    ...c.rows.map((r) => [r.subtest === null ? 'test' : 'subtest', r.test, r.subtest ?? '', r.a, r.b, r.transition, null, null, null]),
    ...c.facts.map((f) => ['fact', f.test, f.key, f.a, f.b, f.differs ? 'differs' : 'same', null, null, f.differs]),
    ...c.metrics.map((m) => ['metric', m.test, m.name, m.a, m.b, m.change, m.ratio === null ? null : Number(m.ratio.toFixed(4)), m.unit, m.flagged]),
  ]
  const slug = (s: string): string => s.replace(/[^A-Za-z0-9._-]+/g, '_')
  return { filename: `compare-${slug(formatSide(c.a.side))}-vs-${slug(formatSide(c.b.side))}.csv`, mime: 'text/csv', text: toCsv(head, rows) }
}
