// The interpreter's pre-decoded instruction cache (cpu/interpret.ts): a cached instruction whose bytes change behind
// the CPU's back (as a channel program or SCLP would write them, straight into storage) runs as its new bytes, and
// instructions at a page end (the last halfword, straddling 4- and 6-byte ones, one ending exactly at the end) run
// the same on their first and their cached executions.
import { describe, expect, it } from 'vitest'
import { Machine, defaultConfig } from '@core/emulator/machine'
import { INTERPRETER_CALL_BUDGET, interpreterDecodes, interpreterLoopCalls, warmUp } from '@core/emulator/cpu/interpret'
import { ACC_IFETCH } from '@core/emulator/cpu/constants'

const START = 0x10000

function machine(code: Record<number, number[]>): Machine {
  const m = new Machine(defaultConfig({ memMiB: 2, jit: 'off' }))
  for (const [at, bytes] of Object.entries(code)) m.storage.u8.set(bytes, Number(at))
  const c = m.cpus[0]!
  c.stopped = false
  c.amode = -1
  c.ia = START
  return m
}

describe('interpreter: pre-decoded instruction cache', () => {
  it('decodes each instruction of a loop once: 2-, 4- and 6-byte instructions all hit the cache after that', () => {
    // L: lr r3,r2 (2) ; aghi r2,1 (4) ; lg r4,0x100 (6) ; iilf r5,1 (6) ; ahik r6,r2,3 (6) ; j L (4)
    const m = machine({
      [START]: [0x18, 0x32, 0xa7, 0x2b, 0x00, 0x01, 0xe3, 0x40, 0x01, 0x00, 0x00, 0x04, 0xc0, 0x59, 0x00, 0x00, 0x00, 0x01],
      [START + 18]: [0xec, 0x62, 0x00, 0x03, 0x00, 0xd8, 0xa7, 0xf4, 0xff, 0xf4],
    })
    const c = m.cpus[0]!
    const before = interpreterDecodes()
    expect(c.run(6000)).toBe(6000)
    expect([c.ia, c.rl[2], c.rl[6]]).toEqual([START, 1000, 1003])
    // Six instructions: six decodes (a slot another test left holding the same bytes would make it fewer).
    expect(interpreterDecodes() - before).toBeLessThanOrEqual(6)
    expect(interpreterDecodes() - before).toBeGreaterThan(0)
  })

  it('returns from its inner loop at least every INTERPRETER_CALL_BUDGET instructions of one long call', () => {
    // Threads without on-stack replacement keep a call's code for the whole call: a long call entered before the
    // loop was optimized (or after a deoptimization) would run in V8's bytecode interpreter to its end.
    // L: aghi r2,1 ; j L
    const m = machine({ [START]: [0xa7, 0x2b, 0x00, 0x01, 0xa7, 0xf4, 0xff, 0xfe] })
    const c = m.cpus[0]!
    const before = interpreterLoopCalls()
    const n = 20 * INTERPRETER_CALL_BUDGET
    expect(c.run(n)).toBe(n)
    expect(c.rl[2]).toBe(n / 2)
    expect(interpreterLoopCalls() - before).toBeGreaterThanOrEqual(20)
    expect(INTERPRETER_CALL_BUDGET).toBeLessThanOrEqual(0x10000)
  })

  it('runs an instruction as its new bytes after a write that bypasses the CPU', () => {
    // L: aghi r2,1 ; j L
    const m = machine({ [START]: [0xa7, 0x2b, 0x00, 0x01, 0xa7, 0xf4, 0xff, 0xfe] })
    const c = m.cpus[0]!
    expect(c.run(100)).toBe(100)
    expect(c.rl[2]).toBe(50)
    m.storage.u8[START + 3] = 2 // aghi r2,2: the cached aghi r2,1 must not run again
    expect(c.run(100)).toBe(100)
    expect(c.rl[2]).toBe(150)
    expect(c.ia).toBe(START)
  })

  it('compares a slot trusted in an old epoch again after the epoch counter wraps', () => {
    // L: aghi r2,1 ; j L
    const m = machine({ [START]: [0xa7, 0x2b, 0x00, 0x01, 0xa7, 0xf4, 0xff, 0xfe] })
    const c = m.cpus[0]!
    expect(c.run(100)).toBe(100)
    const ic = c.icache!
    m.storage.u8[START + 3] = 2 // aghi r2,2
    // as if aghi's slot had been compared in epoch 1, and the counter is about to wrap to 1 again
    ic.q[8 * ((START >>> 1) & (ic.q.length / 8 - 1)) + 7] = 1
    ic.epoch = 0x7ffffff0
    expect(c.run(100)).toBe(100)
    expect(c.rl[2]).toBe(150)
    expect(ic.epoch).toBeLessThan(100)
  })

  it('runs instructions at page ends the same when they are fetched and when they are cached', () => {
    const m = machine({
      0x10ff6: [0x07, 0x00], // bcr 0,0
      0x10ff8: [0xa7, 0x29, 0x00, 0x05], // lghi r2,5
      0x10ffc: [0xa7, 0x2b, 0x00, 0x01], // aghi r2,1 (ends at the page end)
      0x11000: [0xc0, 0xf4, 0x00, 0x00, 0x07, 0xff], // brcl 15,0x11ffe
      0x11ffe: [0xa7, 0x2b, 0x00, 0x02], // aghi r2,2 (straddles)
      0x12002: [0xc0, 0x39, 0x12, 0x34, 0x56, 0x78], // iilf r3,0x12345678
      0x12008: [0xc0, 0xf4, 0x00, 0x00, 0x07, 0xfa], // brcl 15,0x12ffc
      0x12ffc: [0xc0, 0x49, 0x9a, 0xbc, 0xde, 0xf0], // iilf r4,0x9abcdef0 (straddles)
      0x13002: [0x18, 0x52], // lr r5,r2
      0x13004: [0xc0, 0xf4, 0x00, 0x00, 0x07, 0xfd], // brcl 15,0x13ffe
      0x13ffe: [0x18, 0x62], // lr r6,r2 (the last halfword of its page)
      0x14000: [0xa7, 0xf4, 0x00, 0x00], // j .
    })
    const c = m.cpus[0]!
    for (let pass = 0; pass < 3; pass++) {
      c.ia = 0x10ff6
      c.rl.fill(0)
      expect(c.run(12)).toBe(12)
      expect([c.ia, c.rl[2], c.rl[3], c.rl[4], c.rl[5], c.rl[6]]).toEqual([0x14000, 8, 0x12345678, 0x9abcdef0 | 0, 8, 8])
    }
  })

  it('caches a 2-byte instruction in a page\'s last halfword and runs it right when the next page changes', () => {
    // The cached word of lr r6,r2 at 0x13ffe includes the first halfword of the next page: a change there (the next
    // instruction, rewritten behind the CPU's back) must run as its new bytes and leave lr's entry correct.
    const m = machine({
      [START]: [0xc0, 0xf4, 0x00, 0x00, 0x1f, 0xff], // brcl 15,0x13ffe
      0x13ffe: [0x18, 0x62], // lr r6,r2
      0x14000: [0xa7, 0x7b, 0x00, 0x01], // aghi r7,1
      0x14004: [0xa7, 0xf4, 0x00, 0x00], // j .
    })
    const c = m.cpus[0]!
    c.rl[2] = 9
    for (let pass = 0; pass < 3; pass++) {
      c.ia = START
      expect(c.run(4)).toBe(4)
      expect([c.ia, c.rl[6], c.rl[7]]).toEqual([0x14004, 9, pass + 1])
    }
    m.storage.u8.set([0xa7, 0x7b, 0x00, 0x10], 0x14000) // aghi r7,16
    c.rl[2] = 11
    c.ia = START
    expect(c.run(4)).toBe(4)
    expect([c.ia, c.rl[6], c.rl[7]]).toEqual([0x14004, 11, 3 + 16])
  })

  it('runs a 2-byte instruction in the last halfword of storage (nothing after it to read)', () => {
    const end = 2 * 1024 * 1024
    // At the top of storage: lr r6,r2 at end-2; the sequential successor is past storage (addressing exception).
    const m = machine({ [START]: [0xc0, 0xf4, ...u32(((end - 2 - START) / 2) | 0)], [end - 2]: [0x18, 0x62] })
    const c = m.cpus[0]!
    c.rl[2] = 5
    expect(c.run(2)).toBe(2)
    expect(c.rl[6]).toBe(5)
    expect(c.ia).toBe(end)
  })

  it('runs an instruction that straddles a page end from the frame its next page translates to, cached and fresh', () => {
    // 0x10ffe: iilf r3,0x12345678 straddling into logical page 0x11000, whose fetch translation (made up in the TLB,
    // as DAT leaves one) is frame 0x30000, not the adjacent frame 0x11000; 0x11004 (frame 0x30004): j 0x10ffe
    const run = (generic: boolean): number[] => {
      const m = machine({ 0x10ff0: [0x07, 0x00], 0x10ffe: [0xc0, 0x39], 0x11000: [0x11, 0x11, 0x11, 0x11, 0x00, 0x00, 0x00, 0x00], 0x30000: [0x12, 0x34, 0x56, 0x78, 0xa7, 0xf4, 0xff, 0xfd] })
      if (generic) m.tracer = () => undefined
      const c = m.cpus[0]!
      c.ia = 0x10ffe
      c.tlbTag[ACC_IFETCH][0x11] = 0x11
      c.tlbBase[ACC_IFETCH][0x11] = 0x30000
      const out: number[] = []
      const before = interpreterDecodes()
      expect(c.run(40)).toBe(40)
      out.push(c.rl[3]!, c.ia)
      // cached now: the straddling instruction and the branch decoded once each
      if (!generic) expect(interpreterDecodes() - before).toBe(2)
      // the part in the next page changes (in its frame): the new bytes run; the adjacent frame changes: nothing
      m.storage.u8.set([0x9a, 0xbc], 0x30002)
      m.storage.u8.set([0x22, 0x22], 0x11002)
      expect(c.run(2)).toBe(2)
      out.push(c.rl[3]!, c.ia)
      // the part in this page changes: iilf r4
      m.storage.u8[0x10fff] = 0x49
      expect(c.run(2)).toBe(2)
      out.push(c.rl[4]!, c.ia)
      return out
    }
    const expected = [0x12345678, 0x10ffe, 0x12349abc, 0x10ffe, 0x12349abc, 0x10ffe]
    expect(run(false)).toEqual(expected)
    expect(run(true)).toEqual(expected)
  })

  it('runs a straddling instruction in its inner loop, checked against both frames at every execution', () => {
    // 0x10ffa: aghi r2,1 ; 0x10ffe: iilf r3,... straddling into logical page 0x11000 (frame 0x30000, as above);
    // 0x11004 (frame 0x30004): j 0x10ffa
    const m = machine({ 0x10ffa: [0xa7, 0x2b, 0x00, 0x01, 0xc0, 0x39], 0x11000: [0x11, 0x11, 0x11, 0x11, 0x00, 0x00, 0x00, 0x00], 0x30000: [0x12, 0x34, 0x56, 0x78, 0xa7, 0xf4, 0xff, 0xfb] })
    const c = m.cpus[0]!
    c.ia = 0x10ffa
    c.tlbTag[ACC_IFETCH][0x11] = 0x11
    c.tlbBase[ACC_IFETCH][0x11] = 0x30000
    const before = interpreterLoopCalls()
    expect(c.run(3000)).toBe(3000)
    expect([c.ia, c.rl[2], c.rl[3]]).toEqual([0x10ffa, 1000, 0x12345678])
    // not a return to JavaScript at each of the 1,000 straddling executions
    if (c.wasm !== null) expect(interpreterLoopCalls() - before).toBeLessThan(50)
    // its part in the next page's frame changes: the next pass runs the new bytes (the adjacent frame: nothing)
    m.storage.u8.set([0x9a, 0xbc], 0x30002)
    m.storage.u8.set([0x22, 0x22], 0x11002)
    expect(c.run(3)).toBe(3)
    expect([c.ia, c.rl[2], c.rl[3]]).toEqual([0x10ffa, 1001, 0x12349abc])
    // its part in this page changes (iilf r4), and then the next page's translation (frame 0x40000: iilf r4,0x5555….)
    m.storage.u8[0x10fff] = 0x49
    expect(c.run(3)).toBe(3)
    expect([c.rl[2], c.rl[4]]).toEqual([1002, 0x12349abc])
    m.storage.u8.set([0x55, 0x55, 0x66, 0x66, 0xa7, 0xf4, 0xff, 0xfb], 0x40000)
    c.tlbBase[ACC_IFETCH][0x11] = 0x40000
    expect(c.run(3)).toBe(3)
    expect([c.ia, c.rl[2], c.rl[4]]).toEqual([0x10ffa, 1003, 0x55556666])
  })

  it('follows calls and jumps into other pages through the instruction-fetch TLB, with prefixing', () => {
    // real 0x1000 (absolute 0x21000 under prefix 0x20000): aghi r2,1 ; jg 0x2000
    // real 0x2000 (absolute 0x2000): aghi r3,1 ; jg 0x1000
    // absolute 0x1000, where real 0x1000 would be without prefixing: aghi r4,1 ; jg 0x2000
    const jgTo = (from: number, to: number): number[] => {
      const i = ((to - from) / 2) | 0
      return [0xc0, 0xf4, (i >>> 24) & 255, (i >>> 16) & 255, (i >>> 8) & 255, i & 255]
    }
    const m = machine({
      [0x21000]: [0xa7, 0x2b, 0x00, 0x01, ...jgTo(0x1004, 0x2000)],
      [0x2000]: [0xa7, 0x3b, 0x00, 0x01, ...jgTo(0x2004, 0x1000)],
      [0x1000]: [0xa7, 0x4b, 0x00, 0x01, ...jgTo(0x1004, 0x2000)],
    })
    const c = m.cpus[0]!
    c.setPrefix(0x20000)
    c.ia = 0x1000
    const before = interpreterLoopCalls()
    expect(c.run(6000)).toBe(6000)
    expect([c.ia, c.rl[2], c.rl[3], c.rl[4]]).toEqual([0x1000, 1500, 1500, 0])
    // the inner loop changes pages itself: not a return at each of the 3,000 jumps
    if (c.wasm !== null) expect(interpreterLoopCalls() - before).toBeLessThan(50)
  })

  it("warms the loop up on a scratch CPU: the real CPU, its storage and the shared cache stay as they were", () => {
    // L: aghi r2,1 ; j L
    const m = machine({ [START]: [0xa7, 0x2b, 0x00, 0x01, 0xa7, 0xf4, 0xff, 0xfe] })
    const c = m.cpus[0]!
    expect(c.run(10)).toBe(10)
    c.rl[9] = 0x1234
    const regs = [...c.rh, ...c.rl]
    const psw = [c.ia, c.cc, c.pm, c.amode, c.mask]
    const storage = Buffer.from(m.storage.u8).toString('hex')
    const before = interpreterDecodes()
    warmUp(c)
    expect([...c.rh, ...c.rl]).toEqual(regs)
    expect([c.ia, c.cc, c.pm, c.amode, c.mask]).toEqual(psw)
    expect(Buffer.from(m.storage.u8).toString('hex') === storage).toBe(true)
    expect(interpreterDecodes()).toBe(before)
    // and the loop still runs from the cache (no decode) with the right result
    expect(c.run(10)).toBe(10)
    expect(c.rl[2]).toBe(10)
    expect(interpreterDecodes()).toBe(before)
  })
})

/** Big-endian bytes of a 32-bit value. */
function u32(v: number): number[] {
  return [(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff]
}
