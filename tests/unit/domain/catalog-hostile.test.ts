// Issue 9 item 7: a hostile unittests.cfg costs bounded work, and what errors quote from it cannot drive a terminal.
import { describe, expect, it } from 'vitest'
import { CATALOG_LIMITS, parseQemuParams, parseUnittestsCfg, printable } from '@core/domain/catalog'

const parse = (text: string): string => {
  try {
    parseUnittestsCfg(text, 'u.cfg')
    return 'parsed'
  } catch (e) {
    return (e as Error).message
  }
}

describe('hostile catalogs', () => {
  it('quotes control characters and cuts long lines in errors', () => {
    const msg = parse(`[t]\nfile = t.elf\n\x1b]0;pwned\x07\x1b[2J${'A'.repeat(200)}\n`)
    expect(msg).toBe(`u.cfg:3: expected '[name]', 'key = value' or a '#' comment, got '\\x1b]0;pwned\\x07\\x1b[2J${'A'.repeat(66)}… (214 characters)'`)
  })

  it('refuses test names with control or bidi characters', () => {
    expect([parse('[a\x1b[31mb]\nfile = x.elf\n'), parse('[a\u202eb]\nfile = x.elf\n')]).toEqual([
      "u.cfg:1: test name 'a\\x1b[31mb' contains control characters",
      "u.cfg:1: test name 'a\\u202eb' contains control characters",
    ])
  })

  it('refuses a line, a """ value, a catalog and a test count over the limits', () => {
    expect(parse(`[t]\nfile = t.elf\ntest_args = ${'x'.repeat(CATALOG_LIMITS.lineChars)}\n`)).toBe(`u.cfg:3: line of ${CATALOG_LIMITS.lineChars + 12} characters (at most ${CATALOG_LIMITS.lineChars})`)
    const block = `[t]\nfile = t.elf\ntest_args = """\n${`${'y'.repeat(1000)}\n`.repeat(70)}"""\n`
    expect(parse(block)).toBe(`u.cfg:3: value of 'test_args' longer than ${CATALOG_LIMITS.valueChars} characters`)
    expect(parse(`#${'z'.repeat(1022)}\n`.repeat((CATALOG_LIMITS.chars >> 10) + 1))).toMatch(/^u\.cfg:0: \d+ characters is more than a catalog may have \(4194304\)$/)
    const many = Array.from({ length: CATALOG_LIMITS.tests + 1 }, (_, i) => `[t${i}]\nfile = t.elf\n`).join('')
    expect(parse(many)).toBe(`u.cfg:${2 * CATALOG_LIMITS.tests + 1}: more than ${CATALOG_LIMITS.tests} tests`)
  })

  it('escapes control characters in -m/-smp errors too (found by fuzzing)', () => {
    const t = parseUnittestsCfg('[t]\nfile=s\nqemu_params=-m \x1c\n', 'u.cfg').tests[0] as Parameters<typeof parseQemuParams>[0]
    expect(() => parseQemuParams(t)).toThrow("test 't': qemu_params: bad -m '\\x1c' (expected a size such as 1024, 1024M or 3G)")
  })

  it('printable leaves ordinary text alone', () => {
    expect(printable('selftest: fähig — ok')).toBe('selftest: fähig — ok')
  })
})
