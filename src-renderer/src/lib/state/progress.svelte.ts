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
/** Unfinished last line per run × test × environment (console chunks split anywhere). */
// eslint-disable-next-line svelte/prefer-svelte-reactivity -- plain buffer, never rendered
const partial = new Map<string, string>()

/** Subscribes once for the lifetime of the page. */
export function startProgress(): void {
  if (started) return
  started = true
  lab.runs.onProgress((p) => {
    progress.runs[p.runId] = p
    if (p.output) {
      const prev = progress.output[p.runId] ?? ''
      // Tests run in parallel: every complete line says which test and environment printed it.
      const { test, env, text } = p.output
      const key = `${p.runId}\u0000${test}\u0000${env}`
      const lines = ((partial.get(key) ?? '') + text.replace(/\r/g, '')).split('\n')
      partial.set(key, lines.pop() ?? '')
      const next = prev + lines.map((l) => `[${test}@${env}] ${l}\n`).join('')
      progress.output[p.runId] = next.length > 20_000 ? next.slice(-20_000) : next
    }
    if (p.result || p.state !== 'running') progress.tick++
  })
}
