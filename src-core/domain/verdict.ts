// Verdict of one test execution, following upstream run_tests.sh (scripts/runtime.bash, arch-run.bash) with the
// lab's additions (INFRA, CANCELLED). The guest prints `EXIT: STATUS=((code << 1) | 1)`.
import { SUBTEST_STATUSES, type StatusCounts, type SubtestResult, type Verdict } from './results'

/** Guest status meaning success (code 0). */
export const STATUS_PASS = 1
/** Guest status meaning "every subtest skipped" (report_summary returns 77 >> 1). */
export const STATUS_SKIP = 77
/** Guest status after abort() (ABORT_EXIT_STATUS 63 → 127). */
export const STATUS_ABORT = 127

/** What a driver observed about one execution (a subset of TargetRunOutcome plus the parsed subtests). */
export interface Observation {
  /** `EXIT: STATUS=` value, or null if the guest never printed one. */
  exitStatus: number | null
  timedOut: boolean
  /** Signal that killed the launcher (not us), e.g. `SIGSEGV`. */
  signal: string | null
  cancelled: boolean
  /** The environment failed (unreachable, tool missing, launcher/emulator crash). */
  infraError: string | null
  /** How the guest itself ended without an EXIT line, when the environment can tell (an interruption loop). */
  guestEnd?: string | null
  subtests: readonly SubtestResult[]
  /** The limit that expired, for the TIMEOUT reason. */
  timeoutMs?: number
}

/** A verdict and why (null reason for a plain PASS). */
export interface VerdictResult {
  verdict: Verdict
  reason: string | null
}

/**
 * Decides the verdict. Precedence:
 * 1. cancelled → CANCELLED (whatever else happened: we stopped it).
 * 2. An EXIT line was seen → the guest's word stands, as in run_tests.sh: 1 → PASS, 77 → SKIP, anything else → FAIL
 *    (127 = aborted). A later timeout, signal or infrastructure problem (the guest had finished; e.g. Hercules not
 *    stopping, ssh dropping during cleanup) does not change it but is noted in the reason.
 * 3. infraError → INFRA, never FAIL.
 * 4. timedOut → TIMEOUT (upstream: harness status 124, reported as FAIL "timeout").
 * 5. signal → SIGNAL (upstream: harness status > 128, "terminated on SIGxxx").
 * 6. The guest stopped on its own without an EXIT line → FAIL, as upstream (QEMU exit 0 is fixed up to 1 and, with
 *    no STATUS to read, stays a failure): the kernel ran and then died (disabled wait after an unexpected
 *    interruption, abort without exit). Not INFRA: the environment did its job.
 */
export function verdictOf(obs: Observation): VerdictResult {
  if (obs.cancelled) return { verdict: 'CANCELLED', reason: 'cancelled by user' }
  if (obs.exitStatus !== null) {
    const base = exitVerdict(obs.exitStatus, obs.subtests)
    const notes = [
      obs.timedOut ? `timed out after EXIT${obs.timeoutMs !== undefined ? ` (limit ${formatSeconds(obs.timeoutMs)})` : ''}` : null,
      obs.signal ? `launcher terminated on ${obs.signal} after EXIT` : null,
      obs.infraError ? `after EXIT: ${obs.infraError}` : null,
    ].filter((n): n is string => n !== null)
    if (notes.length === 0) return base
    return { verdict: base.verdict, reason: [base.reason, ...notes].filter(Boolean).join('; ') }
  }
  if (obs.infraError) return { verdict: 'INFRA', reason: obs.infraError }
  if (obs.timedOut) {
    return { verdict: 'TIMEOUT', reason: obs.timeoutMs !== undefined ? `timeout after ${formatSeconds(obs.timeoutMs)}` : 'timeout' }
  }
  if (obs.signal) return { verdict: 'SIGNAL', reason: `terminated on ${obs.signal}` }
  const abort = obs.subtests.find((s) => s.status === 'ABORT')
  return {
    verdict: 'FAIL',
    reason: abort ? `aborted without EXIT line: ${abort.name}` : obs.guestEnd ? `guest stopped without an EXIT line: ${obs.guestEnd}` : 'guest stopped without an EXIT line',
  }
}

function exitVerdict(status: number, subtests: readonly SubtestResult[]): VerdictResult {
  if (status === STATUS_PASS) return { verdict: 'PASS', reason: null }
  if (status === STATUS_SKIP) {
    const skip = subtests.find((s) => s.status === 'SKIP')
    return { verdict: 'SKIP', reason: skip ? `skipped: ${skip.name}` : 'skipped (STATUS=77)' }
  }
  if (status === STATUS_ABORT) {
    const abort = subtests.find((s) => s.status === 'ABORT')
    return { verdict: 'FAIL', reason: abort ? `aborted: ${abort.name}` : 'aborted (STATUS=127)' }
  }
  const failing = subtests.filter((s) => s.status === 'FAIL' || s.status === 'XPASS').length
  if (failing > 0) return { verdict: 'FAIL', reason: `${failing} unexpected failure${failing === 1 ? '' : 's'} (STATUS=${status})` }
  return { verdict: 'FAIL', reason: `exit status ${status >> 1} (STATUS=${status})` }
}

function formatSeconds(ms: number): string {
  const s = ms / 1000
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`
}

/** Counts subtest results per status (every status present, zeros included). */
export function countStatuses(subtests: readonly SubtestResult[]): StatusCounts {
  const counts = Object.fromEntries(SUBTEST_STATUSES.map((s) => [s, 0])) as StatusCounts
  for (const s of subtests) counts[s.status]++
  return counts
}

/** Verdicts that mean the test ran to a meaningful end (not stopped, not broken infrastructure, not pending). */
export const CONCLUSIVE_VERDICTS: readonly Verdict[] = ['PASS', 'FAIL', 'SKIP', 'TIMEOUT', 'SIGNAL']

/** A verdict that counts as a test failure (FAIL, TIMEOUT, SIGNAL: upstream reports all three as FAIL). */
export function isFailingVerdict(v: Verdict): boolean {
  return v === 'FAIL' || v === 'TIMEOUT' || v === 'SIGNAL'
}

/** Verdicts worth an automatic retry: only infrastructure problems (never a test failure). */
export function isRetryableVerdict(v: Verdict): boolean {
  return v === 'INFRA'
}
