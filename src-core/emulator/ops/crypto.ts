// CPACF (message-security assist, POP ch. 7): the query function of every instruction, with the operand and
// function-code checks the architecture makes before any cryptographic work; COMPUTE INTERMEDIATE / LAST MESSAGE
// DIGEST with SHA-256 and SHA-512 (functions 2 and 3); CIPHER MESSAGE WITH CHAINING's PRNG (function 67);
// PERFORM RANDOM NUMBER OPERATION (MSA 5, facility 57) with its SHA-512-DRNG, TRNG-query-raw-to-conditioned-ratio and
// TRNG functions. The other instructions install only query.
import type { Cpu } from '../cpu/cpu.ts'
import type { Exec } from '../isa/decode.ts'
import { pgm } from '../cpu/exceptions.ts'
import { ACC_FETCH, ACC_STORE, PGM_SPECIFICATION } from '../cpu/constants.ts'
import { sha256Block, sha512, sha512Block } from './sha2.ts'
import { desKeySchedule, tdeaEncrypt } from './des.ts'

/** Which register operands an instruction has (checked for odd/zero numbers), whether bit 56 (modifier) is allowed,
 * whether R3 must differ from R1 and R2 (KMA), and whether the condition code is set (PCKMO leaves it unchanged). */
interface CpacfShape {
  r1: boolean
  r2: boolean
  r3: boolean
  modifier: boolean
  r3Distinct?: boolean
  keepsCc?: boolean
  /** Installed functions other than query, by function code (each sets the condition code). */
  fns?: Readonly<Record<number, (c: Cpu) => void>>
}

function cpacf(shape: CpacfShape): Exec {
  // Query: the 128-bit mask of installed functions, bit n for function code n.
  const mask = [0x80000000 | 0, 0, 0, 0]
  for (const f of Object.keys(shape.fns ?? {}).map(Number)) mask[f >>> 5] = mask[f >>> 5]! | (0x80000000 >>> (f & 31))
  return (c: Cpu) => {
    const reg = (r: number): void => {
      if (r === 0 || r & 1) pgm(PGM_SPECIFICATION)
    }
    if (shape.r3Distinct && (c.r3 === c.r1 || c.r3 === c.r2)) pgm(PGM_SPECIFICATION)
    if (shape.r3) reg(c.r3)
    if (shape.r1) reg(c.r1)
    if (shape.r2) reg(c.r2)
    const fc = c.rl[0]! & 0xff
    if (fc & 0x80 && !shape.modifier) pgm(PGM_SPECIFICATION)
    if ((fc & 0x7f) !== 0) {
      const fn = shape.fns?.[fc & 0x7f]
      if (fn === undefined) pgm(PGM_SPECIFICATION)
      return fn(c)
    }
    const a = c.raddr(1)
    c.probe(a, 16, ACC_STORE)
    for (let i = 0; i < 4; i++) c.wr32(c.wrap(a + i * 4), mask[i]!)
    if (!shape.keepsCc) c.cc = 0
  }
}
const R12 = { r1: true, r2: true, r3: false, modifier: true }
export const km = cpacf(R12)
/** KMC: the PRNG function (67); the ciphers are not installed. */
export const kmc = cpacf({ ...R12, fns: { 67: (c) => kmcPrng(c) } })
export const kmf = cpacf(R12)
export const kmo = cpacf(R12)
export const kmctr = cpacf({ r1: true, r2: true, r3: true, modifier: true })
/** KMA (MSA 8, facility 146): R1, R2, R3 even and nonzero, R3 neither R1 nor R2. */
export const kma = cpacf({ r1: true, r2: true, r3: true, modifier: true, r3Distinct: true })
export const kmac = cpacf({ r1: false, r2: true, r3: false, modifier: false })
/** KIMD (facility 17): SHA-256 (2) and SHA-512 (3) over whole blocks. */
export const kimd = cpacf({ r1: false, r2: true, r3: false, modifier: false, fns: { 2: (c) => digest(c, SHA256, false), 3: (c) => digest(c, SHA512, false) } })
/** KLMD (facility 17): SHA-256 (2) and SHA-512 (3), the last block padded with the message bit length. */
export const klmd = cpacf({ r1: false, r2: true, r3: false, modifier: false, fns: { 2: (c) => digest(c, SHA256, true), 3: (c) => digest(c, SHA512, true) } })
/** PCKMO (MSA 3, privileged): the condition code remains unchanged. */
export const pckmo = cpacf({ r1: false, r2: false, r3: false, modifier: false, keepsCc: true })
export const pcc = cpacf({ r1: false, r2: false, r3: false, modifier: false })

