// Pure models behind the console views: environment form validation, matrix layout/selection/keyboard/virtualization,
// log classification and divergence, compare side syntax, catalog filters, history series.
import { describe, expect, it } from 'vitest'
import type { KnownIssue, MatrixCell, MatrixView } from '@core/api/lab-api'
import type { CompareRow } from '@core/domain/compare'
import { knownIssueFor, sideScope } from '../../../src-renderer/src/features/compare/known-in-compare'
import { formFrom, validateForm } from '../../../src-renderer/src/features/environments/env-form'
import { cellKey, layoutColumns, moveActive, plansForSelection, textOrder, visibleColumns, visibleRange } from '../../../src-renderer/src/features/matrix/matrix-model'
import { MatrixTable, filterRows } from '../../../src-renderer/src/features/matrix/matrix-table'
import { classifyLines, firstDivergence, searchLines } from '../../../src-renderer/src/features/logs/log-lines'
import { compareCommand, parseSide, sideText } from '../../../src-renderer/src/features/compare/sides'
import { catalogGroups, filterTests } from '../../../src-renderer/src/features/catalog/catalog-filter'

const counts = { PASS: 0, FAIL: 0, XPASS: 0, XFAIL: 0, KFAIL: 0, SKIP: 0, INFO: 0, ABORT: 0 }
const cell = (test: string, env: string, verdict: MatrixCell['verdict'], differs = false): MatrixCell => ({
  test,
  env,
  level: '',
  verdict,
  counts,
  durationMs: 1,
  resultId: 1,
  differsFromMajority: differs,
  knownIssue: null,
})

describe('environment form', () => {
  it('names every invalid field with what is wrong', () => {
    const f = { ...formFrom(), name: 'bad name', kind: 'qemu-ssh' as const, concurrency: 'x', config: { port: '70000' }, facts: 'site=a\nnonsense' }
    expect(validateForm(f, [])).toEqual({
      errors: {
        name: "Name 'bad name' may contain only letters, digits, '.', '_' and '-'",
        concurrency: "Concurrency must be a whole number from 1 to 256, got 'x'",
        'config.host': 'SSH host is required for qemu-ssh',
        'config.port': "SSH port must be a port number 1–65535, got '70000'",
        facts: "Facts line 2: expected key=value, got 'nonsense'",
      },
      input: null,
    })
    expect(validateForm({ ...formFrom(), name: 'tcg' }, ['tcg']).errors).toEqual({ name: "An environment named 'tcg' already exists" })
  })

  it('builds the EnvironmentInput with typed config and facts, and round-trips an existing environment', () => {
    const f = { ...formFrom(), name: ' z15 ', kind: 'qemu-ssh' as const, level: ' 8.2 ', concurrency: '4', config: { host: 'z15', port: '2222', user: 'lab', agent: 'true', hostKeyFingerprint: 'SHA256:abc' }, facts: 'machine=8561\n\n' }
    const { input } = validateForm(f)
    expect(input).toEqual({
      name: 'z15',
      kind: 'qemu-ssh',
      level: '8.2',
      concurrency: 4,
      config: { host: 'z15', port: 2222, user: 'lab', agent: true, hostKeyFingerprint: 'SHA256:abc' },
      facts: { machine: '8561' },
    })
    const env = { id: 3, createdAt: '', ...input!, level: '8.2', concurrency: 4, config: input!.config ?? {}, facts: input!.facts ?? {} }
    expect(validateForm(formFrom(env)).input).toEqual(input)
    // A simulator's command is an argv; settings the form does not show survive an edit.
    const sim = { ...env, kind: 'simulator' as const, config: { command: ['sim', '--kernel', '{kernel}'], stopOnExit: true } }
    expect(validateForm(formFrom(sim)).input?.config).toEqual({ command: ['sim', '--kernel', '{kernel}'], stopOnExit: true })
  })
})

