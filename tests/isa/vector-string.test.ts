// POP ch. 23, vector string instructions: FIND ANY ELEMENT EQUAL, FIND ELEMENT (NOT) EQUAL, ISOLATE STRING and STRING
// RANGE COMPARE with the invert, result-type, zero-search and CC-set flags; byte indexes land in byte 7 of V1.
// Expected values worked out by hand from the POP definitions.
import { runGroup, type Case } from './harness.ts'

/** CR0 with AFP and vector enablement (bits 45, 46). */
const VCR0 = { 0: 0x000600e0n }
const Q = 0x000102030405060708090a0b0c0d0e0fn
/** "ABCDEFGHIJKLMNO" and a zero byte. */
const ABC = 0x4142434445464748494a4b4c4d4e4f00n
/** 'E' and 'K' (0x45, 0x4b) as the set to find. */
const EK = 0x454b4545454545454545454545454545n
/** Index result: byte 7 of V1. */
const IX = (n: number): bigint => BigInt(n) << 64n
/** Ranges '0'-'9' and 'a'-'z' with their controls (>= lower bound: equal|high; <= upper bound: equal|low). */
const RANGES = 0x3039617a000000000000000000000000n
const CTL = 0xa0c0a0c0000000000000000000000000n
/** "AB3x" and zeros. */
const AB3X = 0x41423378000000000000000000000000n
const SPEC = { pgm: { code: 6 } }

