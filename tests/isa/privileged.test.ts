// Generated from THE instruction table: every instruction flagged privileged raises a privileged-operation
// exception in the problem state (suppressed: old PSW past the instruction, ILC from the opcode), before any
// operand is looked at, and leaves registers and CC alone.
import { describe, expect, it } from 'vitest'
import { allInsns, lookupInsn, type Insn } from '@core/emulator/isa/decode.ts'
import { insnLength } from '@core/emulator/isa/disasm.ts'
import { expected, observe, prepare, type Case } from './harness.ts'

/** Instruction bytes (hex) with every operand field zero for a table row. */
function encode(ins: Insn): string {
  const candidates: number[][] = []
  if (ins.fmt === 'E' || ins.opc >= 0x1000) {
    const b0 = ins.opc >>> 8
    const len = insnLength(b0 << 8)
    const bytes = new Array<number>(len).fill(0)
    bytes[0] = b0
    candidates.push([...bytes].map((v, i) => (i === 1 ? ins.opc & 0xff : v)))
    candidates.push([...bytes].map((v, i) => (i === len - 1 ? ins.opc & 0xff : v)))
  } else if (ins.opc >= 0x100) {
    const b0 = ins.opc >>> 4
    const bytes = new Array<number>(insnLength(b0 << 8)).fill(0)
    bytes[0] = b0
    bytes[1] = ins.opc & 15
    candidates.push(bytes)
  } else candidates.push(new Array<number>(insnLength(ins.opc << 8)).fill(0).map((v, i) => (i === 0 ? ins.opc : v)))
  for (const b of candidates) {
    const h0 = (b[0]! << 8) | b[1]!
    const h2 = b.length === 6 ? (b[4]! << 8) | b[5]! : 0
    if (lookupInsn(h0, h2)?.mnemonic === ins.mnemonic) return b.map((v) => v.toString(16).padStart(2, '0')).join('')
  }
  throw new Error(`cannot encode ${ins.mnemonic}`)
}

const PRIVILEGED = allInsns().filter((i) => i.priv)

describe('privileged instructions in the problem state', () => {
  it('the control instructions are flagged privileged', () => {
    expect(PRIVILEGED.map((i) => i.mnemonic)).toEqual(expect.arrayContaining(['LPSWE', 'LPSW', 'SSM', 'LCTLG', 'STCTG', 'SPX', 'STPX', 'SSKE', 'ISKE', 'TPROT', 'SIGP', 'SERVC', 'DIAG', 'STSI', 'SCK', 'IPTE', 'PTLB']))
  })
  it.each(PRIVILEGED.map((i) => [i.mnemonic, i] as const))('%s', (_mn, ins) => {
    const code = encode(ins)
    const k: Case = { name: ins.mnemonic, asm: ins.mnemonic.toLowerCase(), code, problem: true, cc: 2, gr: { 1: 0x1234n }, want: { pgm: { code: 2 }, pswHi: 0x00012001 } }
    const { c, at, end } = prepare(k, code)
    c.run(1)
    expect(observe(c, k.want)).toEqual(expected(k, at, end))
  })
})
