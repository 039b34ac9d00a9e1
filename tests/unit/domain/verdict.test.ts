import { describe, expect, it } from 'vitest'
import type { SubtestResult } from '@core/domain/results'
import { countStatuses, isFailingVerdict, isRetryableVerdict, verdictOf, type Observation, type VerdictResult } from '@core/domain/verdict'

const obs = (over: Partial<Observation>): Observation => ({
  exitStatus: null,
  timedOut: false,
  signal: null,
  cancelled: false,
  infraError: null,
  subtests: [],
  ...over,
})
const sub = (status: SubtestResult['status'], name: string): SubtestResult => ({ status, name })

describe('verdictOf', () => {
  const cases: [string, Partial<Observation>, VerdictResult][] = [
    ['STATUS=1 passes', { exitStatus: 1, subtests: [sub('PASS', 'a')] }, { verdict: 'PASS', reason: null }],
    ['STATUS=77 skips, naming the first skip', { exitStatus: 77, subtests: [sub('SKIP', 'vector: not available')] }, { verdict: 'SKIP', reason: 'skipped: vector: not available' }],
    ['STATUS=77 without skip lines', { exitStatus: 77 }, { verdict: 'SKIP', reason: 'skipped (STATUS=77)' }],
    [
      'STATUS=3 fails, counting FAIL and XPASS',
      { exitStatus: 3, subtests: [sub('FAIL', 'a'), sub('XPASS', 'b'), sub('KFAIL', 'c'), sub('XFAIL', 'd')] },
      { verdict: 'FAIL', reason: '2 unexpected failures (STATUS=3)' },
    ],
    ['STATUS=3 with one failure', { exitStatus: 3, subtests: [sub('FAIL', 'a')] }, { verdict: 'FAIL', reason: '1 unexpected failure (STATUS=3)' }],
    ['other odd status', { exitStatus: 5 }, { verdict: 'FAIL', reason: 'exit status 2 (STATUS=5)' }],
    ['even status (not from report)', { exitStatus: 0 }, { verdict: 'FAIL', reason: 'exit status 0 (STATUS=0)' }],
    ['STATUS=127 is an abort', { exitStatus: 127, subtests: [sub('ABORT', 'sclp: boom')] }, { verdict: 'FAIL', reason: 'aborted: sclp: boom' }],
    ['STATUS=127 without ABORT line', { exitStatus: 127 }, { verdict: 'FAIL', reason: 'aborted (STATUS=127)' }],
    ['infrastructure error is never FAIL', { infraError: 'ssh: connection reset' }, { verdict: 'INFRA', reason: 'ssh: connection reset' }],
    ['infra beats timeout and signal', { infraError: 'qemu-system-s390x not found', timedOut: true, signal: 'SIGKILL' }, { verdict: 'INFRA', reason: 'qemu-system-s390x not found' }],
    ['timeout with limit', { timedOut: true, timeoutMs: 90_000 }, { verdict: 'TIMEOUT', reason: 'timeout after 90 s' }],
    ['timeout with fractional limit', { timedOut: true, timeoutMs: 1500 }, { verdict: 'TIMEOUT', reason: 'timeout after 1.5 s' }],
    ['timeout without limit', { timedOut: true, subtests: [sub('FAIL', 'x')] }, { verdict: 'TIMEOUT', reason: 'timeout' }],
    ['timeout beats signal (we killed it)', { timedOut: true, signal: 'SIGTERM', timeoutMs: 5000 }, { verdict: 'TIMEOUT', reason: 'timeout after 5 s' }],
    ['signal', { signal: 'SIGSEGV' }, { verdict: 'SIGNAL', reason: 'terminated on SIGSEGV' }],
    ['cancelled beats everything', { cancelled: true, exitStatus: 3, infraError: 'x', timedOut: true }, { verdict: 'CANCELLED', reason: 'cancelled by user' }],
    ['no EXIT line', { subtests: [sub('PASS', 'a')] }, { verdict: 'FAIL', reason: 'guest stopped without an EXIT line' }],
    [
      'an interruption loop the emulator saw',
      { guestEnd: 'program interruption loop: operation exception at 0x200' },
      { verdict: 'FAIL', reason: 'guest stopped without an EXIT line: program interruption loop: operation exception at 0x200' },
    ],
    ['no EXIT line after ABORT', { subtests: [sub('ABORT', 'pgm: unexpected')] }, { verdict: 'FAIL', reason: 'aborted without EXIT line: pgm: unexpected' }],
    ['EXIT then timeout keeps the guest verdict', { exitStatus: 1, timedOut: true, timeoutMs: 10_000 }, { verdict: 'PASS', reason: 'timed out after EXIT (limit 10 s)' }],
    ['EXIT then signal', { exitStatus: 3, signal: 'SIGABRT', subtests: [sub('FAIL', 'a')] }, { verdict: 'FAIL', reason: '1 unexpected failure (STATUS=3); launcher terminated on SIGABRT after EXIT' }],
    ['EXIT then infra', { exitStatus: 77, infraError: 'ssh dropped' }, { verdict: 'SKIP', reason: 'skipped (STATUS=77); after EXIT: ssh dropped' }],
    ['EXIT then timeout without limit', { exitStatus: 1, timedOut: true }, { verdict: 'PASS', reason: 'timed out after EXIT' }],
  ]
  it.each(cases)('%s', (_what, over, want) => expect(verdictOf(obs(over))).toEqual(want))
})

describe('countStatuses', () => {
  it('counts every status, zeros included', () => {
    expect(countStatuses([sub('PASS', 'a'), sub('PASS', 'b'), sub('FAIL', 'c'), sub('INFO', 'd'), sub('KFAIL', 'e')])).toEqual({
      PASS: 2,
      FAIL: 1,
      XPASS: 0,
      XFAIL: 0,
      KFAIL: 1,
      SKIP: 0,
      INFO: 1,
      ABORT: 0,
    })
    expect(countStatuses([])).toEqual({ PASS: 0, FAIL: 0, XPASS: 0, XFAIL: 0, KFAIL: 0, SKIP: 0, INFO: 0, ABORT: 0 })
  })
})

describe('verdict classes', () => {
  it('fails on FAIL/TIMEOUT/SIGNAL and retries only INFRA', () => {
    const all = ['PASS', 'FAIL', 'SKIP', 'TIMEOUT', 'SIGNAL', 'INFRA', 'CANCELLED', 'NOTRUN'] as const
    expect(all.filter(isFailingVerdict)).toEqual(['FAIL', 'TIMEOUT', 'SIGNAL'])
    expect(all.filter(isRetryableVerdict)).toEqual(['INFRA'])
  })
})
