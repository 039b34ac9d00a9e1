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

/** Absolute storage: `size` bytes, zeroed, plus the storage keys. */
export class Storage {
  readonly size: number
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

  constructor(size: number) {
    if (!Number.isInteger(size) || size < 1 << 20 || size % 4096 !== 0 || size > 4 * 2 ** 30 - 4096) {
      throw new StorageConfigError(`memory size ${size} bytes: must be a multiple of 4 KiB between 1 MiB and 4 GiB`)
    }
    this.size = size
    // Zero-filled and committed lazily by the host OS (calloc/mmap): a 3 GiB guest that touches 20 MiB costs about
    // 20 MiB of resident memory (tests/isa/sclp.test.ts checks it), so no sparse page table is needed on the hot path.
    this.buf = new ArrayBuffer(size)
    this.dv = new DataView(this.buf)
    this.u8 = new Uint8Array(this.buf)
    this.keys = new Uint8Array(size / 4096)
    this.touched = new Uint8Array(size / 4096)
    this.codeMarks = new Uint8Array(size / 4096)
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
