// A raw Linux image with an initrd, as QEMU's `-kernel … -initrd …` starts it (hw/s390x/ipl.c): the initrd at 8 MiB,
// moved up in 1 MiB steps until it clears the kernel by 1 MiB, its start and size in the kernel's parameter area at
// 0x10408/0x10410; and the SCLP console input a Linux guest needs: an attention service signal when text is typed.
import { describe, expect, it } from 'vitest'
import { Machine, defaultConfig } from '@core/emulator/machine.ts'
import { boot } from '@core/emulator/boot.ts'
import { initrdAddress } from '@core/emulator/ipl/elf.ts'

/** A minimal raw Linux image of `size` bytes: S390EP at 0x10008, optionally a command-line limit at 0x10430. */
function linuxImage(size: number, cmdlineMax = 0): Uint8Array {
  const img = new Uint8Array(size)
  img.set([0x53, 0x33, 0x39, 0x30, 0x45, 0x50], 0x10008)
  new DataView(img.buffer).setBigUint64(0x10430, BigInt(cmdlineMax))
  // an enabled-wait loop at the entry would do; the test never runs the image
  return img
}
const u64 = (m: Machine, a: number): number => Number(m.storage.dv.getBigUint64(a))

describe('initrd', () => {
  it('goes to 8 MiB after a small kernel and 1 MiB past a large one (QEMU rule)', () => {
    expect(initrdAddress(5_066_752)).toBe(0x800000) // Debian's 6.1 vmlinuz
    expect(initrdAddress(0x700000)).toBe(0x800000) // kernel + 1 MiB == 8 MiB exactly: still fits
    expect(initrdAddress(0x700001)).toBe(0x900000)
    expect(initrdAddress(0x980000)).toBe(0xb00000)
  })

  it('is loaded there and announced in the parameter area, the command line at 0x10480', () => {
    const rd = Uint8Array.from({ length: 5000 }, (_, i) => (i * 7) & 255)
    const m = boot(linuxImage(0x20000), 'vmlinuz', { memMiB: 16, args: 'console=ttysclp0 rdinit=/init', initrd: { bytes: rd, name: 'rd.cpio' } })
    expect({ start: u64(m, 0x10408), size: u64(m, 0x10410) }).toEqual({ start: 0x800000, size: 5000 })
    expect(m.storage.u8.slice(0x800000, 0x800000 + 5000)).toEqual(rd)
    expect(new TextDecoder().decode(m.storage.u8.slice(0x10480, 0x10480 + 30))).toBe('console=ttysclp0 rdinit=/init\0')
    expect(m.cpus[0]!.ia).toBe(0x10000)
  })

  it('refuses an initrd that does not fit, an empty one, and one given with an ELF or flat kernel', () => {
    const big = new Uint8Array(9 * 1048576)
    expect(() => boot(linuxImage(0x20000), 'vmlinuz', { memMiB: 16, initrd: { bytes: big, name: 'big.cpio' } })).toThrow(
      'big.cpio: 9437184 bytes at 0x800000 do not fit in 16 MiB of storage',
    )
    expect(() => boot(linuxImage(0x20000), 'vmlinuz', { memMiB: 16, initrd: { bytes: new Uint8Array(0), name: 'empty.cpio' } })).toThrow('empty.cpio: the initrd is empty')
    const flat = new Uint8Array(64)
    flat.set([0x00, 0x08, 0x00, 0x00, 0x80, 0x01, 0x00, 0x00])
    expect(() => boot(flat, 'k.bin', { memMiB: 16, initrd: { bytes: new Uint8Array(8), name: 'rd' } })).toThrow('rd: an initrd needs a raw Linux image (S390EP at 0x10008); k.bin is a flat image')
  })

  it('takes a command line as long as the kernel says it accepts (0x10430), 896 bytes when it says nothing', () => {
    const long = 'x'.repeat(2000)
    expect(() => boot(linuxImage(0x20000), 'vmlinuz', { memMiB: 16, args: long })).toThrow('kernel arguments are 2000 bytes, at most 895 fit at 0x10480')
    const m = boot(linuxImage(0x20000, 4096), 'vmlinuz', { memMiB: 16, args: long })
    expect(m.storage.u8[0x10480 + 1999]).toBe(0x78)
    expect(m.storage.u8[0x10480 + 2000]).toBe(0)
  })
})

describe('SCLP console input', () => {
  const READ_EVENT_DATA = 0x00770005
  it('raises an attention service signal (parameter 1) only when the guest receives ASCII events', () => {
    const m = new Machine(defaultConfig({ memMiB: 2 }))
    m.sclp.type('ls\n')
    expect(m.sclp.pendingParam).toBe(-1) // receive mask not set: nothing to tell
    m.sclp.receiveMask = 0x40
    m.sclp.type('x')
    expect(m.sclp.pendingParam).toBe(1)
  })

  it('flags the completion of a READ EVENT DATA that left input unread', () => {
    const m = new Machine(defaultConfig({ memMiB: 2 }))
    m.sclp.receiveMask = 0x40
    m.sclp.type('abcdefghij')
    m.sclp.pendingParam = -1
    const c = m.cpus[0]!
    const sccb = 0x3000
    // 8-byte header + 7-byte event header + 5 characters of room
    m.storage.dv.setUint16(sccb, 20)
    expect(m.sclp.serviceCall(c, READ_EVENT_DATA, sccb)).toBe(0)
    expect({ param: m.sclp.pendingParam, left: m.sclp.pendingInput }).toEqual({ param: sccb | 1, left: 'fghij' })
    m.sclp.pendingParam = -1
    m.storage.dv.setUint16(sccb, 4096)
    m.sclp.serviceCall(c, READ_EVENT_DATA, sccb)
    expect({ param: m.sclp.pendingParam, left: m.sclp.pendingInput }).toEqual({ param: sccb, left: '' })
  })
})
