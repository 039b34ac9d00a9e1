// Machine snapshots on whole kernels: snapshot → restore → continue must give the console and the final state
// (every CPU's registers and PSW, a hash of storage and of the storage keys) of an uninterrupted run, with the
// translation tier on and off. Time is virtual (it moves only while every CPU waits), so two runs are comparable
// bit for bit. Then the refusals: corrupt, truncated, foreign and other-version snapshots.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { configFrom } from '@core/emulator/boot'
import { ipl } from '@core/emulator/ipl/elf'
import { Machine } from '@core/emulator/machine'
import type { JitMode } from '@core/emulator/jit/jit'
import { candidateFrames, restoreMachine, saveMachine } from '@core/emulator/snapshot/machine-state'
import { crc32, encodeSnapshot, nonZeroFrames, SNAPSHOT_FORMAT_VERSION } from '@core/emulator/snapshot/format'
import { EMULATOR_VERSION } from '@core/emulator/version'
import { CardReader, iplFromReader } from '@core/emulator/devices/card-reader'
import { buildReaderDeck, cpParmRegisters } from '@core/emulator/ipl/reader-deck'
import { encodeEbcdic } from '@core/domain/ebcdic'
import { HAVE_UPSTREAM, UPSTREAM_DIR } from './upstream-run'

const KERNELS = fileURLToPath(new URL('../../../resources/kernels/', import.meta.url))
const START_US = 1_765_000_000_000_000
const SLICE = 50_000

/** Host time that moves only when the machine says every CPU waits (by exactly the time it waits for). */
class VirtualTime {
  constructor(public us = START_US) {}
  readonly now = (): number => this.us
}

interface Kernel {
  file: string
  args: string
  smp: number
  qemuParams?: string
  /** Directory of `file` (default: our kernels). */
  dir?: string
  /** STSI identity (css runs only where the machine names itself QEMU). */
  identity?: string
  /** IPL from a card reader holding this kernel's flat image as our z/VM driver punches it (the reader is state). */
  reader?: boolean
}

function bootKernel(k: Kernel, jit: JitMode, vt: VirtualTime): Machine {
  const cfg = configFrom({ args: k.args, smp: k.smp, qemuParams: k.qemuParams, identity: k.identity, jit })
  cfg.timeSource = vt.now
  const m = new Machine(cfg)
  const image = readFileSync(join(k.dir ?? KERNELS, k.file))
  if (k.reader) iplFromReader(m, new CardReader(buildReaderDeck(image).bytes), cpParmRegisters(encodeEbcdic(k.args)))
  else ipl(m, image, k.file, cfg.args)
  return m
}

/** Runs `m` in slices until it ends or reaches `until` instructions; answers every migration request with a key. */
function runUntil(m: Machine, vt: VirtualTime, out: { text: string; answered: number }, until = Infinity): void {
  m.onConsole = (s) => void (out.text += s)
  while (m.ended === null && m.instructions < until) {
    const asked = out.text.split('Now migrate the VM').length - 1
    if (asked > out.answered) {
      out.answered++
      m.sclp.type('\n')
    }
    // Slices end on a fixed grid of instruction counts, so a key is typed at the same point however often the run
    // was interrupted.
    const r = m.run(Math.min(SLICE - (m.instructions % SLICE), until - m.instructions))
    if (r.idleMs > 0) vt.us += r.idleMs * 1000
    if (m.instructions > 2e9) throw new Error('kernel runs away')
  }
}

/** Registers and PSW of every CPU, storage and key hashes, console: what must match. */
function finalState(m: Machine, console: string): unknown {
  const h = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex')
  return {
    console,
    exit: m.exitStatus,
    ended: m.ended,
    instructions: m.instructions,
    cpus: m.cpus.map((c) => ({
      addr: c.addr,
      gr: [...c.rh].map((hi, i) => `${(hi >>> 0).toString(16)}:${(c.rl[i]! >>> 0).toString(16)}`),
      cr: [...c.crh].map((hi, i) => `${(hi >>> 0).toString(16)}:${(c.crl[i]! >>> 0).toString(16)}`),
      ar: [...c.ar],
      vr: h(new Uint8Array(c.vr.buffer)),
      fpc: c.fpc,
      psw: `${c.pswHi().toString(16)} ${c.pswLo().toString(16)} ${c.ia.toString(16)}`,
      prefix: c.prefix,
      stopped: c.stopped,
    })),
    storage: h(m.storage.u8),
    keys: h(m.storage.keys),
  }
}

