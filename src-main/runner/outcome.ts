// From what a driver observed (TargetRunOutcome) and what the console said (ConsoleResult) to a TestOutcome,
// with the domain's verdict rules.
import type { ConsoleResult } from '@core/domain/console'
import type { TestOutcome } from '@core/domain/results'
import { verdictOf } from '@core/domain/verdict'
import type { TargetRunOutcome } from '@main/targets/target'

/** The TestOutcome of one attempt; the console's EXIT line wins over the driver's exit status. */
export function outcomeOf(raw: TargetRunOutcome, parsed: ConsoleResult, timeoutMs: number): TestOutcome {
  const exitStatus = parsed.exitStatus ?? raw.exitStatus
  const { verdict, reason } = verdictOf({
    exitStatus,
    timedOut: raw.timedOut,
    signal: raw.signal,
    cancelled: raw.cancelled,
    infraError: raw.infraError,
    subtests: parsed.subtests,
    timeoutMs,
  })
  return { verdict, exitStatus, reason, subtests: parsed.subtests.slice(), summary: parsed.summary, durationMs: raw.durationMs }
}
