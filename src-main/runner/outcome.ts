// From what a driver observed (TargetRunOutcome) and what the console said (ConsoleResult) to a TestOutcome.
import type { CatalogTest } from '@core/domain/catalog'
import type { ConsoleResult } from '@core/domain/console'
import type { TestOutcome, Verdict } from '@core/domain/results'
import type { TargetRunOutcome } from '@main/targets/target'

/** The TestOutcome of one attempt; the verdict follows run_tests.sh with INFRA/CANCELLED kept apart. */
export function outcomeOf(raw: TargetRunOutcome, parsed: ConsoleResult, test: CatalogTest, timeoutOverrideSec: number | null): TestOutcome {
  const exitStatus = parsed.exitStatus ?? raw.exitStatus
  let verdict: Verdict
  let reason: string | null = null
  if (raw.cancelled) {
    verdict = 'CANCELLED'
    reason = 'cancelled by the user'
  } else if (raw.infraError !== null) {
    verdict = 'INFRA'
    reason = raw.infraError
  } else if (raw.timedOut) {
    verdict = 'TIMEOUT'
    reason = `timeout; duration=${timeoutOverrideSec ?? test.timeoutSec}s`
  } else if (exitStatus !== null) {
    const code = exitStatus >> 1
    verdict = code === 0 ? 'PASS' : code === 77 ? 'SKIP' : 'FAIL'
    if (verdict === 'FAIL') reason = `EXIT: STATUS=${exitStatus}`
  } else if (raw.signal !== null) {
    verdict = 'SIGNAL'
    reason = `launcher killed by ${raw.signal}`
  } else {
    verdict = 'FAIL'
    reason = 'no EXIT: STATUS= line on the console'
  }
  return { verdict, exitStatus, reason, subtests: parsed.subtests.slice(), summary: parsed.summary, durationMs: raw.durationMs }
}
