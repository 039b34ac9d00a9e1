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

  /** Current TOD value (unsigned 64-bit), strictly increasing between calls. */
  now(): bigint {
    const us = BigInt(Math.floor(hostMicros()))
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
    const us = BigInt(Math.floor(hostMicros()))
    this.offset = value - ((us + EPOCH_DELTA_S * 1000000n) << 12n)
    this.last = 0n
  }
}