describe('matrix model', () => {
  const view: MatrixView = {
    tests: ['a', 'b', 'c'],
    envs: [
      { name: 'z16', kind: 'lpar-hmc', level: 'M2' },
      { name: 'tcg', kind: 'qemu-tcg', level: '7.2' },
      { name: 'z15', kind: 'lpar-hmc', level: 'M2' },
    ],
    // The server's column order: by level, then name.
    columns: ['tcg', 'z15', 'z16'],
    cells: [cell('a', 'tcg', 'PASS'), cell('a', 'z15', 'PASS'), cell('b', 'tcg', 'FAIL', true), cell('b', 'z15', 'PASS'), cell('c', 'z16', 'SKIP')],
  }
  it("groups the view's columns (level order) by level, and orders them by name otherwise", () => {
    const table = new MatrixTable(view)
    expect(table.columns).toEqual([view.envs[1], view.envs[2], view.envs[0]])
    expect(layoutColumns(table.columns, true)).toEqual({
      columns: [view.envs[1], view.envs[2], view.envs[0]],
      groups: [
        { level: '7.2', span: 1 },
        { level: 'M2', span: 2 },
      ],
    })
    expect(layoutColumns(table.columns, false)).toEqual({ columns: [view.envs[1], view.envs[2], view.envs[0]], groups: [] })
    // Where level order and name order differ: grouped keeps the given (level) order, ungrouped is by name.
    const b1 = { name: 'b', kind: 'qemu-tcg' as const, level: '1' }
    const a2 = { name: 'a', kind: 'qemu-tcg' as const, level: '2' }
    expect([layoutColumns([b1, a2], true).columns, layoutColumns([b1, a2], false).columns]).toEqual([
      [b1, a2],
      [a2, b1],
    ])
  })
  it('tells the cells whose window has arrived (with or without a result) from those still on their way', () => {
    const table = new MatrixTable(view)
    const state = (): string[] => view.tests.map((_, t) => view.envs.map((_, e) => (table.hasArrived(t, e) ? (table.at(t, e) ? 'R' : '.') : '?')).join(''))
    // Rows 0-1 of the first two columns (tcg, z15: envs 1 and 2), then the other column of those rows, then the rest.
    table.add(view.cells.filter((c) => c.test !== 'c' && c.env !== 'z16'))
    table.arrivedWindow({ rows: { offset: 0, limit: 2 }, columns: { offset: 0, limit: 2 } })
    expect([state(), table.complete]).toEqual([['?RR', '?RR', '???'], false])
    table.arrivedWindow({ rows: { offset: 0, limit: 2 }, columns: { offset: 2, limit: 5 } })
    expect(state()).toEqual(['.RR', '.RR', '???'])
    table.add(view.cells.filter((c) => c.test === 'c'))
    table.arrivedWindow({ rows: { offset: 2, limit: 250 } })
    expect([state(), table.complete]).toEqual([['.RR', '.RR', 'R..'], true])
  })
  it('orders names as localeCompare does, plain names (a-z, 0-9, - and .) included', () => {
    // Every pair of short strings over the plain alphabet, and names that need the locale (case, '_', accents).
    const plain = ['', 'a', 'b', 'z', '0', '9', '-', '.', 'a-', 'a.', 'a0', 'aa', 'a-b', 'ab', 'a.b', 'fw-10', 'fw-9', 'fw-1.2', 'fw-12', 'kvm-z16', 'kvm.z16', '-a', '.a', '0a']
    const other = ['A', 'B', 'a_b', 'é', 'Z16', 'kvm_z16', 'LPAR-1', 'lpar 1', '(no level)']
    const sign = (n: number): number => Math.sign(n)
    const all = [...plain, ...other]
    const mismatches = all.flatMap((a) => all.filter((b) => sign(textOrder(a, b)) !== sign(a.localeCompare(b))).map((b) => `${a} vs ${b}`))
    expect(mismatches).toEqual([])
  })
  const tableOf = (cells: MatrixCell[]): MatrixTable => {
    const t = new MatrixTable(view)
    t.add(cells)
    return t
  }
  it('filters rows (test indexes) by name, by difference from the majority, and by unexplained failures', () => {
    const table = tableOf(view.cells)
    expect(filterRows(table, { text: '', onlyDifferences: true, onlyProblems: false })).toEqual([1])
    expect(filterRows(table, { text: 'C', onlyDifferences: false, onlyProblems: false })).toEqual([2])
    expect(filterRows(table, { text: '', onlyDifferences: false, onlyProblems: false })).toEqual([0, 1, 2])
    expect(filterRows(table, { text: '', onlyDifferences: false, onlyProblems: true })).toEqual([1])
    const known = tableOf(view.cells.map((c) => (c.verdict === 'FAIL' ? { ...c, knownIssue: 9 } : c)))
    expect(filterRows(known, { text: '', onlyDifferences: false, onlyProblems: true })).toEqual([])
  })
  it('fills the table window by window: a later window adds its cells and replaces cells it repeats', () => {
    const table = new MatrixTable(view)
    table.add(view.cells.slice(0, 2))
    expect([table.cellCount, table.differs, table.envCounts, table.get('a', 'tcg')?.verdict, table.get('b', 'tcg')]).toEqual([2, 0, [0, 1, 1], 'PASS', undefined])
    table.add(view.cells.slice(1))
    table.add([cell('a', 'tcg', 'FAIL', true), cell('zz', 'tcg', 'PASS'), cell('a', 'gone', 'PASS')])
    expect([table.cellCount, table.differs, table.envCounts, table.at(0, 1)?.verdict, table.all().map((c) => `${c.test}/${c.env}`)]).toEqual([
      5,
      2,
      [1, 2, 2],
      'FAIL',
      ['a/tcg', 'a/z15', 'b/tcg', 'b/z15', 'c/z16'],
    ])
  })
  it('turns a selection into one run per distinct test set', () => {
    const sel = [cellKey('a', 'tcg'), cellKey('b', 'tcg'), cellKey('a', 'z15'), cellKey('b', 'z15'), cellKey('c', 'z16')]
    expect(plansForSelection(sel)).toEqual([
      { envs: ['tcg', 'z15'], tests: ['a', 'b'] },
      { envs: ['z16'], tests: ['c'] },
    ])
  })
  it('moves the active cell with the keyboard, clamped to the grid', () => {
    const at = { row: 0, col: 0 }
    expect(['ArrowUp', 'ArrowDown', 'ArrowRight', 'End', 'PageDown', 'Tab'].map((k) => moveActive(at, k, 50, 3, 20))).toEqual([
      { row: 0, col: 0 },
      { row: 1, col: 0 },
      { row: 0, col: 1 },
      { row: 0, col: 2 },
      { row: 20, col: 0 },
      null,
    ])
  })
  it('renders only the rows in view plus overscan (1,000 rows)', () => {
    expect(visibleRange(0, 600, 30, 1000)).toEqual({ start: 0, end: 28 })
    expect(visibleRange(15_000, 600, 30, 1000)).toEqual({ start: 492, end: 528 })
    expect(visibleRange(29_500, 600, 30, 1000)).toEqual({ start: 975, end: 1000 })
  })
  it('renders only the columns in view plus overscan (50 environments)', () => {
    expect(visibleColumns(0, 1040, 240, 64, 50)).toEqual({ start: 0, end: 15 })
    expect(visibleColumns(640, 1040, 240, 64, 50)).toEqual({ start: 8, end: 25 })
    expect(visibleColumns(3000, 1040, 240, 64, 50)).toEqual({ start: 44, end: 50 })
  })
})