// ---- KMC-PRNG (POP ch. 7 CIPHER MESSAGE WITH CHAINING, function 67) ---------------------------------------------
// ANSI X9.17 with TDEA: the parameter block (GR1) is the chaining value and keys K1, K2, K3 (8 bytes each). Per
// 8-byte block P of the second operand (R2 pair): t = TDEA(P), C = TDEA(t XOR ICV) into the first operand (R1),
// ICV = TDEA(C XOR t) into the parameter block; the registers advance per block. A second-operand length that is not
// a multiple of 8 is a specification exception; at most KMC_PRNG_UNIT bytes per execution, then CC 3.

/** Bytes per execution: ops/des.ts is plain (about 0.2 ms per TDEA block here), so 8 blocks keep an execution short. */
const KMC_PRNG_UNIT = 64

function kmcPrng(c: Cpu): void {
  const r1 = c.r1
  const r2 = c.r2
  let len = opLength(c, r2 + 1)
  if (len % 8 !== 0) pgm(PGM_SPECIFICATION)
  const pb = c.raddr(1)
  if (len > 0) c.probe(pb, 8, ACC_STORE)
  const block = len > 0 ? fetchBytes(c, pb, 32) : new Uint8Array(32)
  const ks = [0, 1, 2].map((k) => desKeySchedule(block.subarray(8 + k * 8, 16 + k * 8)))
  const xor = (a: Uint8Array, b: Uint8Array): Uint8Array => a.map((v, i) => v ^ b[i]!)
  let icv: Uint8Array = block.slice(0, 8)
  for (let done = 0; len > 0; done += 8) {
    if (done === KMC_PRNG_UNIT) {
      c.cc = 3
      return
    }
    const t = tdeaEncrypt(ks, fetchBytes(c, c.raddr(r2), 8))
    const out = tdeaEncrypt(ks, xor(t, icv))
    storeBytes(c, c.raddr(r1), out)
    icv = tdeaEncrypt(ks, xor(out, t))
    storeBytes(c, pb, icv)
    c.setRaddr(r1, c.wrap(c.raddr(r1) + 8))
    if (r1 !== r2) c.setRaddr(r2, c.wrap(c.raddr(r2) + 8))
    len -= 8
    if (c.amode === -1) c.rh[r2 + 1] = Math.floor(len / 4294967296) | 0
    c.rl[r2 + 1] = len | 0
  }
  c.cc = 0
}

// ---- COMPUTE INTERMEDIATE / LAST MESSAGE DIGEST: SHA-256, SHA-512 (POP ch. 7) --------------------------------------
// GR1: the parameter block, the chaining value (ICV/OCV; for KLMD followed by the message bit length, MBL); R2 pair:
// the second operand (address, length in bits 32-63 outside the 64-bit mode). KIMD's length must be a multiple of
// the block size (specification exception); KLMD pads the last, partial or empty block with a one bit, zeros and
// the MBL (a second block when the MBL does not fit). At most DIGEST_BLOCKS blocks per execution, then CC 3 with
// the chaining value stored and R2/R2+1 advanced past them.

/** One SHA-2 variant: block size, chaining-value size, MBL size, compression function. */
interface ShaKind {
  block: number
  icv: number
  mbl: number
  compress: (h: Int32Array, dv: DataView, off: number) => void
}
const SHA256: ShaKind = { block: 64, icv: 32, mbl: 8, compress: sha256Block }
const SHA512: ShaKind = { block: 128, icv: 64, mbl: 16, compress: sha512Block }
/** Full blocks one execution processes before it ends with CC 3 (the CPU-determined amount). */
const DIGEST_BLOCKS = 64

