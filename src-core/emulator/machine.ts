// The machine: storage, CPUs round-robin in one thread, SCLP, TOD clock, timers, and the run/ending rules.
import { Cpu } from './cpu/cpu.ts'
import { EmulatorError, ProgramException } from './cpu/exceptions.ts'
import { DOUBLE } from './cpu/repr.ts'
import type { CpuHost } from './cpu/host.ts'
import { externalInterrupt, restartInterrupt } from './cpu/interrupts.ts'
import {
  CR0_CLOCK_COMPARATOR,
  CR0_CPU_TIMER,
  CR0_EMERGENCY_SIGNAL,
  CR0_EXTERNAL_CALL,
  CR0_SERVICE_SIGNAL,
  EXT_CLOCK_COMPARATOR,
  EXT_CPU_TIMER,
  EXT_EMERGENCY_SIGNAL,
  EXT_EXTERNAL_CALL,
  EXT_SERVICE_SIGNAL,
  PSW_EXT,
  PSW_IO,
  PSW_WAIT,
  LC_PGM_NEW,
  PGM_ADDRESSING,
  PGM_NAMES,
  PGM_SPECIFICATION,
} from './cpu/constants.ts'
import { disassemble } from './isa/disasm.ts'
import { Storage } from './mem/storage.ts'
import { Sclp } from './devices/sclp.ts'
import { ChannelSubsystem } from './devices/css.ts'
import { VirtioCcwDevice, type VirtioCcwName } from './devices/ccw-device.ts'
import { TodClock, hostMicros } from './devices/clock.ts'
import { storeStatus } from './devices/status.ts'
import { Watchdog, type WatchdogAction } from './devices/watchdog.ts'
import { Jit, type JitMode } from './jit/jit.ts'
import type { InterpLoop } from './cpu/wasm-loop.ts'
import type { Identity } from './devices/stsi.ts'
import { ANNOUNCED_FACILITIES } from './cpu/model.ts'
import { inIdleSpin } from './idle.ts'

export { EMULATOR_VERSION } from './version.ts'

/** Machine configuration. */
export interface MachineConfig {
  memMiB: number
  /** CPU addresses of the configured CPUs, in configuration order (first is the IPL CPU). */
  cpuAddrs: number[]
  maxCpus: number
  /** Kernel arguments copied to 0x10480. */
  args: string
  vmName?: string
  uuid?: string
  /** Vector facility (129) installed. */
  vector: boolean
  /** Guarded-storage facility (133) installed. */
  guardedStorage: boolean
  /** diag288 watchdog device present (`-device diag288`) and its expiry action (`--watchdog-action`, default reset). */
  watchdog?: WatchdogAction
  /** Translation tier mode (default on); hosts read it from LABCON_EMU_JIT. */
  jit?: JitMode
  /** The interpreter's inner loop (default wasm); hosts read it from LABCON_EMU_INTERP. */
  interp?: InterpLoop
  /** How the machine names itself in STSI (default labcon; qemu-tcg answers as QEMU TCG). */
  identity?: Identity
  /** virtio-ccw devices (`-device virtio-net-ccw`, ...), one subchannel each in order, device numbers 0000, 0001, ... */
  ccwDevices?: VirtioCcwName[]
  /** Host time in µs since the Unix epoch for the TOD clock, CPU timers and the watchdog (default: the real clock;
   * deterministic tests pass a virtual one). Not part of a snapshot: the restoring host chooses its own. */
  timeSource?: () => number
  /** Fills its argument with random bytes for the TRNG function of PRNO (default: the host's cryptographic random
   * generator, globalThis.crypto; deterministic tests pass a seeded one). Not part of a snapshot, like timeSource. */
  entropy?: (out: Uint8Array) => void
}

/** Default configuration: 128 MiB, one CPU, vector facility on (as QEMU's `qemu` CPU model). */
export function defaultConfig(over: Partial<MachineConfig> = {}): MachineConfig {
  return { memMiB: 128, cpuAddrs: [0], maxCpus: over.cpuAddrs?.length ?? 1, args: '', vector: true, guardedStorage: false, ...over }
}

/** Why a machine stopped running. */
export type EndReason = 'stopped' | 'disabled-wait' | 'hung' | 'pgm-loop'

/** Result of one `run` slice. */
export interface SliceResult {
  executed: number
  /** Every CPU is waiting for a timer: the host may sleep this many ms before the next slice. */
  idleMs: number
  ended: EndReason | null
}