describe('logs', () => {
  it('classifies result lines, SUMMARY and EXIT, CRLF tolerant, and searches case-insensitively', () => {
    const lines = classifyLines('boot\r\nPASS: a: b\r\nXFAIL: c\nSUMMARY: 2 tests\nEXIT: STATUS=1\n')
    expect(lines.map((l) => [l.n, l.status])).toEqual([
      [1, null],
      [2, 'PASS'],
      [3, 'XFAIL'],
      [4, 'SUMMARY'],
      [5, 'EXIT'],
    ])
    expect(searchLines(lines, 'fail')).toEqual([3])
    expect(searchLines(lines, '  ')).toEqual([])
  })
  it('finds the first divergence of two logs, ignoring trailing spaces', () => {
    expect(firstDivergence(['a', 'b  ', 'c'], ['a', 'b', 'd'])).toBe(2)
    expect(firstDivergence(['a'], ['a', 'b'])).toBe(1)
    expect(firstDivergence(['a', 'b'], ['a', 'b '])).toBeNull()
  })
})

describe('compare sides, catalog filters', () => {
  it('parses and prints sides in the syntax of labcon compare', () => {
    const texts = ['run:12', 'run:12@env:tcg', 'env:z15', 'level:7.2.0', 'level:M2@env:z15']
    expect(texts.map(parseSide)).toEqual([
      { kind: 'run', runId: 12 },
      { kind: 'run', runId: 12, env: 'tcg' },
      { kind: 'env', env: 'z15' },
      { kind: 'level', level: '7.2.0' },
      { kind: 'level', level: 'M2', env: 'z15' },
    ])
    expect(texts.map((t) => sideText(parseSide(t)!))).toEqual(texts)
    expect(parseSide('env:z15@level:M2')).toEqual({ kind: 'level', level: 'M2', env: 'z15' })
    // The old URL form `run:12@tcg` is not the CLI's and is refused, as are the CLI's own errors.
    expect(['run:12@tcg', 'run:x', 'env:', 'node:1', '', 'run:0', 'run:1@level:x', 'env:a@env:b'].map(parseSide)).toEqual(Array(8).fill(null))
    expect(compareCommand({ kind: 'run', runId: 2, env: 'builtin' }, { kind: 'level', level: 'QEMU 7.2' })).toBe("labcon compare run:2@env:builtin 'level:QEMU 7.2'")
  })
  it('hides nodefault tests unless asked for, filters by group and text', () => {
    const t = (name: string, groups: string[]) => ({ name, file: `${name}.elf`, groups, kernelPresent: true }) as never
    const tests = [t('selftest', ['selftest']), t('loop', ['nodefault']), t('skey', ['mem'])]
    expect(catalogGroups(tests)).toEqual(['mem', 'nodefault', 'selftest'])
    const names = (f: Parameters<typeof filterTests>[1]) => filterTests(tests, f).map((x) => (x as { name: string }).name)
    expect(names({ text: '', group: '', includeNodefault: false })).toEqual(['selftest', 'skey'])
    expect(names({ text: '', group: 'nodefault', includeNodefault: false })).toEqual(['loop'])
    expect(names({ text: 'KEY', group: '', includeNodefault: true })).toEqual(['skey'])
  })
})

