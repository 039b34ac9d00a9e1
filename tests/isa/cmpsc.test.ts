// COMPRESSION CALL: exact bits of a hand-derived small case (dictionary bytes, index packing from any CBN, symbol
// translation), expansion of the same bits, round trips of larger data through format-0 and format-1 dictionaries
// of every symbol size across condition-code-3 resumptions, and the exceptions with their partial completion.
// Cross-checked once by hand against Hercules 3.13 (not in CI): the compressed bytes of the round-trip generator's
// 3000-byte text were identical for every CDSS and both formats, and Hercules expanded them back to the text.
import { describe, expect, it } from 'vitest'
import { CODE, DATA, PGM_TRAP, execute, prepare, runCase, runGroup, type Case } from './harness.ts'
import { buildDictionary, growTree, pack, referenceCompress, unpack, type DictNode } from './cmpsc-dict.ts'
import { CHUNK } from '@core/emulator/ops/cmpsc.ts'

const hex = (u: Uint8Array): string => Array.from(u, (b) => b.toString(16).padStart(2, '0')).join('')
const ascii = (s: string): Uint8Array => Uint8Array.from(s, (ch) => ch.charCodeAt(0))

// The small dictionary: 'a' -> 'b' (256, "ab") -> 'c' with extension character 'd' (257, "abcd"); 'x' alone.
const TREE: DictNode[] = [{ edge: 'a', kids: [{ edge: 'b', kids: [{ edge: 'cd', kids: [] }] }] }, { edge: 'x', kids: [] }]
const DICT = 0x40000
const SMALL = buildDictionary(TREE, 1, false)
/** The entries written out by hand from the formats (CCT, X, ACT, CPTR, characters; PSL/CSL for expansion). */
const HAND = {
  0x61: '30010062 00000000', // 'a': one child, examine it, child pointer 256, child character 'b'
  256: '30010163 00000000', // "ab": one child, examine it (it has an extension character), pointer 257, 'c'
  257: '00200064 00000000', // "abcd": no children, one additional extension character 'd'
  0x78: '00000000 00000000', // 'x': no children
  [512 + 256]: '02616200 00000000', // expansion "ab": unpreceded, 2 characters
  [512 + 257]: '04616263 64000000', // expansion "abcd"
}
const dictMem = (d: Uint8Array): Record<number, string> => ({ [DICT]: hex(d) })
// 'p' with twelve leaf children 'a'..'l': five in its entry (CCT 6: more in a sibling descriptor), seven in one
// format-0 descriptor at 261 (SCT 7: exactly seven, no further descriptor; 0 would say "seven and more").
const FAN: DictNode[] = [{ edge: 'p', kids: [...'abcdefghijkl'].map((ch) => ({ edge: ch, kids: [] })) }]
const FAN_DICT = buildDictionary(FAN, 1, false)
const FAN_HAND = { 0x70: 'c0010061 62636465', 261: 'e0666768 696a6b6c' }
const SRC = DATA + 0x1000
// "abcdabx" compresses to 257, 256, 0x78: 100000001 100000000 001111000 = 80 c0 0f 0(0).
const CASES: Case[] = [
  { name: 'compression, CBN 0: three 9-bit symbols, R1 at the partial byte, CBN 3', asm: 'cmpsc %r2,%r4', code: 'b2630024', gr: { 0: 0x1000n, 1: BigInt(DICT), 2: BigInt(DATA), 3: 16n, 4: BigInt(SRC), 5: 7n }, mem: { ...dictMem(SMALL.bytes), [SRC]: hex(ascii('abcdabx')), [DATA]: 'ffffffffff' }, want: { cc: 0, gr: { 1: BigInt(DICT) + 3n, 2: BigInt(DATA) + 3n, 3: 13n, 4: BigInt(SRC) + 7n, 5: 0n }, mem: { [DATA]: '80c00f00ff' } } },
  { name: 'compression from CBN 3: the 3 bits left of it are kept, CBN 6 after', asm: 'cmpsc %r2,%r4', code: 'b2630024', gr: { 0: 0x1000n, 1: BigInt(DICT) + 3n, 2: BigInt(DATA), 3: 16n, 4: BigInt(SRC), 5: 7n }, mem: { ...dictMem(SMALL.bytes), [SRC]: hex(ascii('abcdabx')), [DATA]: 'ffffffffff' }, want: { cc: 0, gr: { 1: BigInt(DICT) + 6n, 2: BigInt(DATA) + 3n, 3: 13n, 4: BigInt(SRC) + 7n, 5: 0n }, mem: { [DATA]: 'f01801e0ff' } } },
  { name: 'compression: first operand too short for the third symbol: CC 1 after two', asm: 'cmpsc %r2,%r4', code: 'b2630024', gr: { 0: 0x1000n, 1: BigInt(DICT), 2: BigInt(DATA), 3: 3n, 4: BigInt(SRC), 5: 7n }, mem: { ...dictMem(SMALL.bytes), [SRC]: hex(ascii('abcdabx')), [DATA]: 'ffffffff' }, want: { cc: 1, gr: { 1: BigInt(DICT) + 2n, 2: BigInt(DATA) + 2n, 3: 1n, 4: BigInt(SRC) + 6n, 5: 1n }, mem: { [DATA]: '80c000ff' } } },
  { name: 'compression: a symbol stopped by the end of the source ("ab" of "abc")', asm: 'cmpsc %r2,%r4', code: 'b2630024', gr: { 0: 0x1000n, 1: BigInt(DICT), 2: BigInt(DATA), 3: 16n, 4: BigInt(SRC), 5: 2n }, mem: { ...dictMem(SMALL.bytes), [SRC]: hex(ascii('abcd')) }, want: { cc: 0, gr: { 1: BigInt(DICT) + 1n, 2: BigInt(DATA) + 1n, 3: 15n, 4: BigInt(SRC) + 2n, 5: 0n }, mem: { [DATA]: '8000' } } },
  { name: 'compression: extension character differs: the parent "ab" is stored, then "c", "e"', asm: 'cmpsc %r2,%r4', code: 'b2630024', gr: { 0: 0x1000n, 1: BigInt(DICT), 2: BigInt(DATA), 3: 16n, 4: BigInt(SRC), 5: 4n }, mem: { ...dictMem(SMALL.bytes), [SRC]: hex(ascii('abce')) }, want: { cc: 0, gr: { 1: BigInt(DICT) + 3n, 2: BigInt(DATA) + 3n, 3: 13n, 4: BigInt(SRC) + 4n, 5: 0n }, mem: { [DATA]: hex(pack([256, 0x63, 0x65], 9)) } } },
  { name: 'compression with symbol translation (GR0 bit 47): table at origin + 128 * GR1 bits 52-60', asm: 'cmpsc %r2,%r4', code: 'b2630024', gr: { 0: 0x11000n, 1: BigInt(DICT + 0x2000) + (0x40n << 3n), 2: BigInt(DATA), 3: 16n, 4: BigInt(SRC), 5: 1n }, mem: { [DICT + 0x2000]: hex(SMALL.bytes), [DICT + 0x2000 + 0x2000 + 0x78 * 2]: '01ab', [SRC]: '78' }, want: { cc: 0, gr: { 1: BigInt(DICT + 0x2000) + (0x40n << 3n) + 1n, 2: BigInt(DATA) + 1n, 3: 15n, 4: BigInt(SRC) + 1n, 5: 0n }, mem: { [DATA]: 'd580' } } },
  { name: 'expansion (GR0 bit 55) of the same bits: CC 0 with 5 bits left (less than a symbol)', asm: 'cmpsc %r2,%r4', code: 'b2630024', gr: { 0: 0x1100n, 1: BigInt(DICT + 0x1000), 2: BigInt(DATA), 3: 16n, 4: BigInt(SRC), 5: 4n }, mem: { ...dictMem(SMALL.bytes), [SRC]: '80c00f00' }, want: { cc: 0, gr: { 2: BigInt(DATA) + 7n, 3: 9n, 4: BigInt(SRC) + 3n, 5: 1n, 1: BigInt(DICT + 0x1000) + 3n }, mem: { [DATA]: hex(ascii('abcdabx')) + '00' } } },
  { name: 'expansion: no room for the 4-byte symbol: CC 1, nothing of it stored', asm: 'cmpsc %r2,%r4', code: 'b2630024', gr: { 0: 0x1100n, 1: BigInt(DICT + 0x1000), 2: BigInt(DATA), 3: 3n, 4: BigInt(SRC), 5: 4n }, mem: { ...dictMem(SMALL.bytes), [SRC]: '80c00f00' }, want: { cc: 1, gr: { 1: BigInt(DICT + 0x1000), 4: BigInt(SRC) } } },
  { name: 'format-0 sibling: "pl" is child 7 of the descriptor at 261 (index 268)', asm: 'cmpsc %r2,%r4', code: 'b2630024', gr: { 0: 0x1000n, 1: BigInt(DICT), 2: BigInt(DATA), 3: 16n, 4: BigInt(SRC), 5: 2n }, mem: { ...dictMem(FAN_DICT.bytes), [SRC]: hex(ascii('pl')) }, want: { cc: 0, gr: { 1: BigInt(DICT) + 1n, 2: BigInt(DATA) + 1n, 3: 15n, 4: BigInt(SRC) + 2n, 5: 0n }, mem: { [DATA]: '8600' } } },
  { name: 'format-0 sibling count 7 ends the siblings: "pz" is "p", "z"', asm: 'cmpsc %r2,%r4', code: 'b2630024', gr: { 0: 0x1000n, 1: BigInt(DICT), 2: BigInt(DATA), 3: 16n, 4: BigInt(SRC), 5: 2n }, mem: { ...dictMem(FAN_DICT.bytes), [SRC]: hex(ascii('pz')) }, want: { cc: 0, gr: { 1: BigInt(DICT) + 2n, 2: BigInt(DATA) + 2n, 3: 14n, 4: BigInt(SRC) + 2n, 5: 0n }, mem: { [DATA]: hex(pack([0x70, 0x7a], 9)) } } },
  { name: 'odd R1: specification', asm: 'cmpsc %r3,%r4', code: 'b2630034', gr: { 0: 0x1000n }, want: { pgm: { code: 6 } } },
  { name: 'odd R2: specification', asm: 'cmpsc %r2,%r5', code: 'b2630025', gr: { 0: 0x1000n }, want: { pgm: { code: 6 } } },
  { name: 'symbol size 0: specification', asm: 'cmpsc %r2,%r4', code: 'b2630024', gr: { 0: 0n }, want: { pgm: { code: 6 } } },
  { name: 'symbol size 6: specification', asm: 'cmpsc %r2,%r4', code: 'b2630024', gr: { 0: 0x6100n }, want: { pgm: { code: 6 } } },
  { name: 'invalid entry (CCT 7) after one symbol: data exception, registers at the completed symbol', asm: 'cmpsc %r2,%r4', code: 'b2630024', gr: { 0: 0x1000n, 1: BigInt(DICT), 2: BigInt(DATA), 3: 16n, 4: BigInt(SRC), 5: 2n }, mem: { ...dictMem(SMALL.bytes), [DICT + 0x79 * 8]: 'e0000000', [SRC]: '7879' }, want: { pgm: { code: 7 }, gr: { 1: BigInt(DICT) + 1n, 2: BigInt(DATA) + 1n, 3: 15n, 4: BigInt(SRC) + 1n, 5: 1n }, mem: { [DATA]: '3c00', [0x90]: '00000000' } } },
  { name: 'expansion: complete symbol length 0: data exception', asm: 'cmpsc %r2,%r4', code: 'b2630024', gr: { 0: 0x1100n, 1: BigInt(DICT + 0x1000), 2: BigInt(DATA), 3: 16n, 4: BigInt(SRC), 5: 2n }, mem: { [SRC]: '8100' }, want: { pgm: { code: 7 } } },
  { name: 'store crosses into missing storage: addressing (suppressing), the first symbol completed', asm: 'cmpsc %r2,%r4', code: 'b2630024', gr: { 0: 0x1000n, 1: BigInt(DICT), 2: 0x1ffffen, 3: 16n, 4: BigInt(SRC), 5: 3n }, mem: { ...dictMem(SMALL.bytes), [SRC]: '787878' }, want: { pgm: { code: 5 }, gr: { 1: BigInt(DICT) + 1n, 2: 0x1fffffn, 3: 15n, 4: BigInt(SRC) + 1n, 5: 2n }, mem: { [0x1ffffe]: '3c00' } } },
  { name: 'fetch crosses into missing storage: addressing (suppressing), two symbols completed', asm: 'cmpsc %r2,%r4', code: 'b2630024', gr: { 0: 0x1000n, 1: BigInt(DICT), 2: BigInt(DATA), 3: 16n, 4: 0x1ffffen, 5: 3n }, mem: { ...dictMem(SMALL.bytes), [0x1ffffe]: '7878' }, want: { pgm: { code: 5 }, gr: { 1: BigInt(DICT) + 2n, 2: BigInt(DATA) + 2n, 3: 14n, 4: 0x200000n, 5: 1n }, mem: { [DATA]: '3c1e00' } } },
  { name: '31-bit mode: 32-bit lengths, bits 0-31 of the registers kept', asm: 'cmpsc %r2,%r4', code: 'b2630024', amode: 31, gr: { 0: 0x1000n, 1: BigInt(DICT), 2: 0xaaaaaaaa00000000n + BigInt(DATA), 3: 0xbbbbbbbb00000010n, 4: BigInt(SRC), 5: 0xcccccccc00000001n }, mem: { ...dictMem(SMALL.bytes), [SRC]: '78' }, want: { cc: 0, gr: { 1: BigInt(DICT) + 1n, 2: 0xaaaaaaaa00000000n + BigInt(DATA) + 1n, 3: 0xbbbbbbbb0000000fn, 4: BigInt(SRC) + 1n, 5: 0xcccccccc00000000n }, mem: { [DATA]: '3c' } } },
]

