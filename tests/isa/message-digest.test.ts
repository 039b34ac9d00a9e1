// COMPUTE INTERMEDIATE MESSAGE DIGEST and COMPUTE LAST MESSAGE DIGEST (POP ch. 7, message-security assist) with
// SHA-256 (function 2) and SHA-512 (function 3): chaining value in the GR1 parameter block (KLMD: followed by the
// message bit length), the message in the R2 pair. Digests are checked against node:crypto for message lengths
// around the padding boundaries, KIMD then KLMD over one message, partial completion (CC 3 after 64 blocks), the
// register updates in 31-bit mode, and the specification exceptions.
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { CODE, DATA, PGM_TRAP, prepare } from './harness.ts'
import type { Cpu } from '@core/emulator/cpu/cpu.ts'

/** FIPS 180-4 initial hash values. */
const IV = {
  sha256: '6a09e667bb67ae853c6ef372a54ff53a510e527f9b05688c1f83d9ab5be0cd19',
  sha512: '6a09e667f3bcc908bb67ae8584caa73b3c6ef372fe94f82ba54ff53a5f1d36f1510e527fade682d19b05688c2b3e6c1f1f83d9abfb41bd6b5be0cd19137e2179',
} as const
const KIND = { sha256: { fc: 2, block: 64, icv: 32, mbl: 8 }, sha512: { fc: 3, block: 128, icv: 64, mbl: 16 } } as const
type Alg = keyof typeof KIND

const PB = DATA
const MSG = 0x40000
const message = (n: number): Buffer => Buffer.from(Array.from({ length: n }, (_, i) => (i * 131 + 7) & 0xff))
const hex = (c: Cpu, a: number, n: number): string => Buffer.from(c.u8.subarray(a, a + n)).toString('hex')
const reg = (c: Cpu, n: number): bigint => (BigInt(c.rh[n]! >>> 0) << 32n) | BigInt(c.rl[n]! >>> 0)

/** A machine with `msg` at MSG and the parameter block (IV, then the MBL of `bits`) at PB. */
function machine(alg: Alg, msg: Buffer, bits: bigint, amode: 31 | 64 = 64): Cpu {
  const k = KIND[alg]
  const mbl = bits.toString(16).padStart(k.mbl * 2, '0')
  const mem: Record<number, string> = { [PB]: IV[alg] + mbl, [MSG]: msg.toString('hex') }
  const { c } = prepare({ amode, memMiB: 4, gr: { 1: BigInt(PB) }, mem }, 'b93f0002')
  return c
}
/** Executes KIMD (last false) or KLMD for `alg` on R2 = address, R3 = length; returns the CC or the program code. */
function exec(c: Cpu, alg: Alg, last: boolean, at: number, len: bigint, g0 = BigInt(KIND[alg].fc)): { cc: number; pgm: number | null } {
  c.u8.set([0xb9, last ? 0x3f : 0x3e, 0, 0x02], CODE)
  c.rh[0] = 0
  c.rl[0] = Number(g0)
  c.rl[2] = at
  c.rh[3] = Number(len >> 32n)
  c.rl[3] = Number(len & 0xffffffffn) | 0
  c.loadPsw(c.pswHi(), c.pswLo(), CODE)
  c.run(1)
  return { cc: c.cc, pgm: c.ia === PGM_TRAP ? c.dv.getUint16(0x8e) : null }
}

describe('KLMD: whole messages', () => {
  for (const alg of ['sha256', 'sha512'] as const) {
    const k = KIND[alg]
    it(`${alg}: digests of messages around the padding boundaries equal node:crypto's`, () => {
      const lengths = [0, 1, k.block - k.mbl - 1, k.block - k.mbl, k.block - 1, k.block, k.block + 1, 3 * k.block + 17]
      const got = lengths.map((n) => {
        const c = machine(alg, message(n), BigInt(n * 8))
        const r = exec(c, alg, true, MSG, BigInt(n))
        return { n, ...r, digest: hex(c, PB, k.icv), r2: reg(c, 2), r3: reg(c, 3) }
      })
      expect(got).toEqual(lengths.map((n) => ({ n, cc: 0, pgm: null, digest: createHash(alg).update(message(n)).digest('hex'), r2: BigInt(MSG + n), r3: 0n })))
    })
  }
})