/** The Machine's own run state in a snapshot. */
export interface MachineRunState {
  rr: number
  iplb: Uint8Array | null
  pgmLoop: { addr: number; code: number; count: number }
  exitStatus: number | null
  ended: EndReason | null
  endDetail: string
  consoleTail: string
}

/** A program-interruption code as text for verdicts. */
function pgmName(code: number): string {
  return `${PGM_NAMES[code & 0x7f] ?? 'unknown'} exception (code 0x${code.toString(16).padStart(2, '0')})`
}

/** How many program interruptions the machine remembers for its stop report. */
const PGM_RING = 8

/** One remembered program interruption: CPU, code, old-PSW address and the instruction (text made on demand). */
export class PgmRecord {
  cpu = 0
  code = 0
  // (addresses as doubles from the start: see cpu/repr.ts)
  addr = DOUBLE
  private h0 = 0
  private h1 = 0
  private h2 = 0
  private ia = DOUBLE
  set(cpu: number, code: number, addr: number, h0: number, h1: number, h2: number, ia: number): void {
    this.cpu = cpu
    this.code = code
    this.addr = addr
    this.h0 = h0
    this.h1 = h1
    this.h2 = h2
    this.ia = ia
  }
  /** The instruction that caused it, disassembled, with its first halfword and address. */
  get insn(): string {
    return `${disassemble(this.h0, this.h1, this.h2, this.ia)} (${this.h0.toString(16).padStart(4, '0')}) at 0x${this.ia.toString(16)}`
  }
}

/** A z/Architecture machine. */
export class Machine implements CpuHost {
  readonly config: MachineConfig
  readonly storage: Storage
  readonly cpus: Cpu[] = []
  readonly maxCpus: number
  readonly sclp: Sclp
  readonly css = new ChannelSubsystem()
  readonly tod: TodClock
  /** Machine time in µs: host time (config.timeSource, else the real clock) plus the idle time skipped so far. */
  readonly now: () => number
  /** Time let pass at once while every CPU waited or spun idle until a timer deadline (see idle.ts), in µs. */
  skippedUs = 0
  /** Facility list as 32-bit words (even count: whole doublewords). */
  readonly facilityWords: number[]
  /** Called before every instruction when tracing. */
  tracer: ((c: Cpu) => void) | null = null
  /** Translation tier (null: interpreter only). Chosen by config.jit (on|off|check), default on. */
  jit: Jit | null
  /** Called for every program interruption (trace `-d int`). */
  onInterrupt: ((c: Cpu, kind: string, code: number, addr: number) => void) | null = null
  /** Console output sink (ASCII stream). */
  onConsole: (text: string) => void = () => {}
  consoleText = ''
  exitStatus: number | null = null
  ended: EndReason | null = null
  endDetail = ''
  private rr = 0
  /** Rounds run (several CPUs), to space the look for idle spins. */
  private rounds = 0
  /** IPL parameter block set by DIAGNOSE 308 subcode 5. */
  private iplb: Uint8Array | null = null
  // (no address yet: DOUBLE is none, and makes the field a double from the start, see cpu/repr.ts)
  private pgmLoop = { addr: DOUBLE, code: -1, count: 0 }
  /** The diag288 watchdog, when configured. */
  readonly watchdogDev: Watchdog | null

  /**
   * `storage`: a fresh, never used Storage of the configured size made ahead of time (the warm worker allocates the
   * next machine's storage while it waits for the next job); any other size is ignored and a new one is made.
   */
  constructor(config: MachineConfig, storage?: Storage) {
    this.config = config
    const source = config.timeSource ?? hostMicros
    this.now = () => source() + this.skippedUs
    this.tod = new TodClock(this.now)
    const size = config.memMiB * 1024 * 1024
    // (a storage with a WebAssembly memory is not reused for the JavaScript loop)
    const wasm = config.interp !== 'js'
    this.storage = storage !== undefined && storage.size === size && (wasm || storage.memory === null) ? storage : new Storage(size, { wasm })
    this.maxCpus = Math.max(config.maxCpus, config.cpuAddrs.length)
    this.sclp = new Sclp(this)
    this.watchdogDev = config.watchdog ? new Watchdog(config.watchdog) : null
    const jitMode = config.jit ?? 'on'
    this.jit = jitMode === 'off' ? null : new Jit(this, jitMode)
    const bits = [...ANNOUNCED_FACILITIES]
    if (config.vector) bits.push(129, 135, 148)
    if (config.guardedStorage) bits.push(133)
    this.facilityWords = [0, 0, 0, 0, 0, 0]
    for (const b of bits) this.facilityWords[b >>> 5] = (this.facilityWords[b >>> 5]! | (0x80000000 >>> (b & 31))) >>> 0
    for (const a of config.cpuAddrs) this.cpus.push(new Cpu(this, a))
    for (const [i, d] of (config.ccwDevices ?? []).entries()) this.css.addDevice(new VirtioCcwDevice(d, i))
    this.css.onIrq = () => {
      for (const c of this.cpus) c.brk = true
    }
  }

