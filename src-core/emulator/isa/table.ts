// THE instruction table: one row per instruction, grouped under POP chapter headings. Decoding (decode.ts), the
// disassembler (disasm.ts), the translation tier's block rules (jit/block.ts) and the ISA test skeletons all read it.
// Legend: r(opcode, mnemonic, format, handler, flags, facility).
//   opcode < 0x100 = one-byte opcode; 0x100-0xfff = byte + low nibble of byte 1 (RI/RIL/SSF);
//   0x1000-0xffff = first byte + second byte (B2/B3/B9/E5/01) or first byte + last byte (E3/E6/E7/EB/EC/ED).
//   flags: PRIV privileged (privileged-operation exception in problem state); SEMI semiprivileged (authority from
//   control registers or the PSW key mask: never translated); INTERP never part of a translated block (reads the
//   host clock, changes the addressing mode, EXECUTE, SVC); END ends a translated block when it branches (BASR/BALR
//   with R2 = 0 do not); END15 ends a block when its mask is 15 (BCR with R2 = 0 does not branch); ALIAS another
//   mnemonic of the row above it (same opcode, format, handler): known by name, decoded and disassembled as the first.
//   facility: the STFLE bit that installs it (0 = the z/Architecture base).
import { CONTROL_ROWS } from './rows-control.ts'
import { DFP_ROWS } from './rows-dfp.ts'
import { FLOAT_VECTOR_ROWS } from './rows-float-vector.ts'
import { GENERAL_ROWS } from './rows-general.ts'
import type { Row } from './row.ts'

export { FLAG, type Row } from './row.ts'

/** Every instruction the emulator decodes, in POP chapter order. */
export const TABLE: readonly Row[] = [...GENERAL_ROWS, ...CONTROL_ROWS, ...FLOAT_VECTOR_ROWS, ...DFP_ROWS]
