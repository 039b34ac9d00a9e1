// History figures: how stable a test is on one environment and level across repeated results.
import { majorityVerdict } from './compare'
import type { StatusCounts, Verdict } from './results'
import { isFailingVerdict } from './verdict'

/** Stability of a test over a sample of results. */
export interface Flakiness {
  /** Results that count: PASS and the failing verdicts (FAIL, TIMEOUT, SIGNAL). */
  samples: number
  passes: number
  failures: number
  /** Majority among all verdicts about the kernel (see majorityVerdict), null on a tie or no sample. */
  majority: Verdict | null
  /** Share of the minority outcome (pass or fail) among samples, 0..0.5. */
  minorityShare: number
  /** Passed and failed at least once each. */
  flaky: boolean
  /**
   * 0..1: how sure we are the test is flaky — the minority share weighted by sample size:
   * min(1, 2 · Wilson95Lower(minority, samples)), with Wilson95Lower(k, n) = (p + z²/2n − z·√(p(1−p)/n + z²/4n²)) /
   * (1 + z²/n), p = k/n, z = 1.96. 0 when never mixed; 1 fail in 2 gives 0.19, 5 in 10 gives 0.47, 50 in 100 0.81.
   */
  confidence: number
}

const Z = 1.96

/** Lower bound of the 95% Wilson score interval of k successes in n trials (0 for n = 0). */
export function wilsonLower(k: number, n: number, z = Z): number {
  if (n === 0) return 0
  const p = k / n
  const z2 = z * z
  const centre = p + z2 / (2 * n)
  const margin = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))
  return Math.max(0, (centre - margin) / (1 + z2 / n))
}

/**
 * Flakiness of a test from its verdicts (a list, or tallies per verdict as the store returns them). SKIP counts for
 * the majority only; INFRA, CANCELLED and NOTRUN say nothing about the kernel and are ignored. FAIL, TIMEOUT and
 * SIGNAL are one outcome: a test that fails in different ways is failing, not flaky.
 */
export function flakiness(verdicts: readonly Verdict[] | Partial<Record<Verdict, number>>): Flakiness {
  const list: Verdict[] = Array.isArray(verdicts)
    ? [...(verdicts as readonly Verdict[])]
    : Object.entries(verdicts as Partial<Record<Verdict, number>>).flatMap(([v, n]) => Array<Verdict>(n ?? 0).fill(v as Verdict))
  const passes = list.filter((v) => v === 'PASS').length
  const failures = list.filter(isFailingVerdict).length
  const samples = passes + failures
  const minority = Math.min(passes, failures)
  return {
    samples,
    passes,
    failures,
    majority: majorityVerdict(list),
    minorityShare: samples === 0 ? 0 : minority / samples,
    flaky: minority > 0,
    confidence: minority === 0 ? 0 : Math.min(1, 2 * wilsonLower(minority, samples)),
  }
}

/** One run on a history's x axis (time order, oldest first). */
export interface HistoryRun {
  runId: number
  at: string
  /** `run 12` */
  label: string
}

/**
 * One environment's line over HistoryView.runs: arrays aligned with `runs`; null where the environment has no result
 * in that run (a gap: never interpolate). Rates are 0..1.
 */
export interface HistorySeries {
  env: string
  levels: (string | null)[]
  /** Tests with a verdict about the kernel (PASS, FAIL, TIMEOUT, SIGNAL; SKIP and INFRA are not counted), and passed. */
  tests: (number | null)[]
  testsPassed: (number | null)[]
  /** Test pass rate: testsPassed / tests (null also when no test had a verdict). */
  testPassRate: (number | null)[]
  /** Subtest lines with a pass/fail meaning (INFO and SKIP excluded), and passed (PASS, XFAIL, KFAIL). */
  subtests: (number | null)[]
  subtestsPassed: (number | null)[]
  /** Subtest pass rate: subtestsPassed / subtests. */
  subtestPassRate: (number | null)[]
  /** Sum of the durations of the results in that run. */
  durationMs: (number | null)[]
}

/** One result as history needs it. */
export interface HistoryResult {
  runId: number
  at: string
  env: string
  level: string
  verdict: Verdict
  durationMs: number
  counts: StatusCounts
}

/** One stored result as the history query reads it: HistoryResult plus the result's id and test. */
export interface HistoryResultRow extends HistoryResult {
  resultId: number
  test: string
}

/** One point of the history chart: a run on an environment, its totals and summed duration (HistoryPoint's shape). */
export interface HistoryPointData {
  runId: number
  at: string
  env: string
  level: string
  total: number
  passed: number
  durationMs: number
}

/** One test's row of the status strip: the verdict per run × environment. */
export interface HistoryStripRow {
  test: string
  cells: { runId: number; env: string; verdict: Verdict; resultId: number }[]
}

/**
 * Chart points (one per run × environment, in the order of `rows`) and the status strip (tests sorted by name) of
 * results ordered by run, environment, test and id. With `oneTest` a point counts that test's subtest lines with a
 * pass/fail meaning (INFO and SKIP excluded), passed = PASS + XFAIL + KFAIL; otherwise it counts tests, passed = PASS.
 * A later result of the same test in the same run × environment replaces the earlier one in the strip.
 */
