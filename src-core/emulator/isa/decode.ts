// Dispatch tables generated from THE instruction table: first halfword → instruction, with a second level on the
// last byte for the 6-byte families whose opcode is split (E3, E6, E7, EB, EC, ED).
import type { Cpu } from '../cpu/cpu.ts'
import { LabError } from '../../domain/errors.ts'
import { DECODERS, FIELDS_OF, FORMATS, lengthOf, type Decoder, type Field, type Fields, type Format } from './formats.ts'
import { FLAG, TABLE, type Row } from './table.ts'

/** Executes one decoded instruction on a CPU. */
export type Exec = (c: Cpu) => void

/** One decodable instruction. */
export interface Insn {
  readonly opc: number
  readonly mnemonic: string
  readonly fmt: Format
  /** Privileged: privileged-operation exception in the problem state. */
  readonly priv: boolean
  /** Semiprivileged (authority from CRs or the PSW key mask). */
  readonly semipriv: boolean
  /** Never part of a translated block. */
  readonly interpretOnly: boolean
  /** Privileged, semiprivileged or interpret-only: a translated block never contains it, so the instruction after it
   * is where one can start (the interpreter hands control back to the translation tier there). */
  readonly endsTranslation: boolean
  /** When a translated block ends after it: 'branch' (when it branches), 'mask15' (when its mask is 15). */
  readonly blockEnd: 'never' | 'branch' | 'mask15'
  /** STFLE facility bit that installs it (0: base). */
  readonly facility: number
  /** The operand fields its format defines. */
  readonly fields: readonly Field[]
  readonly decode: Decoder
  readonly exec: Exec
  /** decode + exec in one call (the interpreter's generic path). Made at the first call (see lazyRun): hold on to
   * `runOf(ins)`, not to `ins.run`, when keeping it. */
  readonly run: Run
}

/** decode + exec of one instruction from its halfwords. */
export type Run = (c: Cpu, h0: number, h1: number, h2: number) => void

/** First bytes whose opcode extension is the last byte of the instruction. */
const SPLIT = new Uint8Array(256)
for (const b of [0xe3, 0xe6, 0xe7, 0xeb, 0xec, 0xed]) SPLIT[b] = 1
/** First bytes whose opcode extension is the low nibble of byte 1 (RI, RIL, SSF). */
const NIBBLE = new Uint8Array(256)
for (const b of [0xa5, 0xa7, 0xc0, 0xc2, 0xc4, 0xc6, 0xc8, 0xcc]) NIBBLE[b] = 1
/** First bytes whose opcode is the whole first halfword. */
const WIDE = new Uint8Array(256)
for (const b of [0x01, 0xb2, 0xb3, 0xb9, 0xe5]) WIDE[b] = 1

const D1: Array<Insn | null> = new Array<Insn | null>(65536).fill(null)
const D2: Array<Insn | null> = new Array<Insn | null>(65536).fill(null)
/** First-halfword table (every first byte but the split families E3, E6, E7, EB, EC, ED): the interpreter's fast path. */
export const D1_TABLE: ReadonlyArray<Insn | null> = D1
const BY_MNEMONIC = new Map<string, Insn>()
/** Other mnemonics of an instruction (FLAG.ALIAS rows): names only, never separate table entries. */
const ALIASES = new Map<string, Insn>()

/** Thrown when the instruction table itself is inconsistent (a build-time defect). */
export class InstructionTableError extends LabError {
  override name = 'InstructionTableError'
  readonly kind = 'bug'
}

/**
 * decode + exec of one instruction as its own function: a separately compiled function per mnemonic has its own
 * call feedback, so V8 inlines the format decoder and the handler into it (one shared closure would see every
 * decoder and handler and call them megamorphically, two indirect calls per interpreted instruction).
 */
function makeRun(mn: string, decode: Decoder, exec: Exec): Run {
  const factory = new Function('decode', 'exec', `return function run_${mn.replace(/[^A-Za-z0-9]/g, '_')}(c, h0, h1, h2) { decode(c, h0, h1, h2); exec(c) }`)
  return factory(decode, exec) as Run
}

/** An Insn as `place` builds it: `run` starts as a stub and is replaced by the compiled one (made). */
interface LazyInsn extends Insn {
  run: Run
  made: boolean
}

/** The compiled decode + exec of `ins` (made now if it has not run yet). */
export function runOf(ins: Insn): Run {
  const l = ins as LazyInsn
  if (!l.made) {
    l.run = makeRun(l.mnemonic, l.decode, l.exec)
    l.made = true
  }
  return l.run
}

