// Per-test time limits: the catalog's `timeout` (default 90 s), overridden by a `TIMEOUT` value as in run_tests.sh.
import { parseDurationSec } from '@core/domain/catalog'
import { LabError } from '@core/domain/errors'

/** A TIMEOUT override that is not a duration (`90`, `90s`, `2m`, `1.5h`, `1d`, `0` = no limit). */
export class TimeoutValueError extends LabError {
  override readonly name = 'TimeoutValueError'
  readonly kind = 'config'
}

/** A MAX_SMP value that is not a positive whole number (run_tests.sh's cap of `smp = $MAX_SMP`). */
export class MaxSmpValueError extends LabError {
  override readonly name = 'MaxSmpValueError'
  readonly kind = 'config'
}

/** Parses MAX_SMP: a whole number from 1 to 4096; throws MaxSmpValueError naming `source` and the value. */
export function parseMaxSmp(text: string, source = 'MAX_SMP'): number {
  const t = text.trim()
  if (!/^\d+$/.test(t) || Number(t) < 1 || Number(t) > 4096) throw new MaxSmpValueError(`${source}: expected a whole number of CPUs from 1 to 4096, got '${text}'`)
  return Number(t)
}

/** Longest timer Node can arm; used for "no limit". */
export const NO_LIMIT_MS = 2 ** 31 - 1

/** Parses a duration with the catalog's rule (parseDurationSec) into seconds; throws TimeoutValueError naming `source`. */
export function parseDuration(text: string, source = 'TIMEOUT'): number {
  const sec = parseDurationSec(text.trim())
  if (sec === null) throw new TimeoutValueError(`${source}: expected a duration such as 90, 90s, 2m or 1h, got '${text}'`)
  return sec
}

/** Milliseconds a test may run: the override when given, else the catalog's seconds; 0 means no limit. */
export function timeoutMs(catalogSec: number, overrideSec: number | null): number {
  const sec = overrideSec ?? catalogSec
  if (!(sec > 0)) return NO_LIMIT_MS
  return Math.min(NO_LIMIT_MS, Math.round(sec * 1000))
}
