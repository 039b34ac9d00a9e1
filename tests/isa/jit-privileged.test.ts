// Privileged instructions inside translated blocks (jit/block.ts BLOCK_PRIVILEGED): the problem-state check, the
// interruptions a mask or control-register change enables (taken right after the instruction, as the interpreter
// takes them), blocks that go on when nothing changed, and the FPR loads/stores of every function prologue. Each
// program runs translated at once (hotAfter 1) beside the interpreter, the whole state compared after every slice,
// and the expected end state is stated.
import { describe, expect, it } from 'vitest'
import type { Machine } from '@core/emulator/machine'
import type { JitMode } from '@core/emulator/jit/jit'
import { decodeBlock } from '@core/emulator/jit/block'
import { TEMPLATED } from '@core/emulator/jit/codegen'
import { CR0_AFP, CR0_CLOCK_COMPARATOR, PSW_EXT, PSW_PROBLEM } from '@core/emulator/cpu/constants'
import { CODE, DATA, LPSWE_END, machine, state, type Program } from './jit-run'

/** External-new PSW: disabled wait at 0xe170. */
const EXT_END = 0xe170

/** `p` translated and interpreted, `setup` applied to both, run in slices until both end; returns the translated one. */
function compareWith(p: Program, setup: (m: Machine) => void, slice = 3, jit: JitMode = 'on'): Machine {
  const on = machine(p, jit)
  const off = machine(p, 'off')
  for (const m of [on, off]) {
    m.storage.dv.setBigUint64(0x1b0, 0x0002000180000000n)
    m.storage.dv.setBigUint64(0x1b8, BigInt(EXT_END))
    setup(m)
  }
  for (let k = 0; k < 10_000 && on.ended === null; k++) {
    on.run(slice)
    off.run(slice)
    expect(state(on), `after slice ${k + 1}`).toEqual(state(off))
  }
  expect(on.ended).toBe('disabled-wait')
  return on
}

/** What the lowcore says about the last program and external interruptions. */
function lowcore(m: Machine): { pgmCode: number; pgmIlc: number; pgmOldMask: number; pgmOldAddr: number; extCode: number; extOldAddr: number } {
  const dv = m.storage.dv
  return {
    pgmCode: dv.getUint16(0x8e),
    pgmIlc: dv.getUint16(0x8c),
    pgmOldMask: dv.getUint32(0x150),
    pgmOldAddr: Number(dv.getBigUint64(0x158)),
    extCode: dv.getUint16(0x86),
    extOldAddr: Number(dv.getBigUint64(0x138)),
  }
}

/** The translated block that starts at CODE (profiling is on in the harness). */
function firstBlock(m: Machine): { insns: number; fallbacks: string[]; runs: number; executed: number } {
  const b = m.jit!.all.find((x) => x.ia === CODE)
  expect(b, 'a block at CODE').toBeDefined()
  return { insns: b!.insns, fallbacks: b!.fallbacks, runs: b!.runs, executed: b!.executed }
}

const LHI = (r: number, i: number): string => `a7${r.toString(16)}8${(i & 0xffff).toString(16).padStart(4, '0')}`
const STNSM_0_R3 = (i2: number): string => `ac${i2.toString(16).padStart(2, '0')}3000`
const STOSM_0_R3 = (i2: number): string => `ad${i2.toString(16).padStart(2, '0')}3000`
const SSM_0_R3 = '80003000'

