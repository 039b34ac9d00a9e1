// Instructions known by two mnemonics (ALIAS rows of the instruction table): CONVERT UTF-8 TO UNICODE (CUTFU) is
// CU12, CONVERT UNICODE TO UTF-8 (CUUTF) is CU21 (POP ch. 7: the old names are kept for the same opcodes). Both
// names find the instruction; it decodes and disassembles under the first; the alias is no table entry of its own.
import { describe, expect, it } from 'vitest'
import { allInsns, insnByMnemonic, lookupInsn } from '@core/emulator/isa/decode.ts'
import { runCase, DATA } from './harness.ts'

/** Alias → the mnemonic it stands for, and the bytes s390x-linux-gnu-as emits for `alias %r2,%r4`. */
const ALIASES = { CUTFU: { of: 'CU12', bytes: 'b2a70024' }, CUUTF: { of: 'CU21', bytes: 'b2a60024' } } as const

describe('mnemonic aliases', () => {
  it('both names find one instruction, decoded from the assembler bytes of the alias', () => {
    const got = Object.entries(ALIASES).map(([alias, { bytes }]) => {
      const ins = insnByMnemonic(alias)
      const decoded = lookupInsn(parseInt(bytes.slice(0, 4), 16), 0)
      return { alias, name: ins?.mnemonic, sameAsDecoded: ins === decoded, listed: allInsns().some((i) => i.mnemonic === alias) }
    })
    expect(got).toEqual([
      { alias: 'CUTFU', name: 'CU12', sameAsDecoded: true, listed: false },
      { alias: 'CUUTF', name: 'CU21', sameAsDecoded: true, listed: false },
    ])
  })

  it('CUTFU converts like CU12: "A" and U+20AC from UTF-8 to UTF-16', () => {
    const D = BigInt(DATA)
    const { got, want } = runCase({
      name: 'CUTFU',
      asm: 'cutfu %r2,%r4',
      code: ALIASES.CUTFU.bytes,
      gr: { 2: D, 3: 8n, 4: D + 0x20n, 5: 4n },
      mem: { [DATA + 0x20]: '41e282ac' },
      want: { cc: 0, mem: { [DATA]: '004120ac00' }, gr: { 2: D + 4n, 3: 4n, 4: D + 0x24n, 5: 0n } },
    })
    expect(got).toEqual(want)
  })
})
