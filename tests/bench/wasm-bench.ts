// `npm run bench -- wasm`: the interpreter-design figure. Runs tests/fixtures/wasm/sieve.elf (163.6M instructions)
// on the real interpreter (a machine with the translation tier off) and on the WebAssembly prototype of its inner
// loop (wasm-proto.ts), in this process, and prints both rates; the two must end with the same registers and
// instruction count (a mismatch is printed, and the figure is then meaningless).
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Machine } from '@core/emulator/machine'
import { configFrom } from '@core/emulator/boot'
import { ipl } from '@core/emulator/ipl/elf'
import { buildProtoLoop, CELL_IA, CELL_WHY, OP, PAGES, PK_OPND, PK_STORE, Q, RH, RL, SLOTS, TLB_BASE_F, TLB_BASE_S, TLB_TAG_F, TLB_TAG_S } from './wasm-proto.ts'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const KERNEL = join(ROOT, 'tests', 'fixtures', 'wasm', 'sieve.elf')

interface Result {
  insns: number
  ms: number
  regs: string
}

function regsOf(rh: ArrayLike<number>, rl: ArrayLike<number>): string {
  const out: string[] = []
  for (let r = 0; r < 16; r++) out.push(((BigInt(rh[r]! >>> 0) << 32n) | BigInt(rl[r]! >>> 0)).toString(16))
  return out.join(' ')
}

function runInterpreter(img: Uint8Array): Result {
  const cfg = configFrom({})
  cfg.jit = 'off'
  const m = new Machine(cfg)
  ipl(m, img, 'sieve.elf', '')
  const t0 = performance.now()
  while (m.run(2_000_000).ended === null);
  const ms = performance.now() - t0
  const c = m.cpus[0]!
  return { insns: m.instructions, ms, regs: regsOf(c.rh, c.rl) }
}