describe('COMPRESSION CALL dictionary builder', () => {
  it('lays out the small dictionary exactly as written by hand', () => {
    const got: Record<number, string> = {}
    for (const k of Object.keys(HAND)) got[Number(k)] = hex(SMALL.bytes.subarray(Number(k) * 8, Number(k) * 8 + 8))
    expect(got).toEqual(Object.fromEntries(Object.entries(HAND).map(([k, v]) => [Number(k), v.replace(/ /g, '')])))
  })
  it('lays out a parent with more children than its entry holds as written by hand (CCT 6, SCT 7)', () => {
    const got: Record<number, string> = {}
    for (const k of Object.keys(FAN_HAND)) got[Number(k)] = hex(FAN_DICT.bytes.subarray(Number(k) * 8, Number(k) * 8 + 8))
    expect(got).toEqual(Object.fromEntries(Object.entries(FAN_HAND).map(([k, v]) => [Number(k), v.replace(/ /g, '')])))
  })
})

runGroup('COMPRESSION CALL', CASES)

describe('COMPRESSION CALL partial completion in translated code', () => {
  const partial = CASES.filter((k) => k.want.pgm !== undefined && k.want.gr !== undefined)
  it.each(partial.flatMap((k) => (['on', 'check'] as const).map((j) => [`${k.name} (translation ${j})`, k, j] as const)))('%s', (_t, k, jit) => {
    const { got, want } = runCase(k, jit)
    expect(got).toEqual(want)
  })
})

