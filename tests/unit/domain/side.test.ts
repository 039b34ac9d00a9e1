// The one side grammar of compare (CLI arguments and UI URLs): parseSide, trySide, formatSide.
import { describe, expect, it } from 'vitest'
import type { Side } from '@core/domain/compare'
import { formatSide, parseSide, SideSyntaxError, trySide } from '@core/domain/side'

describe('side grammar', () => {
  const cases: [string, Side][] = [
    ['run:2@env:builtin', { kind: 'run', runId: 2, env: 'builtin' }],
    ['env:tcg@catalog:3', { kind: 'env', env: 'tcg', catalog: 3 }],
    ['env:tcg@catalog:all', { kind: 'env', env: 'tcg', catalog: 'all' }],
    ['level:7.2.22@env:tcg@catalog:1', { kind: 'level', level: '7.2.22', env: 'tcg', catalog: 1 }],
  ]
  it.each(cases)('%s parses and formats back', (text, side) => {
    expect(parseSide(text)).toEqual(side)
    expect(formatSide(side)).toBe(text)
  })

  it('accepts parts in any order', () => {
    expect(parseSide('catalog:2@env:tcg@level:8.0')).toEqual({ kind: 'level', level: '8.0', env: 'tcg', catalog: 2 })
  })

  it.each([
    ['run:2@catalog:1', 'a run side has its own catalog'],
    ['env:tcg@catalog:x', "catalog 'x' is neither a positive integer id nor 'all'"],
    ['catalog:1', 'a side needs run:, env: or level:'],
    ['', 'empty side'],
    ['run:2@builtin', "'builtin' has no ':'"],
  ])('rejects %j: %s', (text, message) => {
    expect(() => parseSide(text)).toThrow(SideSyntaxError)
    expect(() => parseSide(text)).toThrow(message)
    expect(trySide(text)).toBeNull()
  })
})
