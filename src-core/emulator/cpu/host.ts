// What a CPU (and the handlers and devices that act for it) sees of its machine. Machine implements it; the CPU
// imports only this interface, so the CPU module never depends on the module that owns it.
import type { Cpu } from './cpu.ts'
import type { Storage } from '../mem/storage.ts'
import type { ChannelSubsystem } from '../devices/css.ts'
import type { TodClock } from '../devices/clock.ts'
import type { Jit } from '../jit/jit.ts'
import type { Identity } from '../devices/stsi.ts'

/** The machine services a CPU uses: storage, timers, SCLP, CSS, other CPUs and interruption callbacks. */
export interface CpuHost {
  readonly config: { readonly vmName?: string; readonly uuid?: string; readonly identity?: Identity; readonly entropy?: (out: Uint8Array) => void }
  readonly storage: Storage
  readonly cpus: readonly Cpu[]
  readonly maxCpus: number
  readonly facilityWords: readonly number[]
  readonly sclp: { serviceCall(c: Cpu, code: number, sccb: number): number }
  readonly css: ChannelSubsystem
  readonly tod: TodClock
  /** Translation tier, or null when interpreting only. */
  readonly jit: Jit | null
  /** Called before every instruction when tracing. */
  readonly tracer: ((c: Cpu) => void) | null
  /** Observer of every interruption (trace `-d int`). */
  readonly onInterrupt: ((c: Cpu, kind: string, code: number, addr: number) => void) | null
  facility(n: number): boolean
  cpuByAddr(a: number): Cpu | undefined
  startCpu(c: Cpu): void
  stopCpu(c: Cpu, store: boolean): void
  wake(c: Cpu): void
  flushAllTlbs(): void
  setCpuTimer(c: Cpu, v: bigint): void
  cpuTimerValue(c: Cpu): bigint
  /** DIAGNOSE 0x288 (watchdog). */
  watchdog(c: Cpu): void
  /** DIAGNOSE 0x308 (IPL functions). */
  diag308(c: Cpu): void
  /** Every program interruption passes here (loop detection, trace). */
  onProgramInterrupt(c: Cpu, code: number, addr: number): void
  /** An interruption loaded an invalid new PSW: the run ends. */
  invalidNewPsw(c: Cpu, kind: string): void
}