function place(row: Row, prev: Row | undefined): void {
  if (row.flags & FLAG.ALIAS) {
    const of = prev === undefined ? undefined : BY_MNEMONIC.get(prev.mn)
    if (of === undefined || prev!.opc !== row.opc || prev!.fmt !== row.fmt || prev!.exec !== row.exec) throw new InstructionTableError(`${row.mn}: an alias row must follow the row it names (same opcode, format, handler)`)
    if (BY_MNEMONIC.has(row.mn) || ALIASES.has(row.mn)) throw new InstructionTableError(`duplicate mnemonic ${row.mn}`)
    ALIASES.set(row.mn, of)
    return
  }
  const decode = DECODERS[row.fmt]
  const exec = row.exec
  const ins: LazyInsn = {
    opc: row.opc,
    mnemonic: row.mn,
    fmt: row.fmt,
    priv: (row.flags & FLAG.PRIV) !== 0,
    semipriv: (row.flags & FLAG.SEMI) !== 0,
    interpretOnly: (row.flags & FLAG.INTERP) !== 0,
    endsTranslation: (row.flags & (FLAG.PRIV | FLAG.SEMI | FLAG.INTERP)) !== 0,
    blockEnd: row.flags & FLAG.END ? 'branch' : row.flags & FLAG.END15 ? 'mask15' : 'never',
    facility: row.fac,
    fields: FIELDS_OF[row.fmt],
    decode,
    exec,
    // Compiling ~1,500 of these at load cost ~18 ms of every cold start, and a run uses a few hundred mnemonics at
    // most: this stub compiles the instruction's own at its first execution and is replaced by it.
    run: (c, h0, h1, h2) => runOf(ins)(c, h0, h1, h2),
    made: false,
  }
  const first = row.opc < 0x100 ? row.opc : row.opc < 0x1000 ? row.opc >>> 4 : row.opc >>> 8
  if (row.fmt !== 'E' && lengthOf(first) !== FORMATS[row.fmt].len) throw new InstructionTableError(`${row.mn}: opcode 0x${row.opc.toString(16)} implies ${lengthOf(first)} bytes, format ${row.fmt} has ${FORMATS[row.fmt].len}`)
  if (BY_MNEMONIC.has(row.mn) || ALIASES.has(row.mn)) throw new InstructionTableError(`duplicate mnemonic ${row.mn}`)
  BY_MNEMONIC.set(row.mn, ins)
  const put = (t: Array<Insn | null>, i: number): void => {
    if (t[i] !== null) throw new InstructionTableError(`${row.mn}: opcode slot 0x${i.toString(16)} already used by ${t[i]!.mnemonic}`)
    t[i] = ins
  }
  if (row.fmt === 'E') {
    put(D1, row.opc)
  } else if (row.opc < 0x100) {
    if (SPLIT[row.opc] || NIBBLE[row.opc] || WIDE[row.opc]) throw new InstructionTableError(`${row.mn}: 0x${row.opc.toString(16)} needs an extended opcode`)
    for (let i = 0; i < 256; i++) put(D1, (row.opc << 8) | i)
  } else if (row.opc < 0x1000) {
    const b0 = row.opc >>> 4
    if (!NIBBLE[b0]) throw new InstructionTableError(`${row.mn}: 0x${row.opc.toString(16)} is not a nibble-extended opcode`)
    for (let r = 0; r < 16; r++) put(D1, (b0 << 8) | (r << 4) | (row.opc & 15))
  } else {
    const b0 = row.opc >>> 8
    if (SPLIT[b0]) put(D2, row.opc)
    else if (WIDE[b0]) put(D1, row.opc)
    else throw new InstructionTableError(`${row.mn}: 0x${row.opc.toString(16)} has no known opcode layout`)
  }
}
TABLE.forEach((row, i) => place(row, TABLE[i - 1]))

/** The instruction for a first halfword (and last halfword for split opcodes), or null (operation exception). */
export function lookupInsn(h0: number, h2: number): Insn | null {
  const b0 = h0 >>> 8
  if (SPLIT[b0] === 1) return D2[(b0 << 8) | (h2 & 0xff)]!
  return D1[h0]!
}

/** The instruction with this mnemonic or one of its aliases (ISA tests, assembler helpers). */
export function insnByMnemonic(mn: string): Insn | undefined {
  const u = mn.toUpperCase()
  return BY_MNEMONIC.get(u) ?? ALIASES.get(u)
}

/** Decodes the operand fields of one instruction into a fresh object (fields the format lacks are 0). */
export function decodeFields(ins: Insn, h0: number, h1: number, h2: number): Fields {
  const f: Fields = { r1: 0, r2: 0, r3: 0, x2: 0, b1: 0, d1: 0, b2: 0, d2: 0, i2: 0, i3: 0, i4: 0, i5: 0, m3: 0, m4: 0, m5: 0, l1: 0, l2: 0 }
  ins.decode(f, h0, h1, h2)
  return f
}

/** All instructions in table order. */
export function allInsns(): Insn[] {
  return [...BY_MNEMONIC.values()]
}
