// SHA-256 and SHA-512 (FIPS 180-4) for the message-security assist: the block functions CPACF instructions apply to
// a chaining value in their parameter block (KIMD/KLMD), and whole-message digests (the SHA-512 Hash_DRBG of PRNO).
// Platform-neutral (no host crypto: WebCrypto is asynchronous, an instruction is not). The round constants and initial
// hash values are computed exactly as FIPS 180-4 defines them (fractional parts of cube and square roots of primes),
// with integer roots in BigInt once at load, rather than copied as tables.

const PRIMES: number[] = []
for (let n = 2; PRIMES.length < 80; n++) if (PRIMES.every((p) => n % p !== 0)) PRIMES.push(n)

/** floor(x^(1/k)) for a non-negative BigInt (Newton's method). */
function iroot(x: bigint, k: bigint): bigint {
  if (x < 2n) return x
  let r = 1n << (BigInt(x.toString(2).length) / k + 1n)
  for (;;) {
    const next = ((k - 1n) * r + x / r ** (k - 1n)) / k
    if (next >= r) return r
    r = next
  }
}
/** The first `bits` bits of the fractional part of the k-th root of p. */
const frac = (p: number, k: bigint, bits: bigint): bigint => iroot(BigInt(p) << (bits * k), k) & ((1n << bits) - 1n)

/** SHA-512 round constants and initial hash value as high/low 32-bit words. */
const K512 = new Int32Array(160)
const H512 = new Int32Array(16)
/** SHA-256 round constants and initial hash value. */
const K256 = new Int32Array(64)
const H256 = new Int32Array(8)
PRIMES.forEach((p, i) => {
  const k = frac(p, 3n, 64n)
  K512[2 * i] = Number(k >> 32n) | 0
  K512[2 * i + 1] = Number(k & 0xffffffffn) | 0
  if (i < 64) K256[i] = Number(k >> 32n) | 0
  if (i < 8) {
    const h = frac(p, 2n, 64n)
    H512[2 * i] = Number(h >> 32n) | 0
    H512[2 * i + 1] = Number(h & 0xffffffffn) | 0
    H256[i] = Number(h >> 32n) | 0
  }
})

/** The SHA-512 initial hash value (8 doublewords as 16 big-endian words). */
export function sha512Init(): Int32Array {
  return H512.slice()
}
/** The SHA-256 initial hash value (8 words). */
export function sha256Init(): Int32Array {
  return H256.slice()
}

const W512 = new Int32Array(160)
/** Applies the SHA-512 compression function to `h` (16 words) for the 128-byte block at `off` in `dv`. */
export function sha512Block(h: Int32Array, dv: DataView, off: number): void {
  const w = W512
  for (let t = 0; t < 32; t++) w[t] = dv.getInt32(off + t * 4)
  for (let t = 16; t < 80; t++) {
    // sigma0(w[t-15]) = ROTR1 ^ ROTR8 ^ SHR7; sigma1(w[t-2]) = ROTR19 ^ ROTR61 ^ SHR6
    let xh = w[2 * (t - 15)]!
    let xl = w[2 * (t - 15) + 1]!
    const s0h = ((xh >>> 1) | (xl << 31)) ^ ((xh >>> 8) | (xl << 24)) ^ (xh >>> 7)
    const s0l = ((xl >>> 1) | (xh << 31)) ^ ((xl >>> 8) | (xh << 24)) ^ ((xl >>> 7) | (xh << 25))
    xh = w[2 * (t - 2)]!
    xl = w[2 * (t - 2) + 1]!
    const s1h = ((xh >>> 19) | (xl << 13)) ^ ((xl >>> 29) | (xh << 3)) ^ (xh >>> 6)
    const s1l = ((xl >>> 19) | (xh << 13)) ^ ((xh >>> 29) | (xl << 3)) ^ ((xl >>> 6) | (xh << 26))
    let lo = (s0l >>> 0) + (s1l >>> 0) + (w[2 * (t - 7) + 1]! >>> 0) + (w[2 * (t - 16) + 1]! >>> 0)
    const hi = s0h + s1h + w[2 * (t - 7)]! + w[2 * (t - 16)]! + Math.floor(lo / 4294967296)
    lo = lo >>> 0
    w[2 * t] = hi | 0
    w[2 * t + 1] = lo | 0
  }
  let ah = h[0]!, al = h[1]!, bh = h[2]!, bl = h[3]!, ch = h[4]!, cl = h[5]!, dh = h[6]!, dl = h[7]!
  let eh = h[8]!, el = h[9]!, fh = h[10]!, fl = h[11]!, gh = h[12]!, gl = h[13]!, hh = h[14]!, hl = h[15]!
  for (let t = 0; t < 80; t++) {
    // Sigma1(e) = ROTR14 ^ ROTR18 ^ ROTR41; Ch(e,f,g); Sigma0(a) = ROTR28 ^ ROTR34 ^ ROTR39; Maj(a,b,c)
    const S1h = ((eh >>> 14) | (el << 18)) ^ ((eh >>> 18) | (el << 14)) ^ ((el >>> 9) | (eh << 23))
    const S1l = ((el >>> 14) | (eh << 18)) ^ ((el >>> 18) | (eh << 14)) ^ ((eh >>> 9) | (el << 23))
    const chh = (eh & fh) ^ (~eh & gh)
    const chl = (el & fl) ^ (~el & gl)
    let t1l = (hl >>> 0) + (S1l >>> 0) + (chl >>> 0) + (K512[2 * t + 1]! >>> 0) + (w[2 * t + 1]! >>> 0)
    let t1h = hh + S1h + chh + K512[2 * t]! + w[2 * t]! + Math.floor(t1l / 4294967296)
    t1l = t1l >>> 0
    t1h = t1h | 0
    const S0h = ((ah >>> 28) | (al << 4)) ^ ((al >>> 2) | (ah << 30)) ^ ((al >>> 7) | (ah << 25))
    const S0l = ((al >>> 28) | (ah << 4)) ^ ((ah >>> 2) | (al << 30)) ^ ((ah >>> 7) | (al << 25))
    const mjh = (ah & bh) ^ (ah & ch) ^ (bh & ch)
    const mjl = (al & bl) ^ (al & cl) ^ (bl & cl)
    const t2l = (S0l >>> 0) + (mjl >>> 0)
    const t2h = S0h + mjh + Math.floor(t2l / 4294967296)
    hh = gh
    hl = gl
    gh = fh
    gl = fl
    fh = eh
    fl = el
    let x = (dl >>> 0) + t1l
    eh = (dh + t1h + Math.floor(x / 4294967296)) | 0
    el = x | 0
    dh = ch
    dl = cl
    ch = bh
    cl = bl
    bh = ah
    bl = al
    x = t1l + (t2l >>> 0)
    ah = (t1h + t2h + Math.floor(x / 4294967296)) | 0
    al = x | 0
  }
  const add = (i: number, vh: number, vl: number): void => {
    const lo = (h[i + 1]! >>> 0) + (vl >>> 0)
    h[i] = (h[i]! + vh + Math.floor(lo / 4294967296)) | 0
    h[i + 1] = lo | 0
  }
  add(0, ah, al)
  add(2, bh, bl)
  add(4, ch, cl)
  add(6, dh, dl)
  add(8, eh, el)
  add(10, fh, fl)
  add(12, gh, gl)
  add(14, hh, hl)
}

