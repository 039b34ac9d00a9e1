import { describe, expect, it } from 'vitest'
import { shellJoin, shellQuote } from '@main/targets/ssh'

describe('shellQuote', () => {
  it('leaves plain words alone and single-quotes everything else', () => {
    expect(['abc', '/tmp/x.bin', '-smp', 'a b', "it's", '$(x)', ''].map(shellQuote)).toEqual([
      'abc',
      '/tmp/x.bin',
      '-smp',
      "'a b'",
      "'it'\\''s'",
      "'$(x)'",
      "''",
    ])
  })
  it('joins argv with each element quoted', () => {
    expect(shellJoin(['qemu', '-append', 'test; rm -rf /'])).toBe("qemu -append 'test; rm -rf /'")
  })
})
