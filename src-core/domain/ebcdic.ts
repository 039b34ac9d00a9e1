// EBCDIC code page 037 (US/Canada), the character set of the s390x line-mode (SCLP message) console that
// Hercules, the HMC "Operating System Messages" and z/VM spool files show.
import { LabError } from './errors'

/**
 * CP037 byte → Unicode code point (IBM CDRA / Unicode consortium mapping, the one glibc and Python ship).
 * Legend: row = high nibble, column = low nibble. 0x15 is NL (U+0085), 0x25 is LF (U+000A), 0x0D is CR.
 * The mapping is a bijection onto U+0000..U+00FF (Latin-1).
 */
export const CP037_TO_UNICODE: readonly number[] = [
  0x0000, 0x0001, 0x0002, 0x0003, 0x009c, 0x0009, 0x0086, 0x007f, 0x0097, 0x008d, 0x008e, 0x000b, 0x000c, 0x000d, 0x000e, 0x000f, // 0x00
  0x0010, 0x0011, 0x0012, 0x0013, 0x009d, 0x0085, 0x0008, 0x0087, 0x0018, 0x0019, 0x0092, 0x008f, 0x001c, 0x001d, 0x001e, 0x001f, // 0x10
  0x0080, 0x0081, 0x0082, 0x0083, 0x0084, 0x000a, 0x0017, 0x001b, 0x0088, 0x0089, 0x008a, 0x008b, 0x008c, 0x0005, 0x0006, 0x0007, // 0x20
  0x0090, 0x0091, 0x0016, 0x0093, 0x0094, 0x0095, 0x0096, 0x0004, 0x0098, 0x0099, 0x009a, 0x009b, 0x0014, 0x0015, 0x009e, 0x001a, // 0x30
  0x0020, 0x00a0, 0x00e2, 0x00e4, 0x00e0, 0x00e1, 0x00e3, 0x00e5, 0x00e7, 0x00f1, 0x00a2, 0x002e, 0x003c, 0x0028, 0x002b, 0x007c, // 0x40
  0x0026, 0x00e9, 0x00ea, 0x00eb, 0x00e8, 0x00ed, 0x00ee, 0x00ef, 0x00ec, 0x00df, 0x0021, 0x0024, 0x002a, 0x0029, 0x003b, 0x00ac, // 0x50
  0x002d, 0x002f, 0x00c2, 0x00c4, 0x00c0, 0x00c1, 0x00c3, 0x00c5, 0x00c7, 0x00d1, 0x00a6, 0x002c, 0x0025, 0x005f, 0x003e, 0x003f, // 0x60
  0x00f8, 0x00c9, 0x00ca, 0x00cb, 0x00c8, 0x00cd, 0x00ce, 0x00cf, 0x00cc, 0x0060, 0x003a, 0x0023, 0x0040, 0x0027, 0x003d, 0x0022, // 0x70
  0x00d8, 0x0061, 0x0062, 0x0063, 0x0064, 0x0065, 0x0066, 0x0067, 0x0068, 0x0069, 0x00ab, 0x00bb, 0x00f0, 0x00fd, 0x00fe, 0x00b1, // 0x80
  0x00b0, 0x006a, 0x006b, 0x006c, 0x006d, 0x006e, 0x006f, 0x0070, 0x0071, 0x0072, 0x00aa, 0x00ba, 0x00e6, 0x00b8, 0x00c6, 0x00a4, // 0x90
  0x00b5, 0x007e, 0x0073, 0x0074, 0x0075, 0x0076, 0x0077, 0x0078, 0x0079, 0x007a, 0x00a1, 0x00bf, 0x00d0, 0x00dd, 0x00de, 0x00ae, // 0xA0
  0x005e, 0x00a3, 0x00a5, 0x00b7, 0x00a9, 0x00a7, 0x00b6, 0x00bc, 0x00bd, 0x00be, 0x005b, 0x005d, 0x00af, 0x00a8, 0x00b4, 0x00d7, // 0xB0
  0x007b, 0x0041, 0x0042, 0x0043, 0x0044, 0x0045, 0x0046, 0x0047, 0x0048, 0x0049, 0x00ad, 0x00f4, 0x00f6, 0x00f2, 0x00f3, 0x00f5, // 0xC0
  0x007d, 0x004a, 0x004b, 0x004c, 0x004d, 0x004e, 0x004f, 0x0050, 0x0051, 0x0052, 0x00b9, 0x00fb, 0x00fc, 0x00f9, 0x00fa, 0x00ff, // 0xD0
  0x005c, 0x00f7, 0x0053, 0x0054, 0x0055, 0x0056, 0x0057, 0x0058, 0x0059, 0x005a, 0x00b2, 0x00d4, 0x00d6, 0x00d2, 0x00d3, 0x00d5, // 0xE0
  0x0030, 0x0031, 0x0032, 0x0033, 0x0034, 0x0035, 0x0036, 0x0037, 0x0038, 0x0039, 0x00b3, 0x00db, 0x00dc, 0x00d9, 0x00da, 0x009f, // 0xF0
]