describe('JIT: privileged instructions in blocks', () => {
  it('in the problem state a privileged instruction in a block raises the privileged-operation exception', () => {
    // lhi r1,1 ; stnsm 0(r3),0 ; lhi r1,2 ; lpswe
    const p: Program = { code: LHI(1, 1) + STNSM_0_R3(0) + LHI(1, 2) + LPSWE_END, gr: { 3: DATA }, psw: PSW_PROBLEM }
    const before = (m: Machine): void => void m.storage.u8.fill(0x5a, DATA, DATA + 1)
    const m = compareWith(p, before)
    const c = m.cpus[0]!
    expect(firstBlock(m).insns).toBe(3) // the STNSM is inside the block
    expect({ ia: c.ia, r1: c.rl[1], stored: m.storage.u8[DATA] }).toEqual({ ia: 0xbad0, r1: 1, stored: 0x5a })
    // suppressed: old PSW past the STNSM, ILC 4, still the problem state
    expect(lowcore(m)).toMatchObject({ pgmCode: 0x02, pgmIlc: 4, pgmOldAddr: CODE + 8 })
    expect(lowcore(m).pgmOldMask & PSW_PROBLEM).toBe(PSW_PROBLEM)
  })

  it('in the problem state: every privileged instruction a block may hold, in a block', () => {
    // stctg 0,0,0(r3) / lctlg 0,0,0(r3) / ssm / stosm / stap / stpx / sigp / servc / tprot / ptlb, each after an LHI
    for (const insn of ['eb0030000025', 'eb003000002f', SSM_0_R3, STOSM_0_R3(0), 'b2123000', 'b2113000', 'ae450001', 'b2200045', 'e50130003000', 'b20d0000']) {
      const p: Program = { code: LHI(1, 1) + insn + LHI(1, 2) + LPSWE_END, gr: { 3: DATA, 4: 0, 5: 0 }, psw: PSW_PROBLEM }
      const m = compareWith(p, () => undefined)
      expect(firstBlock(m).insns, insn).toBe(3)
      expect({ ia: m.cpus[0]!.ia, r1: m.cpus[0]!.rl[1] }, insn).toEqual({ ia: 0xbad0, r1: 1 })
      expect(lowcore(m), insn).toMatchObject({ pgmCode: 0x02, pgmIlc: insn.length / 2, pgmOldAddr: CODE + 4 + insn.length / 2 })
    }
  })

  it('SSM enabling a pending external interruption: taken right after the SSM', () => {
    // lhi r1,1 ; ssm 0(r3) (external mask on) ; lhi r1,2 ; lhi r1,3 ; lpswe
    const p: Program = { code: LHI(1, 1) + SSM_0_R3 + LHI(1, 2) + LHI(1, 3) + LPSWE_END, gr: { 3: DATA } }
    const pending = (m: Machine): void => {
      m.storage.u8[DATA] = PSW_EXT >>> 24
      const c = m.cpus[0]!
      c.crl[0] = c.crl[0]! | CR0_CLOCK_COMPARATOR
      c.ckc = 0n // in the past: the clock-comparator interruption is pending
    }
    for (const slice of [1, 3, 100]) {
      const m = compareWith(p, pending, slice)
      expect(firstBlock(m).insns).toBe(4)
      expect({ ia: m.cpus[0]!.ia, r1: m.cpus[0]!.rl[1] }).toEqual({ ia: EXT_END, r1: 1 })
      expect(lowcore(m)).toMatchObject({ extCode: 0x1004, extOldAddr: CODE + 8 })
    }
  })

  it('STOSM enabling a pending external interruption inside a loop: taken after the STOSM of the first pass', () => {
    // lhi r4,5 ; L: ahi r1,1 ; stnsm 0(r3),0xfe ; stosm 8(r3),1 ; brct r4,L ; lpswe
    const p: Program = { code: LHI(4, 5) + 'a71a0001' + STNSM_0_R3(0xfe) + 'ad013008' + 'a746fffa' + LPSWE_END, gr: { 1: 0, 3: DATA } }
    const pending = (m: Machine): void => {
      const c = m.cpus[0]!
      c.crl[0] = c.crl[0]! | CR0_CLOCK_COMPARATOR
      c.ckc = 0n
    }
    const m = compareWith(p, pending, 50)
    expect({ ia: m.cpus[0]!.ia, r1: m.cpus[0]!.rl[1], stored: [m.storage.u8[DATA], m.storage.u8[DATA + 8]] }).toEqual({ ia: EXT_END, r1: 1, stored: [0, 0] })
    expect(lowcore(m)).toMatchObject({ extCode: 0x1004, extOldAddr: CODE + 16 })
  })

  it('mask save/restore pairs that change nothing keep the block running (no handler call, no exit)', () => {
    // lhi r4,200 ; L: stnsm 0(r3),0xfc ; ssm 0(r3) ; stosm 8(r3),0 ; brct r4,L ; lpswe   (interruptions stay disabled)
    const p: Program = { code: LHI(4, 200) + STNSM_0_R3(0xfc) + SSM_0_R3 + 'ad003008' + 'a746fffa' + LPSWE_END, gr: { 3: DATA } }
    const m = compareWith(p, () => undefined, 1000)
    const b = firstBlock(m)
    expect(b.fallbacks).toEqual([])
    expect(b).toMatchObject({ insns: 5, runs: 1, executed: 1 + 4 * 200 })
    expect(m.cpus[0]!.ia).toBe(0xe0e0)
  })

  it('LCTLG of CR0 enabling a pending external interruption leaves the block; of CR4 it does not', () => {
    const cr0 = (m: Machine): void => {
      const c = m.cpus[0]!
      c.ckc = 0n
      m.storage.dv.setBigUint64(DATA, BigInt(c.crl[0]! | CR0_CLOCK_COMPARATOR | CR0_AFP))
    }
    // lhi r1,1 ; lctlg 0,0,0(r3) ; lhi r1,2 ; lpswe   with the external mask on in the PSW
    const enable: Program = { code: LHI(1, 1) + 'eb003000002f' + LHI(1, 2) + LPSWE_END, gr: { 3: DATA }, psw: PSW_EXT }
    const m = compareWith(enable, cr0, 100)
    expect({ ia: m.cpus[0]!.ia, r1: m.cpus[0]!.rl[1] }).toEqual({ ia: EXT_END, r1: 1 })
    expect(lowcore(m)).toMatchObject({ extCode: 0x1004, extOldAddr: CODE + 10 })
    // lhi r1,1 ; stctg 4,4,8(r3) ; lctlg 4,4,0(r3) ; lhi r1,2 ; lpswe
    const other: Program = { code: LHI(1, 1) + 'eb4430080025' + 'eb443000002f' + LHI(1, 2) + LPSWE_END, gr: { 3: DATA }, psw: PSW_EXT }
    const n = compareWith(other, cr0, 100)
    expect(firstBlock(n)).toMatchObject({ insns: 4, runs: 1, executed: 4, fallbacks: ['STCTG', 'LCTLG'] })
    expect({ ia: n.cpus[0]!.ia, cr4: n.cpus[0]!.crl[4], r1: n.cpus[0]!.rl[1] }).toEqual({ ia: 0xe0e0, cr4: n.storage.dv.getInt32(DATA + 4), r1: 2 })
  })

  it('SIGP and SERVC run inside blocks; the checked mode keeps them out (it cannot repeat them)', () => {
    // lhi r1,1 ; sigp r4,r5,1 (sense CPU 0: itself) ; ipm r2 ; lhi r1,2 ; lpswe
    const p: Program = { code: LHI(1, 1) + 'ae450001' + 'b2220020' + LHI(1, 2) + LPSWE_END, gr: { 4: 0, 5: 0 } }
    const m = compareWith(p, () => undefined, 100)
    expect(firstBlock(m)).toMatchObject({ insns: 4, fallbacks: ['SIGP'] })
    expect({ ia: m.cpus[0]!.ia, cc: m.cpus[0]!.rl[2]! >>> 28, r1: m.cpus[0]!.rl[1] }).toEqual({ ia: 0xe0e0, cc: 0, r1: 2 })
    const checked = machine(p, 'check')
    expect(decodeBlock(checked.cpus[0]!, CODE)!.insns.map((x) => x.ins.mnemonic)).toEqual(['LHI'])
    const on = machine(p, 'on')
    expect(decodeBlock(on.cpus[0]!, CODE)!.insns.map((x) => x.ins.mnemonic)).toEqual(['LHI', 'SIGP', 'IPM', 'LHI'])
  })

  it('the checked mode compares blocks holding control-register and system-mask instructions', () => {
    // stctg 0,15,0(r3) ; lctlg 0,15,0(r3) ; stnsm 0x80(r3),0xff ; stosm 0x88(r3),0 ; stap 0x90(r3) ; stpx 0x94(r3) ; lpswe
    const code = 'eb0f30000025' + 'eb0f3000002f' + 'acff3080' + 'ad003088' + 'b2123090' + 'b2113094' + LPSWE_END
    const m = compareWith({ code, gr: { 3: DATA } }, () => undefined, 100, 'check')
    expect(m.jit!.stats.checked).toBeGreaterThan(0)
    // loading CR0-CR15 may enable an interruption: the block leaves after the LCTLG, the rest is the next block
    expect(m.jit!.all.map((b) => [b.ia - CODE, b.insns, b.runs, b.executed])).toEqual([
      [0, 6, 1, 2],
      [12, 4, 1, 4],
    ])
    expect(m.cpus[0]!.ia).toBe(0xe0e0)
  })
})