describe('known issues in a comparison', () => {
  const issue = (over: Partial<KnownIssue>): KnownIssue => ({ id: 1, test: 'skey', subtest: null, env: null, level: null, url: '', intermittent: false, note: '', author: null, ...over })
  const row: CompareRow = { key: 'k', test: 'skey', subtest: null, a: 'PASS', b: 'FAIL', transition: 'regression', resultIdA: 1, resultIdB: 2 }
  it('scopes sides: env sides know their level, level sides their level, run sides only what they name', () => {
    const levels = { z15: 'M2', tcg: '7.2' }
    expect([sideScope({ kind: 'env', env: 'z15' }, levels), sideScope({ kind: 'level', level: 'M3' }, levels), sideScope({ kind: 'run', runId: 3 }, levels), sideScope({ kind: 'run', runId: 3, env: 'tcg' }, levels)]).toEqual([
      { env: 'z15', level: 'M2' },
      { env: null, level: 'M3' },
      { env: null, level: null },
      { env: 'tcg', level: '7.2' },
    ])
  })
  it('explains only failing sides, and scoped issues only where the side pins env and level', () => {
    const z15 = { env: 'z15', level: 'M2' }
    const anyRun = { env: null, level: null }
    expect(knownIssueFor([issue({ env: 'z15' })], row, 'b', z15)?.id).toBe(1)
    expect(knownIssueFor([issue({ env: 'z15' })], row, 'a', z15)).toBeNull()
    expect(knownIssueFor([issue({ env: 'z15' })], row, 'b', anyRun)).toBeNull()
    expect(knownIssueFor([issue({})], row, 'b', anyRun)?.id).toBe(1)
    expect(knownIssueFor([issue({ level: 'M1' })], row, 'b', z15)).toBeNull()
    expect(knownIssueFor([issue({ subtest: 'TPROT: *' })], { ...row, subtest: 'TPROT: store', b: 'FAIL' }, 'b', z15)?.id).toBe(1)
  })
})
