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
  }

  /** Copies bytes into absolute storage (IPL). */
  load(addr: number, bytes: Uint8Array): void {
    if (addr < 0 || addr + bytes.length > this.size) {
      throw new StorageConfigError(`image segment 0x${addr.toString(16)}+0x${bytes.length.toString(16)} does not fit in ${this.size >>> 20} MiB`)
    }
    this.u8.set(bytes, addr)
  }
}
