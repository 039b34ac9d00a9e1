// A card deck that IPLs a flat kernel image from a (z/VM virtual) card reader, and carries CP's IPL PARM to the
// kernel's argument area. Sources of each fact: docs/zvm-reader-ipl.md.
//
// Deck (80-byte cards, in order):
//   card 0        IPL record: PSW (8), CCW1 READ next card into the loader area L (command-chained), CCW2 TIC L.
//                 The IPL function reads only bytes 0-23 of it (implied READ of 24 bytes at 0, SLI + chaining).
//   chain cards   format-0 READ CCWs, ten per card, read into L, L+80, ...; the first ones read the remaining
//                 chain cards, so the channel program unrolls itself as it runs.
//   image cards   the flat image in 80-byte slices, each read to its offset from absolute 0.
//   parm cards    the kernel arguments (ASCII, NUL-terminated) at 0x10480, when the deck carries them.
//   stub cards    the PARM stub (below), right after the chain.
//   PSW card      8 bytes read to absolute 0 with the last CCW: the IPL PSW, pointing at the stub (the image cards
//                 overwrote the PSW of card 0 with the image's own).
//
// The stub runs after the IPL I/O with CP's registers: it saves GR0-15 (CP puts the IPL PARM there, EBCDIC, four bytes
// a register from GR0, then one zero byte), restores the image bytes it used, copies a PARM (first byte non-zero) to
// 0x10480 translated to ASCII and NUL-terminated, clears the loader area but its last 76 bytes, reloads the registers
// as CP left them and loads the image's IPL PSW from absolute 0 (LPSW): the kernel starts as from a direct flat IPL.
// ESA/390 instructions only, as a reader IPL starts the CPU in ESA/390 mode.
import { CP037_TO_UNICODE } from '../../domain/ebcdic.ts'
import { LabError } from '../../domain/errors.ts'
import { CARD_BYTES } from '../devices/card-reader.ts'
import { CCW_FLAG_CC, CCW_FLAG_SLI, CCW_READ, CCW_TIC } from '../devices/ccw-device.ts'

/** Bytes per card (reader/punch record length, as `vmur punch` slices files). */
export { CARD_BYTES }
/** Where our kernels (and Linux, and QEMU's -append) keep the kernel command line. */
export const ARGS_ADDR = 0x10480
/** Longest argument string a deck carries (as the emulator's direct IPL: 896 bytes with the NUL). */
export const DECK_ARGS_MAX = 895
/** Longest IPL PARM CP accepts (CP Commands and Utilities Reference, IPL: "up to 64 bytes"). */
export const CP_PARM_MAX = 64
/** Where the stub saves CP's GR0-15 for a moment (the image's bytes there are restored before the kernel runs). */
const SAVE_ADDR = 0xfc0


/** The image cannot be put on a reader deck, or the arguments do not fit. */
export class ReaderDeckError extends LabError {
  override name = 'ReaderDeckError'
  readonly kind = 'input'
}

/** A built deck and where it puts things (for tests and the log). */
export interface ReaderDeck {
  /** The cards, back to back (length a multiple of 80): what `vmur punch` sends, record for record. */
  bytes: Uint8Array
  cards: number
  /** Loader area (chain CCWs, then the stub), above the image and the arguments. */
  loaderAddr: number
  stubAddr: number
  imageCards: number
  argCards: number
  chainCards: number
  /** The PSW the IPL loads (the stub's), as 8 bytes. */
  iplPsw: Uint8Array
}

/** EBCDIC (CP037) byte → ASCII byte for TR; characters outside ASCII become '?' (kernels read an ASCII line). */
const EBCDIC_TO_ASCII_TABLE: Uint8Array = (() => {
  const t = new Uint8Array(256)
  for (let b = 0; b < 256; b++) {
    const cp = CP037_TO_UNICODE[b] as number
    t[b] = cp === 0 ? 0 : cp >= 0x20 && cp < 0x7f ? cp : 0x3f
  }
  return t
})()

const align8 = (n: number): number => Math.ceil(n / 8) * 8

// Stub offsets (from its start S; base register 12 holds S+6 after BASR).
const BASE_OFF = 6
const ST = { noparm: 52, tail: 408, orig: 68, imgPsw: 132, argsA: 140, clrA: 144, clrL: 148, table: 152, saved: 420, end: 484 } as const

