// Regressions: per test × environment, where the current failing streak started ("failing since") and the last run
// that passed before it, so the user can compare exactly those two.
import type { Side } from './compare'
import type { Verdict } from './results'
import { isFailingVerdict } from './verdict'

/** Where a result is. */
export interface ResultRef {
  runId: number
  resultId: number
  level: string
  at: string
  verdict: Verdict
}

/** One stored result of a test on an environment (input of findRegressions). */
export interface VerdictEvent extends ResultRef {
  test: string
  env: string
}

/**
 * A test failing on an environment now (its latest verdict about the kernel is FAIL, TIMEOUT or SIGNAL): the last
 * PASS before the current failing streak and the first failure of the streak ("failing since"), and the pair to
 * compare. SKIP, INFRA, CANCELLED and NOTRUN results neither break nor start a streak.
 */
export interface Regression {
  test: string
  env: string
  catalogId: number
  /** Null when the test never passed on this environment (listed only with includeNeverPassed). */
  lastGood: ResultRef | null
  firstBad: ResultRef
  latest: ResultRef
  /** Failing results since firstBad (firstBad and latest included). */
  failures: number
  /** Compare exactly these two: run:<lastGood>@env:<env> vs run:<firstBad>@env:<env> (null without lastGood). */
  compare: { a: Side; b: Side } | null
}

const ref = (e: VerdictEvent): ResultRef => ({ runId: e.runId, resultId: e.resultId, level: e.level, at: e.at, verdict: e.verdict })

/**
 * Regressions from the results of one catalog, in any order (sorted here by run, then result id). Sorted by test, then
 * environment.
 */
export function findRegressions(events: readonly VerdictEvent[], catalogId: number, opts: { includeNeverPassed?: boolean } = {}): Regression[] {
  const groups = new Map<string, VerdictEvent[]>()
  for (const e of events) {
    if (e.verdict !== 'PASS' && !isFailingVerdict(e.verdict)) continue
    const key = JSON.stringify([e.test, e.env])
    const g = groups.get(key)
    if (g) g.push(e)
    else groups.set(key, [e])
  }
  const out: Regression[] = []
  for (const g of groups.values()) {
    g.sort((a, b) => a.runId - b.runId || a.resultId - b.resultId)
    const last = g.length - 1
    const latest = g[last] as VerdictEvent
    if (!isFailingVerdict(latest.verdict)) continue
    let start = last
    while (start > 0 && isFailingVerdict((g[start - 1] as VerdictEvent).verdict)) start--
    const good = start > 0 ? (g[start - 1] as VerdictEvent) : null
    if (!good && !opts.includeNeverPassed) continue
    const first = g[start] as VerdictEvent
    out.push({
      test: latest.test,
      env: latest.env,
      catalogId,
      lastGood: good ? ref(good) : null,
      firstBad: ref(first),
      latest: ref(latest),
      failures: last - start + 1,
      compare: good
        ? { a: { kind: 'run', runId: good.runId, env: latest.env }, b: { kind: 'run', runId: first.runId, env: latest.env } }
        : null,
    })
  }
  return out.sort((a, b) => (a.test < b.test ? -1 : a.test > b.test ? 1 : a.env < b.env ? -1 : a.env > b.env ? 1 : 0))
}