function digest(c: Cpu, k: ShaKind, last: boolean): void {
  const r = c.r2
  let len = opLength(c, r + 1)
  if (!last && len % k.block !== 0) pgm(PGM_SPECIFICATION)
  if (!last && len === 0) {
    c.cc = 0
    return
  }
  const pb = c.raddr(1)
  c.probe(pb, k.icv, ACC_STORE)
  const pv = new DataView(fetchBytes(c, pb, k.icv + (last ? k.mbl : 0)).buffer)
  const h = new Int32Array(k.icv / 4)
  for (let i = 0; i < h.length; i++) h[i] = pv.getInt32(i * 4)
  let a = c.raddr(r)
  let done = 0
  for (let n = 0; len >= k.block && n < DIGEST_BLOCKS; n++) {
    k.compress(h, new DataView(fetchBytes(c, a, k.block).buffer), 0)
    a = c.wrap(a + k.block)
    len -= k.block
    done += k.block
  }
  if (last && len < k.block) {
    // The tail, 0x80, zeros, and the MBL in the last k.mbl bytes: of this block, or of one more.
    const tail = new Uint8Array(2 * k.block)
    tail.set(fetchBytes(c, a, len))
    tail[len] = 0x80
    const blocks = len < k.block - k.mbl ? 1 : 2
    tail.set(new Uint8Array(pv.buffer, k.icv, k.mbl), blocks * k.block - k.mbl)
    const tv = new DataView(tail.buffer)
    for (let b = 0; b < blocks; b++) k.compress(h, tv, b * k.block)
    done += len
    len = 0
  }
  for (let i = 0; i < h.length; i++) c.wr32(c.wrap(pb + i * 4), h[i]!)
  advance(c, r, done)
  c.cc = len === 0 ? 0 : 3
}

// ---- PERFORM RANDOM NUMBER OPERATION (POP ch. 7, MSA 5) ----------------------------------------------------------
// GR0 bits 57-63 the function code, bit 56 the modifier (SHA-512-DRNG: 1 seed, 0 generate; ignored otherwise), GR1
// the parameter block; R1 and R2 designate even-odd pairs (address, length): for TRNG the raw and the conditioned
// output, for SHA-512-DRNG generate the output (R1), for seed the seed (R2). Lengths are bits 32-63 of the odd
// register outside the 64-bit addressing mode; addresses advance as the addressing mode does.

const PRNO_SHA512_DRNG = 3
const PRNO_TRNG_QRTCR = 112
const PRNO_TRNG = 114
/** Installed PRNO functions as the query's 128-bit mask: 0, 3, 112, 114. */
const PRNO_MASK = [0x90000000, 0, 0, 0x0000a000]
/** Bytes TRNG stores per execution before it ends with condition code 3 (the CPU-determined amount). */
const TRNG_UNIT = 4096
/** Bytes one SHA-512-DRNG generate execution produces at most: NIST SP 800-90A's limit per request (2^19 bits);
 * a longer request ends with condition code 3 after a complete generate, and the program branches back. */
const DRNG_UNIT = 65536
/** SHA-512-DRNG parameter block: reseed counter (word at 4), stream bytes (doubleword at 8), V and C (112 bytes
 * each, a zero byte and the 888-bit value: seedlen of SHA-512 Hash_DRBG). */
const PB_RESEED = 4
const PB_STREAM = 8
const PB_V = 16
const PB_C = 128
const PB_LEN = 240
const SEEDLEN = 111