/** Text with a wide alphabet (many siblings per node) and repeats (long symbols). */
function sampleText(n: number): Uint8Array {
  const words = 'the quick brown fox jumps over lazy dogs while zebras, yaks & vixens quietly judge 0123456789 KLMNOPQRST; ' +
    'compression calls expand dictionaries: siblings, children (extension characters) - format one/zero! ' +
    'Alpha Bravo Charlie Delta Echo Foxtrot Golf Hotel India Juliet Kilo Lima Mike November Oscar Papa Quebec Romeo'
  const vocab = words.split(' ')
  let seed = 12345
  const out: number[] = []
  while (out.length < n) {
    seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff
    const w = vocab[(seed >>> 16) % vocab.length]!
    for (const ch of w + ' ') out.push(ch.charCodeAt(0))
  }
  return Uint8Array.from(out.slice(0, n))
}

/** Whether a tree has a node with more than 5 + 2 * 14 children, an edge with extension characters, a symbol
 * longer than 7 bytes. */
function shape(roots: DictNode[]): { manyKids: boolean; aec: boolean; long: boolean } {
  const r = { manyKids: false, aec: false, long: false }
  const walk = (n: DictNode, len: number): void => {
    if (n.kids.length > 5 + 28) r.manyKids = true
    if (n.edge.length > 1) r.aec = true
    if (len > 7) r.long = true
    for (const k of n.kids) walk(k, len + k.edge.length)
  }
  for (const n of roots) walk(n, 1)
  return r
}

