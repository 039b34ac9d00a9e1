// STORE SYSTEM INFORMATION (POP ch. 10), STORE HYPERVISOR INFORMATION (facility 74) and the machine identity.
//
// Identity: the built-in emulator names itself (1.1.1 manufacturer "LABCON", 3.2.2 control-program identifier
// "LABCON") on a z15 CPU model (type 8561, cpu/model.ts), so kernels that look for "QEMU" (TCG) or "KVM/" take the paths they take
// on a real machine and must pass them. The `qemu-tcg` identity answers as QEMU 7.2 TCG does (manufacturer "QEMU",
// CPI "KVM/Linux") for comparing the TCG paths of a kernel on both.
import type { Cpu } from '../cpu/cpu.ts'
import { pgm } from '../cpu/exceptions.ts'
import { ACC_STORE, PGM_SPECIFICATION } from '../cpu/constants.ts'
import { CPU_MODEL } from '../cpu/model.ts'

/** Machine type reported by STIDP and STSI 1.1.1: the claimed CPU model's (cpu/model.ts). */
export const MACHINE_TYPE = CPU_MODEL.type

/** How the machine names itself in STSI. */
export type Identity = 'labcon' | 'qemu-tcg'

/** The STSI strings of each identity (ASCII; stored in EBCDIC). */
export const IDENTITIES: Readonly<Record<Identity, { manufacturer: string; cpi: string }>> = {
  labcon: { manufacturer: 'LABCON', cpi: 'LABCON' },
  'qemu-tcg': { manufacturer: 'QEMU', cpi: 'KVM/Linux' },
}

const ASCII_TO_EBCDIC: Record<string, number> = {}
{
  const up = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
  const upCodes = [0xc1, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6, 0xc7, 0xc8, 0xc9, 0xd1, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9]
  for (let i = 0; i < 26; i++) {
    ASCII_TO_EBCDIC[up[i]!] = upCodes[i]!
    ASCII_TO_EBCDIC[up[i]!.toLowerCase()] = upCodes[i]! - 0x40
  }
  for (let i = 0; i < 10; i++) ASCII_TO_EBCDIC[String(i)] = 0xf0 + i
  Object.assign(ASCII_TO_EBCDIC, { ' ': 0x40, '/': 0x61, '-': 0x60, '.': 0x4b, _: 0x6d, ':': 0x7a })
}
/** EBCDIC bytes of an ASCII string (unknown characters become '?'). */
export function toEbcdic(s: string): number[] {
  return [...s].map((ch) => ASCII_TO_EBCDIC[ch] ?? 0x6f)
}

/** Offsets in the 1.1.1 block (basic machine configuration). */
const SI111_MANUFACTURER = 32
const SI111_TYPE = 48
const SI111_SEQUENCE = 64
const SI111_PLANT = 96
/** The partition name in 2.2.2 (its LPAR number is 0). */
const LPAR_NAME = 'LABCON'

function put(buf: Uint8Array, off: number, s: string, len: number): void {
  const e = toEbcdic(s.padEnd(len, ' ').slice(0, len))
  buf.set(e, off)
}

/**
 * The 4K STSI response block for function code `fc`, selectors `sel1`/`sel2`, as CPU `c` stores it; null for a
 * combination this machine does not provide (CC 3). Every byte not set here is zero (reserved fields).
 */
function buildBlock(c: Cpu, fc: number, sel1: number, sel2: number): Uint8Array | null {
  const m = c.m
  const conf = m.cpus.length
  const total = m.maxCpus
  const reserved = total - conf
  const b = new Uint8Array(4096)
  const dv = new DataView(b.buffer)
  const id = IDENTITIES[m.config.identity ?? 'labcon']
  if (fc === 1 && sel1 === 1 && sel2 === 1) {
    put(b, SI111_MANUFACTURER, id.manufacturer, 16)
    put(b, SI111_TYPE, MACHINE_TYPE.toString(16).toUpperCase(), 4)
    put(b, SI111_SEQUENCE, 'LABCON', 16)
    put(b, 80, 'LABCON', 16)
    put(b, SI111_PLANT, 'LABC', 4)
  } else if (fc === 1 && sel1 === 2 && sel2 === 1) {
    put(b, 80, 'LABCONLABCONLABC', 16)
    put(b, 96, 'LABC', 4)
    dv.setUint16(102, c.addr)
  } else if (fc === 1 && sel1 === 2 && sel2 === 2) {
    dv.setUint32(32, 0x443afc29)
    dv.setUint16(36, total)
    dv.setUint16(38, conf)
    dv.setUint16(42, reserved)
  } else if (fc === 2 && sel1 === 2 && sel2 === 1) {
    put(b, 80, 'LABCONLABCONLABC', 16)
    put(b, 96, 'LABC', 4)
    dv.setUint16(102, c.addr)
  } else if (fc === 2 && sel1 === 2 && sel2 === 2) {
    b[35] = 0x80
    dv.setUint16(36, total)
    dv.setUint16(38, conf)
    dv.setUint16(42, reserved)
    put(b, 44, LPAR_NAME, 8)
    dv.setUint32(52, 1000)
    dv.setUint16(72, conf)
  } else if (fc === 3 && sel1 === 2 && sel2 === 2) {
    b[31] = 1
    const v = 32
    dv.setUint16(v + 4, total)
    dv.setUint16(v + 6, conf)
    dv.setUint16(v + 10, reserved)
    const name = m.config.vmName ?? 'LABCON'
    put(b, v + 12, name, 8)
    dv.setUint32(v + 20, 1000)
    put(b, v + 24, id.cpi, 16)
    b[v + 43] = 2
    const uuid = m.config.uuid
    if (uuid !== undefined) {
      const hex = uuid.replace(/-/g, '')
      for (let i = 0; i < 16; i++) b[v + 48 + i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16)
    }
    const ext = new TextEncoder().encode(name).slice(0, 255)
    b.set(ext, 2048)
  } else {
    return null
  }
  return b
}