  /** True when facility `n` is installed. */
  facility(n: number): boolean {
    return ((this.facilityWords[n >>> 5] ?? 0) & (0x80000000 >>> (n & 31))) !== 0
  }

  cpuByAddr(a: number): Cpu | undefined {
    // A loop, not find(): SIGP looks its target up on every order (exittime senses 40,000 times).
    for (const c of this.cpus) if (c.addr === a) return c
    return undefined
  }

  /** Appends guest console output and watches for the harness exit line. */
  consoleOut(s: string): void {
    this.consoleText += s
    if (this.consoleText.length > 1 << 22) this.consoleText = this.consoleText.slice(-(1 << 21))
    const m = /EXIT: STATUS=(\d+)/.exec(s) ?? /EXIT: STATUS=(\d+)/.exec(this.consoleText.slice(-200))
    if (m && this.exitStatus === null) this.exitStatus = Number(m[1])
    this.onConsole(s)
  }

  // ---- CPU state changes used by SIGP and devices -------------------------------------------------------------
  startCpu(c: Cpu): void {
    if (c.stopped) c.cpuTimerAt = this.now()
    c.stopped = false
  }
  stopCpu(c: Cpu, store: boolean): void {
    if (!c.stopped) c.cpuTimerBase = this.cpuTimerValue(c)
    c.stopped = true
    c.brk = true
    // STOP AND STORE STATUS stores at absolute 0x1200 (the save areas of the absolute lowcore).
    if (store) storeStatus(c, 0)
  }
  wake(c: Cpu): void {
    c.brk = true
  }
  serviceSignalPending(): void {
    for (const c of this.cpus) c.brk = true
  }
  flushAllTlbs(): void {
    for (const c of this.cpus) c.flushTlb()
  }
  setCpuTimer(c: Cpu, v: bigint): void {
    c.cpuTimerBase = v
    c.cpuTimerAt = this.now()
  }
  /** Current CPU timer value (TOD units, signed). */
  cpuTimerValue(c: Cpu): bigint {
    // The CPU timer runs only while the CPU is not stopped.
    if (c.stopped) return c.cpuTimerBase
    const elapsed = BigInt(Math.floor((this.now() - c.cpuTimerAt) * 4096))
    return BigInt.asIntN(64, c.cpuTimerBase - elapsed)
  }
  /** DIAGNOSE 0x288 watchdog: specification exception when no watchdog device is configured (as QEMU). */
  watchdog(c: Cpu): void {
    if (this.watchdogDev === null) throw new ProgramException(PGM_SPECIFICATION)
    this.watchdogDev.diag(c, this.now() / 1000)
  }
  /** DIAGNOSE 0x308 IPL functions. */
  diag308(c: Cpu): void {
    const sub = c.r64(c.r3)
    if (sub === 0n || sub === 1n) {
      for (const o of this.cpus) {
        if (o !== c) {
          o.initialReset()
          o.stopped = true
        }
      }
      c.initialReset()
      // a subsystem reset also resets the devices: the watchdog is disarmed
      this.watchdogDev?.reset()
      this.css.reset()
      const dv = this.storage.dv
      const hi = dv.getUint32(0)
      const lo = dv.getUint32(4)
      if (!c.loadPsw((hi & ~0x00080000) >>> 0, lo & 0x80000000, lo & 0x7fffffff)) throw new ProgramException(PGM_SPECIFICATION, 0)
      return
    }
    if (sub === 5n || sub === 6n) {
      // Set / store IPL parameters. Responses: 0x0001 ok, 0x0102 no parameters set, 0x0402 invalid block.
      if (c.r1 & 1) throw new ProgramException(PGM_SPECIFICATION)
      const a = c.rnum(c.r1)
      if (a % 4096 !== 0) throw new ProgramException(PGM_SPECIFICATION)
      if (a + 4096 > this.storage.size) throw new ProgramException(PGM_ADDRESSING)
      const dv = this.storage.dv
      if (sub === 5n) {
        const len = dv.getUint32(a)
        const valid = len >= 0x78 && len <= 4096
        if (valid) this.iplb = this.storage.u8.slice(a, a + len)
        c.rh[c.r1 + 1] = 0
        c.rl[c.r1 + 1] = valid ? 0x0001 : 0x0402
      } else {
        c.rh[c.r1 + 1] = 0
        if (this.iplb === null) c.rl[c.r1 + 1] = 0x0102
        else {
          this.storage.u8.set(this.iplb, a)
          this.storage.touch(a, this.iplb.length)
          c.rl[c.r1 + 1] = 0x0001
        }
      }
      return
    }
    throw new ProgramException(PGM_SPECIFICATION)
  }

