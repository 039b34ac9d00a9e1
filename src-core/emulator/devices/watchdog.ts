// DIAGNOSE 0x288 watchdog timer (QEMU's `-device diag288`): R1 function, R1+1 timeout in seconds, R3 action.
// Function 0 arms (init), 1 re-arms (change), 2 cancels; the only action is 0 (restart). When the timer expires
// the configured host action runs: `inject-nmi` restarts CPU 0 (the guest's restart-new PSW), `none` only
// disarms, and the machine-ending actions (reset, poweroff, shutdown, pause, the QEMU default `reset`) end the run.
import type { Cpu } from '../cpu/cpu.ts'
import { pgm } from '../cpu/exceptions.ts'
import { PGM_SPECIFICATION } from '../cpu/constants.ts'

/** DIAG 0x288 function codes. */
export const WDT_FN = { INIT: 0, CHANGE: 1, CANCEL: 2 } as const

/** Host action on expiry, as QEMU's `--watchdog-action`. */
export type WatchdogAction = 'reset' | 'shutdown' | 'poweroff' | 'pause' | 'debug' | 'none' | 'inject-nmi'

/** Valid `--watchdog-action` values. */
export const WATCHDOG_ACTIONS: readonly WatchdogAction[] = ['reset', 'shutdown', 'poweroff', 'pause', 'debug', 'none', 'inject-nmi']

/** Smallest timeout (seconds) the init and change functions accept. */
const MIN_TIMEOUT_S = 15

/** What the machine must do when the watchdog expires. */
export type WatchdogExpiry = 'restart' | 'end' | 'none'

/** The diag288 watchdog device of one machine. Time is host milliseconds, given by the caller. */
export class Watchdog {
  private enabled = false
  /** Expiry time in host ms, or 0 when not running. */
  deadlineMs = 0

  constructor(readonly action: WatchdogAction) {}

  /** DIAGNOSE 0x288 from `c` at host time `nowMs`; program exceptions are thrown, CC is not changed. */
  diag(c: Cpu, nowMs: number): void {
    if (c.r1 & 1) pgm(PGM_SPECIFICATION)
    const fn = c.r64(c.r1)
    const timeout = c.r64(c.r1 + 1)
    if (c.r64(c.r3) !== 0n) pgm(PGM_SPECIFICATION)
    if (fn !== BigInt(WDT_FN.CANCEL) && timeout < BigInt(MIN_TIMEOUT_S)) pgm(PGM_SPECIFICATION)
    if (fn === BigInt(WDT_FN.INIT) || fn === BigInt(WDT_FN.CHANGE)) {
      if (fn === BigInt(WDT_FN.INIT)) this.enabled = true
      else if (!this.enabled) pgm(PGM_SPECIFICATION)
      this.deadlineMs = nowMs + Number(timeout) * 1000
      return
    }
    if (fn !== BigInt(WDT_FN.CANCEL) || !this.enabled) pgm(PGM_SPECIFICATION)
    this.enabled = false
    this.deadlineMs = 0
  }

  /** Device reset (subsystem reset by DIAG 308 load/clear): disabled, timer stopped. */
  reset(): void {
    this.enabled = false
    this.deadlineMs = 0
  }

  /** State for a snapshot. */
  saveState(): { enabled: boolean; deadlineMs: number } {
    return { enabled: this.enabled, deadlineMs: this.deadlineMs }
  }
  /** Restores a saved state; `shiftMs` (restoring minus saving host time) moves a running timer's deadline along. */
  restoreState(s: { enabled: boolean; deadlineMs: number }, shiftMs: number): void {
    this.enabled = s.enabled
    this.deadlineMs = s.deadlineMs === 0 ? 0 : s.deadlineMs + shiftMs
  }

  /** Checks the timer at host time `nowMs`; on expiry disarms it and says what the machine must do. */
  poll(nowMs: number): WatchdogExpiry | null {
    if (this.deadlineMs === 0 || nowMs < this.deadlineMs) return null
    this.deadlineMs = 0
    if (this.action === 'inject-nmi') return 'restart'
    if (this.action === 'none' || this.action === 'debug') return 'none'
    return 'end'
  }
}
