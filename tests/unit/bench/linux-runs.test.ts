import { describe, expect, it } from 'vitest'
import { linuxRuns } from '../../bench/linux-bench'

describe('npm run bench -- emu --linux-runs', () => {
  it('is 1 when absent and the given count otherwise', () => {
    expect(linuxRuns(['--no-qemu'])).toBe(1)
    expect(linuxRuns(['--linux-runs', '5', '--linux-phases'])).toBe(5)
    expect(linuxRuns(['--linux-runs', '50'])).toBe(50)
  })
  it('names the option and the value when the value is not a count from 1 to 50', () => {
    for (const bad of ['0', '51', '2.5', '-3', 'three', '']) {
      expect(() => linuxRuns(['--linux-runs', bad])).toThrow(`--linux-runs ${bad}: expected a whole number of boots from 1 to 50`)
    }
    expect(() => linuxRuns(['--linux-runs'])).toThrow('--linux-runs : expected a whole number')
  })
})