  /** The last program interruptions (oldest first), for the report of where a run stopped. */
  get recentPgm(): readonly PgmRecord[] {
    const n = Math.min(this.pgmCount, PGM_RING)
    return Array.from({ length: n }, (_, i) => this.pgmRing[(this.pgmCount - n + i) % PGM_RING]!)
  }
  /** Ring of the last PGM_RING program interruptions, reused: a program that takes an interruption per loop pass
   * (exittime: 200,000) allocates nothing for it; the instruction text is made only when a report asks. */
  private readonly pgmRing = Array.from({ length: PGM_RING }, () => new PgmRecord())
  private pgmCount = 0

  onProgramInterrupt(c: Cpu, code: number, addr: number): void {
    this.onInterrupt?.(c, 'pgm', code, addr)
    this.pgmRing[this.pgmCount++ % PGM_RING]!.set(c.addr, code, addr, c.h0, c.h1, c.h2, c.ia)
    if (addr === this.pgmLoop.addr && code === this.pgmLoop.code) {
      // The program-new PSW leads straight to the instruction that faults again (typically a zeroed new PSW: the
      // CPU runs the lowcore at 0): nothing can break the loop, so end at once. Otherwise a nullified instruction
      // that faults again and again makes no progress; a completed/suppressed one that the program branches back to
      // is a measured loop (exittime provokes 200,000 operation exceptions in a row).
      const dv = this.storage.dv
      const lc = c.prefix + LC_PGM_NEW
      const newAddr = dv.getUint32(lc + 8) * 2 ** 32 + dv.getUint32(lc + 12)
      const wrapped = dv.getUint32(lc) & 1 ? newAddr : (newAddr % 2 ** 32) & (dv.getUint32(lc + 4) & 0x80000000 ? 0x7fffffff : 0xffffff)
      if (c.ia === wrapped) {
        const psw = [0, 4, 8, 12].map((o) => dv.getUint32(lc + o).toString(16).padStart(8, '0')).join(' ')
        this.endLoop(c, `${pgmName(code)} at 0x${c.ia.toString(16)} (${this.insnAt(c, c.ia)}) repeats: the program-new PSW ${psw} leads back to it`)
      } else if (++this.pgmLoop.count > (addr === c.ia ? 100_000 : 50_000_000)) {
        this.endLoop(c, `${pgmName(code)} repeats at 0x${addr.toString(16)} (${this.insnAt(c, addr)}) without progress`)
      }
    } else {
      this.pgmLoop.addr = addr
      this.pgmLoop.code = code
      this.pgmLoop.count = 0
    }
  }
  private endLoop(c: Cpu, detail: string): void {
    this.ended = 'pgm-loop'
    this.endDetail = detail
    c.brk = true
  }
  /** The instruction at a real/absolute address as text, for verdicts (best effort: '?' when unreadable). */
  private insnAt(c: Cpu, addr: number): string {
    const a = c.realToAbs(addr)
    if (addr % 2 !== 0 || a + 6 > this.storage.size) return '?'
    const dv = this.storage.dv
    return disassemble(dv.getUint16(a), dv.getUint16(a + 2), dv.getUint16(a + 4), addr)
  }
  invalidNewPsw(c: Cpu, kind: string): void {
    this.ended = 'pgm-loop'
    this.endDetail = `invalid ${kind}-new PSW on CPU ${c.addr}`
    c.brk = true
  }

