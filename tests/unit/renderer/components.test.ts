// Component tests: the Svelte components rendered with svelte/server (no DOM needed), checking what a user sees.
import { describe, expect, it } from 'vitest'
import { render } from 'svelte/server'
import type { MatrixCell } from '@core/api/lab-api'
import type { Environment } from '@core/domain/environment'
import MatrixGrid from '../../../src-renderer/src/features/matrix/MatrixGrid.svelte'
import { layoutColumns } from '../../../src-renderer/src/features/matrix/matrix-model'
import { MatrixTable, cellLook, cellText } from '../../../src-renderer/src/features/matrix/matrix-table'
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

describe('matrix cells', () => {
  it('show verdict, passed/total subtests (INFO not counted), duration and the differs-from-majority marker', () => {
    const look = cellLook(cell())
    expect(look).toEqual({
      cls: 's-fail',
      verdict: 'FAIL',
      label: 'FAIL',
      counts: '3/4',
      duration: '1.5 s',
      differs: true,
      title: 'skey on z15 (M2): FAIL, 3/4 subtests pass, 1 fail, 1.5 s — differs from the majority of its row',
    })
    expect([cellText(look, false), cellText(look, true)]).toEqual(['FAIL 3/4 1.5 s', 'FAIL 3/4'])
  })
  it('show a failure matching a known issue as expected, and a missing result as empty', () => {
    const known = cellLook(cell({ knownIssue: 7, differsFromMajority: false }))
    expect([known.cls, cellText(known, true), known.differs]).toEqual(['s-known', 'KNOWN 3/4', false])
    const none = cellLook(undefined)
    expect([none.verdict, cellText(none, false), none.title]).toEqual(['none', '·', 'no result'])
  })
})

describe('MatrixGrid', () => {
  it('renders the frame and the column headers on the server; the cells are drawn in the browser (tests/e2e/matrix)', () => {
    const tests = Array.from({ length: 1000 }, (_, i) => `test-${i}`)
    const envs = Array.from({ length: 50 }, (_, i) => ({ name: `env-${i}`, kind: 'qemu-tcg' as const, level: `L${i % 5}` }))
    // The view's columns come in display order: by level, then name.
    const columns = [...envs].sort((a, b) => (a.level < b.level ? -1 : a.level > b.level ? 1 : a.name < b.name ? -1 : 1)).map((e) => e.name)
    const table = new MatrixTable({ tests, envs, columns })
    table.add(tests.flatMap((t) => envs.map((e) => cell({ test: t, env: e.name, level: e.level, verdict: 'PASS', differsFromMajority: false }))))
    const { body } = render(MatrixGrid, {
      props: { table, version: 1, rows: tests.map((_, i) => i), layout: layoutColumns(table.columns, true), selected: new Set<string>(), selection: 0, onSelect: noop, onOpen: noop, onRunSelection: noop },
    })
    expect(count(body, 'role="gridcell"')).toBe(0)
    expect(count(body, 'role="columnheader"')).toBe(51)
    expect(body).toMatch(/class="scroller[^"]*compact/)
    expect(body).toContain('aria-rowcount="1000"')
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
