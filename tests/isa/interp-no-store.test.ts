// The instructions the interpreter trusts never to store (NO_STORE in cpu/predecode.ts): after one of them on the
// generic path, fastLoop keeps using the instructions it has cached without comparing their bytes with storage again
// (a new epoch, see newEpoch in cpu/interpret.ts). Listing one that stores would let a program run stale code after
// modifying itself, so each listed mnemonic runs with random operands and registers (addresses inside storage,
// across page ends, past its end; every addressing mode, CC and program mask) and must leave storage as it was
// whenever it completed without an interruption.
import { describe, expect, it } from 'vitest'
import { insnByMnemonic, lookupInsn } from '@core/emulator/isa/decode'
import { NO_STORE } from '@core/emulator/cpu/predecode'
import { interpreterEpochs, interpreterGenericRuns } from '@core/emulator/cpu/interpret'
import { ACC_FETCH, ACC_STORE } from '@core/emulator/cpu/constants'
import { CODE, PGM_TRAP, prepare } from './harness'
import { MEM, encode, regValue, rng } from './random-insn'

const CASES = 64

/** Runs `mn` CASES times with random operands; returns how many completed and the first storage change, if any. */
function run(mn: string): { completed: number; changed: string | null } {
  const ins = insnByMnemonic(mn)!
  const { m, c } = prepare({}, '0700')
  // the table's decode + exec (the generic path's handler)
  m.tracer = () => undefined
  const u8 = m.storage.u8
  for (let i = 0x2000; i < MEM; i++) u8[i] = Math.imul(i, 0x9e3779b1) >>> 24
  const r = rng(0x57 ^ (mn.length * 7919) ^ (mn.charCodeAt(0) * 31) ^ (mn.charCodeAt(mn.length - 1) * 131))
  const view = Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength)
  const before = Buffer.alloc(u8.byteLength)
  let completed = 0
  for (let k = 0; k < CASES; k++) {
    const [h0, e1, e2] = encode(ins, r)
    let h1 = e1
    let h2 = e2
    // a relative-long operand (CLGRL, LGFRL...) within a few pages of the instruction, not anywhere in 8 GiB
    if (/RL$/.test(mn)) {
      h1 = r() & 1 ? 0 : 0xffff
      h2 = h1 === 0 ? r() & 0x1fff : 0x10000 - (r() & 0x7ff) - 1
    }
    expect(lookupInsn(h0, h2)?.mnemonic, mn).toBe(mn)
    const len = h0 >>> 14 === 0 ? 2 : h0 >>> 14 === 3 ? 6 : 4
    const bytes = [h0 >>> 8, h0 & 0xff, h1 >>> 8, h1 & 0xff, h2 >>> 8, h2 & 0xff].slice(0, len)
    const at = k % 5 === 4 ? CODE + 0x1000 - len : CODE + 2 * (r() & 0x3f)
    const dv = m.storage.dv
    dv.setUint32(0x1d0, 0x00000001)
    dv.setUint32(0x1d4, 0x80000000)
    dv.setUint32(0x1d8, 0)
    dv.setUint32(0x1dc, PGM_TRAP)
    u8.set(bytes, at)
    for (let n = 0; n < 16; n++) [c.rh[n], c.rl[n]] = regValue(r)
    const amode = [24, 31, 64, 64][r() % 4]!
    c.loadPsw(((r() & 3) << 12) | ((r() & 15) << 8) | (amode === 64 ? 1 : 0), amode === 24 ? 0 : 0x80000000 | 0, at)
    c.stopped = false
    if (k % 2 === 1) for (let a = 0; a < MEM; a += 4096) for (const acc of [ACC_FETCH, ACC_STORE] as const) try { c.abs(a, acc) } catch { /* not accessible */ }
    view.copy(before)
    c.run(1)
    // an interruption stores the old PSW and its codes into the lowcore: that ends fastLoop's run anyway
    if (c.ia === PGM_TRAP) continue
    completed++
    if (view.equals(before)) continue
    const i = u8.findIndex((v, j) => v !== before[j])
    return { completed, changed: `case ${k} (${bytes.map((b) => b.toString(16).padStart(2, '0')).join('')}) stored at 0x${i.toString(16)}` }
  }
  return { completed, changed: null }
}

describe('instructions the interpreter trusts not to store', () => {
  it('names only instructions of the table', () => {
    expect([...NO_STORE].filter((mn) => insnByMnemonic(mn) === undefined)).toEqual([])
  })

  it.each([...NO_STORE].map((mn) => [mn]))('%s leaves storage unchanged', (mn) => {
    const { completed, changed } = run(mn)
    expect(changed, mn).toBeNull()
    // (most random cases must complete, or the check says little)
    expect(completed, `${mn}: cases completed without an interruption`).toBeGreaterThanOrEqual(4)
  })

  it.each([
    ['alfi r2,1 (never stores)', 'c22b00000001', false],
    ['stcm r2,1,0(r4) (stores)', 'be214000', true],
  ])('a generic %s in a loop: a new epoch of the cache after it only if it stores', (_what, insn, stores) => {
    // 10000 <insn> ; <next> brct r5,10000 (r5 = 1000: the instruction runs 1000 times on the generic path)
    const { c } = prepare({ gr: { 4: 0x20000n, 5: 1000n } }, `${insn}a756${(0x10000 - insn.length / 4).toString(16)}`)
    c.abs(0x20000, ACC_STORE)
    const g = interpreterGenericRuns()
    const e = interpreterEpochs()
    expect(c.run(2000)).toBe(2000)
    expect(interpreterGenericRuns() - g).toBe(1000)
    if (stores) expect(interpreterEpochs() - e).toBeGreaterThanOrEqual(1000)
    else expect(interpreterEpochs() - e).toBeLessThan(10)
  })

  it('tells a storing instruction apart (the check itself)', () => {
    for (const mn of ['ST', 'STG', 'ASI', 'STMG', 'NI', 'STRV', 'MVC', 'STGRL']) expect(run(mn).changed, mn).not.toBeNull()
  })
})
