// Instruction formats (POP ch. 5 "Instruction Formats") as declarative data: the length and, per operand field, its
// bit position (0 = leftmost bit of the instruction), width and kind. The decoders that fill a CPU's operand fields
// are generated from these rows once at load; the JIT's block decoder and the disassembler read the same rows.

/** Names of the operand fields an instruction can have. */
export type Field = 'r1' | 'r2' | 'r3' | 'x2' | 'b1' | 'd1' | 'b2' | 'd2' | 'i2' | 'i3' | 'i4' | 'i5' | 'm3' | 'm4' | 'm5' | 'l1' | 'l2'

/** Decoded operand fields (the Cpu carries the same fields for the instruction it executes). */
export type Fields = Record<Field, number>

/**
 * How a field is extracted. u: unsigned; s: signed (two's complement of its width); d20: the 20-bit signed long
 * displacement DL(20-31) + DH(32-39); zero: always 0 (the format has no such field but handlers read it, e.g. x2 of
 * RS); v0/v1/v2/v3: a vector register number whose bit 4 is RXB bit 0/1/2/3 (instruction bits 36-39).
 */
export type Kind = 'u' | 's' | 'd20' | 'zero' | 'v0' | 'v1' | 'v2' | 'v3'

/** One operand field: name, first bit, width in bits, kind (default u). */
export type FieldSpec = readonly [Field, number, number, Kind?]

/** One instruction format: length in bytes and its fields. */
export interface FormatSpec {
  readonly len: 2 | 4 | 6
  readonly fields: readonly FieldSpec[]
}

/** Fills the operand fields of `c` from the instruction halfwords. */
export type Decoder = (c: Fields, h0: number, h1: number, h2: number) => void

// Legend: [field, first bit, width, kind]. Base and displacement pairs are spelled out for every format.
const BD1 = [['b1', 16, 4], ['d1', 20, 12]] as const
const BD2 = [['b2', 16, 4], ['d2', 20, 12]] as const
const BD2_6 = [['b2', 32, 4], ['d2', 36, 12]] as const
const BD2_20 = [['b2', 16, 4], ['d2', 20, 20, 'd20']] as const
/** RRF: bits 16-19 are R3 (a, b) or M3 (c, e), bits 20-23 are M4 (a, b, d, e). */
const RRF_R12 = [['r1', 24, 4], ['r2', 28, 4]] as const

