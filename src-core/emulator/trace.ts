// Instruction trace in the shape of `qemu-system-s390x -d in_asm,cpu` so that runs can be diffed line by line.
import type { Cpu } from './cpu/cpu.ts'
import { disassemble } from './isa/disasm.ts'

const h16 = (v: number): string => (v >>> 0).toString(16).padStart(8, '0')
const a16 = (v: number): string => v.toString(16).padStart(16, '0')

/** "0x0000000000010000:  larl %r15,0x..." for the instruction at the CPU's current address. */
export function traceInsnLine(c: Cpu): string {
  let text: string
  try {
    const h0 = c.fetch16(c.ia)
    const t = h0 >>> 14
    const h1 = t !== 0 ? c.fetch16(c.ia + 2) : 0
    const h2 = t === 3 ? c.fetch16(c.ia + 4) : 0
    text = disassemble(h0, h1, h2, c.ia)
  } catch {
    text = '<unreadable>'
  }
  return `0x${a16(c.ia)}:  ${text}`
}

/** "PSW=mask 0000000180000000 addr 0000000000010000 cc 00" plus the 16 GPRs, as QEMU's `-d cpu`. */
export function traceCpuLines(c: Cpu): string {
  let s = `PSW=mask ${h16(c.pswHi())}${h16(c.pswLo())} addr ${a16(c.ia)} cc ${c.cc.toString().padStart(2, '0')}\n`
  for (let i = 0; i < 16; i++) {
    s += `R${i.toString().padStart(2, '0')}=${h16(c.rh[i]!)}${h16(c.rl[i]!)}${i % 4 === 3 ? '\n' : ' '}`
  }
  return s
}
