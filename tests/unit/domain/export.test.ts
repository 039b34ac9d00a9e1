import { describe, expect, it } from 'vitest'
import { toJUnit, toTap, type ExportResult } from '@core/domain/export'
import { parseXmlStrict, type XmlNode } from './xml-check'

const r = (over: Partial<ExportResult>): ExportResult => ({
  test: 't',
  env: 'tcg',
  level: '7.2.22',
  verdict: 'PASS',
  reason: null,
  durationMs: 1234,
  subtests: [],
  summary: null,
  ...over,
})

const RESULTS: ExportResult[] = [
  r({
    test: 'selftest',
    subtests: [
      { status: 'PASS', name: 'selftest: argc' },
      { status: 'INFO', name: 'selftest: 128 MiB' },
      { status: 'XFAIL', name: 'selftest: xf' },
      { status: 'KFAIL', name: 'selftest: kf' },
      { status: 'SKIP', name: 'selftest: sk' },
    ],
    summary: { tests: 4, unexpectedFailures: 0, knownFailures: 1, expectedFailures: 1, skipped: 1 },
  }),
  r({
    test: 'skey',
    env: 'lpar-a',
    level: 'D51',
    verdict: 'FAIL',
    reason: '3 unexpected failures (STATUS=3)',
    durationMs: 50,
    subtests: [
      { status: 'FAIL', name: 'skey: #1 \\ x' },
      { status: 'XPASS', name: 'skey: xp' },
      { status: 'ABORT', name: 'skey: boom' },
    ],
    summary: { tests: 3, unexpectedFailures: 2, knownFailures: 0, expectedFailures: 0, skipped: 0 },
    log: 'FAIL: skey: #1\nEXIT: STATUS=3\n',
  }),
  r({ test: 'sieve', verdict: 'TIMEOUT', reason: 'timeout after 90 s', durationMs: 90000 }),
  r({ test: 'sclp', verdict: 'INFRA', reason: 'ssh: connection reset', durationMs: 0 }),
  r({ test: 'vector', verdict: 'SKIP', reason: 'skipped: no vector facility', durationMs: 10 }),
  r({ test: 'gs', verdict: 'CANCELLED', reason: 'cancelled by user', durationMs: 5 }),
  r({ test: 'cmm', verdict: 'NOTRUN', reason: null, durationMs: 0 }),
  r({ test: 'diag', verdict: 'SIGNAL', reason: 'terminated on SIGSEGV', durationMs: 7 }),
  r({ test: 'noexit', verdict: 'FAIL', reason: 'guest stopped without an EXIT line', subtests: [{ status: 'PASS', name: 'a' }], durationMs: 8 }),
]

