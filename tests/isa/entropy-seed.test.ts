// A seeded entropy source (`labcon emu --entropy-seed N`, BootOptions.entropySeed): PRNO TRNG's bytes are
// SHA-512(seed || counter) blocks in order — checked against node:crypto — the same for the same seed, whatever the
// request sizes, and different for another seed; bad seeds are refused by name.
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { DATA, prepare } from './harness.ts'
import { seededEntropy } from '@core/emulator/ops/crypto.ts'
import { BootOptionError, configFrom } from '@core/emulator/boot.ts'

/** SHA-512(seed as 8 bytes || counter as 8 bytes, both big-endian), hex: block `counter` of seed `seed`. */
function block(seed: number, counter: number): string {
  const b = Buffer.alloc(16)
  b.writeBigUInt64BE(BigInt(seed), 0)
  b.writeBigUInt64BE(BigInt(counter), 8)
  return createHash('sha512').update(b).digest('hex')
}
const hex = (u: Uint8Array): string => Buffer.from(u).toString('hex')

/** TRNG (prno %r2,%r4, function 114) of `n` raw bytes into DATA with the boot options' entropy source. */
function trng(seed: number, n: number): string {
  const { m, c } = prepare({ gr: { 0: 114n, 2: BigInt(DATA), 3: BigInt(n), 4: BigInt(DATA + 0x1000), 5: 0n } }, 'b93c0024')
  m.config.entropy = configFrom({ entropySeed: seed }).entropy
  c.run(1)
  expect(c.cc).toBe(0)
  return hex(c.u8.subarray(DATA, DATA + n))
}

describe('seeded entropy', () => {
  it('gives SHA-512(seed || counter) blocks in order, however the bytes are requested', () => {
    const want = block(5, 0) + block(5, 1) + block(5, 2)
    const whole = new Uint8Array(192)
    seededEntropy(5)(whole)
    const src = seededEntropy(5)
    const parts = [new Uint8Array(1), new Uint8Array(70), new Uint8Array(121)]
    for (const p of parts) src(p)
    expect({ whole: hex(whole), parts: parts.map(hex).join('') }).toEqual({ whole: want, parts: want })
    const big = new Uint8Array(8)
    seededEntropy(2 ** 40 + 3)(big)
    expect(hex(big)).toBe(block(2 ** 40 + 3, 0).slice(0, 16))
  })

  it('makes TRNG repeat its bytes for the same seed and differ for another', () => {
    const a = trng(7, 100)
    expect({ again: trng(7, 100), other: trng(8, 100) === a, first: a }).toEqual({ again: a, other: false, first: (block(7, 0) + block(7, 1)).slice(0, 200) })
  })

  it('refuses a seed that is not a non-negative safe integer, naming it', () => {
    expect(() => configFrom({ entropySeed: -1 })).toThrow(new BootOptionError('entropy seed -1: expected an integer from 0 to 9007199254740991'))
    expect(() => configFrom({ entropySeed: 1.5 })).toThrow(BootOptionError)
    expect(() => seededEntropy(2 ** 53)).toThrow('entropy seed 9007199254740992: expected an integer from 0 to 9007199254740991')
    expect(configFrom({}).entropy).toBeUndefined()
  })
})