describe('KIMD then KLMD', () => {
  it('sha512: KIMD over the whole blocks, KLMD over the rest with the total bit length', () => {
    const msg = message(300)
    const c = machine('sha512', msg, 2400n)
    const first = exec(c, 'sha512', false, MSG, 256n)
    const mid = { r2: reg(c, 2), r3: reg(c, 3) }
    const second = exec(c, 'sha512', true, MSG + 256, 44n)
    expect({ first, mid, second, digest: hex(c, PB, 64) }).toEqual({
      first: { cc: 0, pgm: null },
      mid: { r2: BigInt(MSG + 256), r3: 0n },
      second: { cc: 0, pgm: null },
      digest: createHash('sha512').update(msg).digest('hex'),
    })
  })

  it('sha256: 65 blocks end with CC 3 after 64, the chaining value and registers past them; the next execution finishes', () => {
    const msg = message(65 * 64 + 10)
    const c = machine('sha256', msg, BigInt(msg.length * 8))
    const first = exec(c, 'sha256', false, MSG, 65n * 64n)
    const after = { r2: reg(c, 2), r3: reg(c, 3) }
    c.loadPsw(c.pswHi(), c.pswLo(), CODE)
    c.run(1)
    const second = { cc: c.cc, r2: reg(c, 2), r3: reg(c, 3) }
    const last = exec(c, 'sha256', true, MSG + 65 * 64, 10n)
    expect({ first, after, second, last, digest: hex(c, PB, 32) }).toEqual({
      first: { cc: 3, pgm: null },
      after: { r2: BigInt(MSG + 64 * 64), r3: 64n },
      second: { cc: 0, r2: BigInt(MSG + 65 * 64), r3: 0n },
      last: { cc: 0, pgm: null },
      digest: createHash('sha256').update(msg).digest('hex'),
    })
  })

  it('31-bit mode: the length is bits 32-63 of R3, bits 0-31 of both registers are left alone', () => {
    const msg = message(64)
    const c = machine('sha256', msg, 512n, 31)
    c.rh[2] = 0x11111111
    const r = exec(c, 'sha256', true, MSG, 0x2222222200000040n)
    expect({ r, r2: reg(c, 2), r3: reg(c, 3), digest: hex(c, PB, 32) }).toEqual({
      r: { cc: 0, pgm: null },
      r2: 0x1111111100000000n | BigInt(MSG + 64),
      r3: 0x2222222200000000n,
      digest: createHash('sha256').update(msg).digest('hex'),
    })
  })
})

describe('KIMD/KLMD exceptions and empty operands', () => {
  it('KIMD length not a multiple of the block: specification; zero length: CC 0, nothing changed; SHA-1 and the modifier bit: specification', () => {
    const c = machine('sha512', message(256), 0n)
    const got = {
      notMultiple: exec(c, 'sha512', false, MSG, 100n),
      sha256NotMultiple: exec(c, 'sha256', false, MSG, 96n),
      zero: exec(c, 'sha512', false, MSG, 0n),
      icv: hex(c, PB, 64),
      sha1: exec(c, 'sha256', false, MSG, 64n, 1n),
      modifier: exec(c, 'sha256', true, MSG, 64n, 0x82n),
    }
    expect(got).toEqual({
      notMultiple: { cc: 0, pgm: 6 },
      sha256NotMultiple: { cc: 0, pgm: 6 },
      zero: { cc: 0, pgm: null },
      icv: IV.sha512,
      sha1: { cc: 0, pgm: 6 },
      modifier: { cc: 0, pgm: 6 },
    })
  })

  it('a message beyond storage: addressing exception, the chaining value unchanged', () => {
    const c = machine('sha256', message(0), 0n)
    const r = exec(c, 'sha256', false, 0x400000 - 64, 128n)
    expect({ r, icv: hex(c, PB, 32) }).toEqual({ r: { cc: 0, pgm: 5 }, icv: IV.sha256 })
  })
})
