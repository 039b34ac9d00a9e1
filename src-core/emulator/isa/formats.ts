// Instruction formats (POP ch. 5 "Instruction Formats"): field extractors that fill the CPU's operand fields.
import type { Cpu } from '../cpu/cpu.ts'

/** Fills the operand fields of `c` from the instruction halfwords. */
export type Decoder = (c: Cpu, h0: number, h1: number, h2: number) => void

const s16 = (v: number): number => (v << 16) >> 16
const d20 = (h1: number, h2: number): number => (h1 & 0xfff) + ((h2 << 16) >> 24) * 4096

/** Every format the table uses, with its decoder. */
export const FORMATS = {
  E: () => {},
  RR: (c, h0) => {
    c.r1 = (h0 >>> 4) & 15
    c.r2 = h0 & 15
  },
  I: (c, h0) => {
    c.i2 = h0 & 0xff
  },
  RX: (c, h0, h1) => {
    c.r1 = (h0 >>> 4) & 15
    c.x2 = h0 & 15
    c.b2 = h1 >>> 12
    c.d2 = h1 & 0xfff
  },
  RS: (c, h0, h1) => {
    c.r1 = (h0 >>> 4) & 15
    c.r3 = h0 & 15
    c.m3 = h0 & 15
    c.x2 = 0
    c.b2 = h1 >>> 12
    c.d2 = h1 & 0xfff
  },
  RSI: (c, h0, h1) => {
    c.r1 = (h0 >>> 4) & 15
    c.r3 = h0 & 15
    c.i2 = s16(h1)
  },
  RI: (c, h0, h1) => {
    c.r1 = (h0 >>> 4) & 15
    c.i2 = s16(h1)
  },
  RIL: (c, h0, h1, h2) => {
    c.r1 = (h0 >>> 4) & 15
    c.i2 = ((h1 << 16) | h2) | 0
  },
  SI: (c, h0, h1) => {
    c.i2 = h0 & 0xff
    c.b1 = h1 >>> 12
    c.d1 = h1 & 0xfff
  },
  S: (c, _h0, h1) => {
    c.x2 = 0
    c.b2 = h1 >>> 12
    c.d2 = h1 & 0xfff
  },
  SS_a: (c, h0, h1, h2) => {
    c.l1 = h0 & 0xff
    c.b1 = h1 >>> 12
    c.d1 = h1 & 0xfff
    c.b2 = h2 >>> 12
    c.d2 = h2 & 0xfff
  },
  SS_b: (c, h0, h1, h2) => {
    c.l1 = (h0 >>> 4) & 15
    c.l2 = h0 & 15
    c.b1 = h1 >>> 12
    c.d1 = h1 & 0xfff
    c.b2 = h2 >>> 12
    c.d2 = h2 & 0xfff
  },
  SS_d: (c, h0, h1, h2) => {
    c.r1 = (h0 >>> 4) & 15
    c.r3 = h0 & 15
    c.b1 = h1 >>> 12
    c.d1 = h1 & 0xfff
    c.b2 = h2 >>> 12
    c.d2 = h2 & 0xfff
  },
  SSE: (c, _h0, h1, h2) => {
    c.b1 = h1 >>> 12
    c.d1 = h1 & 0xfff
    c.b2 = h2 >>> 12
    c.d2 = h2 & 0xfff
  },
  SSF: (c, h0, h1, h2) => {
    c.r3 = (h0 >>> 4) & 15
    c.b1 = h1 >>> 12
    c.d1 = h1 & 0xfff
    c.b2 = h2 >>> 12
    c.d2 = h2 & 0xfff
  },
  SIL: (c, _h0, h1, h2) => {
    c.b1 = h1 >>> 12
    c.d1 = h1 & 0xfff
    c.i2 = s16(h2)
  },
  RRE: (c, _h0, h1) => {
    c.r1 = (h1 >>> 4) & 15
    c.r2 = h1 & 15
  },
  RRF: (c, _h0, h1) => {
    c.r3 = h1 >>> 12
    c.m3 = h1 >>> 12
    c.m4 = (h1 >>> 8) & 15
    c.r1 = (h1 >>> 4) & 15
    c.r2 = h1 & 15
  },
  RRD: (c, _h0, h1) => {
    c.r1 = h1 >>> 12
    c.r3 = (h1 >>> 4) & 15
    c.r2 = h1 & 15
  },
  RXE: (c, h0, h1, h2) => {
    c.r1 = (h0 >>> 4) & 15
    c.x2 = h0 & 15
    c.b2 = h1 >>> 12
    c.d2 = h1 & 0xfff
    c.m3 = h2 >>> 12
  },
  RXF: (c, h0, h1, h2) => {
    c.r3 = (h0 >>> 4) & 15
    c.x2 = h0 & 15
    c.b2 = h1 >>> 12
    c.d2 = h1 & 0xfff
    c.r1 = h2 >>> 12
  },
  RXY: (c, h0, h1, h2) => {
    c.r1 = (h0 >>> 4) & 15
    c.x2 = h0 & 15
    c.b2 = h1 >>> 12
    c.d2 = d20(h1, h2)
  },
  RSY: (c, h0, h1, h2) => {
    c.r1 = (h0 >>> 4) & 15
    c.r3 = h0 & 15
    c.m3 = h0 & 15
    c.x2 = 0
    c.b2 = h1 >>> 12
    c.d2 = d20(h1, h2)
  },
  SIY: (c, h0, h1, h2) => {
    c.i2 = h0 & 0xff
    c.b1 = h1 >>> 12
    c.d1 = d20(h1, h2)
  },
  RIE_a: (c, h0, h1, h2) => {
    c.r1 = (h0 >>> 4) & 15
    c.i2 = s16(h1)
    c.m3 = h2 >>> 12
  },
  RIE_b: (c, h0, h1, h2) => {
    c.r1 = (h0 >>> 4) & 15
    c.r2 = h0 & 15
    c.i4 = s16(h1)
    c.m3 = h2 >>> 12
  },
  RIE_c: (c, h0, h1, h2) => {
    c.r1 = (h0 >>> 4) & 15
    c.m3 = h0 & 15
    c.i4 = s16(h1)
    c.i2 = h2 >>> 8
  },
  RIE_d: (c, h0, h1) => {
    c.r1 = (h0 >>> 4) & 15
    c.r3 = h0 & 15
    c.i2 = s16(h1)
  },
  RIE_f: (c, h0, h1, h2) => {
    c.r1 = (h0 >>> 4) & 15
    c.r2 = h0 & 15
    c.i3 = h1 >>> 8
    c.i4 = h1 & 0xff
    c.i5 = h2 >>> 8
  },
  RIE_g: (c, h0, h1) => {
    c.r1 = (h0 >>> 4) & 15
    c.m3 = h0 & 15
    c.i2 = s16(h1)
  },
  RRS: (c, h0, h1, h2) => {
    c.r1 = (h0 >>> 4) & 15
    c.r2 = h0 & 15
    c.b2 = h1 >>> 12
    c.d2 = h1 & 0xfff
    c.x2 = 0
    c.m3 = h2 >>> 12
  },
  RIS: (c, h0, h1, h2) => {
    c.r1 = (h0 >>> 4) & 15
    c.m3 = h0 & 15
    c.b2 = h1 >>> 12
    c.d2 = h1 & 0xfff
    c.x2 = 0
    c.i2 = (h2 << 16) >> 24
  },
  VRX: (c, h0, h1, h2) => {
    const rxb = (h2 >>> 8) & 15
    c.r1 = ((h0 >>> 4) & 15) | (rxb & 8 ? 16 : 0)
    c.x2 = h0 & 15
    c.b2 = h1 >>> 12
    c.d2 = h1 & 0xfff
    c.m3 = h2 >>> 12
  },
  VRS_a: (c, h0, h1, h2) => {
    const rxb = (h2 >>> 8) & 15
    c.r1 = ((h0 >>> 4) & 15) | (rxb & 8 ? 16 : 0)
    c.r3 = (h0 & 15) | (rxb & 4 ? 16 : 0)
    c.x2 = 0
    c.b2 = h1 >>> 12
    c.d2 = h1 & 0xfff
    c.m4 = h2 >>> 12
  },
  VRS_b: (c, h0, h1, h2) => {
    c.r1 = ((h0 >>> 4) & 15) | ((h2 >>> 8) & 8 ? 16 : 0)
    c.r3 = h0 & 15
    c.x2 = 0
    c.b2 = h1 >>> 12
    c.d2 = h1 & 0xfff
    c.m4 = h2 >>> 12
  },
  VRS_c: (c, h0, h1, h2) => {
    c.r1 = (h0 >>> 4) & 15
    c.r3 = (h0 & 15) | ((h2 >>> 8) & 4 ? 16 : 0)
    c.x2 = 0
    c.b2 = h1 >>> 12
    c.d2 = h1 & 0xfff
    c.m4 = h2 >>> 12
  },
  VRI_a: (c, h0, h1, h2) => {
    c.r1 = ((h0 >>> 4) & 15) | ((h2 >>> 8) & 8 ? 16 : 0)
    c.i2 = h1
    c.m3 = h2 >>> 12
  },
  VRR: (c, h0, h1, h2) => {
    const rxb = (h2 >>> 8) & 15
    c.r1 = ((h0 >>> 4) & 15) | (rxb & 8 ? 16 : 0)
    c.r2 = (h0 & 15) | (rxb & 4 ? 16 : 0)
    c.r3 = (h1 >>> 12) | (rxb & 2 ? 16 : 0)
    c.m5 = h1 & 15
    c.m4 = h2 >>> 12
  },
} satisfies Record<string, Decoder>

/** Name of an instruction format. */
export type Format = keyof typeof FORMATS
