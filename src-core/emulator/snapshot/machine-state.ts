// What a machine snapshot holds and how a machine is rebuilt from one: the configuration, every CPU (registers, PSW,
// prefix, timers, pending interruptions, SIGP state), storage and keys, the TOD clock, SCLP, the channel subsystem
// with its devices, the watchdog and the machine's run state. Taken between run slices (no instruction is half
// done). Host-time fields (CPU timers, the watchdog) are saved with the host time of the snapshot and moved along on
// restore, so the guest's clocks go on from where they stood. Translations are not state: a restored machine starts
// with empty block caches and TLBs.
import { Machine, type MachineConfig, type MachineRunState } from '../machine.ts'
import { HIGH_WINDOW, type Cpu } from '../cpu/cpu.ts'
import type { SclpState } from '../devices/sclp.ts'
import type { CssState } from '../devices/css.ts'
import { CardReader } from '../devices/card-reader.ts'
import type { JitMode } from '../jit/jit.ts'
import type { InterpLoop } from '../cpu/wasm-loop.ts'
import { EMULATOR_VERSION } from '../version.ts'
import { decodeSnapshot, encodeSnapshot, SnapshotError } from './format.ts'

/** A 64-bit value in the state JSON: 16 hex digits. */
type Hex64 = string

interface CpuState {
  addr: number
  rh: number[]
  rl: number[]
  crh: number[]
  crl: number[]
  ar: number[]
  vr: number[]
  fpc: number
  /** Guarded-storage controls (GSD, GSSM, GSEPLA as word pairs); absent in snapshots taken before they existed. */
  gs?: number[]
  mask: number
  cc: number
  pm: number
  amode: number
  /** Instruction address: a number below 2^53, or the exact page number and offset of a higher one. */
  ia: number | { page: number; off: number }
  ilc: number
  prefix: number
  stopped: boolean
  icount: number
  restartPending: boolean
  emergencyFrom: number[]
  extCallFrom: number
  stopAfter: boolean
  storeStatusOnStop: boolean
  ckc: Hex64
  cpuTimerBase: Hex64
  cpuTimerAt: number
  todpr: number
  teidH: number
  teidL: number
  excAccessId: number
  opAccessId: number
}

/** The STAT section of a snapshot (format version 1). */
interface MachineStateV1 {
  /** Host time (µs) when the snapshot was taken; restore shifts host-time fields by (now - this). */
  savedAtUs: number
  config: Omit<MachineConfig, 'jit' | 'timeSource' | 'entropy'>
  instructions: number
  cpus: CpuState[]
  tod: { offset: Hex64; last: Hex64 }
  sclp: SclpState
  css: CssState
  watchdog: { enabled: boolean; deadlineMs: number } | null
  run: Omit<MachineRunState, 'iplb'> & { iplbBlob: number }
}

const hex64 = (v: bigint): Hex64 => BigInt.asUintN(64, v).toString(16).padStart(16, '0')
const big = (h: Hex64, signed = false): bigint => (signed ? BigInt.asIntN(64, BigInt(`0x${h}`)) : BigInt(`0x${h}`))

function saveCpu(c: Cpu): CpuState {
  const ia = c.ia >= HIGH_WINDOW ? { page: c.pageNo(c.ia), off: c.ia % 4096 } : c.ia
  return {
    addr: c.addr,
    rh: [...c.rh],
    rl: [...c.rl],
    crh: [...c.crh],
    crl: [...c.crl],
    ar: [...c.ar],
    vr: [...c.vr],
    fpc: c.fpc,
    gs: [...c.gs],
    mask: c.mask,
    cc: c.cc,
    pm: c.pm,
    amode: c.amode,
    ia,
    ilc: c.ilc,
    prefix: c.prefix,
    stopped: c.stopped,
    icount: c.icount,
    restartPending: c.restartPending,
    emergencyFrom: [...c.emergencyFrom],
    extCallFrom: c.extCallFrom,
    stopAfter: c.stopAfter,
    storeStatusOnStop: c.storeStatusOnStop,
    ckc: hex64(c.ckc),
    cpuTimerBase: hex64(c.cpuTimerBase),
    cpuTimerAt: c.cpuTimerAt,
    todpr: c.todpr,
    teidH: c.teidH,
    teidL: c.teidL,
    excAccessId: c.excAccessId,
    opAccessId: c.opAccessId,
  }
}

