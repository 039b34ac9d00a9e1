// The snapshot file format: a versioned, checksummed container for one machine's state (snapshot/machine-state.ts
// decides what goes in). Layout, big-endian:
//   0  magic "LABCSNAP" (8 bytes)
//   8  u32 format version (SNAPSHOT_FORMAT_VERSION)
//  12  u32 total length of the file in bytes (checked before anything else is read: a truncated file says so)
//  16  u16 length + UTF-8 emulator version (EMULATOR_VERSION of the writer)
//   …  sections: 4-byte ASCII tag, u32 length, payload
//        STAT  the state as JSON (registers, devices, config; 64-bit values as hex strings)
//        KEYS  one storage-key byte per 4K frame
//        PAGE  the non-zero 4K frames: u32 frame number + 4096 bytes each (zero frames are left out)
//        BLOB  one opaque byte string (a reader deck, an IPL block); referenced from STAT by index, in order
// last 4  CRC-32 (IEEE) of every byte before it
import { LabError } from '../../domain/errors.ts'

/** First 8 bytes of every snapshot file. */
export const SNAPSHOT_MAGIC = 'LABCSNAP'
/** Version of the layout above and of the STAT JSON's shape; a reader refuses any other. */
export const SNAPSHOT_FORMAT_VERSION = 1

const PAGE = 4096
const HEADER_FIXED = 18

/** A snapshot that cannot be used: not one, corrupt, truncated, or written by another format or emulator version. */
export class SnapshotError extends LabError {
  override readonly name = 'SnapshotError'
  readonly kind = 'config'
}

/** The decoded parts of a snapshot file. */
export interface SnapshotParts {
  /** EMULATOR_VERSION of the writer. */
  emulatorVersion: string
  /** The STAT section, parsed. */
  state: unknown
  /** Storage keys, one byte per frame. */
  keys: Uint8Array
  /** Non-zero frames of absolute storage by frame number. */
  pages: Map<number, Uint8Array>
  blobs: Uint8Array[]
}

/** What to write: the state object and the storage it describes (only non-zero frames are stored). */
export interface SnapshotInput {
  emulatorVersion: string
  state: unknown
  storage: Uint8Array
  keys: Uint8Array
  /** Frames that may be non-zero (the others are known to be zero and are not read); default every frame. */
  candidates?: Iterable<number>
  blobs: Uint8Array[]
}

const CRC_TABLE = (() => {
  const t = new Int32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    t[n] = c
  }
  return t
})()

/**
 * Bytes per call of the loops below. Emulator threads run without on-stack replacement (src-main/runner/emulator-v8.ts),
 * so a loop over a whole snapshot in one call would run in V8's baseline code to its end (~1 s for 22 MB, against
 * ~60 ms optimized): split into calls, the loop's function is optimized after its first few chunks.
 */
const CHUNK = 0x10000

/** CRC-32 (IEEE 802.3, as zlib) of `b`. */
export function crc32(b: Uint8Array, crc = 0): number {
  let c = ~crc
  for (let s = 0; s < b.length; s += CHUNK) c = crcChunk(b, s, Math.min(b.length, s + CHUNK), c)
  return ~c >>> 0
}
function crcChunk(b: Uint8Array, from: number, to: number, c: number): number {
  for (let i = from; i < to; i++) c = CRC_TABLE[(c ^ b[i]!) & 0xff]! ^ (c >>> 8)
  return c
}

/** True when the 4K frame `f` of `words` (storage as int32) holds a non-zero byte (a call per frame: see CHUNK). */
function frameNonZero(words: Int32Array, f: number): boolean {
  let acc = 0
  for (let i = f * (PAGE / 4), e = i + PAGE / 4; i < e; i++) acc |= words[i]!
  return acc !== 0
}

/** Frame numbers, ascending, of the non-zero 4K frames of `storage` among `candidates` (default: all). */
export function nonZeroFrames(storage: Uint8Array, candidates?: Iterable<number>): number[] {
  const words = new Int32Array(storage.buffer, storage.byteOffset, storage.byteLength >>> 2)
  const frames = candidates ? [...new Set(candidates)].sort((a, b) => a - b) : Array.from({ length: words.length / (PAGE / 4) }, (_, f) => f)
  const out: number[] = []
  for (const f of frames) if (frameNonZero(words, f)) out.push(f)
  return out
}

