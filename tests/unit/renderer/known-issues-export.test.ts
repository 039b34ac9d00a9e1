// Known issues export: the CSV a spreadsheet or tracker import reads, and the JSON that round-trips the API's objects.
import { describe, expect, it } from 'vitest'
import type { KnownIssue } from '@core/api/lab-api'
import { knownIssuesCsv, knownIssuesJson } from '../../../src-renderer/src/features/known-issues/known-issues-export'

const issues: KnownIssue[] = [
  { id: 1, test: 'skey', subtest: null, env: null, level: null, url: 'https://bugs.example.com/1', intermittent: false, note: '', author: null },
  { id: 2, test: 'sigp', subtest: 'stop, then "restart"', env: 'z15', level: 'M2', url: '', intermittent: true, note: 'line one\nline two', author: 'alice' },
  { id: 3, test: 'diag288', subtest: null, env: null, level: null, url: '', intermittent: false, note: '=HYPERLINK("x")', author: null },
]

describe('known issues export', () => {
  it('writes CSV with a header, quoted fields where needed, empty scopes for "any", and formulas defused', () => {
    expect(knownIssuesCsv(issues)).toBe(
      'id,test,subtest,env,level,url,intermittent,note\r\n' +
        '1,skey,,,,https://bugs.example.com/1,no,\r\n' +
        '2,sigp,"stop, then ""restart""",z15,M2,,yes,"line one\nline two"\r\n' +
        `3,diag288,,,,,no,"'=HYPERLINK(""x"")"\r\n`,
    )
    expect(knownIssuesCsv([])).toBe('id,test,subtest,env,level,url,intermittent,note\r\n')
  })
  it('writes JSON that parses back to the same issues', () => {
    expect(JSON.parse(knownIssuesJson(issues))).toEqual(issues)
  })
})