function restoreCpu(c: Cpu, s: CpuState, shiftUs: number): void {
  c.rh.set(s.rh)
  c.rl.set(s.rl)
  c.crh.set(s.crh)
  c.crl.set(s.crl)
  c.ar.set(s.ar)
  c.vr.set(s.vr)
  c.fpc = s.fpc
  c.gs.set(s.gs ?? [0, 0, 0, 0, 0, 0])
  c.mask = s.mask
  c.cc = s.cc
  c.pm = s.pm
  c.amode = s.amode
  c.ia = typeof s.ia === 'number' ? s.ia : c.encodeHigh(Math.floor(s.ia.page / 1048576), (s.ia.page % 1048576) * 4096 + s.ia.off)
  c.nia = c.ia
  c.ilc = s.ilc
  c.prefix = s.prefix
  c.stopped = s.stopped
  c.icount = s.icount
  c.restartPending = s.restartPending
  c.emergencyFrom.clear()
  for (const a of s.emergencyFrom) c.emergencyFrom.add(a)
  c.extCallFrom = s.extCallFrom
  c.stopAfter = s.stopAfter
  c.storeStatusOnStop = s.storeStatusOnStop
  c.ckc = big(s.ckc)
  c.cpuTimerBase = big(s.cpuTimerBase, true)
  // 0 means "never started" (machine.ts); a running timer's reference point moves with the host clock.
  c.cpuTimerAt = s.cpuTimerAt === 0 ? 0 : s.cpuTimerAt + shiftUs
  c.todpr = s.todpr
  c.teidH = s.teidH
  c.teidL = s.teidL
  c.excAccessId = s.excAccessId
  c.opAccessId = s.opAccessId
  c.inExecute = false
  c.jitDone = 0
  c.brk = true
  c.flushTlb()
}

/** Takes a snapshot of `m` (between run slices) as the bytes of a snapshot file. */
export function saveMachine(m: Machine): Uint8Array {
  const blobs: Uint8Array[] = []
  const run = m.saveRunState()
  const { iplb, ...runRest } = run
  if (iplb !== null) blobs.push(iplb)
  const css = m.css.saveState(blobs)
  const { jit: _jit, timeSource: _ts, entropy: _entropy, ...config } = m.config
  const state: MachineStateV1 = {
    savedAtUs: m.now(),
    config,
    instructions: m.instructions,
    cpus: m.cpus.map(saveCpu),
    tod: (({ offset, last }) => ({ offset: hex64(offset), last: hex64(last) }))(m.tod.saveState()),
    sclp: m.sclp.saveState(),
    css,
    watchdog: m.watchdogDev?.saveState() ?? null,
    run: { ...runRest, iplbBlob: iplb === null ? -1 : 0 },
  }
  return encodeSnapshot({ emulatorVersion: EMULATOR_VERSION, state, storage: m.storage.u8, keys: m.storage.keys, candidates: candidateFrames(m), blobs })
}

/** Frames that may hold non-zero bytes: touched ones (see Storage.touched), keyed ones, and every CPU's lowcore
 * (interruptions store there directly), absolute and prefixed. */
export function candidateFrames(m: Machine): number[] {
  const { touched, keys } = m.storage
  const out: number[] = [0, 1]
  for (const c of m.cpus) out.push(c.prefix / 4096, c.prefix / 4096 + 1)
  for (let f = 0; f < touched.length; f++) if (touched[f] !== 0 || keys[f] !== 0) out.push(f)
  return out.filter((f) => f < touched.length)
}