  /** Delivers the highest-priority enabled pending interruption to `c`; returns true if one was taken. */
  private deliver(c: Cpu): boolean {
    if (c.restartPending) {
      restartInterrupt(c)
      return true
    }
    if ((c.mask & PSW_EXT) !== 0 && this.deliverExternal(c)) return true
    return (c.mask & PSW_IO) !== 0 && this.css.deliverIo(c)
  }

  /** Delivers the highest-priority enabled pending external interruption to `c`. */
  private deliverExternal(c: Cpu): boolean {
    const cr0 = c.crl[0]!
    if (cr0 & CR0_EMERGENCY_SIGNAL && c.emergencyFrom.size > 0) {
      const src = c.emergencyFrom.values().next().value as number
      c.emergencyFrom.delete(src)
      externalInterrupt(c, EXT_EMERGENCY_SIGNAL, src, 0)
      return true
    }
    if (cr0 & CR0_EXTERNAL_CALL && c.extCallFrom >= 0) {
      const src = c.extCallFrom
      c.extCallFrom = -1
      externalInterrupt(c, EXT_EXTERNAL_CALL, src, 0)
      return true
    }
    if (cr0 & CR0_CLOCK_COMPARATOR && c.ckc !== 0xffffffffffffffffn && this.tod.now() > c.ckc) {
      externalInterrupt(c, EXT_CLOCK_COMPARATOR, 0, 0)
      return true
    }
    if (cr0 & CR0_CPU_TIMER && c.cpuTimerAt !== 0 && this.cpuTimerValue(c) < 0n) {
      externalInterrupt(c, EXT_CPU_TIMER, 0, 0)
      return true
    }
    if (cr0 & CR0_SERVICE_SIGNAL && this.sclp.pendingParam >= 0) {
      const p = this.sclp.pendingParam
      this.sclp.pendingParam = -1
      externalInterrupt(c, EXT_SERVICE_SIGNAL, 0, p)
      return true
    }
    return false
  }

  /** Milliseconds until the earliest timer that could wake a waiting CPU, or Infinity. */
  private nextDeadlineMs(): number {
    let best = Infinity
    const nowUs = this.now()
    for (const c of this.cpus) {
      if (c.stopped || (c.mask & PSW_EXT) === 0) continue
      const cr0 = c.crl[0]!
      if (cr0 & CR0_CLOCK_COMPARATOR && c.ckc !== 0xffffffffffffffffn) {
        const diff = Number(c.ckc - this.tod.now()) / 4096 / 1000
        best = Math.min(best, Math.max(0, diff))
      }
      if (cr0 & CR0_CPU_TIMER && c.cpuTimerAt !== 0) best = Math.min(best, Math.max(0, Number(this.cpuTimerValue(c)) / 4096 / 1000))
    }
    const wd = this.watchdogDev?.deadlineMs ?? 0
    if (wd > 0) best = Math.min(best, Math.max(0, wd - nowUs / 1000))
    return best
  }

  /**
   * When every CPU that is not stopped either waits or spins idle (idle.ts), no interruption is pending, and a timer
   * deadline (clock comparator, CPU timer, watchdog) lies ahead: lets the time up to that deadline pass at once, so
   * that the next round delivers what it brings. A spin with no deadline ahead is left to run (the harness timeout
   * ends it). Waits alone are not skipped: the host sleeps through them (idleMs), as input may come meanwhile.
   */
  private skipIdleSpin(): void {
    let spinning = false
    for (const c of this.cpus) {
      if (c.stopped || c.waiting) continue
      if (c.restartPending || c.emergencyFrom.size > 0 || c.extCallFrom >= 0 || !inIdleSpin(c)) return
      spinning = true
    }
    if (!spinning || this.sclp.pendingParam >= 0 || this.css.ioPending) return
    const ms = this.nextDeadlineMs()
    if (ms > 0 && ms !== Infinity) this.skippedUs += Math.ceil(ms * 1000) + 1
  }

  /** Watchdog expiry: the action (`inject-nmi` in the catalog) is a restart interruption of the first CPU. */
  private checkWatchdog(): void {
    const what = this.watchdogDev?.poll(this.now() / 1000) ?? null
    if (what === 'restart') {
      // inject-nmi: QEMU restarts the first CPU (s390_nmi → restart interruption, CPU made operating).
      const c = this.cpus[0]!
      c.restartPending = true
      this.startCpu(c)
      c.brk = true
    } else if (what === 'end') {
      this.ended = 'stopped'
      this.endDetail = `diag288 watchdog expired (action ${this.watchdogDev!.action})`
    }
  }

