// Turns history points into chart series, pure: one series per environment and level, x = run.
import type { HistoryPoint } from '@core/api/lab-api'

/** Chart input: run labels on x, one series per `env (level)` with null where it did not run. */
export interface Series {
  labels: string[]
  series: { name: string; passRate: (number | null)[]; durationS: (number | null)[] }[]
}

/** Pass rate in percent and total duration in seconds per run, per environment and level. */
export function toSeries(points: HistoryPoint[]): Series {
  const runs = [...new Map(points.map((p) => [p.runId, p.at])).entries()].sort((a, b) => a[1].localeCompare(b[1]) || a[0] - b[0])
  const col = new Map(runs.map(([id], i) => [id, i]))
  const byName = new Map<string, Series['series'][number]>()
  for (const p of points) {
    const name = `${p.env} (${p.level || 'no level'})`
    let s = byName.get(name)
    if (!s) byName.set(name, (s = { name, passRate: runs.map(() => null), durationS: runs.map(() => null) }))
    const i = col.get(p.runId) ?? 0
    s.passRate[i] = p.total > 0 ? Math.round((p.passed / p.total) * 1000) / 10 : null
    s.durationS[i] = Math.round(p.durationMs / 100) / 10
  }
  return { labels: runs.map(([id]) => `#${id}`), series: [...byName.values()].sort((a, b) => a.name.localeCompare(b.name)) }
}