/** Runs CMPSC until it ends with CC 0, 1 or an interruption; returns the final CC and the CC 3 count. */
function runToEnd(c: ReturnType<typeof prepare>['c']): { cc: number; cc3: number } {
  let cc3 = 0
  for (let i = 0; i < 10_000; i++) {
    c.ia = CODE
    c.run(1)
    if (c.ia === PGM_TRAP) throw new Error(`program interruption ${c.dv.getUint16(0x8e)}`)
    if (c.cc !== 3) return { cc: c.cc, cc3 }
    cc3++
  }
  throw new Error('CMPSC did not end')
}

describe('COMPRESSION CALL round trips', () => {
  const text = sampleText(20000)
  for (const f1 of [false, true]) {
    for (const cdss of [1, 2, 3, 4, 5]) {
      it(`CDSS ${cdss} (${8 + cdss}-bit symbols), format-${f1 ? 1 : 0} siblings: compress = reference walk, expand = input, across CC 3`, () => {
        const roots = growTree(text, (1 << (8 + cdss)) / 2 - 256 + 100 * cdss, 3)
        const dict = buildDictionary(roots, cdss, f1)
        const bits = 8 + cdss
        const want = referenceCompress(roots, dict.index, text)
        // The tree must reach the formats' corners: several sibling descriptors (format 1: characters 7-14 in the
        // expansion dictionary), extension characters, and (room permitting) symbols longer than 7 (preceded
        // expansion entries).
        expect(shape(roots)).toEqual({ manyKids: true, aec: true, long: cdss > 1 })
        const { c, m } = prepare({}, 'b2630024')
        const u8 = m.storage.u8
        const D = 0x100000
        const IN = 0x40000
        const OUT = 0x60000
        const BACK = 0x80000
        u8.set(dict.bytes, D)
        u8.set(text, IN)
        const set = (r: number, v: number): void => {
          c.rh[r] = 0
          c.rl[r] = v
        }
        set(0, (cdss << 12) | (f1 ? 0x200 : 0))
        set(1, D)
        set(2, OUT)
        set(3, 0x20000)
        set(4, IN)
        set(5, text.length)
        const comp = runToEnd(c)
        const nbits = want.length * bits
        expect({ cc: comp.cc, cc3: comp.cc3, r2: c.rl[2], cbn: c.rl[1]! & 7, r4: c.rl[4], r5: c.rl[5] }).toEqual({
          cc: 0,
          cc3: Math.ceil(text.length / CHUNK) - 1,
          r2: OUT + (nbits >> 3),
          cbn: nbits & 7,
          r4: IN + text.length,
          r5: 0,
        })
        expect(unpack(u8.subarray(OUT, OUT + Math.ceil(nbits / 8)), bits, want.length)).toEqual(want)
        expect(want.length).toBeLessThan(text.length * 0.7)
        // Expansion: dictionary origin = the expansion dictionary, CBN 0; the whole stream (last byte partial).
        set(0, (cdss << 12) | 0x100)
        set(1, D + (8 << bits))
        set(2, BACK)
        set(3, 0x20000)
        set(4, OUT)
        set(5, Math.ceil(nbits / 8))
        const exp = runToEnd(c)
        expect({ cc: exp.cc, more: exp.cc3 >= Math.floor(text.length / CHUNK) - 1, r2: c.rl[2], r3: c.rl[3] }).toEqual({ cc: 0, more: true, r2: BACK + text.length, r3: 0x20000 - text.length })
        expect(hex(u8.subarray(BACK, BACK + text.length)) === hex(text)).toBe(true)
      })
    }
  }

  it('compression resumes after CC 1 into a new buffer from the stored CBN', () => {
    const roots = growTree(sampleText(3000), 600, 4)
    const dict = buildDictionary(roots, 2, true)
    const data = sampleText(3000)
    const want = referenceCompress(roots, dict.index, data)
    const { c, m } = prepare({}, 'b2630024')
    const u8 = m.storage.u8
    u8.set(dict.bytes, 0x100000)
    u8.set(data, 0x40000)
    c.rl[0] = 0x2200
    c.rl[1] = 0x100000
    c.rl[2] = 0x60000
    c.rl[3] = 101
    c.rl[4] = 0x40000
    c.rl[5] = data.length
    expect(runToEnd(c).cc).toBe(1)
    // Move the partial byte to the start of a second buffer and continue there.
    const used = c.rl[2]! - 0x60000
    const first = u8.slice(0x60000, 0x60000 + used + 1)
    u8[0x70000] = first[used]!
    c.rl[2] = 0x70000
    c.rl[3] = 0x10000
    expect(runToEnd(c).cc).toBe(0)
    const nbits = want.length * 10
    const joined = new Uint8Array(Math.ceil(nbits / 8))
    joined.set(first.subarray(0, used))
    joined.set(u8.subarray(0x70000, 0x70000 + joined.length - used), used)
    expect(unpack(joined, 10, want.length)).toEqual(want)
  })
})

