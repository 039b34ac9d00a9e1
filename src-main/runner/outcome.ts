// From what a driver observed (TargetRunOutcome) and what the console said (ConsoleResult) to a TestOutcome,
// with the domain's verdict rules.
import type { ConsoleResult } from '@core/domain/console'
import type { TestOutcome } from '@core/domain/results'
import { verdictOf } from '@core/domain/verdict'
import type { TargetRunOutcome } from '@main/targets/target'

/** Largest exit status a guest can report: the harness's STATUS is a 32-bit value. */
const MAX_STATUS = 0xffffffff

/**
 * The TestOutcome of one attempt; the console's EXIT line wins over the driver's exit status. A STATUS beyond 32 bits
 * (`EXIT: STATUS=99999999999999999999`, found by fuzzing) is a malformed line, not a status: it would not fit the
 * store's integer column, and the failed write would end the whole run.
 */
export function outcomeOf(raw: TargetRunOutcome, parsed: ConsoleResult, timeoutMs: number): TestOutcome {
  const malformed = parsed.exitStatus !== null && !(Number.isSafeInteger(parsed.exitStatus) && parsed.exitStatus >= 0 && parsed.exitStatus <= MAX_STATUS)
  const exitStatus = malformed ? null : (parsed.exitStatus ?? raw.exitStatus)
  if (malformed) {
    const why = `malformed EXIT line: STATUS=${String(parsed.exitStatus)} is not a 32-bit status`
    return { verdict: 'FAIL', exitStatus: null, reason: why, subtests: parsed.subtests.slice(), summary: parsed.summary, durationMs: raw.durationMs }
  }
  const { verdict, reason } = verdictOf({
    exitStatus,
    timedOut: raw.timedOut,
    signal: raw.signal,
    cancelled: raw.cancelled,
    infraError: raw.infraError,
    guestEnd: raw.guestEnd ?? null,
    subtests: parsed.subtests,
    timeoutMs,
  })
  return { verdict, exitStatus, reason, subtests: parsed.subtests.slice(), summary: parsed.summary, durationMs: raw.durationMs }
}