const CASES: Case[] = [
  { name: 'first byte equal to any: index 4, CC unchanged', asm: 'vfae %v1,%v2,%v3,0,0', code: 'e71230000082', cr: VCR0, cc: 2, vr: { 2: ABC, 3: EK }, want: { vr: { 1: IX(4) } } },
  { name: 'CS: a match, no zero search: CC 1', asm: 'vfae %v1,%v2,%v3,0,1', code: 'e71230100082', cr: VCR0, vr: { 2: ABC, 3: EK }, want: { cc: 1, vr: { 1: IX(4) } } },
  { name: 'ZS: match before the zero: CC 2', asm: 'vfae %v1,%v2,%v3,0,3', code: 'e71230300082', cr: VCR0, vr: { 2: ABC, 3: EK }, want: { cc: 2, vr: { 1: IX(4) } } },
  { name: 'IN: first byte equal to none: index 0', asm: 'vfae %v1,%v2,%v3,0,9', code: 'e71230900082', cr: VCR0, vr: { 2: ABC, 3: EK }, want: { cc: 1, vr: { 1: IX(0) } } },
  { name: 'RT: a mask of the matches', asm: 'vfae %v1,%v2,%v3,0,5', code: 'e71230500082', cr: VCR0, vr: { 2: ABC, 3: EK }, want: { cc: 1, vr: { 1: 0x00000000ff0000000000ff0000000000n } } },
  { name: 'no match, zero at 15: CC 0', asm: 'vfae %v1,%v2,%v3,0,3', code: 'e71230300082', cr: VCR0, vr: { 2: ABC, 3: 0x7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7an }, want: { cc: 0, vr: { 1: IX(15) } } },
  { name: 'no match, no zero search: 16, CC 3', asm: 'vfae %v1,%v2,%v3,0,1', code: 'e71230100082', cr: VCR0, vr: { 2: ABC, 3: 0x7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7an }, want: { cc: 3, vr: { 1: IX(16) } } },
  { name: 'halfwords: element 2 is byte 4', asm: 'vfae %v1,%v2,%v3,1,1', code: 'e71230101082', cr: VCR0, vr: { 2: 0x00010002000300040005000600070008n, 3: 0x00030003000300030003000300030003n }, want: { cc: 1, vr: { 1: IX(4) } } },
  { name: 'element size 3: specification', asm: 'vfae %v1,%v2,%v3,3,0', code: 'e71230003082', cr: VCR0, want: SPEC },
  { name: 'first equal byte: 5, CC 1', asm: 'vfee %v1,%v2,%v3,0,1', code: 'e71230100080', cr: VCR0, vr: { 2: Q, 3: 0xffffffffff05ffffffffffffffffffffn }, want: { cc: 1, vr: { 1: IX(5) } } },
  { name: 'zero at byte 0 first: CC 0', asm: 'vfee %v1,%v2,%v3,0,3', code: 'e71230300080', cr: VCR0, vr: { 2: Q, 3: 0xffffffffff05ffffffffffffffffffffn }, want: { cc: 0, vr: { 1: IX(0) } } },
  { name: 'none equal: 16, CC 3', asm: 'vfee %v1,%v2,%v3,0,1', code: 'e71230100080', cr: VCR0, vr: { 2: Q, 3: ~Q & ((1n << 128n) - 1n) }, want: { cc: 3, vr: { 1: IX(16) } } },
  { name: 'M5 bit 1 (RT) reserved: specification', asm: 'vfee %v1,%v2,%v3,0,4', code: 'e71230400080', cr: VCR0, want: SPEC },
  { name: 'first unequal byte 9, V2 lower: CC 1', asm: 'vfene %v1,%v2,%v3,0,1', code: 'e71230100081', cr: VCR0, vr: { 2: Q, 3: Q ^ (0x29n << 48n) }, want: { cc: 1, vr: { 1: IX(9) } } },
  { name: 'first unequal byte 9, V2 higher: CC 2', asm: 'vfene %v1,%v2,%v3,0,1', code: 'e71230100081', cr: VCR0, vr: { 2: Q, 3: Q ^ (0x08n << 48n) }, want: { cc: 2, vr: { 1: IX(9) } } },
  { name: 'all equal: 16, CC 3', asm: 'vfene %v1,%v2,%v3,0,1', code: 'e71230100081', cr: VCR0, vr: { 2: ABC, 3: ABC }, want: { cc: 3, vr: { 1: IX(16) } } },
  { name: 'equal up to the zero at byte 2: CC 0', asm: 'vfene %v1,%v2,%v3,0,3', code: 'e71230300081', cr: VCR0, vr: { 2: 0x41420000000000000000000000000000n, 3: 0x41420000000000000000000000000000n }, want: { cc: 0, vr: { 1: IX(2) } } },
  { name: 'words: element 1 differs, byte 4', asm: 'vfene %v1,%v2,%v3,2,0', code: 'e71230002081', cr: VCR0, vr: { 2: 1n << 64n, 3: 2n << 64n }, want: { vr: { 1: IX(4) } } },
  { name: 'bytes up to the zero, zeros after: CC 0', asm: 'vistr %v1,%v2,0,1', code: 'e7120010005c', cr: VCR0, vr: { 2: 0x41424300444546474849000000000000n }, want: { cc: 0, vr: { 1: 0x41424300000000000000000000000000n } } },
  { name: 'no zero: copied, CC 3', asm: 'vistr %v1,%v2,0,1', code: 'e7120010005c', cr: VCR0, vr: { 2: 0x41414141414141414141414141414141n }, want: { cc: 3, vr: { 1: 0x41414141414141414141414141414141n } } },
  { name: 'halfwords: 0x4100 is not zero', asm: 'vistr %v1,%v2,1,0', code: 'e7120000105c', cr: VCR0, cc: 1, vr: { 2: 0x41000000420000000000000000000000n }, want: { vr: { 1: 0x41000000000000000000000000000000n } } },
  { name: 'element size 3: specification', asm: 'vistr %v1,%v2,3,0', code: 'e7120000305c', cr: VCR0, want: SPEC },
  { name: "first byte in '0'-'9' or 'a'-'z': 2, CC 1", asm: 'vstrc %v1,%v2,%v3,%v4,0,1', code: 'e7123010408a', cr: VCR0, vr: { 2: AB3X, 3: RANGES, 4: CTL }, want: { cc: 1, vr: { 1: IX(2) } } },
  { name: 'ZS: match before the zero at 4: CC 2', asm: 'vstrc %v1,%v2,%v3,%v4,0,3', code: 'e7123030408a', cr: VCR0, vr: { 2: AB3X, 3: RANGES, 4: CTL }, want: { cc: 2, vr: { 1: IX(2) } } },
  { name: 'RT: bytes 2 and 3 in range', asm: 'vstrc %v1,%v2,%v3,%v4,0,5', code: 'e7123050408a', cr: VCR0, vr: { 2: AB3X, 3: RANGES, 4: CTL }, want: { cc: 1, vr: { 1: 0x0000ffff000000000000000000000000n } } },
  { name: 'IN: first byte out of every range: 0', asm: 'vstrc %v1,%v2,%v3,%v4,0,9', code: 'e7123090408a', cr: VCR0, vr: { 2: AB3X, 3: RANGES, 4: CTL }, want: { cc: 1, vr: { 1: IX(0) } } },
  { name: 'nothing in range, zero search: CC 0 at the zero', asm: 'vstrc %v1,%v2,%v3,%v4,0,3', code: 'e7123030408a', cr: VCR0, vr: { 2: 0x41420000000000000000000000000000n, 3: RANGES, 4: CTL }, want: { cc: 0, vr: { 1: IX(2) } } },
  { name: 'element size 3: specification', asm: 'vstrc %v1,%v2,%v3,%v4,3,0', code: 'e7123300408a', cr: VCR0, want: SPEC },
  // ---- VSTRS (vector-enhancements 2); the substring length in bytes is byte 7 of V4
  { name: '"DEF" in "ABCDEFG...": full match at 3, CC 2', asm: 'vstrs %v1,%v2,%v3,%v4,0,0', code: 'e7123000408b', cr: VCR0, vr: { 2: ABC, 3: 0x44454600000000000000000000000000n, 4: IX(3) }, want: { cc: 2, vr: { 1: IX(3) } } },
  { name: '"O", 0, "Z" runs off the end matching: partial at 14, CC 3', asm: 'vstrs %v1,%v2,%v3,%v4,0,0', code: 'e7123000408b', cr: VCR0, vr: { 2: ABC, 3: 0x4f005a00000000000000000000000000n, 4: IX(3) }, want: { cc: 3, vr: { 1: IX(14) } } },
  { name: 'no match, no zero search: 16, CC 0', asm: 'vstrs %v1,%v2,%v3,%v4,0,0', code: 'e7123000408b', cr: VCR0, vr: { 2: ABC, 3: 0x58595a00000000000000000000000000n, 4: IX(3) }, want: { cc: 0, vr: { 1: IX(16) } } },
  { name: 'ZS: substring ends at its zero; no match, V2 has a zero: CC 1', asm: 'vstrs %v1,%v2,%v3,%v4,0,2', code: 'e7123020408b', cr: VCR0, vr: { 2: ABC, 3: 0x58595a00000000000000000000000000n, 4: IX(16) }, want: { cc: 1, vr: { 1: IX(16) } } },
  { name: 'ZS: "DEF" and its zero: full match at 3', asm: 'vstrs %v1,%v2,%v3,%v4,0,2', code: 'e7123020408b', cr: VCR0, vr: { 2: ABC, 3: 0x44454600000000000000000000000000n, 4: IX(16) }, want: { cc: 2, vr: { 1: IX(3) } } },
  { name: 'empty substring: match at 0, CC 2', asm: 'vstrs %v1,%v2,%v3,%v4,0,0', code: 'e7123000408b', cr: VCR0, vr: { 2: ABC }, want: { cc: 2, vr: { 1: IX(0) } } },
  { name: 'halfwords: element 2 (byte 4)', asm: 'vstrs %v1,%v2,%v3,%v4,1,0', code: 'e7123100408b', cr: VCR0, vr: { 2: 0x00010002000300040005000600070008n, 3: 0x00030004000000000000000000000000n, 4: IX(4) }, want: { cc: 2, vr: { 1: IX(4) } } },
  { name: 'M6 bit 3 reserved: specification', asm: 'vstrs %v1,%v2,%v3,%v4,0,1', code: 'e7123010408b', cr: VCR0, want: SPEC },
]

runGroup('vector string', CASES)