  /** Runs up to `budget` instructions across the CPUs. */
  run(budget: number): SliceResult {
    let executed = 0
    this.checkWatchdog()
    if (this.ended) return { executed, idleMs: 0, ended: this.ended }
    const n = this.cpus.length
    // (computed for every machine: a Math.min or compare made only for several CPUs, first made after V8 had optimized
    // this for a run's single-CPU machines, deoptimized it)
    const capped = budget < 2000 ? budget : 2000
    const quantum = n === 1 ? budget : capped
    while (executed < budget) {
      let ran = false
      /** Every CPU that ran used its whole quantum: nothing (an interruption, a mask or state change) cut it short,
       * as for a CPU that spins; only then is it worth looking for idle spins. */
      let whole = true
      for (let k = 0; k < n && executed < budget; k++) {
        const c = this.cpus[(this.rr + k) % n]!
        if (c.stopped) continue
        this.deliver(c)
        if (c.stopped) continue
        // A CPU in the wait state runs nothing; a disabled wait ends the run only once no CPU can run any more
        // (as QEMU: another CPU may still restart it).
        if ((c.mask & PSW_WAIT) !== 0) continue
        const q = Math.min(quantum, budget - executed)
        const did = c.run(q)
        executed += did
        if (did < q) whole = false
        ran = true
        if (this.ended) return { executed, idleMs: 0, ended: this.ended }
      }
      this.rr = (this.rr + 1) % n
      // Several CPUs take rounds of 2,000 instructions: look for idle spins every 32nd whole round only (64,000
      // instructions, well under a millisecond), so that busy rounds do not pay for the look.
      // (the count and its test for every machine, as `capped` above)
      if (ran && whole) {
        const round = ++this.rounds
        const look = (round & 31) === 0
        if (n === 1 || look) this.skipIdleSpin()
      }
      this.checkWatchdog()
      if (this.ended) return { executed, idleMs: 0, ended: this.ended }
      if (!ran) {
        if (this.cpus.every((c) => c.stopped)) {
          this.ended = 'stopped'
          return { executed, idleMs: 0, ended: this.ended }
        }
        const dead = (c: Cpu): boolean => c.stopped || (c.disabledWait && !c.restartPending)
        const waiting = this.cpus.find((c) => !c.stopped && c.disabledWait && !c.restartPending)
        if (waiting !== undefined && this.cpus.every(dead)) {
          const c = waiting
          this.ended = 'disabled-wait'
          this.endDetail = `disabled wait PSW ${c.pswHi().toString(16).padStart(8, '0')}${c.pswLo().toString(16).padStart(8, '0')} ${c.ia.toString(16).padStart(16, '0')} on CPU ${c.addr}`
          return { executed, idleMs: 0, ended: this.ended }
        }
        const ms = this.nextDeadlineMs()
        if (ms === Infinity) {
          if (this.sclp.pendingParam >= 0 || this.cpus.some((c) => c.emergencyFrom.size > 0 || c.extCallFrom >= 0)) continue
          this.ended = 'hung'
          this.endDetail = 'every CPU waits with no interruption source left'
          return { executed, idleMs: 0, ended: this.ended }
        }
        return { executed, idleMs: ms, ended: null }
      }
    }
    return { executed, idleMs: 0, ended: null }
  }

  /** Machine-level run state for a snapshot (snapshot/machine-state.ts); the console keeps its last 4 KiB. */
  saveRunState(): MachineRunState {
    return { rr: this.rr, iplb: this.iplb?.slice() ?? null, pgmLoop: { ...this.pgmLoop }, exitStatus: this.exitStatus, ended: this.ended, endDetail: this.endDetail, consoleTail: this.consoleText.slice(-4096) }
  }
  /** Puts back what saveRunState returned. */
  restoreRunState(s: MachineRunState): void {
    this.rr = s.rr % this.cpus.length
    this.iplb = s.iplb
    this.pgmLoop = { ...s.pgmLoop }
    this.exitStatus = s.exitStatus
    this.ended = s.ended
    this.endDetail = s.endDetail
    this.consoleText = s.consoleTail
  }

  /** Total guest instructions executed. */
  get instructions(): number {
    return this.cpus.reduce((s, c) => s + c.icount, 0)
  }
}

export { EmulatorError }