export function shapeHistory(rows: readonly HistoryResultRow[], oneTest: boolean): { points: HistoryPointData[]; strip: HistoryStripRow[] } {
  const points = new Map<string, HistoryPointData>()
  const strip = new Map<string, Map<string, { runId: number; env: string; verdict: Verdict; resultId: number }>>()
  for (const r of rows) {
    const key = `${r.runId}\u0000${r.env}`
    const p = points.get(key) ?? { runId: r.runId, at: r.at, env: r.env, level: r.level, total: 0, passed: 0, durationMs: 0 }
    if (oneTest) {
      const c = r.counts
      p.total += c.PASS + c.XFAIL + c.KFAIL + c.FAIL + c.XPASS + c.ABORT
      p.passed += c.PASS + c.XFAIL + c.KFAIL
    } else {
      p.total += 1
      p.passed += r.verdict === 'PASS' ? 1 : 0
    }
    p.durationMs += r.durationMs
    p.level = r.level
    points.set(key, p)
    const cells = strip.get(r.test) ?? new Map()
    cells.set(key, { runId: r.runId, env: r.env, verdict: r.verdict, resultId: r.resultId })
    strip.set(r.test, cells)
  }
  return {
    points: [...points.values()],
    strip: [...strip.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([test, cells]) => ({ test, cells: [...cells.values()] })),
  }
}

/** Runs of some results as an x axis, oldest first. */
export function historyRuns(rows: readonly { runId: number; at: string }[]): HistoryRun[] {
  const runs = new Map<number, HistoryRun>()
  for (const r of rows) if (!runs.has(r.runId)) runs.set(r.runId, { runId: r.runId, at: r.at, label: `run ${r.runId}` })
  return [...runs.values()].sort((a, b) => a.runId - b.runId)
}

/**
 * Per-environment series over the runs of `rows` (environments sorted by name). CANCELLED and NOTRUN results are
 * dropped; a run where an environment has no remaining result is a gap (null everywhere), never an interpolation.
 * Test pass rate = PASS / (PASS + FAIL + TIMEOUT + SIGNAL); subtest pass rate = (PASS + XFAIL + KFAIL) / (those +
 * FAIL + XPASS + ABORT): INFO and SKIP lines count in neither.
 */
export function historySeries(rows: readonly HistoryResult[]): { runs: HistoryRun[]; series: HistorySeries[] } {
  const kept = rows.filter((r) => r.verdict !== 'CANCELLED' && r.verdict !== 'NOTRUN')
  const runs = historyRuns(kept)
  const col = new Map(runs.map((r, i) => [r.runId, i]))
  const envs = [...new Set(kept.map((r) => r.env))].sort()
  const nulls = <T>(): (T | null)[] => runs.map(() => null)
  const series = new Map<string, HistorySeries>(
    envs.map((env) => [
      env,
      {
        env,
        levels: nulls(),
        tests: nulls(),
        testsPassed: nulls(),
        testPassRate: nulls(),
        subtests: nulls(),
        subtestsPassed: nulls(),
        subtestPassRate: nulls(),
        durationMs: nulls(),
      },
    ]),
  )
  for (const r of kept) {
    const s = series.get(r.env) as HistorySeries
    const i = col.get(r.runId) as number
    const c = r.counts
    s.levels[i] = r.level
    s.tests[i] = (s.tests[i] ?? 0) + (r.verdict === 'PASS' || isFailingVerdict(r.verdict) ? 1 : 0)
    s.testsPassed[i] = (s.testsPassed[i] ?? 0) + (r.verdict === 'PASS' ? 1 : 0)
    s.subtests[i] = (s.subtests[i] ?? 0) + c.PASS + c.XFAIL + c.KFAIL + c.FAIL + c.XPASS + c.ABORT
    s.subtestsPassed[i] = (s.subtestsPassed[i] ?? 0) + c.PASS + c.XFAIL + c.KFAIL
    s.durationMs[i] = (s.durationMs[i] ?? 0) + r.durationMs
  }
  for (const s of series.values()) {
    runs.forEach((_, i) => {
      const t = s.tests[i]
      const st = s.subtests[i]
      s.testPassRate[i] = t ? (s.testsPassed[i] as number) / t : null
      s.subtestPassRate[i] = st ? (s.subtestsPassed[i] as number) / st : null
    })
  }
  return { runs, series: [...series.values()] }
}

/** A measurement over runs, one line per environment, aligned with `runs`, gaps as null (mean over repetitions). */
export interface MetricSeries {
  test: string
  name: string
  unit: string
  catalogId: number | null
  runs: HistoryRun[]
  series: { env: string; levels: (string | null)[]; values: (number | null)[] }[]
}

/** One stored measurement with where it was taken. */
export interface MetricPoint {
  runId: number
  at: string
  env: string
  level: string
  value: number
  unit: string
}

/**
 * A measurement's series: one line per environment over the runs that have it, the mean of repetitions within a run,
 * null where the environment has no value. Values in another unit than the most recent one are left out (never mixed).
 */
export function metricSeries(test: string, name: string, catalogId: number | null, points: readonly MetricPoint[]): MetricSeries {
  const last = [...points].sort((a, b) => a.runId - b.runId).at(-1)
  const unit = last?.unit ?? ''
  const kept = points.filter((p) => p.unit === unit)
  const runs = historyRuns(kept)
  const col = new Map(runs.map((r, i) => [r.runId, i]))
  const envs = [...new Set(kept.map((p) => p.env))].sort()
  const series = envs.map((env) => {
    const sums = runs.map(() => 0)
    const ns = runs.map(() => 0)
    const levels: (string | null)[] = runs.map(() => null)
    for (const p of kept) {
      if (p.env !== env) continue
      const i = col.get(p.runId) as number
      sums[i] = (sums[i] as number) + p.value
      ns[i] = (ns[i] as number) + 1
      levels[i] = p.level
    }
    return { env, levels, values: sums.map((s, i) => ((ns[i] as number) > 0 ? s / (ns[i] as number) : null)) }
  })
  return { test, name, unit, catalogId, runs, series }
}
