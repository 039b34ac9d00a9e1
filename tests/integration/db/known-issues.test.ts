// Known-issue matching: scope by test, environment and level; subtest glob patterns; only failing results.
import { describe, expect, it } from 'vitest'
import type { KnownIssue } from '@core/api/lab-api'
import type { SubtestResult, Verdict } from '@core/domain/results'
import { matchKnownIssue } from '@main/db/known-issues'

const issue = (over: Partial<KnownIssue>): KnownIssue => ({
  id: 1,
  test: 'sigp',
  subtest: null,
  env: null,
  level: null,
  url: 'https://bugs/9',
  intermittent: false,
  note: '',
  ...over,
})
const subs: SubtestResult[] = [
  { status: 'PASS', name: 'sigp: restart' },
  { status: 'FAIL', name: 'sigp: stop: store status (x+1)' },
  { status: 'KFAIL', name: 'sigp: sense' },
]
const result = (verdict: Verdict, over: Partial<{ test: string; env: string; level: string }> = {}) => ({
  test: 'sigp',
  env: 'tcg',
  level: '7.2',
  verdict,
  ...over,
})

describe('matchKnownIssue', () => {
  it.each([
    ['whole test, failing', issue({}), result('FAIL'), true],
    ['whole test, timeout', issue({}), result('TIMEOUT'), true],
    ['never explains a pass', issue({}), result('PASS'), false],
    ['never explains an infrastructure error', issue({}), result('INFRA'), false],
    ['other test', issue({ test: 'skey' }), result('FAIL'), false],
    ['env scope matches', issue({ env: 'tcg' }), result('FAIL'), true],
    ['env scope differs', issue({ env: 'lpar' }), result('FAIL'), false],
    ['level scope differs', issue({ level: '8.0' }), result('FAIL'), false],
    ['glob on a failing subtest', issue({ subtest: 'sigp: stop: *' }), result('FAIL'), true],
    ['regex characters are literal', issue({ subtest: 'sigp: stop: store status (x+1)' }), result('FAIL'), true],
    ['? is one character', issue({ subtest: 'sigp: st?p: *' }), result('FAIL'), true],
    ['pattern is anchored', issue({ subtest: 'stop' }), result('FAIL'), false],
    ['pattern on a passing subtest only', issue({ subtest: 'sigp: restart' }), result('FAIL'), false],
  ])('%s', (_label, k, r, want) => {
    expect(matchKnownIssue(k, r, () => subs)).toBe(want)
  })
})
