// PERFORM RANDOM NUMBER OPERATION (POP ch. 7, message-security assist 5, facility 57): query, TRNG-query-raw-to-
// conditioned-ratio (112), TRNG (114) from the machine's entropy source, and SHA-512-DRNG (3: seed with modifier bit
// 56, generate without) as NIST SP 800-90A Hash_DRBG — checked against NIST's CAVS vector (Hash_DRBG SHA-512, no
// prediction resistance, COUNT 0, as Linux's arch/s390/crypto/prng.c self-test uses it) and against an independent
// Hash_df/Hashgen written here on node:crypto; register updates in 31- and 64-bit mode; partial completion (CC 3);
// operand and function-code checks.
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { CODE, DATA, PGM_TRAP, prepare, runGroup, type Before, type Case } from './harness.ts'
import type { Cpu } from '@core/emulator/cpu/cpu.ts'

const PB = DATA
const Q = { 1: BigInt(PB) }
/** prno %r2,%r4 */
const PRNO = 'b93c0024'

const CASES: Case[] = [
  { name: 'query: functions 0, 3, 112 and 114', asm: 'prno %r2,%r4', code: PRNO, cc: 3, gr: Q, want: { cc: 0, mem: { [PB]: '90000000 00000000 00000000 0000a000' } } },
  { name: 'TRNG-query-raw-to-conditioned-ratio: 1 raw byte per conditioned byte', asm: 'prno %r2,%r4', code: PRNO, gr: { ...Q, 0: 112n }, want: { cc: 0, mem: { [PB]: '00000001 00000001' } } },
  { name: 'odd R1: specification', asm: 'prno %r3,%r4', code: 'b93c0034', gr: Q, want: { pgm: { code: 6 } } },
  { name: 'R2 zero: specification', asm: 'prno %r2,%r0', code: 'b93c0020', gr: { ...Q, 0: 114n }, want: { pgm: { code: 6 } } },
  { name: 'function 113 not installed: specification', asm: 'prno %r2,%r4', code: PRNO, gr: { ...Q, 0: 113n }, want: { pgm: { code: 6 } } },
  { name: 'function 4 not installed: specification', asm: 'prno %r2,%r4', code: PRNO, gr: { ...Q, 0: 4n }, want: { pgm: { code: 6 } } },
  { name: 'query into storage that does not exist: addressing', asm: 'prno %r2,%r4', code: PRNO, gr: { 1: 0x4000000n }, want: { pgm: { code: 5 } } },
]
runGroup('PRNO (table cases)', CASES)

/** A counting entropy source: bytes 0, 1, 2, ... across calls. */
function counting(): (out: Uint8Array) => void {
  let k = 0
  return (out) => {
    for (let i = 0; i < out.length; i++) out[i] = k++ & 0xff
  }
}
/** One PRNO (code `code`, default prno %r2,%r4) executed from state `b`, with `entropy` as the machine's source. */
function run(b: Before, entropy?: (out: Uint8Array) => void, code = PRNO): { c: Cpu; pgm: number | null } {
  const { m, c } = prepare(b, code)
  if (entropy !== undefined) m.config.entropy = entropy
  c.run(1)
  return { c, pgm: c.ia === PGM_TRAP ? m.storage.dv.getUint16(0x8e) : null }
}
const reg = (c: Cpu, n: number): bigint => (BigInt(c.rh[n]! >>> 0) << 32n) | BigInt(c.rl[n]! >>> 0)
const bytes = (c: Cpu, a: number, n: number): string => Buffer.from(c.u8.subarray(a, a + n)).toString('hex')
const seq = (from: number, n: number): string => Buffer.from(Array.from({ length: n }, (_, i) => (from + i) & 0xff)).toString('hex')

