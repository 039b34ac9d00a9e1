// One row of THE instruction table (table.ts): the row type, its flags and the row constructor the per-chapter row
// files use. A leaf module, so the row files and the table do not import each other.
import type { Exec } from './decode.ts'
import type { Format } from './formats.ts'

/** Row flags (bit set); see the legend in table.ts. */
export const FLAG = { PRIV: 1, SEMI: 2, INTERP: 4, END: 8, END15: 16, ALIAS: 32 } as const

/** One table row. */
export interface Row {
  opc: number
  mn: string
  fmt: Format
  exec: Exec
  /** FLAG bits. */
  flags: number
  /** STFLE facility bit that installs the instruction (0: base). */
  fac: number
}

/** A table row: r(opcode, mnemonic, format, handler, flags, facility). */
export const r = (opc: number, mn: string, fmt: Format, exec: Exec, flags = 0, fac = 0): Row => ({ opc, mn, fmt, exec, flags, fac })
