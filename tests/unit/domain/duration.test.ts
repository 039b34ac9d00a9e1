// The one duration rule (catalog `timeout`, TIMEOUT override): timeout(1)-style numbers with an optional s/m/h/d suffix.
import { describe, expect, it } from 'vitest'
import { parseDurationSec } from '@core/domain/catalog'
import { parseDuration, TimeoutValueError } from '@main/runner/timeouts'

describe('parseDurationSec', () => {
  it.each([
    ['90', 90],
    ['90s', 90],
    ['2m', 120],
    ['1.5h', 5400],
    ['1d', 86400],
    ['.5m', 30],
    ['0', 0],
    ['', null],
    ['90x', null],
    ['-1', null],
    [' 90', null],
    ['1m30s', null],
  ] as const)('%j is %s', (text, want) => expect(parseDurationSec(text)).toBe(want))
})

describe('parseDuration (TIMEOUT override)', () => {
  it('uses the catalog rule and tolerates surrounding space', () => expect(parseDuration(' 2m ')).toBe(120))
  it('names the source of a bad value', () => {
    expect(() => parseDuration('soon', 'TIMEOUT')).toThrow(new TimeoutValueError("TIMEOUT: expected a duration such as 90, 90s, 2m or 1h, got 'soon'"))
  })
})
