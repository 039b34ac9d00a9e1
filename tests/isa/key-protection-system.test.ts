// Key-controlled protection on the operands of control instructions, where QEMU 7.2 TCG does not check keys
// (the upstream `skey` checks it fails): STORE CPU ADDRESS stores under the PSW key, SET PREFIX fetches its operand
// under it (fetch protection, the fetch-protection override for bytes 0-2047 only), and the exception is
// suppressed (nothing stored, prefix unchanged) with a TEID naming the page and protection code "key" (ESOP-2).
import { runGroup, type Case } from './harness.ts'

const T = 0x30000
const BT = { 2: BigInt(T) }
const CR0 = 0x000400e0n
/** Storage-protection override (bit 39) and fetch-protection override (bit 38) in CR0. */
const CR0_SPO = CR0 | 0x01000000n
const CR0_FPO = CR0 | 0x02000000n
/** TEID for key-controlled protection on page T: page address, access unknown (00), protection code 010. */
const TEID_KEY = { 0xa8: '0000000000030008' }
const PREFIX_AREA = 0x40000

const CASES: Case[] = [
  // ---- STORE CPU ADDRESS ----
  { name: 'key 0 stores into a key-2 page', asm: 'stap 0(%r2)', code: 'b2122000', gr: BT, skeys: { [T]: 0x20 }, mem: { [T]: 'beef' }, want: { mem: { [T]: '0000' } } },
  { name: 'matching key stores', asm: 'stap 0(%r2)', code: 'b2122000', key: 1, gr: BT, skeys: { [T]: 0x10 }, mem: { [T]: 'beef' }, want: { mem: { [T]: '0000' }, pswHi: 0x00100001 } },
  {
    name: 'mismatching key: protection, nothing stored, TEID names the page',
    asm: 'stap 0(%r2)',
    code: 'b2122000',
    key: 1,
    gr: BT,
    skeys: { [T]: 0x20 },
    mem: { [T]: 'beef' },
    want: { pgm: { code: 4 }, pswHi: 0x00100001, mem: { [T]: 'beef', ...TEID_KEY } },
  },
  { name: 'storage-protection override with key 9 stores', asm: 'stap 0(%r2)', code: 'b2122000', key: 1, cr: { 0: CR0_SPO }, gr: BT, skeys: { [T]: 0x90 }, mem: { [T]: 'beef' }, want: { mem: { [T]: '0000' }, pswHi: 0x00100001 } },
  { name: 'storage-protection override does not apply to key 2', asm: 'stap 0(%r2)', code: 'b2122000', key: 1, cr: { 0: CR0_SPO }, gr: BT, skeys: { [T]: 0x20 }, mem: { [T]: 'beef' }, want: { pgm: { code: 4 }, pswHi: 0x00100001, mem: { [T]: 'beef' } } },
  { name: 'key 9 without the override: protection', asm: 'stap 0(%r2)', code: 'b2122000', key: 1, gr: BT, skeys: { [T]: 0x90 }, mem: { [T]: 'beef' }, want: { pgm: { code: 4 }, pswHi: 0x00100001, mem: { [T]: 'beef' } } },
  // ---- SET PREFIX ----
  { name: 'mismatching key, no fetch protection: prefix set', asm: 'spx 0(%r2)', code: 'b2102000', key: 1, gr: BT, skeys: { [T]: 0x20 }, mem: { [T]: '00040000' }, want: { prefix: PREFIX_AREA, pswHi: 0x00100001 } },
  {
    name: 'mismatching key, fetch protection: protection, prefix unchanged',
    asm: 'spx 0(%r2)',
    code: 'b2102000',
    key: 1,
    gr: BT,
    skeys: { [T]: 0x28 },
    mem: { [T]: '00040000' },
    want: { pgm: { code: 4 }, prefix: 0, pswHi: 0x00100001, mem: TEID_KEY },
  },
  // fetch-protection override: only bytes 0-2047 of real page 0 (operands at 0x100 and 0x800 of a key-2 fetch-protected page 0)
  { name: 'fetch-protection override applies below 2048', asm: 'spx 0x100(%r0)', code: 'b2100100', key: 1, cr: { 0: CR0_FPO }, skeys: { 0: 0x28 }, mem: { 0x100: '00040000' }, want: { prefix: PREFIX_AREA, pswHi: 0x00100001 } },
  { name: 'fetch-protection override does not apply at 2048', asm: 'spx 0x800(%r0)', code: 'b2100800', key: 1, cr: { 0: CR0_FPO }, skeys: { 0: 0x28 }, mem: { 0x800: '00040000' }, want: { pgm: { code: 4 }, prefix: 0, pswHi: 0x00100001 } },
  // ---- STORE PREFIX ----
  { name: 'mismatching key: protection, nothing stored', asm: 'stpx 0(%r2)', code: 'b2112000', key: 1, gr: BT, skeys: { [T]: 0x20 }, mem: { [T]: 'cafef00d' }, want: { pgm: { code: 4 }, pswHi: 0x00100001, mem: { [T]: 'cafef00d' } } },
]

runGroup('key-controlled protection of control-instruction operands', CASES)