/** The operand length in register `r` (the odd register of a pair) in the current addressing mode. */
function opLength(c: Cpu, r: number): number {
  return c.amode === -1 ? c.rnum(r) : c.rl[r]! >>> 0
}
/** Advances the operand pair at `r` (address, length) by `n` bytes. */
function advance(c: Cpu, r: number, n: number): void {
  c.setRaddr(r, c.wrap(c.raddr(r) + n))
  const left = opLength(c, r + 1) - n
  if (c.amode === -1) {
    c.rh[r + 1] = Math.floor(left / 4294967296) | 0
  }
  c.rl[r + 1] = left | 0
}
/** Stores `bytes` at logical `a` (every page checked first, so nothing is stored when one is inaccessible). */
function storeBytes(c: Cpu, a: number, bytes: Uint8Array): void {
  c.probe(a, bytes.length, ACC_STORE)
  for (let i = 0; i < bytes.length; ) {
    const n = Math.min(bytes.length - i, 4096 - (a & 0xfff))
    c.u8.set(bytes.subarray(i, i + n), c.abs(a, ACC_STORE))
    i += n
    a = c.wrap(a + n)
  }
}
/** Fetches `n` bytes at logical `a`. */
function fetchBytes(c: Cpu, a: number, n: number): Uint8Array {
  c.probe(a, n, ACC_FETCH)
  const out = new Uint8Array(n)
  for (let i = 0; i < n; ) {
    const k = Math.min(n - i, 4096 - (a & 0xfff))
    const p = c.abs(a, ACC_FETCH)
    out.set(c.u8.subarray(p, p + k), i)
    i += k
    a = c.wrap(a + k)
  }
  return out
}
/**
 * A deterministic entropy source for reproducible runs (`labcon emu --entropy-seed`): the bytes of SHA-512(seed as 8
 * bytes, big-endian || block counter as 8 bytes) for counter 0, 1, 2, ... in order. Not random: the same seed gives
 * the same TRNG bytes (so the same KASLR placement of a Linux kernel) on every run.
 */
export function seededEntropy(seed: number): (out: Uint8Array) => void {
  if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError(`entropy seed ${seed}: expected an integer from 0 to ${Number.MAX_SAFE_INTEGER}`)
  const input = new Uint8Array(16)
  const dv = new DataView(input.buffer)
  dv.setUint32(0, Math.floor(seed / 4294967296))
  dv.setUint32(4, seed >>> 0)
  let counter = 0
  let block: Uint8Array = new Uint8Array(0)
  let used = 0
  return (out) => {
    for (let i = 0; i < out.length; i++) {
      if (used === block.length) {
        dv.setUint32(8, Math.floor(counter / 4294967296))
        dv.setUint32(12, counter >>> 0)
        counter++
        block = sha512(input)
        used = 0
      }
      out[i] = block[used++]!
    }
  }
}
/** Host randomness (the machine's entropy source, else globalThis.crypto, at most 65536 bytes per call). */
function randomBytes(c: Cpu, n: number): Uint8Array {
  const out = new Uint8Array(n)
  const source = c.m.config.entropy
  for (let i = 0; i < n; i += 65536) {
    const part = out.subarray(i, Math.min(n, i + 65536))
    if (source !== undefined) source(part)
    else globalThis.crypto.getRandomValues(part)
  }
  return out
}

/** TRNG (function 114): random bytes into the first (raw) then the second (conditioned) operand, a page at a time
 * with the registers advanced past each (an access exception leaves them past what was stored); condition code 3
 * after TRNG_UNIT bytes, 0 when both lengths reached zero. */
function trng(c: Cpu): void {
  let budget = TRNG_UNIT
  for (const r of [c.r1, c.r2]) {
    let left = opLength(c, r + 1)
    while (left > 0) {
      if (budget === 0) {
        c.cc = 3
        return
      }
      const a = c.raddr(r)
      const n = Math.min(left, budget, 4096 - (a & 0xfff))
      storeBytes(c, a, randomBytes(c, n))
      advance(c, r, n)
      left -= n
      budget -= n
    }
  }
  c.cc = 0
}

/** seedlen-byte big-endian sum a + b (b of any length up to seedlen, right-aligned), modulo 2^888, into a. */
function addInto(a: Uint8Array, b: Uint8Array): void {
  let carry = 0
  for (let i = a.length - 1, j = b.length - 1; i >= 0; i--, j--) {
    const s = a[i]! + (j >= 0 ? b[j]! : 0) + carry
    a[i] = s & 0xff
    carry = s >>> 8
  }
}
/** Hash_df of SP 800-90A (10.3.1) with SHA-512, returning seedlen bytes. */
function hashDf(...input: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(128)
  for (let i = 0; i < 2; i++) {
    // counter (one byte) || no_of_bits_to_return (888, four bytes) || input
    out.set(sha512(Uint8Array.of(i + 1, 0, 0, (SEEDLEN * 8) >>> 8, (SEEDLEN * 8) & 0xff), ...input), i * 64)
  }
  return out.subarray(0, SEEDLEN)
}