/** Encodes a snapshot file. */
export function encodeSnapshot(input: SnapshotInput): Uint8Array {
  const enc = new TextEncoder()
  const version = enc.encode(input.emulatorVersion)
  const stat = enc.encode(JSON.stringify(input.state))
  const frames = nonZeroFrames(input.storage, input.candidates)
  const sections: Array<[string, number]> = [
    ['STAT', stat.length],
    ['KEYS', input.keys.length],
    ['PAGE', frames.length * (4 + PAGE)],
    ...input.blobs.map((b): [string, number] => ['BLOB', b.length]),
  ]
  const total = HEADER_FIXED + version.length + sections.reduce((s, [, n]) => s + 8 + n, 0) + 4
  if (total > 0xffffffff) throw new SnapshotError(`snapshot of ${total} bytes is larger than the format's 4 GiB limit`)
  const out = new Uint8Array(total)
  const dv = new DataView(out.buffer)
  let p = 0
  for (let i = 0; i < 8; i++) out[p++] = SNAPSHOT_MAGIC.charCodeAt(i)
  dv.setUint32(p, SNAPSHOT_FORMAT_VERSION)
  dv.setUint32(p + 4, total)
  dv.setUint16(p + 8, version.length)
  p += 10
  out.set(version, p)
  p += version.length
  const section = (tag: string, len: number): void => {
    for (let i = 0; i < 4; i++) out[p++] = tag.charCodeAt(i)
    dv.setUint32(p, len)
    p += 4
  }
  section('STAT', stat.length)
  out.set(stat, p)
  p += stat.length
  section('KEYS', input.keys.length)
  out.set(input.keys, p)
  p += input.keys.length
  section('PAGE', frames.length * (4 + PAGE))
  for (const f of frames) {
    dv.setUint32(p, f)
    out.set(input.storage.subarray(f * PAGE, (f + 1) * PAGE), p + 4)
    p += 4 + PAGE
  }
  for (const b of input.blobs) {
    section('BLOB', b.length)
    out.set(b, p)
    p += b.length
  }
  dv.setUint32(p, crc32(out.subarray(0, p)))
  return out
}

/**
 * Decodes a snapshot file; `source` names it in every error (a path, or "snapshot from worker 3"). Refuses, in this
 * order: not a snapshot (magic), another format version, a truncated or over-long file, a checksum mismatch, a
 * malformed section; the emulator version is returned for the caller to check.
 */
export function decodeSnapshot(bytes: Uint8Array, source: string): SnapshotParts {
  const fail = (what: string): never => {
    throw new SnapshotError(`${source}: ${what}`)
  }
  if (bytes.length < HEADER_FIXED) fail(`not a labcon snapshot: ${bytes.length} bytes, shorter than a snapshot header`)
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const magic = String.fromCharCode(...bytes.subarray(0, 8))
  if (magic !== SNAPSHOT_MAGIC) fail(`not a labcon snapshot: starts with ${JSON.stringify(magic.replace(/[^\x20-\x7e]/g, '.'))}, expected "${SNAPSHOT_MAGIC}"`)
  const format = dv.getUint32(8)
  if (format !== SNAPSHOT_FORMAT_VERSION) fail(`snapshot format version ${format}; this emulator reads version ${SNAPSHOT_FORMAT_VERSION} only`)
  const total = dv.getUint32(12)
  if (bytes.length < total) fail(`truncated: ${bytes.length} of ${total} bytes`)
  if (bytes.length > total) fail(`${bytes.length - total} bytes of trailing data after the ${total}-byte snapshot`)
  const want = dv.getUint32(total - 4)
  const got = crc32(bytes.subarray(0, total - 4))
  if (want !== got) fail(`checksum mismatch (stored CRC-32 ${hex8(want)}, computed ${hex8(got)}): the file is corrupt`)
  const vlen = dv.getUint16(16)
  if (HEADER_FIXED + vlen > total - 4) fail('corrupt header: the emulator version runs past the end')
  const dec = new TextDecoder('utf-8', { fatal: false })
  const emulatorVersion = dec.decode(bytes.subarray(HEADER_FIXED, HEADER_FIXED + vlen))
  let p = HEADER_FIXED + vlen
  let state: unknown
  let keys: Uint8Array | null = null
  const pages = new Map<number, Uint8Array>()
  const blobs: Uint8Array[] = []
  const end = total - 4
  while (p < end) {
    if (p + 8 > end) fail(`corrupt section header at byte ${p}`)
    const tag = String.fromCharCode(...bytes.subarray(p, p + 4))
    const len = dv.getUint32(p + 4)
    p += 8
    if (p + len > end) fail(`section ${JSON.stringify(tag)} at byte ${p - 8} runs past the end (${len} bytes)`)
    const body = bytes.subarray(p, p + len)
    if (tag === 'STAT') {
      try {
        state = JSON.parse(dec.decode(body)) as unknown
      } catch (e) {
        fail(`corrupt state section: ${(e as Error).message}`)
      }
    } else if (tag === 'KEYS') keys = body
    else if (tag === 'PAGE') {
      if (len % (4 + PAGE) !== 0) fail(`corrupt storage section: ${len} bytes is not whole frames`)
      for (let q = 0; q < len; q += 4 + PAGE) pages.set(dv.getUint32(p + q), body.subarray(q + 4, q + 4 + PAGE))
    } else if (tag === 'BLOB') blobs.push(body)
    else fail(`unknown section ${JSON.stringify(tag.replace(/[^\x20-\x7e]/g, '.'))} at byte ${p - 8}`)
    p += len
  }
  if (state === undefined) fail('no state section')
  if (keys === null) fail('no storage-key section')
  return { emulatorVersion, state, keys: keys!, pages, blobs }
}

function hex8(n: number): string {
  return `0x${n.toString(16).padStart(8, '0')}`
}
