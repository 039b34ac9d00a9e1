// Pure models behind issue 8's UI: the error text the user reads, the compare difference rule, the
// baseline run Compare… starts from.
import { describe, expect, it } from 'vitest'
import type { RunSummary } from '@core/api/lab-api'
import type { CompareRow } from '@core/domain/compare'
import { LabRemoteError } from '@core/api/reply'
import { ServerUnreachableError, errorText, isNetworkFailure } from '../../../src-renderer/src/lib/errors'
import { rowDiffers } from '../../../src-renderer/src/features/compare/compare-export'
import { previousRun } from '../../../src-renderer/src/features/runs/previous-run'
import { chartLines, runLabels, stripByEnv } from '../../../src-renderer/src/features/history/history-series'
import { runQueryFrom } from '../../../src-renderer/src/features/runs/run-query'

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
})

describe('previous run (Compare… baseline)', () => {
  const run = (id: number, catalogId: number, envs: string[], state: RunSummary['state'] = 'done'): RunSummary => ({ id, catalogId, catalogName: 'c', envs, state, who: 'me', host: null, version: null, startedAt: '', finishedAt: null, total: 1, done: 1, verdicts: {} })
  it('is the latest earlier finished run of the same catalog on that environment', () => {
    const runs = [run(1, 1, ['tcg']), run(2, 2, ['tcg']), run(3, 1, ['tcg', 'builtin']), run(4, 1, ['tcg'], 'cancelled'), run(5, 1, ['builtin']), run(6, 1, ['tcg']), run(7, 1, ['tcg'])]
    expect([previousRun(runs, run(6, 1, ['tcg']), 'tcg')?.id, previousRun(runs, run(6, 1, ['builtin']), 'builtin')?.id, previousRun(runs, run(1, 1, ['tcg']), 'tcg'), previousRun(runs, run(3, 2, ['tcg']), 'tcg')?.id]).toEqual([3, 5, null, 2])
  })
})

describe('history chart input', () => {
  const runs = [
    { runId: 1, at: '2026-12-06T05:10:00.000Z', label: 'run 1' },
    { runId: 2, at: '2026-12-06T06:00:00.000Z', label: 'run 2' },
    { runId: 4, at: '2026-12-07T09:05:00.000Z', label: 'run 4' },
  ]
  it('labels runs with their time, and keeps a run without a result as a gap', () => {
    const local = (iso: string): string => {
      const d = new Date(iso)
      const p = (n: number): string => String(n).padStart(2, '0')
      return `${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`
    }
    expect(runLabels(runs)).toEqual(runs.map((r) => [r.label, local(r.at)]))
    const series = [
      { env: 'tcg', levels: ['7.2', null, '8.0'], values: [1, null, 0.5] },
      { env: 'builtin', levels: ['0.2', '0.2', '0.2'], values: [0.8333, 1, 1] },
    ]
    expect(chartLines(series, 'env', 100)).toEqual([
      { name: 'tcg', values: [100, null, 50], levels: ['7.2', null, '8.0'] },
      { name: 'builtin', values: [83.3, 100, 100], levels: ['0.2', '0.2', '0.2'] },
    ])
    // Per level: a line per environment and level, each with gaps where the environment ran at another level.
    expect(chartLines(series, 'level', 100)).toEqual([
      { name: 'tcg (7.2)', values: [100, null, null], levels: ['7.2', null, null] },
      { name: 'tcg (8.0)', values: [null, null, 50], levels: [null, null, '8.0'] },
      { name: 'builtin (0.2)', values: [83.3, 100, 100], levels: ['0.2', '0.2', '0.2'] },
    ])
  })
  it('groups the status strip per environment, aligned with the runs, empty where there is no result', () => {
    const strip = [
      { test: 'pgm', cells: [{ runId: 1, env: 'tcg', verdict: 'PASS' as const, resultId: 11 }, { runId: 4, env: 'tcg', verdict: 'FAIL' as const, resultId: 41 }, { runId: 2, env: 'builtin', verdict: 'PASS' as const, resultId: 22 }] },
      { test: 'arith', cells: [{ runId: 2, env: 'tcg', verdict: 'SKIP' as const, resultId: 23 }, { runId: 9, env: 'tcg', verdict: 'PASS' as const, resultId: 99 }] },
    ]
    expect(stripByEnv({ runs, strip })).toEqual([
      { env: 'builtin', rows: [{ test: 'pgm', cells: [null, { verdict: 'PASS', resultId: 22 }, null] }] },
      {
        env: 'tcg',
        rows: [
          { test: 'arith', cells: [null, { verdict: 'SKIP', resultId: 23 }, null] },
          { test: 'pgm', cells: [{ verdict: 'PASS', resultId: 11 }, null, { verdict: 'FAIL', resultId: 41 }] },
        ],
      },
    ])
  })
})

describe('runs list query from the URL', () => {
  it('reads filters, sort and page, and falls back to the defaults for malformed values', () => {
    expect(runQueryFrom({})).toEqual({ sort: 'id', order: 'desc', limit: 50, offset: 0 })
    expect(runQueryFrom({ catalog: '3', env: 'tcg', state: 'done', verdict: 'FAIL', sort: 'startedAt', order: 'asc', limit: '20', offset: '40' })).toEqual({
      catalogId: 3,
      env: 'tcg',
      state: 'done',
      verdict: 'FAIL',
      sort: 'startedAt',
      order: 'asc',
      limit: 20,
      offset: 40,
    })
    expect(runQueryFrom({ catalog: 'x', state: 'sleeping', verdict: 'MAYBE', sort: 'who', limit: '7', offset: '-1' })).toEqual({ sort: 'id', order: 'desc', limit: 50, offset: 0 })
  })
})