describe('PRNO TRNG (function 114)', () => {
  it('fills the first (raw) then the second (conditioned) operand and advances both register pairs', () => {
    const { c, pgm } = run({ gr: { 0: 114n, 2: BigInt(DATA), 3: 16n, 4: BigInt(DATA + 0x100), 5: 32n } }, counting())
    expect({ pgm, cc: c.cc, r2: reg(c, 2), r3: reg(c, 3), r4: reg(c, 4), r5: reg(c, 5), raw: bytes(c, DATA, 17), cond: bytes(c, DATA + 0x100, 33) }).toEqual({
      pgm: null,
      cc: 0,
      r2: BigInt(DATA + 16),
      r3: 0n,
      r4: BigInt(DATA + 0x120),
      r5: 0n,
      raw: seq(0, 16) + '00',
      cond: seq(16, 32) + '00',
    })
  })

  it('ends with CC 3 after 4096 bytes, registers past what was stored; the next execution completes', () => {
    const { m, c } = prepare({ gr: { 0: 114n, 2: BigInt(DATA), 3: 5000n, 4: BigInt(DATA + 0x4000), 5: 10n } }, PRNO)
    m.config.entropy = counting()
    c.run(1)
    const first = { cc: c.cc, ia: c.ia, r2: reg(c, 2), r3: reg(c, 3), r5: reg(c, 5) }
    c.loadPsw(c.pswHi(), c.pswLo(), CODE)
    c.run(1)
    expect({ first, second: { cc: c.cc, r2: reg(c, 2), r3: reg(c, 3), r4: reg(c, 4), r5: reg(c, 5) }, last: bytes(c, DATA + 4999, 2), cond: bytes(c, DATA + 0x4000, 10) }).toEqual({
      first: { cc: 3, ia: CODE + 4, r2: BigInt(DATA + 4096), r3: 904n, r5: 10n },
      second: { cc: 0, r2: BigInt(DATA + 5000), r3: 0n, r4: BigInt(DATA + 0x4000 + 10), r5: 0n },
      last: seq(4999, 1) + '00',
      cond: seq(5000, 10),
    })
  })

  it('31-bit mode: lengths are bits 32-63 of the odd registers, bits 0-31 are left alone', () => {
    const { c } = run({ amode: 31, gr: { 0: 114n, 2: 0xaaaaaaaa00000000n | BigInt(DATA), 3: 0xbbbbbbbb00000008n, 4: BigInt(DATA + 0x100), 5: 0xcccccccc00000000n } }, counting())
    expect({ cc: c.cc, r2: reg(c, 2), r3: reg(c, 3), r5: reg(c, 5), raw: bytes(c, DATA, 8) }).toEqual({
      cc: 0,
      r2: 0xaaaaaaaa00000000n | BigInt(DATA + 8),
      r3: 0xbbbbbbbb00000000n,
      r5: 0xcccccccc00000000n,
      raw: seq(0, 8),
    })
  })

  it('an operand running into storage that does not exist: the accessible page is stored and the registers advanced past it, then the addressing exception', () => {
    const { c, pgm } = run({ gr: { 0: 114n, 2: BigInt(0x200000 - 8), 3: 16n, 4: BigInt(DATA), 5: 0n } }, counting())
    expect({ pgm, r2: reg(c, 2), r3: reg(c, 3), stored: bytes(c, 0x200000 - 8, 8) }).toEqual({ pgm: 5, r2: 0x200000n, r3: 8n, stored: seq(0, 8) })
  })

  it('without a configured source, the host generator: two runs differ and are not zeros', () => {
    const a = run({ gr: { 0: 114n, 2: BigInt(DATA), 3: 0n, 4: BigInt(DATA), 5: 32n } })
    const b = run({ gr: { 0: 114n, 2: BigInt(DATA), 3: 0n, 4: BigInt(DATA), 5: 32n } })
    const [x, y] = [bytes(a.c, DATA, 32), bytes(b.c, DATA, 32)]
    expect({ cc: [a.c.cc, b.c.cc], differ: x !== y, zeros: x === '00'.repeat(32) }).toEqual({ cc: [0, 0], differ: true, zeros: false })
  })
})