function uninterrupted(k: Kernel, jit: JitMode): { state: unknown; total: number } {
  const vt = new VirtualTime()
  const m = bootKernel(k, jit, vt)
  const out = { text: '', answered: 0 }
  runUntil(m, vt, out)
  return { state: finalState(m, out.text), total: m.instructions }
}

/** The same run, snapshotted at each of `points` (instruction counts) and continued on a machine restored from it. */
function interrupted(k: Kernel, jit: JitMode, points: number[]): { state: unknown; snapshots: number } {
  const vt = new VirtualTime()
  let m = bootKernel(k, jit, vt)
  const out = { text: '', answered: 0 }
  let snapshots = 0
  for (const p of points) {
    runUntil(m, vt, out, p)
    if (m.ended !== null) break
    if (jit === 'off') {
      // The snapshot reads only frames the machine tracked as possibly non-zero: no non-zero frame may be outside.
      const tracked = new Set(candidateFrames(m))
      expect(nonZeroFrames(m.storage.u8).filter((f) => !tracked.has(f))).toEqual([])
    }
    const bytes = saveMachine(m)
    snapshots++
    m = restoreMachine(bytes, `snapshot at ${p}`, { jit, timeSource: vt.now })
  }
  runUntil(m, vt, out)
  return { state: finalState(m, out.text), snapshots }
}

const OUR_KERNELS: Kernel[] = [
  { file: 'selftest.elf', args: 'test 123 mem=128', smp: 1 },
  { file: 'pgm.elf', args: '', smp: 1 },
  { file: 'arith.elf', args: '', smp: 1 },
  { file: 'fail.elf', args: '', smp: 1 },
  { file: 'sclp-sigp.elf', args: 'cpus=2', smp: 2 },
  { file: 'migrate.elf', args: 'migrations=3', smp: 1 },
  { file: 'selftest.bin', args: 'test 123 mem=128', smp: 1, reader: true },
]

describe('snapshot → restore → continue equals an uninterrupted run', () => {
  for (const jit of ['off', 'on'] as const) {
    for (const k of OUR_KERNELS) {
  it(`${k.file} ${k.args} (jit ${jit})`, () => {
        const ref = uninterrupted(k, jit)
        expect((ref.state as { ended: string }).ended).toBe('stopped')
        const points = [0.2, 0.55, 0.9].map((f) => Math.max(1, Math.floor(ref.total * f)))
        const got = interrupted(k, jit, points)
        expect(got.snapshots).toBe(points.length)
        expect(got.state).toEqual(ref.state)
      })
    }
  }

  // The channel subsystem with a virtio-ccw device, exercised by upstream's css test (I/O instructions, interruptions,
  // channel monitor) when the local kvm-unit-tests build exists.
  it.skipIf(!HAVE_UPSTREAM)('upstream css.elf with -device virtio-net-ccw (jit off: frames tracked too)', () => {
    const k: Kernel = { file: 'css.elf', args: '', smp: 1, qemuParams: '-device virtio-net-ccw', identity: 'qemu-tcg', dir: UPSTREAM_DIR }
    const ref = uninterrupted(k, 'off')
    expect((ref.state as { console: string }).console).toMatch(/SUMMARY: 53 tests\n/)
    const points = [0.3, 0.6, 0.85].map((f) => Math.floor(ref.total * f))
    expect(interrupted(k, 'off', points).state).toEqual(ref.state)
  })

  it('a snapshot taken with the tier on continues with it off (translations are not state)', () => {
    const k = OUR_KERNELS[0]!
    const ref = uninterrupted(k, 'off')
    const vt = new VirtualTime()
    let m = bootKernel(k, 'on', vt)
    const out = { text: '', answered: 0 }
    runUntil(m, vt, out, Math.floor(ref.total / 2))
    m = restoreMachine(saveMachine(m), 'half-way', { jit: 'off', timeSource: vt.now })
    runUntil(m, vt, out)
    expect(finalState(m, out.text)).toEqual(ref.state)
  })
})