/** Every format the table uses. */
export const FORMATS = {
  E: { len: 2, fields: [] },
  I: { len: 2, fields: [['i2', 8, 8]] },
  RR: { len: 2, fields: [['r1', 8, 4], ['r2', 12, 4]] },
  RI: { len: 4, fields: [['r1', 8, 4], ['i2', 16, 16, 's']] },
  RX: { len: 4, fields: [['r1', 8, 4], ['x2', 12, 4], ...BD2] },
  RS_a: { len: 4, fields: [['r1', 8, 4], ['r3', 12, 4], ['x2', 0, 0, 'zero'], ...BD2] },
  RS_b: { len: 4, fields: [['r1', 8, 4], ['m3', 12, 4], ['x2', 0, 0, 'zero'], ...BD2] },
  RSI: { len: 4, fields: [['r1', 8, 4], ['r3', 12, 4], ['i2', 16, 16, 's']] },
  SI: { len: 4, fields: [['i2', 8, 8], ...BD1] },
  S: { len: 4, fields: [['x2', 0, 0, 'zero'], ...BD2] },
  RRE: { len: 4, fields: [['r1', 24, 4], ['r2', 28, 4]] },
  RRD: { len: 4, fields: [['r1', 16, 4], ['r3', 24, 4], ['r2', 28, 4]] },
  RRF_a: { len: 4, fields: [['r3', 16, 4], ['m4', 20, 4], ...RRF_R12] },
  RRF_b: { len: 4, fields: [['r3', 16, 4], ['m4', 20, 4], ...RRF_R12] },
  RRF_c: { len: 4, fields: [['m3', 16, 4], ...RRF_R12] },
  RRF_d: { len: 4, fields: [['m4', 20, 4], ...RRF_R12] },
  RRF_e: { len: 4, fields: [['m3', 16, 4], ['m4', 20, 4], ...RRF_R12] },
  RIL: { len: 6, fields: [['r1', 8, 4], ['i2', 16, 32, 's']] },
  SS_a: { len: 6, fields: [['l1', 8, 8], ...BD1, ...BD2_6] },
  SS_b: { len: 6, fields: [['l1', 8, 4], ['l2', 12, 4], ...BD1, ...BD2_6] },
  SS_c: { len: 6, fields: [['l1', 8, 4], ['i3', 12, 4], ...BD1, ...BD2_6] },
  SS_d: { len: 6, fields: [['r1', 8, 4], ['r3', 12, 4], ...BD1, ...BD2_6] },
  SSE: { len: 6, fields: [...BD1, ...BD2_6] },
  SSF: { len: 6, fields: [['r3', 8, 4], ...BD1, ...BD2_6] },
  SIL: { len: 6, fields: [...BD1, ['i2', 32, 16, 's']] },
  RXE: { len: 6, fields: [['r1', 8, 4], ['x2', 12, 4], ...BD2, ['m3', 32, 4]] },
  RXF: { len: 6, fields: [['r3', 8, 4], ['x2', 12, 4], ...BD2, ['r1', 32, 4]] },
  RXY: { len: 6, fields: [['r1', 8, 4], ['x2', 12, 4], ...BD2_20] },
  RSY_a: { len: 6, fields: [['r1', 8, 4], ['r3', 12, 4], ['x2', 0, 0, 'zero'], ...BD2_20] },
  RSY_b: { len: 6, fields: [['r1', 8, 4], ['m3', 12, 4], ['x2', 0, 0, 'zero'], ...BD2_20] },
  RSL_a: { len: 6, fields: [['l1', 8, 4], ...BD1] },
  SIY: { len: 6, fields: [['i2', 8, 8], ['b1', 16, 4], ['d1', 20, 20, 'd20']] },
  RIE_a: { len: 6, fields: [['r1', 8, 4], ['i2', 16, 16, 's'], ['m3', 32, 4]] },
  RIE_b: { len: 6, fields: [['r1', 8, 4], ['r2', 12, 4], ['i4', 16, 16, 's'], ['m3', 32, 4]] },
  RIE_c: { len: 6, fields: [['r1', 8, 4], ['m3', 12, 4], ['i4', 16, 16, 's'], ['i2', 32, 8]] },
  RIE_d: { len: 6, fields: [['r1', 8, 4], ['r3', 12, 4], ['i2', 16, 16, 's']] },
  RIE_f: { len: 6, fields: [['r1', 8, 4], ['r2', 12, 4], ['i3', 16, 8], ['i4', 24, 8], ['i5', 32, 8]] },
  RIE_g: { len: 6, fields: [['r1', 8, 4], ['m3', 12, 4], ['i2', 16, 16, 's']] },
  RRS: { len: 6, fields: [['r1', 8, 4], ['r2', 12, 4], ['x2', 0, 0, 'zero'], ...BD2, ['m3', 32, 4]] },
  RIS: { len: 6, fields: [['r1', 8, 4], ['m3', 12, 4], ['x2', 0, 0, 'zero'], ...BD2, ['i2', 32, 8, 's']] },
  VRX: { len: 6, fields: [['r1', 8, 4, 'v0'], ['x2', 12, 4], ...BD2, ['m3', 32, 4]] },
  VRS_a: { len: 6, fields: [['r1', 8, 4, 'v0'], ['r3', 12, 4, 'v1'], ['x2', 0, 0, 'zero'], ...BD2, ['m4', 32, 4]] },
  VRS_b: { len: 6, fields: [['r1', 8, 4, 'v0'], ['r3', 12, 4], ['x2', 0, 0, 'zero'], ...BD2, ['m4', 32, 4]] },
  VRS_c: { len: 6, fields: [['r1', 8, 4], ['r3', 12, 4, 'v1'], ['x2', 0, 0, 'zero'], ...BD2, ['m4', 32, 4]] },
  VRI_a: { len: 6, fields: [['r1', 8, 4, 'v0'], ['i2', 16, 16], ['m3', 32, 4]] },
  // Vector formats (POP ch. 5): V4 is held in the i4 field and M6 in the i5 field (the Cpu has no r4/m6).
  VRR_a: { len: 6, fields: [['r1', 8, 4, 'v0'], ['r2', 12, 4, 'v1'], ['m5', 24, 4], ['m4', 28, 4], ['m3', 32, 4]] },
  VRR_b: { len: 6, fields: [['r1', 8, 4, 'v0'], ['r2', 12, 4, 'v1'], ['r3', 16, 4, 'v2'], ['m5', 24, 4], ['m4', 32, 4]] },
  VRR_c: { len: 6, fields: [['r1', 8, 4, 'v0'], ['r2', 12, 4, 'v1'], ['r3', 16, 4, 'v2'], ['i5', 24, 4], ['m5', 28, 4], ['m4', 32, 4]] },
  VRR_d: { len: 6, fields: [['r1', 8, 4, 'v0'], ['r2', 12, 4, 'v1'], ['r3', 16, 4, 'v2'], ['m5', 20, 4], ['i5', 24, 4], ['i4', 32, 4, 'v3']] },
  VRR_e: { len: 6, fields: [['r1', 8, 4, 'v0'], ['r2', 12, 4, 'v1'], ['r3', 16, 4, 'v2'], ['i5', 20, 4], ['m5', 28, 4], ['i4', 32, 4, 'v3']] },
  VRR_f: { len: 6, fields: [['r1', 8, 4, 'v0'], ['r2', 12, 4], ['r3', 16, 4]] },
  VRI_b: { len: 6, fields: [['r1', 8, 4, 'v0'], ['i2', 16, 8], ['i3', 24, 8], ['m4', 32, 4]] },
  VRI_c: { len: 6, fields: [['r1', 8, 4, 'v0'], ['r3', 12, 4, 'v1'], ['i2', 16, 16], ['m4', 32, 4]] },
  VRI_d: { len: 6, fields: [['r1', 8, 4, 'v0'], ['r2', 12, 4, 'v1'], ['r3', 16, 4, 'v2'], ['i4', 24, 8], ['m5', 32, 4]] },
  VRI_e: { len: 6, fields: [['r1', 8, 4, 'v0'], ['r2', 12, 4, 'v1'], ['i3', 16, 12], ['m5', 28, 4], ['m4', 32, 4]] },
  VRV: { len: 6, fields: [['r1', 8, 4, 'v0'], ['r2', 12, 4, 'v1'], ['x2', 0, 0, 'zero'], ...BD2, ['m3', 32, 4]] },
} as const satisfies Record<string, FormatSpec>

