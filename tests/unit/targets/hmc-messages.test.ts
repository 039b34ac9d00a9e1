// HMC OS message handling: lines split at the line limit are joined, sequence numbers that wrap to 0 are followed.
import { describe, expect, it } from 'vitest'
import { newestSequence, OsMessageCursor, OsMessageJoiner, SEQUENCE_WRAP_DISTANCE } from '@main/targets/hmc'

const msg = (n: number, text = `m${n}`) => ({ 'sequence-number': n, 'message-text': text })

describe('OS messages', () => {
  it('joins messages of exactly the line limit with the next one; 0 turns joining off', () => {
    const j = new OsMessageJoiner(4)
    expect(['abcd', 'efgh', 'ij', 'xy', 'wxyz'].map((t) => j.push(t))).toEqual([null, null, 'abcdefghij', 'xy', null])
    expect(j.flush()).toBe('wxyz')
    expect(new OsMessageJoiner(0).push('abcd')).toBe('abcd')
  })

  it('finds the newest message of a history whose numbers wrapped inside it', () => {
    expect(newestSequence([msg(7), msg(5), msg(6)])).toBe(7)
    expect(newestSequence([msg(2 ** 32 - 2), msg(2 ** 32 - 1), msg(0), msg(1)])).toBe(1)
    expect(newestSequence([])).toBeNull()
  })

  it('after a wrap, takes the low numbers as new and skips what is left from before the wrap', () => {
    const c = new OsMessageCursor(2 ** 32 - 3)
    expect(c.accept([msg(2 ** 32 - 2), msg(2 ** 32 - 1)]).gaps).toEqual([])
    expect(c.wrapped([msg(2 ** 32 - 2), msg(0), msg(1)])).toEqual([msg(0), msg(1)])
    c.wrap()
    expect(c.accept([msg(0), msg(1), msg(2 ** 32 - 1)])).toEqual({ messages: [msg(0), msg(1)], gaps: [] })
    expect(c.accept([msg(3)]).gaps).toEqual([{ from: 2, to: 2 }])
    expect(c.wraps).toBe(1)
    expect(c.wrapped([msg(2 + SEQUENCE_WRAP_DISTANCE)])).toEqual([])
  })
})