/** Assembles the stub for start address `s` (see the file comment). */
function assembleStub(s: number, loaderAddr: number, image: Uint8Array): Uint8Array {
  const b = new Uint8Array(ST.end)
  const dv = new DataView(b.buffer)
  const d = (off: number): number => {
    const disp = off - BASE_OFF
    if (disp < 0 || disp > 0xfff) throw new Error(`stub offset ${off} out of base range`)
    return 0xc000 | disp
  }
  let p = 0
  const bytes = (...v: number[]): void => {
    b.set(v, p)
    p += v.length
  }
  const h = (v: number): [number, number] => [(v >>> 8) & 0xff, v & 0xff]
  const expectAt = (label: string, off: number): void => {
    if (p !== off) throw new Error(`stub layout: ${label} at ${p}, expected ${off}`)
  }
  bytes(0x90, 0x0f, ...h(SAVE_ADDR)) // STM   0,15,X'FC0'(0)
  bytes(0x0d, 0xc0) // BASR  12,0
  bytes(0xd2, 0x3f, ...h(d(ST.saved)), ...h(SAVE_ADDR)) // MVC   SAVED(64,12),X'FC0'(0)
  bytes(0xd2, 0x3f, ...h(SAVE_ADDR), ...h(d(ST.orig))) // MVC   X'FC0'(64,0),ORIG(12)
  bytes(0xd2, 0x07, ...h(0x0000), ...h(d(ST.imgPsw))) // MVC   0(8,0),IMGPSW(12)
  bytes(0x95, 0x00, ...h(d(ST.saved))) // CLI   SAVED(12),0
  bytes(0x47, 0x80, ...h(d(ST.noparm))) // BC    8,NOPARM(12)
  bytes(0x58, 0x10, ...h(d(ST.argsA))) // L     1,ARGSA(12)
  bytes(0xd2, 0x3f, ...h(0x1000), ...h(d(ST.saved))) // MVC   0(64,1),SAVED(12)
  bytes(0x92, 0x00, ...h(0x1040)) // MVI   64(1),0
  bytes(0xdc, 0x3f, ...h(0x1000), ...h(d(ST.table))) // TR    0(64,1),TABLE(12)
  expectAt('NOPARM', ST.noparm)
  bytes(0x58, 0x20, ...h(d(ST.clrA))) // L     2,CLRA(12)
  bytes(0x58, 0x30, ...h(d(ST.clrL))) // L     3,CLRL(12)
  bytes(0x1b, 0x44) // SR    4,4
  bytes(0x1b, 0x55) // SR    5,5   (MVCL: source length 0, pad byte 0)
  bytes(0x47, 0xf0, ...h(d(ST.tail))) // BC    15,TAIL(12)
  expectAt('ORIG', ST.orig)
  b.set(image.subarray(SAVE_ADDR, SAVE_ADDR + 64), ST.orig) // ORIG: the image's bytes under the save area
  b.set(image.subarray(0, 8), ST.imgPsw) // IMGPSW: the image's IPL PSW
  dv.setUint32(ST.argsA, ARGS_ADDR)
  dv.setUint32(ST.clrA, loaderAddr)
  dv.setUint32(ST.clrL, s + ST.tail - loaderAddr)
  b.set(EBCDIC_TO_ASCII_TABLE, ST.table)
  p = ST.tail
  bytes(0x0e, 0x24) // TAIL: MVCL 2,4  (clears the loader area up to here)
  bytes(0x98, 0x0f, ...h(d(ST.saved))) // LM    0,15,SAVED(12)
  bytes(0x82, 0x00, ...h(0x0000)) // LPSW  0(0)
  return b
}

function ccw0(dv: DataView, at: number, cmd: number, addr: number, flags: number, count: number): void {
  dv.setUint32(at, ((cmd << 24) | addr) >>> 0)
  dv.setUint8(at + 4, flags)
  dv.setUint8(at + 5, 0)
  dv.setUint16(at + 6, count)
}

/** Kernel arguments as the deck carries them: printable ASCII, NUL-terminated. */
function argBytes(args: string): Uint8Array {
  if (args.length > DECK_ARGS_MAX) throw new ReaderDeckError(`kernel arguments are ${args.length} characters; a deck carries at most ${DECK_ARGS_MAX}`)
  const out = new Uint8Array(args.length + 1)
  for (let i = 0; i < args.length; i++) {
    const c = args.charCodeAt(i)
    if (c < 0x20 || c > 0x7e) throw new ReaderDeckError(`kernel arguments: character ${JSON.stringify(args[i])} at ${i} is not printable ASCII`)
    out[i] = c
  }
  return out
}

/**
 * Builds a reader IPL deck for a flat image (IPL PSW at 0, loaded at 0). `args` (may be empty) go on parm cards at
 * 0x10480; a CP IPL PARM given at IPL time replaces them (see the file comment).
 */
