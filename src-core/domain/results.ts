// Result vocabulary shared by every layer: subtest statuses as the kernels print them, harness verdicts per test.

/** Subtest result words a kvm-unit-tests kernel prints (`PASS: prefix: name`). */
export const SUBTEST_STATUSES = ['PASS', 'FAIL', 'XPASS', 'XFAIL', 'KFAIL', 'SKIP', 'INFO', 'ABORT'] as const
export type SubtestStatus = (typeof SUBTEST_STATUSES)[number]

/**
 * Verdict of one test on one environment, following run_tests.sh: STATUS=1 → PASS, 77 → SKIP, other → FAIL,
 * plus TIMEOUT and SIGNAL (harness 124 / >128). INFRA is an infrastructure problem (environment unreachable,
 * tool missing, launcher or emulator crash) and is never a test FAIL. CANCELLED: stopped by the user.
 * NOTRUN: planned but never finished (the run was interrupted, e.g. the app crashed).
 */
export const VERDICTS = ['PASS', 'FAIL', 'SKIP', 'TIMEOUT', 'SIGNAL', 'INFRA', 'CANCELLED', 'NOTRUN'] as const
export type Verdict = (typeof VERDICTS)[number]

/** One `STATUS: prefix: prefix: name` line of console output. */
export interface SubtestResult {
  status: SubtestStatus
  /** Full path as printed, prefixes joined with ': ' (e.g. `skey: TPROT: mismatching key: store protection`). */
  name: string
}

/** The `SUMMARY:` line of a kernel. */
export interface Summary {
  tests: number
  unexpectedFailures: number
  knownFailures: number
  expectedFailures: number
  skipped: number
}

/** Counts of subtest statuses, for matrix cells and summaries. */
export type StatusCounts = Record<SubtestStatus, number>

/** What one execution of one test on one environment produced. */
export interface TestOutcome {
  verdict: Verdict
  /** `EXIT: STATUS=` value printed by the guest, if any. */
  exitStatus: number | null
  /** Human-readable reason for non-PASS verdicts (timeout after 90 s, ssh: connection reset, …). */
  reason: string | null
  subtests: SubtestResult[]
  summary: Summary | null
  durationMs: number
}
