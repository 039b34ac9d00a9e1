// Generated from THE instruction table (through the decoder built from it, isa/decode.ts): every row must be exercised by at least one case in some group file of
// tests/isa. A missing row fails with a ready-to-fill skeleton line per instruction (format-shaped operands).
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { allInsns, type Insn } from '@core/emulator/isa/decode.ts'
import type { Format } from '@core/emulator/isa/formats.ts'
import { mnemonicsOf } from './harness.ts'

const DIR = fileURLToPath(new URL('.', import.meta.url))

/** Assembler operands shaped like each format, for skeleton rows. */
const OPERANDS: Record<Format, string> = {
  E: '', RR: '%r2,%r4', I: '1', RX: '%r2,0(%r10)', RS_a: '%r2,%r4,0(%r10)', RS_b: '%r2,7,0(%r10)', RSI: '%r2,%r4,.+8', RI: '%r2,1', RIL: '%r2,1',
  SI: '0(%r10),1', S: '0(%r10)', SS_a: '0(8,%r10),8(%r10)', SS_b: '0(8,%r10),8(8,%r10)', SS_c: '0(8,%r10),1,5', SS_d: '0(%r2,%r10),8(%r10),%r4', RSL_a: '0(8,%r10)',
  SSE: '0(%r10),8(%r10)', SSF: '0(%r10),8(%r10),%r4', SIL: '0(%r10),1', RRE: '%r2,%r4', RRF_a: '%r2,%r4,%r6', RRF_b: '%r2,%r4,%r6', RRF_c: '%r2,%r4,1', RRF_d: '%r2,%r4,1', RRF_e: '%f2,1,%f4,0', RRD: '%r2,%r4,%r6',
  RXE: '%f2,0(%r10)', RXF: '%f2,%f4,0(%r10)', RXY: '%r2,0(%r10)', RSY_a: '%r2,%r4,0(%r10)', RSY_b: '%r2,7,0(%r10)', SIY: '0(%r10),1', RIE_a: '%r2,1,8', RIE_b: '%r2,%r4,8,.+8',
  RIE_c: '%r2,1,8,.+8', RIE_d: '%r2,%r4,1', RIE_f: '%r2,%r4,32,63,0', RIE_g: '%r2,1,8', RRS: '%r2,%r4,8,0(%r10)',
  RIS: '%r2,1,8,0(%r10)', VRX: '%v2,0(%r10)', VRS_a: '%v2,%v4,0(%r10)', VRS_b: '%v2,%r4,0(%r10),2', VRS_c: '%r2,%v4,0(%r10),2',
  VRI_a: '%v2,1,2', VRR_a: '%v2,%v4,3,0,0', VRR_b: '%v2,%v4,%v6,0,0', VRR_c: '%v2,%v4,%v6,3', VRR_d: '%v2,%v4,%v6,%v8,0',
  VRR_e: '%v2,%v4,%v6,%v8', VRR_f: '%v2,%r4,%r6', VRI_b: '%v2,1,2,0', VRI_c: '%v2,%v4,1,0', VRI_d: '%v2,%v4,%v6,1,0', VRI_e: '%v2,%v4,1,3,0',
  VRV: '%v2,0(%v4,%r10),0',
}

/** A skeleton table row for an instruction without tests (fill `code` with tests/isa/asm-fill.mjs). */
function skeleton(ins: Insn): string {
  return `{ name: 'TODO', asm: '${ins.mnemonic.toLowerCase()} ${OPERANDS[ins.fmt]}', code: '', want: {} },`
}

/** Mnemonics exercised by the `code` hex literals of every group file in tests/isa. */
function exercised(): Map<string, string[]> {
  const seen = new Map<string, string[]>()
  for (const f of readdirSync(DIR).filter((n) => n.endsWith('.test.ts') && n !== 'coverage.test.ts')) {
    const src = readFileSync(DIR + f, 'utf8')
    for (const m of src.matchAll(/\bcode: '([0-9a-fA-F ]+)'/g)) {
      for (const mn of mnemonicsOf(m[1]!)) seen.set(mn, [...(seen.get(mn) ?? []), f])
    }
  }
  return seen
}

/** Every `asm`/`code` pair of the group files: the decoded mnemonics must be the ones written in `asm`. */
function pairs(): Array<{ file: string; asm: string; code: string }> {
  const out: Array<{ file: string; asm: string; code: string }> = []
  for (const f of readdirSync(DIR).filter((n) => n.endsWith('.test.ts'))) {
    const src = readFileSync(DIR + f, 'utf8')
    for (const m of src.matchAll(/asm: '([^']*)', code: '([0-9a-fA-F ]+)'/g)) out.push({ file: f, asm: m[1]!, code: m[2]! })
  }
  return out
}

describe('ISA coverage of the instruction table', () => {
  it('every case decodes to the instructions its asm names', () => {
    const bad = pairs()
      .filter((p) => !p.asm.startsWith('.insn'))
      .filter((p) => {
        const want = p.asm.split(';').map((x) => x.trim().split(/\s+/)[0]!.toUpperCase())
        return mnemonicsOf(p.code).join(' ') !== want.join(' ')
      })
      .map((p) => `${p.file}: '${p.asm}' is ${mnemonicsOf(p.code).join(' ')}`)
    expect(bad).toEqual([])
  })
  it('every table row has at least one case in a group file', () => {
    const seen = exercised()
    const missing = allInsns().filter((r) => !seen.has(r.mnemonic))
    const report = missing.map((r) => `  ${r.mnemonic.padEnd(8)} ${skeleton(r)}`).join('\n')
    expect(missing.map((r) => r.mnemonic), `instructions without an ISA case:\n${report}`).toEqual([])
  })
})