/** Name of an instruction format. */
export type Format = keyof typeof FORMATS

/** JS expression extracting one field from h0/h1/h2. */
function extract([, bit, width, kind = 'u']: FieldSpec): string {
  if (kind === 'zero') return '0'
  if (kind === 'd20') return '(h1&4095)+((h2<<16)>>24)*4096'
  if (width === 32) return '((h1<<16)|h2)|0'
  const h = `h${bit >>> 4}`
  const shift = 16 - (bit & 15) - width
  if (kind === 's') return `(${h}<<${16 + (bit & 15)})>>${32 - width}`
  const u = shift === 0 ? (width === 16 ? h : `${h}&${(1 << width) - 1}`) : shift + width === 16 ? `${h}>>>${shift}` : `(${h}>>>${shift})&${(1 << width) - 1}`
  if (kind === 'u') return u
  return `(${u})|((h2>>>8)&${8 >>> Number(kind[1])}?16:0)`
}

/** Builds the decoder of a format (straight-line field stores, as fast as a hand-written one). */
function makeDecoder(spec: FormatSpec): Decoder {
  const body = spec.fields.map((f) => `c.${f[0]}=${extract(f)};`).join('')
  return new Function('c', 'h0', 'h1', 'h2', body) as Decoder
}

const decoders = {} as Record<Format, Decoder>
const fieldsOf = {} as Record<Format, readonly Field[]>
for (const k of Object.keys(FORMATS) as Format[]) {
  const spec: FormatSpec = FORMATS[k]
  decoders[k] = makeDecoder(spec)
  fieldsOf[k] = spec.fields.map((f) => f[0])
}
/** The decoder of every format. */
export const DECODERS: Readonly<Record<Format, Decoder>> = decoders
/** The fields a format defines (the others keep whatever the previous instruction left). */
export const FIELDS_OF: Readonly<Record<Format, readonly Field[]>> = fieldsOf

/** Instruction length implied by the first opcode byte (POP: bits 0-1 of the opcode). */
export function lengthOf(firstByte: number): 2 | 4 | 6 {
  const t = firstByte >>> 6
  return t === 0 ? 2 : t === 3 ? 6 : 4
}