/** EBCDIC control bytes that end a line on a line-mode console. */
export const EBCDIC_NL = 0x15
export const EBCDIC_LF = 0x25
export const EBCDIC_CR = 0x0d

const UNICODE_TO_CP037: Uint8Array = (() => {
  const inv = new Uint8Array(256)
  CP037_TO_UNICODE.forEach((cp, byte) => (inv[cp] = byte))
  return inv
})()

const DECODE_CHARS: readonly string[] = CP037_TO_UNICODE.map((cp) => String.fromCharCode(cp))

/** Decodes CP037 bytes one to one (0x15 becomes U+0085 NEL); use EbcdicLineDecoder for console streams. */
export function decodeEbcdic(bytes: Uint8Array): string {
  let out = ''
  for (const b of bytes) out += DECODE_CHARS[b] as string
  return out
}

/**
 * Decodes console bytes to text for ConsoleParser: as decodeEbcdic, but NL (0x15) becomes '\n' and NUL padding is
 * dropped. Byte by byte, so chunks may be split anywhere (CR/LF pairs are left to the text parser).
 */
export function decodeEbcdicText(bytes: Uint8Array): string {
  let out = ''
  for (const b of bytes) {
    if (b === EBCDIC_NL) out += '\n'
    else if (b !== 0x00) out += DECODE_CHARS[b] as string
  }
  return out
}

/** A character outside Latin-1, which CP037 cannot represent. */
export class EbcdicEncodeError extends LabError {
  override readonly name = 'EbcdicEncodeError'
  readonly kind = 'config'
}

/**
 * Encodes Latin-1 text as CP037 (exact inverse of decodeEbcdic). With `lineEnd: 'nl'` each '\n' becomes NL (0x15),
 * as line-mode consoles write it. Throws EbcdicEncodeError naming the first character CP037 lacks.
 */
export function encodeEbcdic(text: string, opts: { lineEnd?: 'lf' | 'nl' } = {}): Uint8Array {
  const out = new Uint8Array(text.length)
  for (let i = 0; i < text.length; i++) {
    const cp = text.charCodeAt(i)
    if (cp > 0xff) {
      const ch = String.fromCodePoint(text.codePointAt(i) as number)
      throw new EbcdicEncodeError(`cannot encode '${ch}' (U+${cp.toString(16).toUpperCase().padStart(4, '0')}) at offset ${i} in EBCDIC code page 037`)
    }
    out[i] = cp === 0x0a && opts.lineEnd === 'nl' ? EBCDIC_NL : (UNICODE_TO_CP037[cp] as number)
  }
  return out
}

/**
 * Streaming decoder for a line-mode EBCDIC console: push byte chunks split anywhere, get completed lines (without
 * terminator). NL (0x15), LF (0x25) and CR (0x0D) each end a line; CR directly followed by NL or LF is one line end.
 * NUL (0x00) padding bytes are dropped.
 */
export class EbcdicLineDecoder {
  private partial = ''
  private afterCr = false

  /** Decodes one chunk; returns the lines it completed. */
  push(bytes: Uint8Array): string[] {
    const lines: string[] = []
    for (const b of bytes) {
      const crPair = this.afterCr
      this.afterCr = false
      if (b === EBCDIC_NL || b === EBCDIC_LF) {
        if (crPair) continue
        lines.push(this.partial)
        this.partial = ''
      } else if (b === EBCDIC_CR) {
        lines.push(this.partial)
        this.partial = ''
        this.afterCr = true
      } else if (b !== 0x00) {
        this.partial += DECODE_CHARS[b] as string
      }
    }
    return lines
  }

  /** Ends the stream; returns the unterminated last line, if any. */
  end(): string[] {
    const rest = this.partial
    this.partial = ''
    this.afterCr = false
    return rest === '' ? [] : [rest]
  }
}
