// Reading a kernel image the user named: a regular file of bounded size, so `/dev/zero`, a FIFO or a huge file cannot
// make the console read without end or exhaust memory.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs'
import { LabError } from '@core/domain/errors'

/** Largest kernel image we read (kvm-unit-tests kernels are well under 1 MiB; the emulator's storage is capped too). */
export const MAX_KERNEL_BYTES = 64 << 20

/** A kernel path that is not a regular file or is too large; names the path. */
export class KernelFileError extends LabError {
  override readonly name = 'KernelFileError'
  readonly kind = 'config'
}

/** Reads `path` if it is a regular file of at most `max` bytes; throws KernelFileError otherwise (or the fs error). */
export function readKernelFile(path: string, max = MAX_KERNEL_BYTES): Uint8Array {
  return readRegularFile(path, max, 'a kernel image is an ELF or flat .bin file', `${max >> 20} MiB a kernel image may have`)
}

/** Largest initrd (QEMU loads it below 4 GiB of guest storage; ours are a few MiB). */
export const MAX_INITRD_BYTES = 1 << 30

/** Reads an initial RAM disk (a cpio archive, possibly compressed) under the same rules as a kernel. */
export function readInitrdFile(path: string): Uint8Array {
  return readRegularFile(path, MAX_INITRD_BYTES, 'an initrd is a cpio archive, possibly compressed', '1 GiB an initrd may have')
}

/** Largest snapshot file (the format's 32-bit length field). */
export const MAX_SNAPSHOT_BYTES = 0xffffffff

/** Reads an emulator snapshot file under the same rules as a kernel (a regular file, at most 4 GiB). */
export function readSnapshotFile(path: string): Uint8Array {
  return readRegularFile(path, MAX_SNAPSHOT_BYTES, 'a snapshot is a file written by labcon emu --snapshot-at or kept with a failing result', '4 GiB a snapshot may have')
}

function readRegularFile(path: string, max: number, whatItIs: string, limit: string): Uint8Array {
  // O_NONBLOCK: opening a FIFO must not wait for a writer before the type check below refuses it.
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK)
  try {
    const st = fstatSync(fd)
    if (!st.isFile()) throw new KernelFileError(`${path}: not a regular file (${whatItIs})`)
    if (st.size > max) throw new KernelFileError(`${path}: ${st.size} bytes is larger than the ${limit}`)
    const buf = new Uint8Array(st.size)
    let off = 0
    while (off < buf.length) {
      const n = readSync(fd, buf, off, buf.length - off, off)
      if (n === 0) break
      off += n
    }
    return off === buf.length ? buf : buf.subarray(0, off)
  } finally {
    closeSync(fd)
  }
}
