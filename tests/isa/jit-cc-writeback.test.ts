// The CC write-back of generated code (jit/codegen.ts translate): only a block that assigns the CC stores it back.
import { describe, expect, it } from 'vitest'
import { CODE, LPSWE_END, compare } from './jit-run'

describe('JIT CC write-back', () => {
  it('a block that does not set the CC leaves c.cc alone', () => {
    // lr r2,r3 ; la r6,8(r6) ; lpswe
    const m = compare({ code: '1823' + '41606008' + LPSWE_END, gr: { 3: 5, 6: 0x100 } }, 1000)
    const src = m.jit!.sourceAt(CODE)!
    expect(src).toContain('block_')
    expect(src).not.toContain('c.cc=cc')
    expect(m.cpus[0]!.rl[6]).toBe(0x108)
  })

  it('a block that sets the CC stores it', () => {
    // lr r2,r3 ; ahi r2,-5 (cc 0) ; lpswe
    const m = compare({ code: '1823' + 'a72afffb' + LPSWE_END, gr: { 3: 5 } }, 1000)
    expect(m.jit!.sourceAt(CODE)!).toContain('c.cc=cc')
    expect(m.cpus[0]!.cc).toBe(0)
  })
})