describe('toTap', () => {
  it('writes TAP 13 with indented subtests, directives for XFAIL/KFAIL/SKIP and YAML diagnostics', () => {
    expect(toTap(RESULTS)).toBe(
      [
        'TAP version 13',
        '1..9',
        '# Subtest: selftest [tcg]',
        '    1..4',
        '    ok 1 - selftest: argc',
        '    # INFO: selftest: 128 MiB',
        '    not ok 2 - selftest: xf # TODO XFAIL expected failure',
        '    not ok 3 - selftest: kf # TODO KFAIL known failure',
        '    ok 4 - selftest: sk # SKIP',
        'ok 1 - selftest [tcg]',
        '  ---',
        '  env: "tcg"',
        '  level: "7.2.22"',
        '  verdict: PASS',
        '  duration_ms: 1234',
        '  summary:',
        '    tests: 4',
        '    unexpected_failures: 0',
        '    known_failures: 1',
        '    expected_failures: 1',
        '    skipped: 1',
        '  ...',
        '# Subtest: skey [lpar-a]',
        '    1..3',
        '    not ok 1 - skey: \\#1 \\\\ x',
        '    not ok 2 - skey: xp # XPASS unexpectedly passed',
        '    not ok 3 - skey: boom # ABORT',
        'not ok 2 - skey [lpar-a]',
        '  ---',
        '  env: "lpar-a"',
        '  level: "D51"',
        '  verdict: FAIL',
        '  reason: "3 unexpected failures (STATUS=3)"',
        '  duration_ms: 50',
        '  summary:',
        '    tests: 3',
        '    unexpected_failures: 2',
        '    known_failures: 0',
        '    expected_failures: 0',
        '    skipped: 0',
        '  log: "FAIL: skey: #1\\nEXIT: STATUS=3\\n"',
        '  ...',
        '# Subtest: sieve [tcg]',
        '    1..0',
        'not ok 3 - sieve [tcg]',
        '  ---',
        '  env: "tcg"',
        '  level: "7.2.22"',
        '  verdict: TIMEOUT',
        '  reason: "timeout after 90 s"',
        '  duration_ms: 90000',
        '  ...',
        '# Subtest: sclp [tcg]',
        '    1..0',
        'not ok 4 - sclp [tcg] # INFRA ssh: connection reset',
        '  ---',
        '  env: "tcg"',
        '  level: "7.2.22"',
        '  verdict: INFRA',
        '  reason: "ssh: connection reset"',
        '  duration_ms: 0',
        '  ...',
        '# Subtest: vector [tcg]',
        '    1..0',
        'ok 5 - vector [tcg] # SKIP skipped: no vector facility',
        '  ---',
        '  env: "tcg"',
        '  level: "7.2.22"',
        '  verdict: SKIP',
        '  reason: "skipped: no vector facility"',
        '  duration_ms: 10',
        '  ...',
        '# Subtest: gs [tcg]',
        '    1..0',
        'ok 6 - gs [tcg] # SKIP cancelled',
        '  ---',
        '  env: "tcg"',
        '  level: "7.2.22"',
        '  verdict: CANCELLED',
        '  reason: "cancelled by user"',
        '  duration_ms: 5',
        '  ...',
        '# Subtest: cmm [tcg]',
        '    1..0',
        'ok 7 - cmm [tcg] # SKIP not run',
        '  ---',
        '  env: "tcg"',
        '  level: "7.2.22"',
        '  verdict: NOTRUN',
        '  duration_ms: 0',
        '  ...',
        '# Subtest: diag [tcg]',
        '    1..0',
        'not ok 8 - diag [tcg]',
        '  ---',
        '  env: "tcg"',
        '  level: "7.2.22"',
        '  verdict: SIGNAL',
        '  reason: "terminated on SIGSEGV"',
        '  duration_ms: 7',
        '  ...',
        '# Subtest: noexit [tcg]',
        '    1..1',
        '    ok 1 - a',
        'not ok 9 - noexit [tcg]',
        '  ---',
        '  env: "tcg"',
        '  level: "7.2.22"',
        '  verdict: FAIL',
        '  reason: "guest stopped without an EXIT line"',
        '  duration_ms: 8',
        '  ...',
        '',
      ].join('\n'),
    )
  })

  it('keeps every top-level point on one line whatever the names contain', () => {
    const tap = toTap([r({ test: 'a\nb#c', reason: 'x\r\ny', verdict: 'SKIP' })])
    expect(tap.split('\n').filter((l) => /^(not )?ok /.test(l))).toEqual(['ok 1 - a b\\#c [tcg] # SKIP x y'])
  })

  it('writes an empty plan for no results', () => {
    expect(toTap([])).toBe('TAP version 13\n1..0\n')
  })
})

/** Drops empty text and keeps name, attributes and children, for whole-value comparison. */
const shape = (n: XmlNode): unknown => {
  const out: Record<string, unknown> = { [n.name]: n.attrs }
  if (n.children.length) out['children'] = n.children.map(shape)
  if (n.text.trim() !== '') out['text'] = n.text
  return out
}