describe('snapshots that cannot be used are refused, naming the file and the fault', () => {
  const k = OUR_KERNELS[0]!
  const vt = new VirtualTime()
  const m = bootKernel(k, 'off', vt)
  runUntil(m, vt, { text: '', answered: 0 }, 20_000)
  const good = saveMachine(m)

  it('a good snapshot restores', () => {
    expect(restoreMachine(good, 'good.snap').instructions).toBe(m.instructions)
  })
  it('one flipped byte: checksum mismatch', () => {
    const bad = good.slice()
    bad[Math.floor(bad.length / 2)]! ^= 0x40
    expect(() => restoreMachine(bad, 'flip.snap')).toThrow(/^flip\.snap: checksum mismatch \(stored CRC-32 0x[0-9a-f]{8}, computed 0x[0-9a-f]{8}\): the file is corrupt$/)
  })
  it('truncated: says how many bytes of how many', () => {
    expect(() => restoreMachine(good.subarray(0, 1000), 'cut.snap')).toThrow(`cut.snap: truncated: 1000 of ${good.length} bytes`)
    expect(() => restoreMachine(good.subarray(0, 5), 'tiny.snap')).toThrow('tiny.snap: not a labcon snapshot: 5 bytes, shorter than a snapshot header')
  })
  it('not a snapshot at all (an ELF kernel)', () => {
    expect(() => restoreMachine(readFileSync(join(KERNELS, 'selftest.elf')), 'selftest.elf')).toThrow('selftest.elf: not a labcon snapshot: starts with ".ELF....", expected "LABCSNAP"')
  })
  it('another format version', () => {
    const v2 = good.slice()
    new DataView(v2.buffer).setUint32(8, SNAPSHOT_FORMAT_VERSION + 1)
    new DataView(v2.buffer).setUint32(v2.length - 4, crc32(v2.subarray(0, v2.length - 4)))
    expect(() => restoreMachine(v2, 'v2.snap')).toThrow(`v2.snap: snapshot format version ${SNAPSHOT_FORMAT_VERSION + 1}; this emulator reads version ${SNAPSHOT_FORMAT_VERSION} only`)
  })
  it('written by another emulator version', () => {
    const other = encodeSnapshot({ emulatorVersion: 'labcon-s390x-emu 0.0.1', state: {}, storage: new Uint8Array(4096), keys: new Uint8Array(1), blobs: [] })
    expect(() => restoreMachine(other, 'old.snap')).toThrow(`old.snap: written by "labcon-s390x-emu 0.0.1"; this is ${EMULATOR_VERSION}, which restores only its own snapshots`)
  })
  it('a well-formed file with a malformed state', () => {
    const odd = encodeSnapshot({ emulatorVersion: EMULATOR_VERSION, state: { config: { cpuAddrs: [0] }, cpus: [] }, storage: new Uint8Array(4096), keys: new Uint8Array(1), blobs: [] })
    expect(() => restoreMachine(odd, 'odd.snap')).toThrow('odd.snap: malformed state: 0 CPU states for 1 configured CPUs')
  })
})

describe('snapshot checksums and frame scans', () => {
  it('computes CRC-32 and the non-zero frames over many chunks as in one piece', () => {
    // (both loop in chunks of calls: emulator threads run without on-stack replacement)
    expect(crc32(new TextEncoder().encode('The quick brown fox jumps over the lazy dog'))).toBe(0x414fa339)
    const b = new Uint8Array(5 * 65536 + 3)
    for (let i = 0; i < b.length; i++) b[i] = Math.imul(i, 0x9e3779b1) >>> 24
    let bitwise = -1
    for (const x of b) {
      bitwise ^= x
      for (let k = 0; k < 8; k++) bitwise = bitwise & 1 ? 0xedb88320 ^ (bitwise >>> 1) : bitwise >>> 1
    }
    expect(crc32(b)).toBe(~bitwise >>> 0)
    expect(crc32(b.subarray(70_000), crc32(b.subarray(0, 70_000)))).toBe(crc32(b))
    const storage = new Uint8Array(64 * 4096)
    storage[3 * 4096] = 1
    storage[7 * 4096 + 4095] = 2
    storage[63 * 4096 + 100] = 3
    expect(nonZeroFrames(storage)).toEqual([3, 7, 63])
    expect(nonZeroFrames(storage, [63, 5, 7])).toEqual([7, 63])
  })
})
