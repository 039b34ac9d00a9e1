// Instruction trace in the shape of `qemu-system-s390x -d in_asm,cpu` so that runs can be diffed line by line.
import type { Cpu } from './cpu/cpu.ts'
import { disassemble } from './isa/disasm.ts'

const h16 = (v: number): string => (v >>> 0).toString(16).padStart(8, '0')
const a16 = (v: number): string => v.toString(16).padStart(16, '0')

/** One line in QEMU `-d in_asm` layout: "0x00010002:  a718 0002       lhi      %r1, 2". */
export function traceInsnLine(c: Cpu): string {
  let text: string
  let bytes = ''
  try {
    const h0 = c.fetch16(c.ia)
    const t = h0 >>> 14
    const h1 = t !== 0 ? c.fetch16(c.ia + 2) : 0
    const h2 = t === 3 ? c.fetch16(c.ia + 4) : 0
    const hw = [h0, h1, h2].slice(0, t === 0 ? 1 : t === 3 ? 3 : 2)
    bytes = hw.map((h) => h.toString(16).padStart(4, '0')).join(' ')
    const d = disassemble(h0, h1, h2, c.ia)
    const sp = d.indexOf(' ')
    text = sp < 0 ? d : `${d.slice(0, sp).padEnd(8)} ${d.slice(sp + 1).replace(/,/g, ', ')}`
  } catch {
    text = '<unreadable>'
  }
  return `0x${c.ia.toString(16).padStart(8, '0')}:  ${bytes.padEnd(16)}${text}`
}

/** "PSW=mask 0000000180000000 addr 0000000000010000 cc 00" plus the 16 GPRs, as QEMU's `-d cpu`. */
export function traceCpuLines(c: Cpu): string {
  let s = `PSW=mask ${h16(c.pswHi())}${h16(c.pswLo())} addr ${a16(c.ia)} cc ${c.cc.toString().padStart(2, '0')}\n`
  for (let i = 0; i < 16; i++) {
    s += `R${i.toString().padStart(2, '0')}=${h16(c.rh[i]!)}${h16(c.rl[i]!)}${i % 4 === 3 ? '\n' : ' '}`
  }
  return s
}