describe('JIT: floating-point register loads and stores', () => {
  // ldgr f0,r2 ; std f0,0(r3) ; ldgr f8,r2 ; std f8,8(r3) ; ld f1,0(r3) ; lgdr r4,f1 ; lpswe
  const code = 'b3c10002' + '60003000' + 'b3c10082' + '60803008' + '68103000' + 'b3cd0041' + LPSWE_END
  const gr = { 2: 0x123456789abcd, 3: DATA }

  it('with the AFP-register control on, every FPR', () => {
    const afp = (m: Machine): void => void (m.cpus[0]!.crl[0] = m.cpus[0]!.crl[0]! | CR0_AFP)
    const m = compareWith({ code, gr }, afp, 100)
    const c = m.cpus[0]!
    for (const mn of ['LDGR', 'STD', 'LD', 'LGDR']) expect(TEMPLATED.has(mn)).toBe(true)
    expect(firstBlock(m).insns).toBe(6)
    expect({ ia: c.ia, r4: [c.rh[4], c.rl[4]], f8: [c.vr[32], c.vr[33]], data: m.storage.dv.getBigUint64(DATA + 8) }).toEqual({
      ia: 0xe0e0,
      r4: [c.rh[2], c.rl[2]],
      f8: [c.rh[2], c.rl[2]],
      data: BigInt.asUintN(64, (BigInt(c.rh[2]!) << 32n) | BigInt(c.rl[2]! >>> 0)),
    })
  })

  it('with it off, FPR 8 is a data exception (DXC 1) at the LDGR', () => {
    const m = compareWith({ code, gr }, () => undefined, 100)
    expect(m.cpus[0]!.ia).toBe(0xbad0)
    expect(lowcore(m)).toMatchObject({ pgmCode: 0x07, pgmOldAddr: CODE + 12 })
    expect(m.storage.dv.getUint32(0x90)).toBe(1) // DXC 1 (additional FPR) in the data-exception code
  })
})

