// STORE HYPERVISOR INFORMATION (facility 74; z/VM CP Programming Services "STHYI", as KVM provides it): register
// checks (R1 = R2, odd R1 or R2: specification), an unsupported function code (CC 3, return code 4 in R2+1, checked
// before the buffer address), the 4K-boundary check of the buffer, and function code 0's response: header (lengths
// and offsets of the machine and partition sections), machine section (dedicated CPs, STSI 1.1.1 type,
// manufacturer, sequence, plant, in EBCDIC), partition section (dedicated CPs, STSI 2.2.2 number 0 and name).
// Expected bytes laid out by hand from those definitions for the one-CPU harness machine.
import { DATA, runGroup, type Case } from './harness.ts'

const D = BigInt(DATA)
/** EBCDIC 'LABCON' and 'LABC', blank-padded. */
const LABCON16 = 'd3c1c2c3d6d5' + '40'.repeat(10)
const HEADER = '0000000000000000 00a8 0030 0030 0040 0070 0038' + '00'.repeat(28)
const MACHINE = '0000c000 0000 0001 0000 0000' + '00'.repeat(8) + 'f8f5f6f1' + LABCON16 + LABCON16 + 'd3c1c2c3 00000000'
const PARTITION = '00009000 0000 0000 0001 0000 0000 0000 d3c1c2c3d6d54040' + '00'.repeat(32)

const CASES: Case[] = [
  { name: 'function code 0: header, machine and partition sections, CC 0, return code 0', asm: 'sthyi %r0,%r2', code: 'b2560002', cc: 2, gr: { 2: D, 3: 42n }, mem: { [DATA + 168]: 'ff' }, want: { cc: 0, gr: { 3: 0n }, mem: { [DATA]: HEADER, [DATA + 48]: MACHINE, [DATA + 112]: PARTITION, [DATA + 168]: '00' } } },
  { name: 'function code 42: CC 3, return code 4, nothing stored', asm: 'sthyi %r0,%r2', code: 'b2560002', gr: { 0: 42n, 2: D, 3: 0xffffffffffffffffn }, mem: { [DATA]: 'ff' }, want: { cc: 3, gr: { 3: 4n }, mem: { [DATA]: 'ff' } } },
  { name: 'unsupported function code with an unaligned buffer: CC 3 (code checked first)', asm: 'sthyi %r4,%r2', code: 'b2560042', gr: { 4: 1n, 2: D + 8n }, want: { cc: 3, gr: { 3: 4n } } },
  { name: 'function code 0, buffer not on a 4K boundary: specification', asm: 'sthyi %r0,%r2', code: 'b2560002', gr: { 2: 42042n }, want: { pgm: { code: 6 } } },
  { name: 'odd R1: specification', asm: 'sthyi %r1,%r2', code: 'b2560012', gr: { 2: D }, want: { pgm: { code: 6 } } },
  { name: 'odd R2: specification', asm: 'sthyi %r0,%r3', code: 'b2560003', gr: { 3: D }, want: { pgm: { code: 6 } } },
  { name: 'R1 = R2: specification', asm: 'sthyi %r2,%r2', code: 'b2560022', gr: { 2: D }, want: { pgm: { code: 6 } } },
  { name: 'problem state: not privileged', asm: 'sthyi %r0,%r2', code: 'b2560002', problem: true, gr: { 0: 1n, 2: D }, want: { cc: 3, gr: { 3: 4n } } },
  { name: 'buffer beyond storage: addressing, R2+1 unchanged', asm: 'sthyi %r0,%r2', code: 'b2560002', gr: { 2: 0x400000n, 3: 42n }, want: { pgm: { code: 5 } } },
]

runGroup('STORE HYPERVISOR INFORMATION', CASES)
