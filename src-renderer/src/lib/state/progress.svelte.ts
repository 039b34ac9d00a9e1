// Live run progress from lab.runs.onProgress, shared by every view: latest event per run, and a change counter.
import type { RunProgress } from '@core/api/lab-api'
import { lab } from '../lab'

/** Latest progress per run id, plus `tick` bumped on every finished result so views can reload. */
export const progress: { runs: Record<number, RunProgress>; tick: number; output: Record<number, string> } = $state({
  runs: {},
  tick: 0,
  output: {},
})

let started = false

/** Subscribes once for the lifetime of the page. */
export function startProgress(): void {
  if (started) return
  started = true
  lab.runs.onProgress((p) => {
    progress.runs[p.runId] = p
    if (p.output) {
      const prev = progress.output[p.runId] ?? ''
      const next = prev + p.output.text
      progress.output[p.runId] = next.length > 20_000 ? next.slice(-20_000) : next
    }
    if (p.result || p.state !== 'running') progress.tick++
  })
}
