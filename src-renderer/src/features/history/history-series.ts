// Chart input from the history the backend computed, pure: run labels on a time axis, one line per environment (or
// per environment and level), gaps kept as null so no line is drawn through a run where an environment had no result.
import type { HistoryRun, HistoryView } from '@core/api/lab-api'
import type { Verdict } from '@core/domain/results'

/** One line of a chart: values aligned with the runs, null where there is no result (a gap), and each point's level. */
export interface ChartLine {
  name: string
  values: (number | null)[]
  levels: (string | null)[]
}

/** An environment's values over the runs, as the backend sends them. */
export interface EnvValues {
  env: string
  levels: (string | null)[]
  values: (number | null)[]
}

/** Two-line x labels: the run's label and its start time (`run 12`, `12-06 05:10`). */
export function runLabels(runs: readonly HistoryRun[]): string[][] {
  const p = (n: number): string => String(n).padStart(2, '0')
  return runs.map((r) => {
    const d = new Date(r.at)
    return [r.label, Number.isNaN(d.getTime()) ? r.at : `${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`]
  })
}

/**
 * Lines per environment (`split` 'env'), or per environment and level (`split` 'level': `tcg (QEMU 7.2)`, values only
 * where the environment ran at that level). `scale` multiplies values (100 for a rate shown in %); `digits` rounds.
 */
export function chartLines(series: readonly EnvValues[], split: 'env' | 'level', scale = 1, digits = 1): ChartLine[] {
  const f = 10 ** digits
  const round = (v: number | null): number | null => (v === null ? null : Math.round(v * scale * f) / f)
  if (split === 'env') return series.map((s) => ({ name: s.env, values: s.values.map(round), levels: s.levels }))
  const out: ChartLine[] = []
  for (const s of series) {
    const levels = [...new Set(s.levels.filter((l): l is string => l !== null))]
    for (const level of levels) {
      out.push({
        name: `${s.env} (${level || 'no level'})`,
        values: s.values.map((v, i) => (s.levels[i] === level ? round(v) : null)),
        levels: s.levels.map((l) => (l === level ? l : null)),
      })
    }
  }
  return out
}

/** One cell of the status strip: the verdict of a test on one environment in one run, and the result to open. */
export interface StripCell {
  verdict: Verdict
  resultId: number
}

/** The status strip, one block per environment: per test, one cell per run of the axis (null: no result there). */
export interface EnvStrip {
  env: string
  rows: { test: string; cells: (StripCell | null)[] }[]
}

/** Regroups HistoryView.strip per environment and aligns every row with the runs of the axis. */
export function stripByEnv(view: Pick<HistoryView, 'runs' | 'strip'>): EnvStrip[] {
  const col = new Map(view.runs.map((r, i) => [r.runId, i]))
  const byEnv = new Map<string, Map<string, (StripCell | null)[]>>()
  for (const row of view.strip) {
    for (const c of row.cells) {
      const i = col.get(c.runId)
      if (i === undefined) continue
      let tests = byEnv.get(c.env)
      if (!tests) byEnv.set(c.env, (tests = new Map()))
      let cells = tests.get(row.test)
      if (!cells) tests.set(row.test, (cells = view.runs.map(() => null)))
      cells[i] = { verdict: c.verdict, resultId: c.resultId }
    }
  }
  return [...byEnv.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([env, tests]) => ({ env, rows: [...tests.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([test, cells]) => ({ test, cells })) }))
}

/** The strip's legend: what each colour means. */
export const STRIP_LEGEND: { status: string; label: string }[] = [
  { status: 'PASS', label: 'PASS' },
  { status: 'FAIL', label: 'FAIL, TIMEOUT, SIGNAL' },
  { status: 'SKIP', label: 'SKIP' },
  { status: 'INFRA', label: 'INFRA (no verdict about the kernel)' },
  { status: '', label: 'no result in that run' },
]
