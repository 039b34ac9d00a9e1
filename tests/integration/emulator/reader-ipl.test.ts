// IPL from a virtual card reader: the deck our z/VM driver punches, executed by the emulator's reader IPL (implied
// READ 24 at 0, then the deck's own format-0 channel program), with CP's PARM in GR0-15 as CP loads it.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { Machine, defaultConfig } from '@core/emulator/machine.ts'
import { CardReader, iplFromReader, ReaderIplError } from '@core/emulator/devices/card-reader.ts'
import { buildReaderDeck, cpParmRegisters, ReaderDeckError } from '@core/emulator/ipl/reader-deck.ts'
import { encodeEbcdic } from '@core/domain/ebcdic.ts'

const kernel = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../../resources/kernels/${name}`, import.meta.url)))

/** Runs the machine to its end (or `maxSlices` slices of a million instructions) and returns the console text. */
async function runToEnd(m: Machine, maxSlices = 400): Promise<string> {
  for (let i = 0; i < maxSlices && m.exitStatus === null; i++) {
    const r = m.run(1_000_000)
    if (r.ended) break
    if (r.idleMs > 0) await new Promise((res) => setTimeout(res, Math.min(r.idleMs, 50)))
  }
  return m.consoleText
}

function boot(deck: Uint8Array, parm: string | null, memMiB = 128): Machine {
  const m = new Machine(defaultConfig({ memMiB }))
  iplFromReader(m, new CardReader(deck), parm === null ? [] : cpParmRegisters(encodeEbcdic(parm)))
  return m
}

describe('reader IPL deck', () => {
  it('starts with an IPL record: the stub PSW, READ of the first chain card into the loader area, TIC to it', () => {
    const deck = buildReaderDeck(kernel('selftest.bin'))
    const card0 = deck.bytes.subarray(0, 24)
    const L = deck.loaderAddr
    const u24 = (n: number): number[] => [(n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff]
    expect([...card0]).toEqual([
      ...[0x00, 0x08, 0x00, 0x00, 0x80, ...u24(deck.stubAddr)],
      ...[0x02, ...u24(L), 0x60, 0x00, 0x00, 0x50],
      ...[0x08, ...u24(L), 0x00, 0x00, 0x00, 0x00],
    ])
    expect(deck.bytes.length).toBe(deck.cards * 80)
    expect(deck.imageCards).toBe(Math.ceil(83890 / 80))
    // the PSW card ends the deck: the IPL PSW again, read to 0 by the last CCW
    expect([...deck.bytes.subarray(deck.bytes.length - 80, deck.bytes.length - 72)]).toEqual([...deck.iplPsw])
  })

  it('refuses an ELF, a PSW without bit 12, and arguments that are not printable ASCII', () => {
    expect(() => buildReaderDeck(kernel('selftest.elf'), { name: 'selftest.elf' })).toThrow(new ReaderDeckError('selftest.elf: is an ELF file; a reader deck carries the flat image (.bin), loaded at 0'))
    expect(() => buildReaderDeck(new Uint8Array(16), { name: 'z.bin' })).toThrow(/z.bin: the PSW at 0 is not an ESA\/390 IPL PSW/)
    expect(() => buildReaderDeck(kernel('selftest.bin'), { args: 'a\tb' })).toThrow(/character "\\t" at 1 is not printable ASCII/)
    expect(() => cpParmRegisters(new Uint8Array(65))).toThrow('IPL PARM of 65 bytes: CP accepts at most 64')
  })

  it('CP PARM registers: EBCDIC, four bytes a register from GR0, a zero byte after the text', () => {
    expect(cpParmRegisters(encodeEbcdic('test 1')).slice(0, 3)).toEqual([0xa385a2a3, 0x40f10000, 0])
  })
})

describe('kernels IPLed from the reader', () => {
  it('selftest boots from its own IPL record and sees the IPL PARM as its arguments', async () => {
    const deck = buildReaderDeck(kernel('selftest.bin'))
    const m = boot(deck.bytes, 'test 123 mem=128')
    const out = await runToEnd(m)
    expect(out).toContain("boot arguments 'test 123 mem=128'")
    expect(out).not.toMatch(/^FAIL/m)
    expect(out).toMatch(/^SUMMARY: \d+ tests$/m)
    expect(m.exitStatus).toBe(1)
  })

  it('the stub hands over as a direct IPL would: image PSW and bytes back, loader area cleared, CP registers kept', () => {
    const image = kernel('selftest.bin')
    const deck = buildReaderDeck(image)
    const regs = cpParmRegisters(encodeEbcdic('test 123'))
    const m = new Machine(defaultConfig({ jit: 'off' }))
    iplFromReader(m, new CardReader(deck.bytes), regs)
    const c = m.cpus[0]!
    expect(c.ia).toBe(deck.stubAddr)
    const entry = new DataView(image.buffer, image.byteOffset).getUint32(4) & 0x7fffffff
    for (let i = 0; i < 100 && c.ia !== entry; i++) m.run(1)
    const u8 = m.storage.u8
    expect({
      ia: c.ia,
      regs: [...c.rl].map((r) => r >>> 0),
      psw: [...u8.subarray(0, 8)],
      saveArea: [...u8.subarray(0xfc0, 0x1000)],
      subsystemId: m.storage.dv.getUint32(0xb8),
      args: new TextDecoder().decode(u8.subarray(0x10480, 0x10489)),
      loaderCleared: u8.subarray(deck.loaderAddr, deck.stubAddr + 408).every((b) => b === 0),
    }).toEqual({
      ia: entry,
      regs,
      psw: [...image.subarray(0, 8)],
      saveArea: [...image.subarray(0xfc0, 0x1000)],
      subsystemId: 0x00010000,
      args: 'test 123\0',
      loaderCleared: true,
    })
  })

  it('a 64-byte PARM fills all sixteen registers and still ends at 64 characters', async () => {
    const parm = 'test 123 mem=128 ' + 'x'.repeat(64 - 17)
    const m = boot(buildReaderDeck(kernel('selftest.bin')).bytes, parm)
    const out = await runToEnd(m)
    expect(out).toContain(`boot arguments '${parm}'`)
  })

  it('without a PARM the kernel reads the arguments the deck carries (longer than CP allows in a PARM)', async () => {
    const args = 'test 123 mem=128 ' + 'y'.repeat(80)
    const m = boot(buildReaderDeck(kernel('selftest.bin'), { args }).bytes, null)
    const out = await runToEnd(m)
    expect(out).toContain(`boot arguments '${args}'`)
  })

  it('a PARM given at IPL replaces the arguments on the deck', async () => {
    const m = boot(buildReaderDeck(kernel('selftest.bin'), { args: 'from the deck' }).bytes, 'test 123 mem=128')
    expect(await runToEnd(m)).toContain("boot arguments 'test 123 mem=128'")
  })

  it('a deck cut short ends the IPL with the reader at end of file', () => {
    const deck = buildReaderDeck(kernel('selftest.bin')).bytes
    const m = new Machine(defaultConfig())
    expect(() => iplFromReader(m, new CardReader(deck.subarray(0, 80 * 40)))).toThrow(ReaderIplError)
    expect(() => iplFromReader(new Machine(defaultConfig()), new CardReader(deck.subarray(0, 80 * 40)))).toThrow(/end of the reader file \(unit exception\) after 40 cards/)
  })
})