describe('JIT: program interruptions raised in blocks', () => {
  // 0: lhi r6,100 ; 4: lhi r2,0 ; 8 L: ahi r2,1 ; c: .short 0 (no such opcode) ; e: lpswe ; 14 (program-new PSW): brct r6,L
  const code = LHI(6, 100) + LHI(2, 0) + 'a72a0001' + '0000' + LPSWE_END + '0707' + 'a766fffa' + LPSWE_END
  const handler = (m: Machine): void => {
    m.storage.dv.setBigUint64(0x1d0, 0x0000000180000000n)
    m.storage.dv.setBigUint64(0x1d8, BigInt(CODE + 0x14))
  }
  for (const mode of ['on', 'check'] as const) {
    it(`an unknown opcode in a loop: the operation exception each pass, at its instruction (${mode})`, () => {
      const m = compareWith({ code, gr: {} }, handler, 7, mode)
      const c = m.cpus[0]!
      expect({ ia: c.ia, r2: c.rl[2], r6: c.rl[6] }).toEqual({ ia: 0xe0e0, r2: 100, r6: 0 })
      expect(lowcore(m)).toMatchObject({ pgmCode: 0x01, pgmIlc: 2, pgmOldAddr: CODE + 0xe })
      // the unknown opcode is a block of its own; [lhi, lhi, ahi] stops before it, the handler's [brct] takes no tail
      expect(m.jit!.all.map((b) => [b.ia - CODE, b.insns])).toEqual(
        expect.arrayContaining([
          [0, 3],
          [0xc, 1],
          [0x14, 1],
        ]),
      )
    })
  }
})
