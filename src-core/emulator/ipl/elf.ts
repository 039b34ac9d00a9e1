// IPL from images: ELF64 big-endian s390x (as QEMU's direct kernel boot), a raw Linux image (`S390EP` at 0x10008,
// as QEMU's hw/s390x/ipl.c loads a vmlinuz) and flat `.bin` (IPL PSW at 0).
import { LabError } from '../../domain/errors.ts'
import type { Machine } from '../machine.ts'

/** The image is not a bootable s390x ELF or flat image. */
export class ImageFormatError extends LabError {
  override name = 'ImageFormatError'
  readonly kind = 'input'
}

const ARGS_ADDR = 0x10480
const ARGS_MAX = 896
const TWO32 = 4294967296

/** True when the bytes start with the ELF magic. */
export function isElf(img: Uint8Array): boolean {
  return img.length >= 4 && img[0] === 0x7f && img[1] === 0x45 && img[2] === 0x4c && img[3] === 0x46
}

function copyArgs(m: Machine, args: string, max = ARGS_MAX): void {
  const bytes = new TextEncoder().encode(args)
  if (bytes.length >= max) throw new ImageFormatError(`kernel arguments are ${bytes.length} bytes, at most ${max - 1} fit at 0x10480`)
  m.storage.u8.fill(0, ARGS_ADDR, ARGS_ADDR + max)
  m.storage.u8.set(bytes, ARGS_ADDR)
  m.storage.touch(ARGS_ADDR, max)
}

/** Loads an ELF kernel, copies the arguments and starts CPU 0 in 64-bit mode at the entry point. */
export function iplElf(m: Machine, img: Uint8Array, name: string, args: string): void {
  if (!isElf(img)) throw new ImageFormatError(`${name}: not an ELF file (bad magic)`)
  const dv = new DataView(img.buffer, img.byteOffset, img.byteLength)
  if (img[4] !== 2 || img[5] !== 2) throw new ImageFormatError(`${name}: not a 64-bit big-endian ELF (class ${img[4]}, data ${img[5]})`)
  if (img.length < 64) throw new ImageFormatError(`${name}: truncated ELF header`)
  const machine = dv.getUint16(18)
  if (machine !== 22) throw new ImageFormatError(`${name}: ELF machine ${machine} is not s390 (22)`)
  const entry = dv.getUint32(24) * TWO32 + dv.getUint32(28)
  const phoff = dv.getUint32(36)
  const phentsize = dv.getUint16(54)
  const phnum = dv.getUint16(56)
  if (phoff + phnum * phentsize > img.length) throw new ImageFormatError(`${name}: program headers beyond end of file`)
  let loaded = 0
  for (let i = 0; i < phnum; i++) {
    const p = phoff + i * phentsize
    if (dv.getUint32(p) !== 1) continue
    const off = dv.getUint32(p + 12)
    const paddr = dv.getUint32(p + 28)
    const filesz = dv.getUint32(p + 36)
    const memsz = dv.getUint32(p + 44)
    if (off + filesz > img.length) throw new ImageFormatError(`${name}: segment ${i} extends beyond end of file`)
    m.storage.load(paddr, img.subarray(off, off + filesz))
    if (memsz > filesz) m.storage.u8.fill(0, paddr + filesz, Math.min(paddr + memsz, m.storage.size))
    loaded++
  }
  if (loaded === 0) throw new ImageFormatError(`${name}: no PT_LOAD segments`)
  copyArgs(m, args)
  start(m, name, 0x00000001, 0x80000000, entry)
}

/** Loads a flat image at 0 and starts CPU 0 with the short IPL PSW at absolute 0. */
export function iplFlat(m: Machine, img: Uint8Array, name: string, args: string): void {
  if (img.length < 8) throw new ImageFormatError(`${name}: flat image shorter than an IPL PSW`)
  m.storage.load(0, img)
  const dv = m.storage.dv
  const hi = dv.getUint32(0)
  const lo = dv.getUint32(4)
  if ((hi & 0x00080000) === 0) throw new ImageFormatError(`${name}: IPL PSW at 0 is not an ESA/390 short PSW (bit 12 clear): ${hi.toString(16)} ${lo.toString(16)}`)
  copyArgs(m, args)
  start(m, name, (hi & ~0x00080000) >>> 0, lo & 0x80000000, lo & 0x7fffffff)
}

function start(m: Machine, name: string, hi: number, lo: number, addr: number): void {
  const dv = m.storage.dv
  if (dv.getUint32(0x1a0) === 0 && dv.getUint32(0x1a8) === 0 && dv.getUint32(0x1ac) === 0) {
    dv.setUint32(0x1a0, 0x00000001)
    dv.setUint32(0x1a4, 0x80000000)
    dv.setUint32(0x1ac, 0x10000)
  }
  for (const c of m.cpus) {
    c.initialReset()
    c.stopped = true
  }
  const c0 = m.cpus[0]!
  if (!c0.loadPsw(hi, lo, addr)) throw new ImageFormatError(`${name}: start PSW ${hi.toString(16)} ${lo.toString(16)} @ ${addr.toString(16)} is invalid`)
  c0.stopped = false
}

