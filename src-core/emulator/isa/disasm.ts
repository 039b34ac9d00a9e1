// Disassembler for traces, generated from the instruction table's formats (operands in assembler order).
import { lookupInsn } from './decode.ts'

const hex = (v: number): string => '0x' + (v >>> 0).toString(16)
const s16 = (v: number): number => (v << 16) >> 16
const d20 = (h1: number, h2: number): number => (h1 & 0xfff) + ((h2 << 16) >> 24) * 4096
const bd = (d: number, b: number, x = 0): string => `${d}(${x ? `%r${x},` : ''}%r${b})`

/** Length in bytes of the instruction whose first halfword is `h0`. */
export function insnLength(h0: number): number {
  const t = h0 >>> 14
  return t === 0 ? 2 : t === 3 ? 6 : 4
}

/** One instruction as text, like objdump/QEMU `in_asm` ("lg %r1,8(%r15)"); `ia` resolves relative targets. */
export function disassemble(h0: number, h1: number, h2: number, ia: number): string {
  const ins = lookupInsn(h0, h2)
  if (ins === null) return `.insn ${hex(h0)}`
  const mn = ins.mnemonic.toLowerCase()
  const r1 = (h0 >>> 4) & 15
  const r2 = h0 & 15
  const rel = (i: number): string => hex(ia + i * 2)
  switch (ins.fmt) {
    case 'E':
      return mn
    case 'RR':
      return `${mn} %r${r1},%r${r2}`
    case 'I':
      return `${mn} ${h0 & 0xff}`
    case 'RX':
      return `${mn} %r${r1},${bd(h1 & 0xfff, h1 >>> 12, r2)}`
    case 'RS_a':
    case 'RS_b':
      return `${mn} %r${r1},%r${r2},${bd(h1 & 0xfff, h1 >>> 12)}`
    case 'RSI':
      return `${mn} %r${r1},%r${r2},${rel(s16(h1))}`
    case 'RI':
      return `${mn} %r${r1},${s16(h1)}`
    case 'RIL': {
      const i2 = ((h1 << 16) | h2) | 0
      return /RL$|^LARL|^BRASL|^BRCL|^EXRL/.test(ins.mnemonic) ? `${mn} %r${r1},${rel(i2)}` : `${mn} %r${r1},${i2}`
    }
    case 'SI':
      return `${mn} ${bd(h1 & 0xfff, h1 >>> 12)},${h0 & 0xff}`
    case 'S':
      return `${mn} ${bd(h1 & 0xfff, h1 >>> 12)}`
    case 'SS_a':
      return `${mn} ${(h1 & 0xfff)}(${(h0 & 0xff) + 1},%r${h1 >>> 12}),${bd(h2 & 0xfff, h2 >>> 12)}`
    case 'SS_b':
    case 'SS_d':
    case 'SSE':
    case 'SSF':
      return `${mn} ${bd(h1 & 0xfff, h1 >>> 12)},${bd(h2 & 0xfff, h2 >>> 12)}`
    case 'SIL':
      return `${mn} ${bd(h1 & 0xfff, h1 >>> 12)},${s16(h2)}`
    case 'RRE':
      return `${mn} %r${(h1 >>> 4) & 15},%r${h1 & 15}`
    case 'RRF_a':
    case 'RRF_b':
    case 'RRF_c':
    case 'RRF_d':
    case 'RRF_e':
      return `${mn} %r${(h1 >>> 4) & 15},%r${h1 & 15},%r${h1 >>> 12}`
    case 'RRD':
      return `${mn} %r${h1 >>> 12},%r${(h1 >>> 4) & 15},%r${h1 & 15}`
    case 'RXF':
      return `${mn} %r${h2 >>> 12},%r${r1},${bd(h1 & 0xfff, h1 >>> 12, r2)}`
    case 'RXE':
    case 'RXY':
      return `${mn} %r${r1},${bd(ins.fmt === 'RXY' ? d20(h1, h2) : h1 & 0xfff, h1 >>> 12, r2)}`
    case 'RSY_a':
    case 'RSY_b':
      return `${mn} %r${r1},%r${r2},${bd(d20(h1, h2), h1 >>> 12)}`
    case 'SIY':
      return `${mn} ${bd(d20(h1, h2), h1 >>> 12)},${h0 & 0xff}`
    case 'RIE_a':
    case 'RIE_d':
    case 'RIE_g':
      return `${mn} %r${r1},%r${r2},${s16(h1)}`
    case 'RIE_b':
      return `${mn} %r${r1},%r${r2},${h2 >>> 12},${rel(s16(h1))}`
    case 'RIE_c':
      return `${mn} %r${r1},${(h2 << 16) >> 24},${r2},${rel(s16(h1))}`
    case 'RIE_f':
      return `${mn} %r${r1},%r${r2},${h1 >>> 8},${h1 & 0xff},${h2 >>> 8}`
    case 'RRS':
    case 'RIS':
      return `${mn} %r${r1},${r2},${bd(h1 & 0xfff, h1 >>> 12)}`
    case 'VRS_b':
      return `${mn} %v${r1 | ((h2 >>> 8) & 8 ? 16 : 0)},%r${r2},${bd(h1 & 0xfff, h1 >>> 12)},${h2 >>> 12}`
    case 'VRS_c':
      return `${mn} %r${r1},%v${r2 | ((h2 >>> 8) & 4 ? 16 : 0)},${bd(h1 & 0xfff, h1 >>> 12)},${h2 >>> 12}`
    case 'VRI_a':
      return `${mn} %v${r1 | ((h2 >>> 8) & 8 ? 16 : 0)},${s16(h1)},${h2 >>> 12}`
    default:
      return vector(ins.fmt, mn, h0, h1, h2) ?? `${mn} ${hex(h0)} ${hex(h1)} ${hex(h2)}`
  }
}

