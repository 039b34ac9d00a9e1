// History figures: how stable a test is on one environment and level across repeated results.
import { majorityVerdict } from './compare'
import type { Verdict } from './results'
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