/** SHA-512-DRNG seed (modifier 1): with a zero reseed counter the Hash_DRBG instantiate (V from the seed, stream
 * bytes zeroed), otherwise its reseed (V from 0x01 || V || seed); C = Hash_df(0x00 || V); reseed counter 1. The
 * seed operand (R2 pair) is read whole and its registers are left unchanged. */
function drngSeed(c: Cpu, pb: number): void {
  c.probe(pb, PB_LEN, ACC_STORE)
  const block = fetchBytes(c, pb, PB_LEN)
  const bv = new DataView(block.buffer)
  const seed = fetchBytes(c, c.raddr(c.r2), opLength(c, c.r2 + 1))
  const counter = bv.getUint32(PB_RESEED)
  const v = counter === 0 ? hashDf(seed) : hashDf(Uint8Array.of(1), block.subarray(PB_V + 1, PB_V + 1 + SEEDLEN), seed)
  const cc = hashDf(Uint8Array.of(0), v)
  block.fill(0, PB_V, PB_LEN)
  block.set(v, PB_V + 1)
  block.set(cc, PB_C + 1)
  bv.setUint32(PB_RESEED, 1)
  if (counter === 0) bv.setBigUint64(PB_STREAM, 0n)
  storeBytes(c, pb, block)
  c.cc = 0
}

/** SHA-512-DRNG generate (modifier 0): one Hash_DRBG generate of up to DRNG_UNIT bytes into the first operand
 * (Hashgen from V), then V = V + Hash(0x03 || V) + C + reseed counter, the counter and stream bytes advanced;
 * condition code 3 when the first-operand length is not yet zero. */
function drngGenerate(c: Cpu, pb: number): void {
  const len = opLength(c, c.r1 + 1)
  c.probe(pb, PB_LEN, ACC_STORE)
  if (len === 0) {
    c.cc = 0
    return
  }
  const block = fetchBytes(c, pb, PB_LEN)
  const bv = new DataView(block.buffer)
  const v = block.slice(PB_V + 1, PB_V + 1 + SEEDLEN)
  const n = Math.min(len, DRNG_UNIT)
  const out = new Uint8Array(Math.ceil(n / 64) * 64)
  const data = v.slice()
  for (let o = 0; o < out.length; o += 64) {
    out.set(sha512(data), o)
    addInto(data, Uint8Array.of(1))
  }
  storeBytes(c, c.raddr(c.r1), out.subarray(0, n))
  const counter = bv.getUint32(PB_RESEED)
  addInto(v, sha512(Uint8Array.of(3), v))
  addInto(v, block.subarray(PB_C + 1, PB_C + 1 + SEEDLEN))
  addInto(v, block.subarray(PB_RESEED, PB_RESEED + 4))
  block.set(v, PB_V + 1)
  bv.setUint32(PB_RESEED, (counter + 1) >>> 0)
  bv.setBigUint64(PB_STREAM, bv.getBigUint64(PB_STREAM) + BigInt(n))
  storeBytes(c, pb, block)
  advance(c, c.r1, n)
  c.cc = n < len ? 3 : 0
}

/** PRNO (B93C, RRE): R1 and R2 even and nonzero; an uninstalled function code is a specification exception. */
export const prno: Exec = (c) => {
  if (c.r1 === 0 || c.r1 & 1 || c.r2 === 0 || c.r2 & 1) pgm(PGM_SPECIFICATION)
  const g0 = c.rl[0]! & 0xff
  const pb = c.raddr(1)
  switch (g0 & 0x7f) {
    case 0:
      c.probe(pb, 16, ACC_STORE)
      for (let i = 0; i < 4; i++) c.wr32(c.wrap(pb + i * 4), PRNO_MASK[i]!)
      c.cc = 0
      return
    case PRNO_SHA512_DRNG:
      return g0 & 0x80 ? drngSeed(c, pb) : drngGenerate(c, pb)
    case PRNO_TRNG_QRTCR:
      // Raw and conditioned bytes come from the same host generator: one raw byte per conditioned byte.
      c.probe(pb, 8, ACC_STORE)
      c.wr32(pb, 1)
      c.wr32(c.wrap(pb + 4), 1)
      c.cc = 0
      return
    case PRNO_TRNG:
      return trng(c)
    default:
      pgm(PGM_SPECIFICATION)
  }
}