/** Choices of the restoring host, not of the snapshot. */
export interface RestoreOptions {
  jit?: JitMode
  interp?: InterpLoop
  timeSource?: () => number
  entropy?: (out: Uint8Array) => void
}

/**
 * Rebuilds a machine from snapshot bytes; `source` names the snapshot in errors (a path). A snapshot that is not
 * one, is corrupt or truncated, or was written by another format or emulator version is refused with SnapshotError.
 */
export function restoreMachine(bytes: Uint8Array, source: string, opts: RestoreOptions = {}): Machine {
  const parts = decodeSnapshot(bytes, source)
  if (parts.emulatorVersion !== EMULATOR_VERSION) {
    throw new SnapshotError(`${source}: written by ${JSON.stringify(parts.emulatorVersion)}; this is ${EMULATOR_VERSION}, which restores only its own snapshots`)
  }
  const st = parts.state as MachineStateV1
  const bad = (what: string): never => {
    throw new SnapshotError(`${source}: malformed state: ${what}`)
  }
  if (typeof st !== 'object' || st === null || typeof st.config !== 'object' || !Array.isArray(st.cpus)) bad('no configuration or CPU list')
  if (st.cpus.length !== st.config.cpuAddrs?.length) bad(`${st.cpus.length} CPU states for ${st.config.cpuAddrs?.length} configured CPUs`)
  let m: Machine
  try {
    m = new Machine({ ...st.config, jit: opts.jit, interp: opts.interp, timeSource: opts.timeSource, entropy: opts.entropy })
  } catch (e) {
    throw new SnapshotError(`${source}: its machine configuration cannot be built: ${(e as Error).message}`)
  }
  if (parts.keys.length !== m.storage.keys.length) bad(`${parts.keys.length} storage keys for ${m.storage.keys.length} frames`)
  const u8 = m.storage.u8
  for (const [f, page] of parts.pages) {
    if ((f + 1) * 4096 > u8.length) bad(`frame ${f} beyond the ${st.config.memMiB} MiB of storage`)
    u8.set(page, f * 4096)
    m.storage.touched[f] = 1
  }
  m.storage.keys.set(parts.keys)
  st.cpus.forEach((s, i) => {
    if (s.gs !== undefined && (!Array.isArray(s.gs) || s.gs.length !== 6 || !s.gs.every(Number.isInteger))) bad(`CPU ${i}: guarded-storage controls are not six words`)
  })
  const shiftUs = m.now() - st.savedAtUs
  st.cpus.forEach((s, i) => restoreCpu(m.cpus[i]!, s, shiftUs))
  m.tod.restoreState({ offset: big(st.tod.offset), last: big(st.tod.last) }, shiftUs)
  m.sclp.restoreState(st.sclp)
  try {
    m.css.restoreState(st.css, (d) => {
      const deck = parts.blobs[d.dataBlob] ?? bad(`the data of ${d.name} (blob ${d.dataBlob}) is missing`)
      if (d.name !== 'card-reader') bad(`unknown device with media: ${d.name}`)
      const r = new CardReader(deck.slice(), d.devno)
      r.restoreState(d.position)
      return r
    })
  } catch (e) {
    if (e instanceof SnapshotError) throw e
    throw new SnapshotError(`${source}: channel subsystem: ${(e as Error).message}`)
  }
  if (st.watchdog !== null) m.watchdogDev?.restoreState(st.watchdog, shiftUs / 1000)
  const iplb = st.run.iplbBlob >= 0 ? (parts.blobs[st.run.iplbBlob]?.slice() ?? bad('IPL parameter block missing')) : null
  m.restoreRunState({ ...st.run, iplb })
  // Translations are not state; a fresh machine has none, and a restore into any cache must not find stale ones.
  m.jit?.flush()
  m.flushAllTlbs()
  return m
}
