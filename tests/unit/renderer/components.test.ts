// Component tests: the Svelte components rendered with svelte/server (no DOM needed), checking what a user sees.
import { describe, expect, it } from 'vitest'
import { render } from 'svelte/server'
import type { MatrixCell } from '@core/api/lab-api'
import type { Environment } from '@core/domain/environment'
import MatrixCellView from '../../../src-renderer/src/features/matrix/MatrixCellView.svelte'
import MatrixGrid from '../../../src-renderer/src/features/matrix/MatrixGrid.svelte'
import { indexCells, layoutColumns } from '../../../src-renderer/src/features/matrix/matrix-model'
import EnvironmentForm from '../../../src-renderer/src/features/environments/EnvironmentForm.svelte'
import HealthCell from '../../../src-renderer/src/features/environments/HealthCell.svelte'
import ProgressBar from '../../../src-renderer/src/lib/components/ProgressBar.svelte'
import LogPane from '../../../src-renderer/src/features/compare/LogPane.svelte'
import { classifyLines } from '../../../src-renderer/src/features/logs/log-lines'
import { formatTime } from '../../../src-renderer/src/lib/format'

const count = (html: string, needle: string): number => html.split(needle).length - 1
const text = (html: string): string => html.replace(/<!--.*?-->/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim()
const noop = (): void => {}
const cell = (over: Partial<MatrixCell> = {}): MatrixCell => ({
  test: 'skey',
  env: 'z15',
  level: 'M2',
  verdict: 'FAIL',
  counts: { PASS: 3, FAIL: 1, XPASS: 0, XFAIL: 0, KFAIL: 0, SKIP: 0, INFO: 2, ABORT: 0 },
  durationMs: 1500,
  resultId: 4,
  differsFromMajority: true,
  knownIssue: null,
  ...over,
})

describe('MatrixCellView', () => {
  it('shows verdict, passed/total subtests (INFO not counted), duration and the differs-from-majority marker', () => {
    const { body } = render(MatrixCellView, { props: { column: 2, cell: cell(), compact: false, selected: true, onclick: noop, ondblclick: noop } })
    expect(text(body)).toBe('FAIL 3/4 1.5 s ◆')
    expect(body).toContain('class="cell s-fail')
    expect(body).toContain('grid-column: 2')
    expect(body).toContain('aria-selected="true"')
    expect(body).toContain('title="skey on z15 (M2): FAIL, 3/4 subtests pass, 1 fail, 1.5 s — differs from the majority of its row"')
  })
  it('shows a failure matching a known issue as expected, and a missing result as empty', () => {
    const known = render(MatrixCellView, { props: { column: 3, cell: cell({ knownIssue: 7, differsFromMajority: false }), compact: true, selected: false, onclick: noop, ondblclick: noop } })
    expect(text(known.body)).toBe('KNOWN 3/4')
    expect(known.body).toContain('s-known')
    const none = render(MatrixCellView, { props: { column: 4, cell: undefined, compact: true, selected: false, onclick: noop, ondblclick: noop } })
    expect(none.body).toContain('data-verdict="none"')
  })
})

describe('MatrixGrid', () => {
  it('renders only the visible rows and columns of 1,000 tests × 50 environments, compact beyond 8 environments', () => {
    const tests = Array.from({ length: 1000 }, (_, i) => `test-${i}`)
    const envs = Array.from({ length: 50 }, (_, i) => ({ name: `env-${i}`, kind: 'qemu-tcg' as const, level: `L${i % 5}` }))
    const cells = tests.flatMap((t) => envs.map((e) => cell({ test: t, env: e.name, level: e.level, verdict: 'PASS', differsFromMajority: false })))
    const { body } = render(MatrixGrid, {
      props: { rows: tests, layout: layoutColumns(envs, true), index: indexCells(cells), selected: new Set<string>(), onSelect: noop, onOpen: noop, onRunSelection: noop },
    })
    expect(count(body, 'role="row"')).toBe(28)
    // A 1,040 px wide grid minus the 240 px test column at 64 px per compact column: 13 columns + 2 overscan.
    expect(count(body, 'role="gridcell"')).toBe(28 * 15)
    expect(count(body, 'role="columnheader"')).toBe(51)
    expect(body).toContain('class="scroller svelte-')
    expect(body).toMatch(/class="scroller[^"]*compact/)
    expect(body).toContain('aria-rowcount="1000"')
    expect(body).toContain('height: 30000px')
    expect(count(body, 'title="level L')).toBe(5)
  })
})

describe('EnvironmentForm', () => {
  it('shows the settings of the environment kind, with secret references and host-key pinning for SSH', () => {
    const env: Environment = { id: 2, name: 'z15', kind: 'qemu-ssh', level: '8.2', config: { host: 'z15.lab', port: 22, user: 'lab' }, facts: { site: 'b' }, concurrency: 1, createdAt: '' }
    const { body } = render(EnvironmentForm, { props: { env, existingNames: ['z15'], onSave: async () => {}, onCancel: noop } })
    expect(body).toContain('Edit z15')
    for (const id of ['env-cfg-host', 'env-cfg-port', 'env-cfg-user', 'env-cfg-privateKeyPath', 'env-cfg-agent', 'env-cfg-hostKeyFingerprint']) expect(body).toContain(`id="${id}"`)
    expect(body).toContain('value="z15.lab"')
    expect(body).toContain('passwords are not used')
    expect(body).toContain('a different key is refused')
    const add = render(EnvironmentForm, { props: { existingNames: [], onSave: async () => {}, onCancel: noop } })
    expect(add.body).toContain('Add environment')
    expect(add.body).toContain('id="env-cfg-binary"')
    expect(add.body).not.toContain('id="env-cfg-host"')
  })
})

describe('small components', () => {
  it('ProgressBar and HealthCell say what is going on', () => {
    const bar = render(ProgressBar, { props: { label: 'tcg', done: 2, total: 4, running: 1 } })
    expect(text(bar.body)).toBe('tcg 2/4 (1 running)')
    expect(bar.body).toContain('aria-valuenow="2"')
    expect(bar.body).toContain('width: 50%')
    const sick = render(HealthCell, { props: { state: { ok: false, level: null, facts: {}, problems: ['qemu-system-s390x not found in PATH'], checkedAt: '2026-01-01T00:00:00Z' }, onCheck: noop } })
    // The time of the check is shown, not only in a tooltip (local time, as formatTime prints it).
    expect(text(sick.body)).toBe(`unhealthy checked ${formatTime('2026-01-01T00:00:00Z')} qemu-system-s390x not found in PATH Check now`)
  })
  it('LogPane highlights result lines and the first divergence', () => {
    const lines = classifyLines('boot\nPASS: a\nFAIL: b\n')
    const { body } = render(LogPane, { props: { title: 'run 1', log: { resultId: 1, test: 't', env: 'e', level: '', text: '', command: '', facts: {} }, lines, highlight: 2 } })
    expect(count(body, 's-pass')).toBe(1)
    expect(body).toMatch(/class="line s-fail[^"]*diverge/)
  })
})