function runProto(img: Uint8Array): Result {
  const mem = new WebAssembly.Memory({ initial: PAGES, maximum: PAGES })
  const dv = new DataView(mem.buffer)
  const u8 = new Uint8Array(mem.buffer)
  const w32 = new Int32Array(mem.buffer)
  const w64 = new Float64Array(mem.buffer)
  const edv = new DataView(img.buffer, img.byteOffset, img.byteLength)
  const entry = Number(edv.getBigUint64(24))
  const phoff = Number(edv.getBigUint64(32))
  for (let k = 0; k < edv.getUint16(56); k++) {
    const ph = phoff + k * 56
    if (edv.getUint32(ph) !== 1) continue
    const off = Number(edv.getBigUint64(ph + 8))
    const pa = Number(edv.getBigUint64(ph + 24))
    const fs = Number(edv.getBigUint64(ph + 32))
    u8.set(img.subarray(off, off + fs), pa)
  }
  const sext16 = (v: number): number => (v << 16) >> 16
  // the decoder of the prototype's instructions (decodeAt's role): anything else is case 0, the generic path
  const decode = (_ia: number, p: number, o: number, ep: number): void => {
    const [b0, b1, b2, b3] = [u8[p]!, u8[p + 1]!, u8[p + 2]!, u8[p + 3]!]
    const len = b0 < 0x40 ? 2 : b0 < 0xc0 ? 4 : 6
    const h1 = (b2 << 8) | b3
    const h2 = len > 4 ? (u8[p + 4]! << 8) | u8[p + 5]! : 0
    let op = 0
    let r1 = b1 >> 4
    let r2 = b1 & 15
    let x = 0
    let b = 0
    let d = 0
    let i = 0
    let j = 0
    let flags = 0
    const xo = (b0 << 8) | (b1 & 15)
    const bd = (): void => {
      b = b2 >> 4
      d = ((b2 & 15) << 8) | b3
    }
    if (b0 === 0x41) [op, x] = [OP.LA, b1 & 15]
    else if (b0 === 0x92) [op, i, flags] = [OP.MVI, b1, PK_OPND | PK_STORE]
    else if (b0 === 0x95) [op, i, flags] = [OP.CLI, b1, PK_OPND]
    else if (xo === 0xa704) [op, j, i] = [OP.BRC, r1, sext16(h1)]
    else if (xo === 0xa70a) [op, i] = [OP.AHI, sext16(h1)]
    else if (xo === 0xa707) [op, i] = [OP.BRCTG, sext16(h1)]
    else if (b0 === 0xb9 && b1 === 0x16) [op, r1, r2] = [OP.LLGFR, b3 >> 4, b3 & 15]
    else if (b0 === 0x1a) op = OP.AR
    else if (xo === 0xc009) [op, i] = [OP.IILF, (h1 << 16) | h2]
    else if (b0 === 0xec && (h2 & 0xff) === 0x77) [op, i, j] = [OP.CLRJ, sext16(h1), h2 >> 12]
    else if (b0 === 0xb9 && b1 === 0x04) [op, r1, r2] = [OP.LGR, b3 >> 4, b3 & 15]
    else if (xo === 0xa709) [op, i] = [OP.LGHI, sext16(h1)]
    else if (xo === 0xc000) [op, i] = [OP.LARL, (h1 << 16) | h2]
    if (op === OP.LA || op === OP.MVI || op === OP.CLI) bd()
    const q = o / 4
    w32[q] = ~p
    w32[q + 1] = dv.getInt32(p)
    w32[q + 2] = (len << 16) | h2
    w32[q + 3] = op | (r1 << 8) | (r2 << 12) | (x << 16) | (b << 20) | flags
    w32[q + 4] = d
    w32[q + 5] = i
    w32[q + 6] = j
    w32[q + 7] = ep
  }
  const inst = new WebAssembly.Instance(new WebAssembly.Module(buildProtoLoop()), { e: { mem, decode } })
  const run = inst.exports['run'] as (room: number, ep: number, am: number) => number
  w32[CELL_IA / 4] = entry
  let insns = 0
  const t0 = performance.now()
  for (let fills = 0; ; ) {
    w32[CELL_WHY / 4] = 0
    insns += run(1 << 20, 1, -1)
    if (w32[CELL_WHY / 4] !== 1) continue
    const ia = w32[CELL_IA / 4]!
    // the generic path: the final LPSWE ends the run; otherwise a TLB miss, filled for the operand's frame
    if (u8[ia] === 0xb2 && u8[ia + 1] === 0xb2) {
      insns++
      break
    }
    const o = Q + (((ia >>> 1) & (SLOTS - 1)) << 5)
    const pk = w32[o / 4 + 3]!
    const [x, b] = [(pk >> 16) & 15, (pk >> 20) & 15]
    const pg = ((x === 0 ? 0 : w32[RL / 4 + x]!) + (b === 0 ? 0 : w32[RL / 4 + b]!) + w32[o / 4 + 4]!) >>> 12
    for (const [tag, base] of [[TLB_TAG_F, TLB_BASE_F], [TLB_TAG_S, TLB_BASE_S]] as const) {
      w64[tag / 8 + (pg & 1023)] = pg
      w64[base / 8 + (pg & 1023)] = pg * 4096
    }
    if (++fills > 10_000) throw new Error(`the prototype is stuck at 0x${ia.toString(16)}`)
  }
  const ms = performance.now() - t0
  return { insns, ms, regs: regsOf(w32.subarray(RH / 4, RH / 4 + 16), w32.subarray(RL / 4, RL / 4 + 16)) }
}

export function runWasmBench(): void {
  const img = new Uint8Array(readFileSync(KERNEL))
  console.log('== wasm: the interpreter loop in JavaScript against a WebAssembly prototype (sieve.elf) ==')
  for (let round = 0; round < 2; round++) {
    const js = runInterpreter(img)
    const wa = runProto(img)
    const same = js.insns === wa.insns && js.regs === wa.regs
    const mips = (r: Result): string => ((r.insns / r.ms) * 1e-3).toFixed(1)
    console.log(`round ${round + 1}: interpreter ${js.insns} insns ${js.ms.toFixed(0)} ms ${mips(js)} MIPS; WebAssembly prototype ${wa.insns} insns ${wa.ms.toFixed(0)} ms ${mips(wa)} MIPS (${(js.ms / wa.ms).toFixed(2)}x)${same ? '' : ' MISMATCH: ' + js.regs + ' | ' + wa.regs}`)
  }
}