/**
 * Response blocks already built, per machine, by (function code, selectors, CPU address). What a block holds comes
 * from the machine's configuration, which never changes during its life (a restored snapshot is a new machine), and
 * from the storing CPU's address: built once, stored as often as a program asks (exittime times 60,000 STSIs).
 */
const BLOCKS = new WeakMap<Cpu['m'], Map<number, Uint8Array | null>>()

/** Executes STSI for CPU `c` with operand address `a`; returns the condition code. */
export function stsi(c: Cpu, a: number): number {
  const r0 = c.rl[0]! >>> 0
  const r1 = c.rl[1]! >>> 0
  const fc = r0 >>> 28
  if (fc > 3) return 3
  if (r0 & 0x0fffff00 || r1 & 0xffff0000) pgm(PGM_SPECIFICATION)
  if (fc === 0) {
    c.rl[0] = 3 << 28
    return 0
  }
  if (a % 4096 !== 0) pgm(PGM_SPECIFICATION)
  const sel1 = r0 & 0xff
  const sel2 = r1 & 0xffff
  let blocks = BLOCKS.get(c.m)
  if (blocks === undefined) BLOCKS.set(c.m, (blocks = new Map()))
  const key = ((fc * 256 + sel1) * 65536 + sel2) * 65536 + c.addr
  let b = blocks.get(key)
  if (b === undefined) blocks.set(key, (b = buildBlock(c, fc, sel1, sel2)))
  if (b === null) return 3
  storePage(c, a, b)
  return 0
}

/**
 * Stores the 4K block `b` at the 4K-aligned logical address `a` as one store access: every access exception (and a
 * PER storage-alteration event) is recognized before anything is stored, as for `wr32` stores of the whole block;
 * one translation serves the page (it is one frame), which also sets its reference and change bits and drops
 * translations of code in it, exactly as the first of those `wr32` stores would.
 */
function storePage(c: Cpu, a: number, b: Uint8Array): void {
  c.probe(a, 4096, ACC_STORE)
  const abs = c.abs(a, ACC_STORE)
  c.u8.set(b, abs)
}

/** STHYI return codes (R2+1) and the response layout of function code 0 (CPU capacity information), as KVM answers
 * it (z/VM CP Programming Services, "STHYI"): header, machine section, partition section. */
const STHYI_RC_OK = 0
const STHYI_RC_UNSUPPORTED = 4
const HDR_LEN = 48
const MACH_LEN = 64
const PART_LEN = 56
const MACH_CNT_VLD = 0x80
const MACH_ID_VLD = 0x40
const PART_CNT_VLD = 0x80
const PART_STSI_SUC = 0x10

/** STORE HYPERVISOR INFORMATION (RRE; facility 74): function code in GR R1, 4K response buffer at GR R2, return
 * code to GR R2+1. R1 = R2 or an odd R1/R2: specification. A function code other than 0 (bits 48-63, the part KVM
 * examines): CC 3, return code 4, nothing stored. Function code 0 with a buffer not on a 4K boundary:
 * specification. Else the machine (STSI 1.1.1 identity, every configured CPU a dedicated CP) and this partition
 * (STSI 2.2.2 number and name) are stored: CC 0, return code 0. */
export function sthyi(c: Cpu): number {
  const r1 = c.r1
  const r2 = c.r2
  if (r1 === r2 || (r1 & 1) !== 0 || (r2 & 1) !== 0) pgm(PGM_SPECIFICATION)
  if ((c.rl[r1]! & 0xffff) !== 0) {
    c.rh[r2 + 1] = 0
    c.rl[r2 + 1] = STHYI_RC_UNSUPPORTED
    return 3
  }
  const a = c.raddr(r2)
  if (a % 4096 !== 0) pgm(PGM_SPECIFICATION)
  const b = new Uint8Array(4096)
  const dv = new DataView(b.buffer)
  const conf = c.m.cpus.length
  const id = IDENTITIES[c.m.config.identity ?? 'labcon']
  dv.setUint16(8, HDR_LEN + MACH_LEN + PART_LEN)
  dv.setUint16(10, HDR_LEN)
  dv.setUint16(12, HDR_LEN)
  dv.setUint16(14, MACH_LEN)
  dv.setUint16(16, HDR_LEN + MACH_LEN)
  dv.setUint16(18, PART_LEN)
  const m = HDR_LEN
  b[m + 2] = MACH_CNT_VLD | MACH_ID_VLD
  dv.setUint16(m + 6, conf)
  put(b, m + 20, MACHINE_TYPE.toString(16).toUpperCase(), 4)
  put(b, m + 24, id.manufacturer, 16)
  put(b, m + 40, 'LABCON', 16)
  put(b, m + 56, 'LABC', 4)
  const p = HDR_LEN + MACH_LEN
  b[p + 2] = PART_CNT_VLD | PART_STSI_SUC
  dv.setUint16(p + 8, conf)
  put(b, p + 16, LPAR_NAME, 8)
  storePage(c, a, b)
  c.rh[r2 + 1] = 0
  c.rl[r2 + 1] = STHYI_RC_OK
  return 0
}
