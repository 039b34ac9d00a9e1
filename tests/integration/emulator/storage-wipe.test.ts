// Storage reuse between machines (a pool worker wipes the last job's storage for the next one, Storage.wipe): every
// frame a machine may have written must be among candidateFrames (touched, keyed, lowcore), and after the wipe the
// storage is all zeros again. Stores that bypass the TLB (real-address stores, SIGP STORE STATUS AT ADDRESS, IPTE's
// invalid bit, interruptions into a lowcore the prefix has since left) and whole kernels, with and without the
// translation tier.
import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Machine, defaultConfig } from '@core/emulator/machine'
import { configFrom } from '@core/emulator/boot'
import { ipl } from '@core/emulator/ipl/elf'
import { candidateFrames } from '@core/emulator/snapshot/machine-state'
import { nonZeroFrames } from '@core/emulator/snapshot/format'
import type { JitMode } from '@core/emulator/jit/jit'
import { HAVE_UPSTREAM, UPSTREAM_DIR } from './upstream-run'

const KERNELS = fileURLToPath(new URL('../../../resources/kernels/', import.meta.url))
const START = 0x10000

/** Non-zero frames the machine does not name as candidates (must be none), then what a wipe leaves (must be none). */
function leftovers(m: Machine): { untracked: number[]; afterWipe: number[]; keys: number } {
  const tracked = new Set(candidateFrames(m))
  const untracked = nonZeroFrames(m.storage.u8).filter((f) => !tracked.has(f))
  m.storage.wipe(candidateFrames(m))
  return { untracked, afterWipe: nonZeroFrames(m.storage.u8), keys: m.storage.keys.reduce((a, k) => a + k, 0) }
}
const CLEAN = { untracked: [], afterWipe: [], keys: 0 }

/** A 2 MiB machine, 64-bit supervisor state, CPU 0 at START with `code`; CPU 1 (if any) stopped. */
function machine(code: number[], cpus = 1): Machine {
  const m = new Machine(defaultConfig({ memMiB: 2, cpuAddrs: cpus === 1 ? [0] : [0, 1], jit: 'off' }))
  m.storage.load(START, new Uint8Array(code))
  const c = m.cpus[0]!
  c.stopped = false
  c.amode = -1
  c.ia = START
  return m
}

describe('storage wipe for the next machine', () => {
  it('clears a frame stored into by STORE USING REAL ADDRESS', () => {
    const m = machine([0xb2, 0x46, 0x00, 0x12]) // stura r1,r2
    const c = m.cpus[0]!
    c.rl[1] = 0x5a5a5a5a
    c.rl[2] = 0x150000
    expect(c.run(1)).toBe(1)
    expect(m.storage.dv.getUint32(0x150000)).toBe(0x5a5a5a5a)
    expect(leftovers(m)).toEqual(CLEAN)
  })

  it('clears the save area SIGP STORE STATUS AT ADDRESS wrote', () => {
    const m = machine([0xae, 0x42, 0x00, 0x0e], 2) // sigp r4,r2,14: store status of CPU 1 at the address in r5
    const c = m.cpus[0]!
    const t = m.cpus[1]!
    expect(t.stopped).toBe(true)
    t.rl[7] = 0x77777777
    c.rl[2] = 1
    c.rl[5] = 0x160000
    expect(c.run(1)).toBe(1)
    expect(c.cc).toBe(0)
    expect(m.storage.dv.getUint32(0x160000 + 0x80 + 7 * 8 + 4)).toBe(0x77777777) // GR 7 in the save area
    expect(leftovers(m)).toEqual(CLEAN)
  })

  it('clears the page-table entry IPTE marked invalid in a table nothing else wrote', () => {
    const m = machine([0xb2, 0x21, 0x00, 0x12]) // ipte r1,r2
    const c = m.cpus[0]!
    c.rl[1] = 0x180000
    c.rl[2] = 0
    expect(c.run(1)).toBe(1)
    expect(m.storage.dv.getUint32(0x180004)).toBe(0x400)
    expect(leftovers(m)).toEqual(CLEAN)
  })

  it('clears a lowcore an interruption wrote after the prefix moved away from it again', () => {
    // spx 0(r2) (to 0x170000); svc 1 (old PSW into 0x170140); then, as the SVC handler would: spx 4(r2) (back to 0)
    const m = machine([0xb2, 0x10, 0x20, 0x00, 0x0a, 0x01, 0xb2, 0x10, 0x20, 0x04])
    m.storage.load(0x12000, new Uint8Array([0x00, 0x17, 0x00, 0x00, 0, 0, 0, 0]))
    const c = m.cpus[0]!
    c.rl[2] = 0x12000
    expect(c.run(1)).toBe(1) // (SET PREFIX ends the run slice)
    expect(c.prefix).toBe(0x170000)
    expect(c.run(1)).toBe(1)
    expect(m.storage.dv.getUint16(0x170000 + 0x8a)).toBe(1) // SVC interruption code
    c.ia = START + 6
    expect(c.run(1)).toBe(1)
    expect(c.prefix).toBe(0)
    expect(leftovers(m)).toEqual(CLEAN)
  })

  const ours: Array<{ file: string; args: string; smp: number }> = [
    { file: 'selftest.elf', args: 'test 123 mem=128', smp: 1 },
    { file: 'pgm.elf', args: '', smp: 1 },
    { file: 'arith.elf', args: '', smp: 1 },
    { file: 'fail.elf', args: '', smp: 1 },
    { file: 'sclp-sigp.elf', args: 'cpus=2', smp: 2 },
  ]
  // (where a local kvm-unit-tests build exists: channel I/O, SIGP, storage keys, DAT; absent in CI)
  const upstream = ['selftest', 'emulator', 'skey', 'smp', 'mvpg', 'edat', 'css', 'tprot', 'iep', 'stsi', 'sck']
  const kernels: Array<{ file: string; args: string; smp: number; dir: string; qemuParams?: string }> = [
    ...ours.map((k) => ({ ...k, dir: KERNELS })),
    ...(HAVE_UPSTREAM ? upstream.map((t) => ({ file: `${t}.elf`, args: '', smp: t === 'smp' ? 2 : 1, dir: UPSTREAM_DIR, qemuParams: t === 'css' ? '-device virtio-net-ccw' : undefined })) : []),
  ]
  for (const jit of ['on', 'off'] as JitMode[]) {
    for (const k of kernels) {
      it(`leaves nothing of ${k.file}${k.dir === KERNELS ? '' : ' (upstream, local build)'} with the translation tier ${jit}`, () => {
        // (upstream's css runs only where the machine names itself QEMU)
        const cfg = configFrom({ args: k.args, smp: k.smp, jit, qemuParams: k.qemuParams, identity: k.dir === KERNELS ? undefined : 'qemu-tcg' })
        const m = new Machine(cfg)
        ipl(m, readFileSync(join(k.dir, k.file)), k.file, cfg.args)
        m.onConsole = () => {}
        while (m.ended === null && m.instructions < 400_000_000) m.run(1_000_000)
        expect(m.ended).not.toBeNull()
        expect(leftovers(m)).toEqual(CLEAN)
      })
    }
  }
})
