import { describe, expect, it } from 'vitest'
import { parseConsoleOutput } from '@core/domain/console'
import { CP037_TO_UNICODE, decodeEbcdic, decodeEbcdicText, EbcdicEncodeError, EbcdicLineDecoder, encodeEbcdic } from '@core/domain/ebcdic'

const bytes = (...b: number[]): Uint8Array => Uint8Array.from(b)

describe('CP037', () => {
  it('maps known code points (letters, digits, punctuation, controls)', () => {
    expect(decodeEbcdic(bytes(0xc1, 0xc9, 0xd1, 0xd9, 0xe2, 0xe9, 0x81, 0x89, 0x91, 0x99, 0xa2, 0xa9, 0xf0, 0xf9))).toBe('AIJRSZaijrsz09')
    expect(decodeEbcdic(bytes(0x40, 0x4b, 0x7a, 0x7e, 0x4d, 0x5d, 0xba, 0xbb, 0x5f, 0xb0, 0x4f, 0x5a, 0x7f, 0x7d, 0x6b, 0x60, 0x61, 0xe0))).toBe(
      ' .:=()[]¬^|!"\',-/\\',
    )
    expect([...decodeEbcdic(bytes(0x15, 0x25, 0x0d, 0x05, 0x00))].map((c) => c.charCodeAt(0))).toEqual([0x85, 0x0a, 0x0d, 0x09, 0x00])
  })

  it('is a bijection onto Latin-1', () => {
    expect(new Set(CP037_TO_UNICODE).size).toBe(256)
    expect(Math.max(...CP037_TO_UNICODE)).toBe(0xff)
  })

  it('round-trips every byte and every Latin-1 character', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i)
    expect(encodeEbcdic(decodeEbcdic(all))).toEqual(all)
    const latin1 = String.fromCharCode(...Array.from({ length: 256 }, (_, i) => i))
    expect(decodeEbcdic(encodeEbcdic(latin1))).toBe(latin1)
  })

  it('encodes newlines as NL for line-mode fakes', () => {
    expect(encodeEbcdic('A\nB', { lineEnd: 'nl' })).toEqual(bytes(0xc1, 0x15, 0xc2))
    expect(encodeEbcdic('A\nB')).toEqual(bytes(0xc1, 0x25, 0xc2))
  })

  it('refuses characters outside Latin-1, naming them', () => {
    expect(() => encodeEbcdic('ok €')).toThrow(EbcdicEncodeError)
    expect(() => encodeEbcdic('ok €')).toThrow("cannot encode '€' (U+20AC) at offset 3 in EBCDIC code page 037")
  })
})

describe('EbcdicLineDecoder', () => {
  const decodeAll = (chunks: Uint8Array[]): string[] => {
    const d = new EbcdicLineDecoder()
    return [...chunks.flatMap((c) => d.push(c)), ...d.end()]
  }

  it('splits on NL, LF and CR, with CR+NL and CR+LF as one line end, and drops NUL padding', () => {
    const stream = bytes(
      ...encodeEbcdic('PASS: a'), 0x15,
      ...encodeEbcdic('FAIL: b'), 0x25,
      ...encodeEbcdic('SKIP: c'), 0x0d, 0x15,
      ...encodeEbcdic('INFO: d'), 0x0d, 0x25,
      0x15,
      ...encodeEbcdic('EX'), 0x00, 0x00, ...encodeEbcdic('IT: STATUS=1'), 0x0d,
      ...encodeEbcdic('tail'),
    )
    const want = ['PASS: a', 'FAIL: b', 'SKIP: c', 'INFO: d', '', 'EXIT: STATUS=1', 'tail']
    expect(decodeAll([stream])).toEqual(want)
    for (let i = 0; i <= stream.length; i++) {
      expect(decodeAll([stream.subarray(0, i), stream.subarray(i)]), `split at ${i}`).toEqual(want)
    }
    expect(decodeAll([...stream].map((b) => bytes(b)))).toEqual(want)
  })

  it('round-trips text written with NL line ends', () => {
    const text = 'SUMMARY: 3 tests, 1 skipped\nEXIT: STATUS=1\n'
    expect(decodeAll([encodeEbcdic(text, { lineEnd: 'nl' })])).toEqual(['SUMMARY: 3 tests, 1 skipped', 'EXIT: STATUS=1'])
  })
})

describe('decodeEbcdicText', () => {
  it('turns NL into a newline, drops NUL and feeds the console parser chunk by chunk', () => {
    const stream = bytes(...encodeEbcdic('PASS: a: b\nSKIP: c', { lineEnd: 'nl' }), 0x00, 0x0d, 0x25, ...encodeEbcdic('EXIT: STATUS=1'), 0x15)
    expect(decodeEbcdicText(stream)).toBe('PASS: a: b\nSKIP: c\r\nEXIT: STATUS=1\n')
    const want = parseConsoleOutput(decodeEbcdicText(stream))
    expect(want).toEqual({
      subtests: [
        { status: 'PASS', name: 'a: b' },
        { status: 'SKIP', name: 'c' },
      ],
      summary: null,
      exitStatus: 1,
      lines: ['PASS: a: b', 'SKIP: c', 'EXIT: STATUS=1'],
    })
    for (let i = 0; i <= stream.length; i++) {
      expect(parseConsoleOutput(decodeEbcdicText(stream.subarray(0, i)) + decodeEbcdicText(stream.subarray(i)))).toEqual(want)
    }
  })
})
