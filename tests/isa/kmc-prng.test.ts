// CIPHER MESSAGE WITH CHAINING, function 67 (KMC-PRNG; POP ch. 7, message-security assist): ANSI X9.17 with TDEA
// over each 8-byte block of the second operand, the chaining value in the parameter block (followed by K1, K2, K3).
// The expected output is computed here with node:crypto's DES-EDE3: per block P, t = E(P), C = E(t ^ ICV),
// ICV' = E(C ^ t). Also: register updates (R1 == R2 in place), partial completion after 64 bytes, a length that is
// not a multiple of 8 (specification), a zero length.
import { createCipheriv } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { CODE, DATA, PGM_TRAP, prepare } from './harness.ts'
import type { Cpu } from '@core/emulator/cpu/cpu.ts'

const PB = DATA
const SRC = 0x40000
const DST = 0x60000
const KEYS = Buffer.from('0123456789abcdeffedcba987654321089abcdef01234567', 'hex')
const ICV = Buffer.from('0f2b8e638c8ed252', 'hex')
const message = (n: number): Buffer => Buffer.from(Array.from({ length: n }, (_, i) => (i * 37 + 3) & 0xff))

const tdea = (b: Buffer): Buffer => {
  const c = createCipheriv('des-ede3', KEYS, null)
  c.setAutoPadding(false)
  return Buffer.concat([c.update(b), c.final()])
}
const xor = (a: Buffer, b: Buffer): Buffer => Buffer.from(a.map((v, i) => v ^ b[i]!))
/** X9.17 over `msg` from chaining value `icv`: the output and the final chaining value. */
function x917(msg: Buffer, icv: Buffer): { out: string; icv: string } {
  const out: Buffer[] = []
  let v = icv
  for (let o = 0; o < msg.length; o += 8) {
    const t = tdea(msg.subarray(o, o + 8))
    const c = tdea(xor(t, v))
    out.push(c)
    v = tdea(xor(c, t))
  }
  return { out: Buffer.concat(out).toString('hex'), icv: v.toString('hex') }
}

const reg = (c: Cpu, n: number): bigint => (BigInt(c.rh[n]! >>> 0) << 32n) | BigInt(c.rl[n]! >>> 0)
const hex = (c: Cpu, a: number, n: number): string => Buffer.from(c.u8.subarray(a, a + n)).toString('hex')

/** kmc %r2,%r4 (or `code`) with GR0 = 67, GR1 = PB, R2 = DST, R4/R5 = SRC/len, the message at SRC. */
function machine(msg: Buffer, len = msg.length, code = 'b92f0024'): Cpu {
  const mem: Record<number, string> = { [PB]: ICV.toString('hex') + KEYS.toString('hex'), [SRC]: msg.toString('hex') }
  return prepare({ gr: { 0: 67n, 1: BigInt(PB), 2: BigInt(DST), 4: BigInt(SRC), 5: BigInt(len) }, mem }, code).c
}
function run(c: Cpu): { cc: number; pgm: number | null } {
  c.loadPsw(c.pswHi(), c.pswLo(), CODE)
  c.run(1)
  return { cc: c.cc, pgm: c.ia === PGM_TRAP ? c.dv.getUint16(0x8e) : null }
}

describe('KMC-PRNG (function 67)', () => {
  it('three blocks: X9.17 output into the first operand, the chaining value updated, registers advanced', () => {
    const msg = message(24)
    const c = machine(msg)
    const r = run(c)
    const want = x917(msg, ICV)
    expect({ r, out: hex(c, DST, 24), icv: hex(c, PB, 8), keys: hex(c, PB + 8, 24), r2: reg(c, 2), r4: reg(c, 4), r5: reg(c, 5) }).toEqual({
      r: { cc: 0, pgm: null },
      out: want.out,
      icv: want.icv,
      keys: KEYS.toString('hex'),
      r2: BigInt(DST + 24),
      r4: BigInt(SRC + 24),
      r5: 0n,
    })
  })

  it('in place (R1 = R2): the address advances once', () => {
    const msg = message(16)
    const c = machine(msg, 16, 'b92f0044')
    const r = run(c)
    expect({ r, out: hex(c, SRC, 16), r4: reg(c, 4), r5: reg(c, 5) }).toEqual({ r: { cc: 0, pgm: null }, out: x917(msg, ICV).out, r4: BigInt(SRC + 16), r5: 0n })
  })

  it('72 bytes: CC 3 after 64 (8 blocks) with the registers and chaining value past them; the next execution finishes', () => {
    const msg = message(72)
    const c = machine(msg)
    const first = run(c)
    const after = { r2: reg(c, 2), r4: reg(c, 4), r5: reg(c, 5), icv: hex(c, PB, 8) }
    const second = run(c)
    const want = x917(msg, ICV)
    expect({ first, after, second, out: hex(c, DST, 72), icv: hex(c, PB, 8) }).toEqual({
      first: { cc: 3, pgm: null },
      after: { r2: BigInt(DST + 64), r4: BigInt(SRC + 64), r5: 8n, icv: x917(msg.subarray(0, 64), ICV).icv },
      second: { cc: 0, pgm: null },
      out: want.out,
      icv: want.icv,
    })
  })

  it('a length that is not a multiple of 8: specification; a zero length: CC 0, nothing changed', () => {
    const bad = run(machine(message(12)))
    const c = machine(message(8), 0)
    const zero = run(c)
    expect({ bad, zero, icv: hex(c, PB, 8), out: hex(c, DST, 8), r2: reg(c, 2) }).toEqual({
      bad: { cc: 0, pgm: 6 },
      zero: { cc: 0, pgm: null },
      icv: ICV.toString('hex'),
      out: '0000000000000000',
      r2: BigInt(DST),
    })
  })
})
