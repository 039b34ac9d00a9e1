// Turns history points into chart series, pure: one series per environment and level, x = run.
import type { HistoryPoint } from '@core/api/lab-api'

/** Chart input: run labels on x, one series per `env (level)` with null where it did not run. */
export interface Series {
  labels: string[]
  series: { name: string; passRate: (number | null)[]; durationS: (number | null)[] }[]
}

/** Pass rate in percent and total duration in seconds per run, per `env (level)` or, with by = 'level', per level
 *  summed over its environments. */
export function toSeries(points: HistoryPoint[], by: 'env' | 'level' = 'env'): Series {
  const runs = [...new Map(points.map((p) => [p.runId, p.at])).entries()].sort((a, b) => a[1].localeCompare(b[1]) || a[0] - b[0])
  const col = new Map(runs.map(([id], i) => [id, i]))
  const sums = new Map<string, { passed: number; total: number; ms: number; seen: boolean }[]>()
  for (const p of points) {
    const name = by === 'level' ? `level ${p.level || 'unknown'}` : `${p.env} (${p.level || 'no level'})`
    let row = sums.get(name)
    if (!row) sums.set(name, (row = runs.map(() => ({ passed: 0, total: 0, ms: 0, seen: false }))))
    const cell = row[col.get(p.runId) ?? 0]
    if (!cell) continue
    cell.passed += p.passed
    cell.total += p.total
    cell.ms += p.durationMs
    cell.seen = true
  }
  const series = [...sums.entries()].map(([name, row]) => ({
    name,
    passRate: row.map((c) => (c.seen && c.total > 0 ? Math.round((c.passed / c.total) * 1000) / 10 : null)),
    durationS: row.map((c) => (c.seen ? Math.round(c.ms / 100) / 10 : null)),
  }))
  return { labels: runs.map(([id]) => `#${id}`), series: series.sort((a, b) => a.name.localeCompare(b.name)) }
}