describe('toJUnit', () => {
  it('is well-formed and maps every status and verdict', () => {
    const xml = toJUnit(RESULTS)
    const tree = parseXmlStrict(xml)
    const p = (name: string, value: string): unknown => ({ property: { name, value } })
    const props = (...ps: unknown[]): unknown => ({ properties: {}, children: ps })
    const tc = (classname: string, name: string, ...children: unknown[]): unknown =>
      children.length ? { testcase: { classname, name }, children } : { testcase: { classname, name } }
    const harness = (classname: string, name: string, time: string, ...children: unknown[]): unknown =>
      children.length ? { testcase: { classname, name, time }, children } : { testcase: { classname, name, time } }
    const suite = (attrs: Record<string, string>, ...children: unknown[]): unknown => ({ testsuite: attrs, children })
    const base = (test: string, n: Record<string, string>): Record<string, string> => ({
      name: test,
      hostname: 'tcg',
      ...n,
    })
    expect(shape(tree)).toEqual({
      testsuites: { name: 'labcon', tests: '15', failures: '6', errors: '1', skipped: '4', time: '91.314' },
      children: [
        suite(
          base('selftest', { tests: '4', failures: '0', errors: '0', skipped: '1', time: '1.234' }),
          props(p('env', 'tcg'), p('level', '7.2.22'), p('verdict', 'PASS'), p('summary', '4 tests, 0 unexpected failures, 1 known failures, 1 expected failures, 1 skipped')),
          tc('tcg.selftest', 'selftest: argc'),
          tc('tcg.selftest', 'selftest: xf', props(p('status', 'XFAIL'))),
          tc('tcg.selftest', 'selftest: kf', props(p('status', 'KFAIL'))),
          tc('tcg.selftest', 'selftest: sk', { skipped: {} }),
          { 'system-out': {}, text: 'INFO: selftest: 128 MiB' },
        ),
        suite(
          { name: 'skey', hostname: 'lpar-a', tests: '3', failures: '3', errors: '0', skipped: '0', time: '0.050' },
          props(
            p('env', 'lpar-a'),
            p('level', 'D51'),
            p('verdict', 'FAIL'),
            p('reason', '3 unexpected failures (STATUS=3)'),
            p('summary', '3 tests, 2 unexpected failures, 0 known failures, 0 expected failures, 0 skipped'),
          ),
          tc('lpar-a.skey', 'skey: #1 \\ x', props(p('status', 'FAIL')), { failure: { type: 'FAIL', message: 'failed' } }),
          tc('lpar-a.skey', 'skey: xp', props(p('status', 'XPASS')), { failure: { type: 'XPASS', message: 'unexpectedly passed (XPASS)' } }),
          tc('lpar-a.skey', 'skey: boom', props(p('status', 'ABORT')), { failure: { type: 'ABORT', message: 'aborted' } }),
          { 'system-out': {}, text: 'FAIL: skey: #1\nEXIT: STATUS=3\n' },
        ),
        suite(
          base('sieve', { tests: '1', failures: '1', errors: '0', skipped: '0', time: '90.000' }),
          props(p('env', 'tcg'), p('level', '7.2.22'), p('verdict', 'TIMEOUT'), p('reason', 'timeout after 90 s')),
          harness('tcg.sieve', 'sieve', '90.000', { failure: { type: 'TIMEOUT', message: 'timeout after 90 s' } }),
        ),
        suite(
          base('sclp', { tests: '1', failures: '0', errors: '1', skipped: '0', time: '0.000' }),
          props(p('env', 'tcg'), p('level', '7.2.22'), p('verdict', 'INFRA'), p('reason', 'ssh: connection reset')),
          harness('tcg.sclp', 'sclp', '0.000', { error: { type: 'INFRA', message: 'ssh: connection reset' } }),
        ),
        suite(
          base('vector', { tests: '1', failures: '0', errors: '0', skipped: '1', time: '0.010' }),
          props(p('env', 'tcg'), p('level', '7.2.22'), p('verdict', 'SKIP'), p('reason', 'skipped: no vector facility')),
          harness('tcg.vector', 'vector', '0.010', { skipped: { message: 'skipped: no vector facility' } }),
        ),
        suite(
          base('gs', { tests: '1', failures: '0', errors: '0', skipped: '1', time: '0.005' }),
          props(p('env', 'tcg'), p('level', '7.2.22'), p('verdict', 'CANCELLED'), p('reason', 'cancelled by user')),
          harness('tcg.gs', 'gs', '0.005', { skipped: { message: 'cancelled' } }),
        ),
        suite(
          base('cmm', { tests: '1', failures: '0', errors: '0', skipped: '1', time: '0.000' }),
          props(p('env', 'tcg'), p('level', '7.2.22'), p('verdict', 'NOTRUN')),
          harness('tcg.cmm', 'cmm', '0.000', { skipped: { message: 'not run' } }),
        ),
        suite(
          base('diag', { tests: '1', failures: '1', errors: '0', skipped: '0', time: '0.007' }),
          props(p('env', 'tcg'), p('level', '7.2.22'), p('verdict', 'SIGNAL'), p('reason', 'terminated on SIGSEGV')),
          harness('tcg.diag', 'diag', '0.007', { failure: { type: 'SIGNAL', message: 'terminated on SIGSEGV' } }),
        ),
        suite(
          base('noexit', { tests: '2', failures: '1', errors: '0', skipped: '0', time: '0.008' }),
          props(p('env', 'tcg'), p('level', '7.2.22'), p('verdict', 'FAIL'), p('reason', 'guest stopped without an EXIT line')),
          tc('tcg.noexit', 'a'),
          harness('tcg.noexit', 'noexit', '0.008', { failure: { type: 'FAIL', message: 'guest stopped without an EXIT line' } }),
        ),
      ],
    })
  })

  it('escapes markup, quotes, line breaks and characters XML forbids', () => {
    const nasty = `<a href="x">&'amp'</a>\ttab\nline\u0001\u001b]]>`
    const xml = toJUnit([
      r({ test: nasty, env: nasty, level: nasty, verdict: 'INFRA', reason: nasty, subtests: [{ status: 'FAIL', name: nasty }], log: `log ${nasty} \ud800 end` }),
    ])
    const tree = parseXmlStrict(xml)
    const suite = tree.children[0] as XmlNode
    const replaced = `<a href="x">&'amp'</a>\ttab\nline\ufffd\ufffd]]>`
    expect({
      name: suite.attrs['name'],
      hostname: suite.attrs['hostname'],
      props: (suite.children[0] as XmlNode).children.map((c) => c.attrs['value']),
      subtest: (suite.children[1] as XmlNode).attrs['name'],
      error: ((suite.children[2] as XmlNode).children[0] as XmlNode).attrs,
      out: (suite.children[3] as XmlNode).text,
    }).toEqual({
      name: replaced,
      hostname: replaced,
      props: [replaced, replaced, 'INFRA', replaced],
      subtest: replaced,
      error: { type: 'INFRA', message: replaced },
      out: `log ${replaced} \ufffd end`,
    })
  })

  it('writes an empty, well-formed document for no results', () => {
    const xml = toJUnit([])
    expect(xml).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="labcon" tests="0" failures="0" errors="0" skipped="0" time="0.000">\n</testsuites>\n')
    expect(parseXmlStrict(xml).name).toBe('testsuites')
  })
})

describe('xml-check itself', () => {
  it.each([
    ['<a><b></a>', 'close tag </a> does not match <b>'],
    ['<a>&</a>', 'unterminated entity in text'],
    ['<a x="<"/>', "'<' in attribute x"],
    ['<a>\u0001</a>', 'forbidden character in text'],
    ['<a/><b/>', 'second root element'],
    ['<a x="1" x="2"/>', 'duplicate attribute x in <a>'],
    ['<a>&nbsp;</a>', 'unknown entity &nbsp; in text'],
    ['<a>', 'unclosed <a>'],
  ])('rejects %j', (xml, message) => expect(() => parseXmlStrict(xml)).toThrow(message))
})