const LINUX_MAGIC_ADDR = 0x10008
const LINUX_MAGIC = [0x53, 0x33, 0x39, 0x30, 0x45, 0x50] // "S390EP"
/** Where a raw Linux image starts (QEMU's KERN_IMAGE_START). */
export const KERN_IMAGE_START = 0x10000

/** True when the bytes are a raw s390 Linux image: `S390EP` at 0x10008 (the boot entry's parameter-area magic). */
export function isLinuxImage(img: Uint8Array): boolean {
  if (img.length < LINUX_MAGIC_ADDR + LINUX_MAGIC.length) return false
  return LINUX_MAGIC.every((b, i) => img[LINUX_MAGIC_ADDR + i] === b)
}

/** An initial RAM disk for a Linux image (as QEMU's `-initrd`). */
export interface Initrd {
  bytes: Uint8Array
  /** Its file name, for messages. */
  name: string
}

/** Where QEMU puts the initrd (INITRD_START), moved up in 1 MiB steps until it clears the kernel image by 1 MiB. */
const INITRD_START = 0x800000
/** The kernel's parameter area: initrd start and size (8 bytes each), the command line's size limit (0: 896). */
const INITRD_PARM_START = 0x10408
const INITRD_PARM_SIZE = 0x10410
const KERN_PARM_AREA_SIZE_ADDR = 0x10430

/** Where the initrd goes for a kernel image of `kernelBytes` bytes (QEMU's hw/s390x/ipl.c rule). */
export function initrdAddress(kernelBytes: number): number {
  let at = INITRD_START
  while (kernelBytes + 0x100000 > at) at += 0x100000
  return at
}

/** Loads a raw Linux image at 0, copies the command line to 0x10480 and starts CPU 0 in 64-bit mode at 0x10000,
 * as QEMU's direct kernel boot does (its IPL PSW at 0 is skipped, as QEMU skips it). An initrd is loaded above the
 * kernel and its start and size are written into the kernel's parameter area, as QEMU's `-initrd` does. */
export function iplLinux(m: Machine, img: Uint8Array, name: string, args: string, initrd?: Initrd): void {
  if (!isLinuxImage(img)) throw new ImageFormatError(`${name}: no S390EP magic at 0x10008: not a raw Linux image`)
  if (img.length > m.storage.size) throw new ImageFormatError(`${name}: ${img.length} bytes do not fit in ${m.storage.size} bytes of storage`)
  m.storage.load(0, img)
  // Kernels since 5.x say how long a command line they take (0 or absent: the legacy 896 bytes).
  const dv = m.storage.dv
  const limit = img.length >= KERN_PARM_AREA_SIZE_ADDR + 8 ? dv.getUint32(KERN_PARM_AREA_SIZE_ADDR) * TWO32 + dv.getUint32(KERN_PARM_AREA_SIZE_ADDR + 4) : 0
  copyArgs(m, args, limit > 0 && limit <= 0x100000 ? limit : ARGS_MAX)
  if (initrd !== undefined) {
    const at = initrdAddress(img.length)
    if (initrd.bytes.length === 0) throw new ImageFormatError(`${initrd.name}: the initrd is empty`)
    if (at + initrd.bytes.length > m.storage.size)
      throw new ImageFormatError(`${initrd.name}: ${initrd.bytes.length} bytes at 0x${at.toString(16)} do not fit in ${m.storage.size / 1048576} MiB of storage`)
    m.storage.load(at, initrd.bytes)
    dv.setUint32(INITRD_PARM_START, 0)
    dv.setUint32(INITRD_PARM_START + 4, at)
    dv.setUint32(INITRD_PARM_SIZE, Math.floor(initrd.bytes.length / TWO32))
    dv.setUint32(INITRD_PARM_SIZE + 4, initrd.bytes.length >>> 0)
    m.storage.touch(INITRD_PARM_START, 16)
  }
  start(m, name, 0x00000001, 0x80000000, KERN_IMAGE_START)
}

/** Boots any kind of image, choosing by content. */
export function ipl(m: Machine, img: Uint8Array, name: string, args: string, initrd?: Initrd): void {
  const linux = !isElf(img) && isLinuxImage(img)
  if (initrd !== undefined && !linux) throw new ImageFormatError(`${initrd.name}: an initrd needs a raw Linux image (S390EP at 0x10008); ${name} is ${isElf(img) ? 'an ELF kernel' : 'a flat image'}`)
  if (isElf(img)) iplElf(m, img, name, args)
  else if (linux) iplLinux(m, img, name, args, initrd)
  else iplFlat(m, img, name, args)
}
