// Pure models behind issue 8's UI: the error text the user reads, the compare CSV and difference rule, the
// baseline run Compare… starts from.
import { describe, expect, it } from 'vitest'
import type { RunSummary } from '@core/api/lab-api'
import type { CompareRow } from '@core/domain/compare'
import { LabRemoteError } from '@core/api/reply'
import { ServerUnreachableError, errorText, isNetworkFailure } from '../../../src-renderer/src/lib/errors'
import { comparisonCsv, rowDiffers } from '../../../src-renderer/src/features/compare/compare-export'
import { previousRun } from '../../../src-renderer/src/features/runs/previous-run'

describe('error text', () => {
  it('shows the message without any class name, and a lost server as such', () => {
    expect(
      [
        new LabRemoteError({ name: 'LabArgumentError', message: 'runs.start argument 1.envs: at least one environment is required', code: 'EINVAL' }),
        new LabRemoteError({ name: 'NotFoundError', message: 'NotFoundError: run 77 not found', code: 'NotFoundError' }),
        new Error('SideSyntaxError side x: no colon'),
        new TypeError('Failed to fetch'),
        new TypeError('NetworkError when attempting to fetch resource.'),
        new ServerUnreachableError('runs.list'),
        new LabRemoteError({ name: 'CompareError', message: '', code: 'ECONFLICT' }),
        'plain text',
      ].map(errorText),
    ).toEqual([
      'runs.start argument 1.envs: at least one environment is required',
      'run 77 not found',
      'side x: no colon',
      'The console server does not answer (network request failed). Reconnecting…',
      'The console server does not answer (network request failed). Reconnecting…',
      'The console server does not answer (runs.list). Reconnecting…',
      'Unexpected error (ECONFLICT) with no message; see the console log',
      'plain text',
    ])
    expect([isNetworkFailure(new TypeError('Failed to fetch')), isNetworkFailure(new TypeError('x is undefined')), isNetworkFailure(new Error('Failed to fetch'))]).toEqual([true, false, false])
  })
})

describe('compare rows', () => {
  const row = (test: string, subtest: string | null, a: CompareRow['a'], b: CompareRow['b'], transition: CompareRow['transition']): CompareRow => ({ key: `${test}/${subtest}`, test, subtest, a, b, transition, resultIdA: 1, resultIdB: 2 })
  it('counts a changed status of the same class as a difference', () => {
    expect([row('t', null, 'PASS', 'PASS', 'unchanged'), row('t', null, 'FAIL', 'TIMEOUT', 'unchanged'), row('t', 's', 'PASS', 'FAIL', 'regression')].map(rowDiffers)).toEqual([false, true, true])
  })
  it('exports CSV with both side labels, quoting and formula escaping', () => {
    const c = { a: { side: { kind: 'run' as const, runId: 1 }, label: 'run 1 on tcg' }, b: { side: { kind: 'env' as const, env: 'z' }, label: 'env z' } }
    expect(comparisonCsv(c, [row('pgm', null, 'PASS', 'PASS', 'unchanged'), row('pgm', 'fixed-point, "overflow"', 'PASS', null, 'disappeared'), row('=x', '-1', null, 'FAIL', 'new-failure')])).toBe(
      'test,subtest,a: run 1 on tcg,b: env z,transition\r\n' +
        'pgm,,PASS,PASS,unchanged\r\n' +
        'pgm,"fixed-point, ""overflow""",PASS,,disappeared\r\n' +
        "'=x,'-1,,FAIL,new-failure\r\n",
    )
  })
})

describe('previous run (Compare… baseline)', () => {
  const run = (id: number, catalogId: number, envs: string[], state: RunSummary['state'] = 'done'): RunSummary => ({ id, catalogId, catalogName: 'c', envs, state, who: 'me', startedAt: '', finishedAt: null, total: 1, done: 1, verdicts: {} })
  it('is the latest earlier finished run of the same catalog on that environment', () => {
    const runs = [run(1, 1, ['tcg']), run(2, 2, ['tcg']), run(3, 1, ['tcg', 'builtin']), run(4, 1, ['tcg'], 'cancelled'), run(5, 1, ['builtin']), run(6, 1, ['tcg']), run(7, 1, ['tcg'])]
    expect([previousRun(runs, run(6, 1, ['tcg']), 'tcg')?.id, previousRun(runs, run(6, 1, ['builtin']), 'builtin')?.id, previousRun(runs, run(1, 1, ['tcg']), 'tcg'), previousRun(runs, run(3, 2, ['tcg']), 'tcg')?.id]).toEqual([3, 5, null, 2])
  })
})