// NIST CAVS Hash_DRBG SHA-512 (no prediction resistance), COUNT 0: entropy input || nonce, the state after
// instantiate (V, C, each a zero byte and 111 bytes) and the output of the second of two 256-byte generates.
const NIST_SEED = '6b50a7d8f8a55d7a3df8bb40bcc3b722d8708de67fda010b03c4c84d72096f8c3ec649cc6256d9fa31db7a2904aaf025'
const NIST_V0 =
  '00ade36f9a01c776613435f54e247422219a2989c7932e601ee814248dd503f1655d082272d5ad95e1231e8aa713d92b5ebcbb80ab8de579ab5b474eddee6b038f0f5c5ea91a83ddd388b2754bce8336574bf15cca7e09c0d389c6e0dac4817e5bf9e101c19205eaf52fc6c6c78fbcf4'
const NIST_C0 =
  '00f4a3e5a0726395c64f48d08b5b5f8e6b961f16edbc66944531d7477322a586cec04cac63b83950bfe6596c3858991f27a79d712ab37bf9fb1786aa9981aa43e437d31e6ee5e6eec2ed954f530e468acc45a5db690d81c93292bc8f33e6f6097c8e05190df1b6ccf302219025eced0e'
const NIST_OUT =
  '95b7f17e9802d3577392c6a9c08083b67dd1292265b5f42d237f1c55bb9b10bfcfd82c77a378b8266a0099143b3c2d64611eeeb69acdc055957c139e8b190c7a06955f2c797c2778de940396a501f40e91396acf8d7e45ebdbb53bbf8c975230d2f0ff9106c76119ae498e7fbc03d90f8e4c51627aed5c8d4263d5d2b978873a0de596ee6dc7f7c29e37eee8b34c90dd1cf6a9ddb22b4cbd086b14b35de93da2d5cb1806698cbd7bbb67bfe3d31fd2d1dbd2a1e058a3eb99d7e51f1a938eed5e1c1de23a6b4345d3191409f92f39b3670d8dbfb635d8e6a36932d81033d1448d63b403ddf88e121b6e819ac381226c1321e4b08644f6727c368c5a9f7a4b3ee2'

const SEED_AT = DATA + 0x400
const OUT_AT = DATA + 0x1000
/** An independent SHA-512 Hash_df (SP 800-90A 10.3.1), 888 bits. */
const hashDf = (...parts: Buffer[]): Buffer =>
  Buffer.concat([1, 2].map((i) => createHash('sha512').update(Buffer.concat([Buffer.from([i, 0, 0, 3, 0x78]), ...parts])).digest())).subarray(0, 111)

