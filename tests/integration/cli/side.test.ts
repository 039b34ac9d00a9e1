// The side syntax of `labcon compare` (documented in README.md) and short firmware levels.
import { describe, expect, it } from 'vitest'
import { parseSide, resolveLevel, SideSyntaxError } from '@main/cli/side'

describe('compare side syntax', () => {
  it.each([
    ['run:12', { kind: 'run', runId: 12 }],
    ['run:12@env:tcg', { kind: 'run', runId: 12, env: 'tcg' }],
    ['env:tcg', { kind: 'env', env: 'tcg' }],
    ['level:7.2.22', { kind: 'level', level: '7.2.22' }],
    ['level:7.2.22@env:tcg', { kind: 'level', level: '7.2.22', env: 'tcg' }],
    ['env:tcg@level:7.2.22', { kind: 'level', level: '7.2.22', env: 'tcg' }],
    ['level:QEMU 7.2.22 (Debian 1:7.2+dfsg-7)', { kind: 'level', level: 'QEMU 7.2.22 (Debian 1:7.2+dfsg-7)' }],
  ])('%s', (text, side) => {
    expect(parseSide(text)).toEqual(side)
  })

  it.each([
    ['12', "side '12': '12' has no ':'"],
    ['build:3', "unknown kind 'build'"],
    ['run:0', "run id '0' is not a positive integer"],
    ['run:1@level:x', 'a run side cannot also name a level'],
    ['env:', 'empty env'],
    ['env:a@env:b', 'env given twice'],
  ])('rejects %s', (text, message) => {
    expect(() => parseSide(text)).toThrow(SideSyntaxError)
    expect(() => parseSide(text)).toThrow(message)
  })

  it('resolves a unique part of a level, and leaves ambiguous or unknown ones as given', () => {
    const known = ['QEMU 7.2.22 (Debian 1:7.2+dfsg-7+deb12u18+b3)', 'QEMU 8.2.2 (Ubuntu)', 'labcon-s390x-emu 0.1.0 (interpreter)']
    expect(resolveLevel('7.2.22', known)).toBe(known[0])
    expect(resolveLevel('QEMU', known)).toBe('QEMU')
    expect(resolveLevel('9.0', known)).toBe('9.0')
    expect(resolveLevel(known[1] as string, known)).toBe(known[1])
  })
})
