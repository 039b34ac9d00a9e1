// TOD clock (POP ch. 4 "Timing"): host real time in TOD units (bit 51 = 1 µs), unique and increasing; SCK offset.

/** Seconds from 1900-01-01 (TOD epoch) to 1970-01-01 (Unix epoch). */
const EPOCH_DELTA_S = 2208988800n

/** Host microseconds since the Unix epoch, sub-millisecond resolution where available. */
export function hostMicros(): number {
  return (performance.timeOrigin + performance.now()) * 1000
}

/** The machine's TOD clock. */
export class TodClock {
  private offset = 0n
  private last = 0n

  /** `source` gives host time in µs since the Unix epoch (a virtual clock in deterministic tests). */
  constructor(private readonly source: () => number = hostMicros) {}

  /** Current TOD value (unsigned 64-bit), strictly increasing between calls. */
  now(): bigint {
    const us = BigInt(Math.floor(this.source()))
    let v = (((us + EPOCH_DELTA_S * 1000000n) << 12n) + this.offset) & 0xffffffffffffffffn
    if (v <= this.last) v = this.last + 1n
    this.last = v
    return v
  }

  /** The TOD offset SET CLOCK established (logical TOD minus physical clock), as PTFF QUERY TOD OFFSET reports it. */
  get todOffset(): bigint {
    return this.offset & 0xffffffffffffffffn
  }

  /** SET CLOCK: from now on the clock reads `value` plus elapsed time. */
  set(value: bigint): void {
    const us = BigInt(Math.floor(this.source()))
    this.offset = value - ((us + EPOCH_DELTA_S * 1000000n) << 12n)
    this.last = 0n
  }

  /** State for a snapshot: the SCK offset and the last value handed out (uniqueness). */
  saveState(): TodState {
    return { offset: this.offset, last: this.last }
  }

  /** Restores a saved state; `shiftUs` (restoring host time minus saving host time) is left out of the clock, so
   * it goes on from where it stood when saved. */
  restoreState(st: TodState, shiftUs: number): void {
    this.offset = st.offset - (BigInt(Math.round(shiftUs)) << 12n)
    this.last = st.last
  }
}

/** The TOD clock's snapshot state. */
export interface TodState {
  offset: bigint
  last: bigint
}