describe('PRNO SHA-512-DRNG (function 3)', () => {
  /** A machine with a zero parameblock at PB and the NIST seed at SEED_AT. */
  function drng(): ReturnType<typeof prepare> {
    return prepare({ gr: { 1: BigInt(PB) }, mem: { [SEED_AT]: NIST_SEED } }, PRNO)
  }
  const exec = (c: Cpu, g0: bigint, regs: Record<number, bigint>): number => {
    c.rh[0] = 0
    c.rl[0] = Number(g0)
    for (const [n, v] of Object.entries(regs)) {
      c.rh[Number(n)] = Number(v >> 32n)
      c.rl[Number(n)] = Number(v & 0xffffffffn) | 0
    }
    c.loadPsw(c.pswHi(), c.pswLo(), CODE)
    c.run(1)
    return c.cc
  }
  const seedIt = (c: Cpu, at = SEED_AT, len = 48): number => exec(c, 0x83n, { 4: BigInt(at), 5: BigInt(len) })
  const generate = (c: Cpu, len: number, at = OUT_AT): number => exec(c, 3n, { 2: BigInt(at), 3: BigInt(len) })

  it('seed of a zero block instantiates: V and C of the NIST vector, reseed counter 1, seed registers unchanged', () => {
    const { c } = drng()
    const cc = seedIt(c)
    expect({ cc, head: bytes(c, PB, 16), v: bytes(c, PB + 16, 112), c: bytes(c, PB + 128, 112), r4: reg(c, 4), r5: reg(c, 5) }).toEqual({
      cc: 0,
      head: '00000000' + '00000001' + '0000000000000000',
      v: NIST_V0,
      c: NIST_C0,
      r4: BigInt(SEED_AT),
      r5: 48n,
    })
  })

  it('two 256-byte generates: the second gives the NIST output; counter 3, 512 stream bytes, R2/R3 advanced', () => {
    const { c } = drng()
    seedIt(c)
    const first = generate(c, 256)
    const cc = generate(c, 256)
    expect({ first, cc, out: bytes(c, OUT_AT, 256), head: bytes(c, PB, 16), r2: reg(c, 2), r3: reg(c, 3) }).toEqual({
      first: 0,
      cc: 0,
      out: NIST_OUT,
      head: '00000000' + '00000003' + '0000000000000200',
      r2: BigInt(OUT_AT + 256),
      r3: 0n,
    })
  })

  it('seed of an instantiated block reseeds: V = Hash_df(0x01 || V || seed), C = Hash_df(0x00 || V), counter 1, stream bytes kept', () => {
    const { c } = drng()
    seedIt(c)
    generate(c, 64)
    const v = Buffer.from(c.u8.subarray(PB + 17, PB + 128))
    const seed = Buffer.from('0123456789abcdef', 'hex')
    c.u8.set(seed, SEED_AT + 0x100)
    const cc = seedIt(c, SEED_AT + 0x100, 8)
    const v1 = hashDf(Buffer.from([1]), v, seed)
    expect({ cc, head: bytes(c, PB, 16), v: bytes(c, PB + 16, 112), c: bytes(c, PB + 128, 112) }).toEqual({
      cc: 0,
      head: '00000000' + '00000001' + '0000000000000040',
      v: '00' + v1.toString('hex'),
      c: '00' + hashDf(Buffer.from([0]), v1).toString('hex'),
    })
  })

  it('a request beyond 65536 bytes ends with CC 3 after one complete generate; a zero length does nothing', () => {
    const { c } = prepare({ gr: { 1: BigInt(PB) }, mem: { [SEED_AT]: NIST_SEED }, memMiB: 4 }, PRNO)
    seedIt(c)
    const v = Buffer.from(c.u8.subarray(PB + 17, PB + 128))
    const cc = generate(c, 70000, 0x100000)
    // Hashgen: the output is SHA-512(V), SHA-512(V + 1), ...
    const want0 = createHash('sha512').update(v).digest('hex')
    const state = { cc, r2: reg(c, 2), r3: reg(c, 3), head: bytes(c, PB, 16), out0: bytes(c, 0x100000, 64), after: bytes(c, 0x100000 + 65536, 1) }
    const before = bytes(c, PB, PB_LEN)
    const zero = generate(c, 0, 0x180000)
    expect({ ...state, zero, unchanged: bytes(c, PB, PB_LEN) === before }).toEqual({
      cc: 3,
      r2: BigInt(0x100000 + 65536),
      r3: BigInt(70000 - 65536),
      head: '00000000' + '00000002' + '0000000000010000',
      out0: want0,
      after: '00',
      zero: 0,
      unchanged: true,
    })
  })

  it('a parameter block beyond storage: addressing exception', () => {
    const { m, c } = drng()
    c.rl[1] = 0x4000000
    seedIt(c)
    expect({ ia: c.ia, code: m.storage.dv.getUint16(0x8e) }).toEqual({ ia: PGM_TRAP, code: 5 })
  })
})
const PB_LEN = 240