const W256 = new Int32Array(64)
const rotr = (x: number, n: number): number => (x >>> n) | (x << (32 - n))
/** Applies the SHA-256 compression function to `h` (8 words) for the 64-byte block at `off` in `dv`. */
export function sha256Block(h: Int32Array, dv: DataView, off: number): void {
  const w = W256
  for (let t = 0; t < 16; t++) w[t] = dv.getInt32(off + t * 4)
  for (let t = 16; t < 64; t++) {
    const a = w[t - 15]!
    const b = w[t - 2]!
    w[t] = ((rotr(b, 17) ^ rotr(b, 19) ^ (b >>> 10)) + w[t - 7]! + (rotr(a, 7) ^ rotr(a, 18) ^ (a >>> 3)) + w[t - 16]!) | 0
  }
  let a = h[0]!, b = h[1]!, c = h[2]!, d = h[3]!, e = h[4]!, f = h[5]!, g = h[6]!, hh = h[7]!
  for (let t = 0; t < 64; t++) {
    const t1 = (hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K256[t]! + w[t]!) | 0
    const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0
    hh = g
    g = f
    f = e
    e = (d + t1) | 0
    d = c
    c = b
    b = a
    a = (t1 + t2) | 0
  }
  h[0] = (h[0]! + a) | 0
  h[1] = (h[1]! + b) | 0
  h[2] = (h[2]! + c) | 0
  h[3] = (h[3]! + d) | 0
  h[4] = (h[4]! + e) | 0
  h[5] = (h[5]! + f) | 0
  h[6] = (h[6]! + g) | 0
  h[7] = (h[7]! + hh) | 0
}

/** SHA-512 digest (64 bytes) of a whole message given as parts (concatenated). */
export function sha512(...parts: Uint8Array[]): Uint8Array {
  const len = parts.reduce((n, p) => n + p.length, 0)
  // Message, 0x80, zeros, 128-bit length: a multiple of 128 bytes.
  const total = Math.ceil((len + 17) / 128) * 128
  const buf = new Uint8Array(total)
  let o = 0
  for (const p of parts) {
    buf.set(p, o)
    o += p.length
  }
  buf[len] = 0x80
  const dv = new DataView(buf.buffer)
  dv.setUint32(total - 8, Math.floor((len * 8) / 4294967296))
  dv.setUint32(total - 4, (len * 8) >>> 0)
  const h = sha512Init()
  for (let b = 0; b < total; b += 128) sha512Block(h, dv, b)
  const out = new Uint8Array(64)
  const ov = new DataView(out.buffer)
  for (let i = 0; i < 16; i++) ov.setInt32(i * 4, h[i]!)
  return out
}
