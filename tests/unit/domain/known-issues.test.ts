import { describe, expect, it } from 'vitest'
import { globToRegExp, matchKnownIssue, type KnownIssueQuery, type KnownIssueScope } from '@core/domain/known-issues'

type Issue = KnownIssueScope & { id: number }
const issue = (id: number, over: Partial<KnownIssueScope>): Issue => ({ id, test: 'skey', subtest: null, env: null, level: null, intermittent: false, ...over })

const ISSUES: Issue[] = [
  issue(1, {}),
  issue(2, { env: 'lpar-a' }),
  issue(3, { env: 'lpar-a', level: 'D51' }),
  issue(4, { subtest: 'skey: TPROT: *', env: 'hercules' }),
  issue(5, { test: 'sieve', level: '7.2.*' }),
  issue(6, { test: 'sclp', subtest: 'sclp: ?g' }),
]

const q = (over: Partial<KnownIssueQuery>): KnownIssueQuery => ({ test: 'skey', subtest: null, env: 'tcg', level: '7.2.22', verdict: 'FAIL', ...over })

describe('matchKnownIssue', () => {
  const cases: [string, Partial<KnownIssueQuery>, number | null][] = [
    ['whole-test issue on any env', {}, 1],
    ['env-scoped issue beats the general one', { env: 'lpar-a' }, 2],
    ['env+level beats env', { env: 'lpar-a', level: 'D51' }, 3],
    ['other level falls back to env scope', { env: 'lpar-a', level: 'D48' }, 2],
    ['timeouts and signals are explained', { verdict: 'TIMEOUT' }, 1],
    ['PASS is never explained', { verdict: 'PASS' }, null],
    ['SKIP is never explained', { verdict: 'SKIP' }, null],
    ['INFRA is never explained', { verdict: 'INFRA' }, null],
    ['unknown test', { test: 'gs' }, null],
    ['level is matched literally, not as a pattern', { test: 'sieve', level: '7.2.22' }, null],
    ['subtest pattern on its env', { env: 'hercules', subtest: 'skey: TPROT: store', verdict: 'FAIL' }, 4],
    ['subtest pattern needs a failing subtest status', { env: 'hercules', subtest: 'skey: TPROT: store', verdict: 'KFAIL' }, null],
    ['XPASS and ABORT subtests are explained', { env: 'hercules', subtest: 'skey: TPROT: x', verdict: 'XPASS' }, 4],
    ['non-matching subtest falls back to the whole-test issue', { env: 'hercules', subtest: 'skey: SSKE', verdict: 'FAIL' }, 1],
    ['? matches one character', { test: 'sclp', subtest: 'sclp: 1g', verdict: 'ABORT' }, 6],
    ['? does not match two', { test: 'sclp', subtest: 'sclp: 16g', verdict: 'FAIL' }, null],
    [
      'test level with a failing matching subtest',
      { test: 'sclp', subtests: [{ status: 'PASS', name: 'sclp: 1g' }, { status: 'FAIL', name: 'sclp: 3g' }] },
      6,
    ],
    ['test level when the matching subtest passed', { test: 'sclp', subtests: [{ status: 'PASS', name: 'sclp: 3g' }] }, null],
    ['test level without subtests', { test: 'sclp' }, null],
  ]
  it.each(cases)('%s', (_what, over, want) => expect(matchKnownIssue(ISSUES, q(over))?.id ?? null).toBe(want))

  it('takes the first of equally specific issues', () => {
    expect(matchKnownIssue([issue(7, { env: 'x' }), issue(8, { level: '7.2.22' }), issue(9, { env: 'x' })], q({ env: 'x' }))?.id).toBe(7)
  })
})

describe('globToRegExp', () => {
  it.each([
    ['a.b*', 'a.bcd', true],
    ['a.b*', 'axbcd', false],
    ['(x)+[y]', '(x)+[y]', true],
    ['line*', 'line\nbreak', true],
    ['*', '', true],
  ] as const)('%s ~ %j is %s', (glob, text, want) => expect(globToRegExp(glob).test(text)).toBe(want))
})
