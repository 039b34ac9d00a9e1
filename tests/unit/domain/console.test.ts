import { describe, expect, it } from 'vitest'
import { ConsoleParser, parseConsoleOutput, parseSummaryLine, type ConsoleEvent } from '@core/domain/console'

const LOG = [
  'LPAR or KVM guest booting',
  'PASS: selftest: setup: argc',
  'PASS: selftest: setup: argv[0]',
  'FAIL: selftest: setup: argv[1]',
  'XPASS: skey: TPROT: mismatching key',
  'XFAIL: emulator: EXECUTE: STCK',
  'KFAIL: cpumodel: known bug',
  'SKIP: vector: not available',
  'INFO: selftest: memory: 128 MiB',
  'ABORT: sclp: unexpected program interrupt',
  'PASS: ',
  'SUMMARY: 9 tests, 1 unexpected failures, 1 known failures, 1 expected failures, 1 skipped',
  '',
  'EXIT: STATUS=3',
  'EXIT: STATUS=1',
].join('\r\n')

const WANT = {
  subtests: [
    { status: 'PASS', name: 'selftest: setup: argc' },
    { status: 'PASS', name: 'selftest: setup: argv[0]' },
    { status: 'FAIL', name: 'selftest: setup: argv[1]' },
    { status: 'XPASS', name: 'skey: TPROT: mismatching key' },
    { status: 'XFAIL', name: 'emulator: EXECUTE: STCK' },
    { status: 'KFAIL', name: 'cpumodel: known bug' },
    { status: 'SKIP', name: 'vector: not available' },
    { status: 'INFO', name: 'selftest: memory: 128 MiB' },
    { status: 'ABORT', name: 'sclp: unexpected program interrupt' },
    { status: 'PASS', name: '' },
  ],
  summary: { tests: 9, unexpectedFailures: 1, knownFailures: 1, expectedFailures: 1, skipped: 1 },
  exitStatus: 3,
  lines: LOG.split('\r\n'),
}

const feed = (chunks: string[]): { events: ConsoleEvent[]; result: unknown } => {
  const p = new ConsoleParser()
  const events = chunks.flatMap((c) => p.push(c))
  events.push(...p.end())
  return { events, result: structuredClone(p.result) }
}

describe('ConsoleParser', () => {
  it('parses every result word with its prefix path, SUMMARY and the first EXIT', () => {
    expect(parseConsoleOutput(LOG)).toEqual(WANT)
  })

  it('emits line, subtest, summary and exit events in order', () => {
    const p = new ConsoleParser()
    expect(p.push('PASS: a: b\nSUMMARY: 1 tests\nEXIT: STATUS=1\nhello')).toEqual([
      { type: 'line', lineNo: 1, text: 'PASS: a: b' },
      { type: 'subtest', lineNo: 1, status: 'PASS', name: 'a: b' },
      { type: 'line', lineNo: 2, text: 'SUMMARY: 1 tests' },
      { type: 'summary', lineNo: 2, summary: { tests: 1, unexpectedFailures: 0, knownFailures: 0, expectedFailures: 0, skipped: 0 } },
      { type: 'line', lineNo: 3, text: 'EXIT: STATUS=1' },
      { type: 'exit', lineNo: 3, status: 1 },
    ])
    expect(p.end()).toEqual([{ type: 'line', lineNo: 4, text: 'hello' }])
    expect(p.end()).toEqual([])
  })

  it('gives identical events and results for every single split position', () => {
    const whole = feed([LOG])
    expect(whole.result).toEqual(WANT)
    for (let i = 0; i <= LOG.length; i++) {
      expect(feed([LOG.slice(0, i), LOG.slice(i)]), `split at ${i}`).toEqual(whole)
    }
  })

  it('gives identical results for every pair of split positions and for one character at a time', () => {
    const text = 'PASS: a: b\r\nFAIL: c\rSKIP: d\n\r\nSUMMARY: 3 tests, 1 unexpected failures, 1 skipped\r\nEXIT: STATUS=3\r'
    const whole = feed([text])
    for (let i = 0; i <= text.length; i++) {
      for (let j = i; j <= text.length; j++) {
        expect(feed([text.slice(0, i), text.slice(i, j), text.slice(j)]), `split at ${i},${j}`).toEqual(whole)
      }
    }
    expect(feed([...text])).toEqual(whole)
    expect(whole.result).toEqual({
      subtests: [
        { status: 'PASS', name: 'a: b' },
        { status: 'FAIL', name: 'c' },
        { status: 'SKIP', name: 'd' },
      ],
      summary: { tests: 3, unexpectedFailures: 1, knownFailures: 0, expectedFailures: 0, skipped: 1 },
      exitStatus: 3,
      lines: ['PASS: a: b', 'FAIL: c', 'SKIP: d', '', 'SUMMARY: 3 tests, 1 unexpected failures, 1 skipped', 'EXIT: STATUS=3'],
    })
  })

  it('treats LF, CRLF and lone CR alike and keeps empty lines', () => {
    const lines = ['PASS: x', '', 'FAIL: y']
    for (const nl of ['\n', '\r\n', '\r']) expect(parseConsoleOutput(lines.join(nl) + nl).lines).toEqual(lines)
    expect(parseConsoleOutput('a\n\rb').lines).toEqual(['a', '', 'b'])
  })

  it('ignores words that are not at line start or not result words', () => {
    expect(parseConsoleOutput('  PASS: indented\nPASSED: x\nxFAIL: y\nINFO:z\nWARN: w\nSUMMARY: lots of tests\n').subtests).toEqual([
      { status: 'INFO', name: 'z' },
    ])
  })

  it('takes the last SUMMARY and strips NUL padding and trailing blanks', () => {
    const r = parseConsoleOutput('SUMMARY: 1 tests\nPA\0SS: pad  \nSUMMARY: 2 tests, 2 skipped\n')
    expect([r.summary, r.subtests]).toEqual([
      { tests: 2, unexpectedFailures: 0, knownFailures: 0, expectedFailures: 0, skipped: 2 },
      [{ status: 'PASS', name: 'pad' }],
    ])
  })

  it('leaves exitStatus null without an EXIT line', () => {
    expect(parseConsoleOutput('PASS: a\n').exitStatus).toBeNull()
  })
})

describe('parseSummaryLine', () => {
  const cases: [string, ReturnType<typeof parseSummaryLine>][] = [
    ['SUMMARY: 0 tests', { tests: 0, unexpectedFailures: 0, knownFailures: 0, expectedFailures: 0, skipped: 0 }],
    ['SUMMARY: 5 tests, 2 skipped', { tests: 5, unexpectedFailures: 0, knownFailures: 0, expectedFailures: 0, skipped: 2 }],
    ['SUMMARY: 5 tests, 3 known failures', { tests: 5, unexpectedFailures: 0, knownFailures: 3, expectedFailures: 0, skipped: 0 }],
    ['SUMMARY: 5 tests, 4 expected failures', { tests: 5, unexpectedFailures: 0, knownFailures: 0, expectedFailures: 4, skipped: 0 }],
    ['SUMMARY: 1 test, 1 unexpected failure ', { tests: 1, unexpectedFailures: 1, knownFailures: 0, expectedFailures: 0, skipped: 0 }],
    ['SUMMARY: 5 tests, 2 bananas', null],
    ['SUMMARY: five tests', null],
    ['PASS: SUMMARY', null],
  ]
  it.each(cases)('%j', (line, want) => expect(parseSummaryLine(line)).toEqual(want))
})