describe('COMPRESSION CALL through the loop a program writes', () => {
  it.each(['off', 'on', 'check'] as const)('BRC 1 back to CMPSC until CC 0 (translation %s)', (jit) => {
    const data = sampleText(9000)
    const roots = growTree(data, 1500, 5)
    const dict = buildDictionary(roots, 3, false)
    // cmpsc %r2,%r4; brc 1,.-4
    const { c, m } = prepare({ gr: { 0: 0x3000n, 1: 0x100000n, 2: 0x60000n, 3: 0x10000n, 4: 0x40000n, 5: BigInt(data.length) } }, 'b2630024a714fffe', jit)
    m.storage.u8.set(dict.bytes, 0x100000)
    m.storage.u8.set(data, 0x40000)
    execute(c, CODE + 8)
    const want = referenceCompress(roots, dict.index, data)
    const nbits = want.length * 11
    expect({ cc: c.cc, r4: c.rl[4], r5: c.rl[5], r2: c.rl[2], cbn: c.rl[1]! & 7 }).toEqual({ cc: 0, r4: 0x40000 + data.length, r5: 0, r2: 0x60000 + (nbits >> 3), cbn: nbits & 7 })
    expect(unpack(m.storage.u8.subarray(0x60000, 0x60000 + Math.ceil(nbits / 8)), 11, want.length)).toEqual(want)
  })
})
