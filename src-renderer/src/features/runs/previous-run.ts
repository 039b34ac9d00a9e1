// The baseline of a run: the run before it of the same catalog that finished on the environment in question.
import type { RunSummary } from '@core/api/lab-api'

/**
 * The latest run started before `run` (lower id) of the same catalog that finished (`done`; cancelled and interrupted
 * runs are no baseline) and ran on `env`; null when there is none.
 */
export function previousRun(runs: readonly RunSummary[], run: Pick<RunSummary, 'id' | 'catalogId'>, env: string): RunSummary | null {
  let best: RunSummary | null = null
  for (const r of runs) {
    if (r.id >= run.id || r.catalogId !== run.catalogId || r.state !== 'done' || !r.envs.includes(env)) continue
    if (!best || r.id > best.id) best = r
  }
  return best
}
