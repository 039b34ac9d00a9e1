// Absolute storage of one machine: one ArrayBuffer, big-endian access through DataView, one key byte per 4K frame.
import { LabError } from '../../domain/errors.ts'

/** Thrown when the machine cannot be built with the requested storage. */
export class StorageConfigError extends LabError {
  override name = 'StorageConfigError'
  readonly kind = 'config'
}

/** Storage key byte layout: ACC (4 bits) | F | R | C | unused. */
export const SKEY_ACC = 0xf0
export const SKEY_FETCH = 0x08
export const SKEY_REF = 0x04
export const SKEY_CHANGE = 0x02

/**
 * Bytes reserved above storage in its WebAssembly memory for the state WebAssembly code shares with the CPUs
 * (Storage.alloc): the instruction cache (4 MiB), the code marks (a byte per frame), the JIT's heat counts and
 * ~20 CPUs (a CPU beyond that keeps arrays of its own and the JavaScript loop). V8 counts a WebAssembly memory's
 * whole size as external memory, which paces its garbage collections: the area is kept small.
 */
export const STATE_BYTES = 6 << 20
/** Words of the interpreter's instruction cache (cpu/interpret.ts InsnCache: K.W words for each of K.SLOTS). */
export const INSN_CACHE_WORDS = 8 * 0x20000
/** The most 64 KiB pages of a WebAssembly memory (4 GiB). */
const MAX_WASM_PAGES = 65536

/** Absolute storage: `size` bytes, zeroed, plus the storage keys. */
export class Storage {
  readonly size: number
  /**
   * The WebAssembly memory that holds this storage from address 0 and, above it, the CPU state (STATE_BYTES, see
   * alloc) that WebAssembly code reads and writes; null when storage and that state do not fit one (4 GiB), and
   * then `buf` is a plain ArrayBuffer and alloc returns null.
   */
  readonly memory: WebAssembly.Memory | null
  /** The buffer storage lies in (from 0, `size` bytes; a WebAssembly memory's buffer is longer: `dv` and `u8` are not). */
  readonly buf: ArrayBuffer
  readonly dv: DataView
  readonly u8: Uint8Array
  readonly keys: Uint8Array
  /**
   * 1 for frames that may hold non-zero bytes: loaded, accessed by a CPU (every TLB fill) or written by a device
   * (`touch`). A snapshot reads only these (plus lowcores and keyed frames): reading an untouched frame of a fresh
   * multi-GiB buffer costs a page fault each, seconds per snapshot.
   */
  readonly touched: Uint8Array
  /** 1 for frames the interpreter has taken instructions from: a store there makes it compare the bytes of the
   * instructions it cached again (cpu/interpret.ts, newEpoch). */
  readonly codeMarks: Uint8Array

  /** `wasm: false`: a plain buffer and no state area (the CPUs keep their own arrays and the JavaScript loop). */
  constructor(size: number, opts: { wasm?: boolean } = {}) {
    if (!Number.isInteger(size) || size < 1 << 20 || size % 4096 !== 0 || size > 4 * 2 ** 30 - 4096) {
      throw new StorageConfigError(`memory size ${size} bytes: must be a multiple of 4 KiB between 1 MiB and 4 GiB`)
    }
    this.size = size
    // Zero-filled and committed lazily by the host OS (calloc/mmap): a 3 GiB guest that touches 20 MiB costs about
    // 20 MiB of resident memory (tests/isa/sclp.test.ts checks it), so no sparse page table is needed on the hot path.
    // (a WebAssembly memory's pages are committed lazily as well)
    const pages = Math.ceil((size + STATE_BYTES) / 65536)
    this.memory = pages <= MAX_WASM_PAGES && opts.wasm !== false ? new WebAssembly.Memory({ initial: pages, maximum: pages }) : null
    this.buf = this.memory === null ? new ArrayBuffer(size) : this.memory.buffer
    this.insnCache = this.memory === null ? null : { q: new Int32Array(this.buf, size, INSN_CACHE_WORDS), epoch: 0 }
    this.stateBase = size + INSN_CACHE_WORDS * 4
    this.stateAt = this.stateBase
    this.dv = new DataView(this.buf, 0, size)
    this.u8 = new Uint8Array(this.buf, 0, size)
    this.keys = new Uint8Array(size / 4096)
    this.touched = new Uint8Array(size / 4096)
    // (in the state area: the WebAssembly loop marks the frames it takes instructions from too)
    this.codeMarks = this.memory === null ? new Uint8Array(size / 4096) : new Uint8Array(this.buf, this.stateBase, size / 4096)
    if (this.memory !== null) this.stateBase = this.stateAt = this.stateBase + size / 4096
  }

  /**
   * The interpreter's instruction cache for the CPUs of this storage, in its WebAssembly memory (null without one:
   * they share their thread's). It stays with the storage when another machine reuses it (wipe), with its epoch:
   * its entries are compared with storage again in every new epoch, so what the last machine left is harmless.
   */
  readonly insnCache: { readonly q: Int32Array; epoch: number } | null
  /** Where the state area's allocations start (after the instruction cache) and the next free byte (alloc). */
  private stateBase: number
  private stateAt: number

  /**
   * `bytes` of the state area above storage in its WebAssembly memory, zeroed, aligned to 64 bytes; null when there
   * is no WebAssembly memory or its state area is used up (callers then use arrays of their own). wipe() frees it all.
   */
  alloc(bytes: number): Uint8Array | null {
    const at = Math.ceil(this.stateAt / 64) * 64
    if (this.memory === null || at + bytes > this.size + STATE_BYTES) return null
    this.stateAt = at + bytes
    return new Uint8Array(this.buf, at, bytes)
  }

  /** Marks the frames of [addr, addr+len) as possibly non-zero (device and IPL writes that bypass the CPU). */
  touch(addr: number, len: number): void {
    const last = Math.min(this.touched.length - 1, Math.floor((addr + Math.max(len, 1) - 1) / 4096))
    for (let f = Math.max(0, Math.floor(addr / 4096)); f <= last; f++) this.touched[f] = 1
  }

  /**
   * Makes this storage what a new Storage of its size is, for another machine: zeroes the frames in `frames`, which
   * must name every frame that may hold a non-zero byte (snapshot/machine-state.ts candidateFrames of the machine
   * that used it: touched, keyed and lowcore frames), and clears the keys and marks. Costs a few microseconds per
   * frame the machine used, where a new buffer costs a page fault per frame used again plus V8's collection of the
   * old one (its external memory makes V8 collect about once per 128 MiB machine).
   */
  wipe(frames: Iterable<number>): void {
    const n = this.touched.length
    for (const f of frames) if (f >= 0 && f < n) this.u8.fill(0, f * 4096, f * 4096 + 4096)
    this.keys.fill(0)
    this.touched.fill(0)
    this.codeMarks.fill(0)
    if (this.memory !== null) {
      new Uint8Array(this.buf).fill(0, this.stateBase, this.stateAt)
      this.stateAt = this.stateBase
    }
  }

  /** Copies bytes into absolute storage (IPL). */
  load(addr: number, bytes: Uint8Array): void {
    if (addr < 0 || addr + bytes.length > this.size) {
      throw new StorageConfigError(`image segment 0x${addr.toString(16)}+0x${bytes.length.toString(16)} does not fit in ${this.size >>> 20} MiB`)
    }
    this.u8.set(bytes, addr)
    this.touch(addr, bytes.length)
  }
}