export function buildReaderDeck(image: Uint8Array, opts: { args?: string; name?: string } = {}): ReaderDeck {
  const name = opts.name ?? 'image'
  if (image.length >= 4 && image[0] === 0x7f && image[1] === 0x45 && image[2] === 0x4c && image[3] === 0x46)
    throw new ReaderDeckError(`${name}: is an ELF file; a reader deck carries the flat image (.bin), loaded at 0`)
  if (image.length < 8) throw new ReaderDeckError(`${name}: ${image.length} bytes, shorter than an IPL PSW`)
  const idv = new DataView(image.buffer, image.byteOffset, image.byteLength)
  const hi = idv.getUint32(0)
  const lo = idv.getUint32(4)
  if ((hi & 0x00080000) === 0) throw new ReaderDeckError(`${name}: the PSW at 0 is not an ESA/390 IPL PSW (bit 12 clear): ${hi.toString(16).padStart(8, '0')} ${lo.toString(16).padStart(8, '0')}`)
  const args = argBytes(opts.args ?? '')
  const withArgs = args.length > 1
  const imageCards = Math.ceil(image.length / CARD_BYTES)
  const argCards = withArgs ? Math.ceil(args.length / CARD_BYTES) : 0
  const stubCards = Math.ceil(ST.end / CARD_BYTES)
  const loaderAddr = align8(Math.max(imageCards * CARD_BYTES, withArgs ? ARGS_ADDR + argCards * CARD_BYTES : 0, SAVE_ADDR + 64))
  // CCWs: the chain cards after the first, the image, the arguments, the stub, the PSW card; ten CCWs a chain card.
  let chainCards = 1
  for (;;) {
    const ccws = chainCards - 1 + imageCards + argCards + stubCards + 1
    const need = Math.ceil(ccws / 10)
    if (need === chainCards) break
    chainCards = need
  }
  const stubAddr = loaderAddr + chainCards * CARD_BYTES
  if (stubAddr + stubCards * CARD_BYTES > 0xffffff) throw new ReaderDeckError(`${name}: ${image.length} bytes do not fit below 16 MiB, the reach of format-0 CCWs`)
  const iplPsw = new Uint8Array(8)
  const pdv = new DataView(iplPsw.buffer)
  pdv.setUint32(0, hi)
  pdv.setUint32(4, ((lo & 0x80000000) | stubAddr) >>> 0)

  const cards = 1 + chainCards + imageCards + argCards + stubCards + 1
  const bytes = new Uint8Array(cards * CARD_BYTES)
  const dv = new DataView(bytes.buffer)
  // Card 0: the IPL record.
  bytes.set(iplPsw, 0)
  ccw0(dv, 8, CCW_READ, loaderAddr, CCW_FLAG_CC | CCW_FLAG_SLI, CARD_BYTES)
  ccw0(dv, 16, CCW_TIC, loaderAddr, 0, 0)
  // Chain cards: the channel program, as it will lie at loaderAddr.
  const chain = new DataView(bytes.buffer, CARD_BYTES, chainCards * CARD_BYTES)
  let k = 0
  const read = (addr: number, last = false): void => {
    ccw0(chain, k * 8, CCW_READ, addr, last ? CCW_FLAG_SLI : CCW_FLAG_CC | CCW_FLAG_SLI, last ? 8 : CARD_BYTES)
    k++
  }
  for (let j = 1; j < chainCards; j++) read(loaderAddr + j * CARD_BYTES)
  for (let j = 0; j < imageCards; j++) read(j * CARD_BYTES)
  for (let j = 0; j < argCards; j++) read(ARGS_ADDR + j * CARD_BYTES)
  for (let j = 0; j < stubCards; j++) read(stubAddr + j * CARD_BYTES)
  read(0, true)
  // The data cards, in the order the chain reads them.
  let at = (1 + chainCards) * CARD_BYTES
  bytes.set(image, at)
  at += imageCards * CARD_BYTES
  if (withArgs) bytes.set(args, at)
  at += argCards * CARD_BYTES
  bytes.set(assembleStub(stubAddr, loaderAddr, image), at)
  at += stubCards * CARD_BYTES
  bytes.set(iplPsw, at)
  return { bytes, cards, loaderAddr, stubAddr, imageCards, argCards, chainCards, iplPsw }
}

/**
 * GR0-15 as CP loads them for `IPL ... PARM text`: the text in EBCDIC, four bytes a register from GR0, one zero byte
 * after it (a 64-byte PARM fills all sixteen and has none); registers past it are zero (IPL CLEAR resets them).
 */
export function cpParmRegisters(parm: Uint8Array): number[] {
  if (parm.length > CP_PARM_MAX) throw new ReaderDeckError(`IPL PARM of ${parm.length} bytes: CP accepts at most ${CP_PARM_MAX}`)
  const area = new Uint8Array(64)
  area.set(parm)
  const dv = new DataView(area.buffer)
  return Array.from({ length: 16 }, (_, r) => dv.getUint32(r * 4))
}