/** The vector formats (POP ch. 5), operands in assembler order: V1-V4 with their RXB bits, then the M fields. */
function vector(fmt: string, mn: string, h0: number, h1: number, h2: number): string | null {
  const rxb = (h2 >>> 8) & 15
  const v1 = `%v${((h0 >>> 4) & 15) | (rxb & 8 ? 16 : 0)}`
  const v2 = `%v${(h0 & 15) | (rxb & 4 ? 16 : 0)}`
  const v3 = `%v${(h1 >>> 12) | (rxb & 2 ? 16 : 0)}`
  const v4 = `%v${(h2 >>> 12) | (rxb & 1 ? 16 : 0)}`
  const top = h2 >>> 12
  const n24 = (h1 >>> 4) & 15
  const n28 = h1 & 15
  switch (fmt) {
    case 'VRX':
      return `${mn} ${v1},${bd(h1 & 0xfff, h1 >>> 12, h0 & 15)},${top}`
    case 'VRV':
      return `${mn} ${v1},${h1 & 0xfff}(${v2},%r${h1 >>> 12}),${top}`
    case 'VRS_a':
      return `${mn} ${v1},${v2},${bd(h1 & 0xfff, h1 >>> 12)},${top}`
    case 'VRI_b':
      return `${mn} ${v1},${h1 >>> 8},${h1 & 0xff},${top}`
    case 'VRI_c':
      return `${mn} ${v1},${v2},${h1},${top}`
    case 'VRI_d':
      return `${mn} ${v1},${v2},${v3},${h1 & 0xff},${top}`
    case 'VRI_e':
      return `${mn} ${v1},${v2},${h1 >>> 4},${top},${n28}`
    case 'VRR_a':
      return `${mn} ${v1},${v2},${top},${n28},${n24}`
    case 'VRR_b':
      return `${mn} ${v1},${v2},${v3},${top},${n24}`
    case 'VRR_c':
      return `${mn} ${v1},${v2},${v3},${top},${n28},${n24}`
    case 'VRR_d':
      return `${mn} ${v1},${v2},${v3},${v4},${(h1 >>> 8) & 15},${n24}`
    case 'VRR_e':
      return `${mn} ${v1},${v2},${v3},${v4},${n28},${(h1 >>> 8) & 15}`
    case 'VRR_f':
      return `${mn} ${v1},%r${h0 & 15},%r${h1 >>> 12}`
    default:
      return null
  }
}
