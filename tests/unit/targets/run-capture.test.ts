import { describe, expect, it } from 'vitest'
import { ConsoleCapture, RunWatch } from '@main/targets/run-capture'

describe('ConsoleCapture', () => {
  it('forwards text live and fires once when a completed EXIT line arrives, across chunk borders', () => {
    const seen: string[] = []
    let fired = 0
    const c = new ConsoleCapture((t) => seen.push(t))
    c.whenExit(() => fired++)
    for (const chunk of ['PASS: a\nEX', 'IT: STATUS=', '3', '\nEXIT: STATUS=5\n']) {
      c.push(chunk)
      if (chunk === '3') expect(c.exitStatus).toBeNull() // the line is not complete yet
    }
    c.finish()
    expect({ log: c.log, exit: c.exitStatus, fired, live: seen.join('') }).toEqual({
      log: 'PASS: a\nEXIT: STATUS=3\nEXIT: STATUS=5\n',
      exit: 3,
      fired: 1,
      live: 'PASS: a\nEXIT: STATUS=3\nEXIT: STATUS=5\n',
    })
  })
  it('takes an unterminated EXIT line at the end of the stream', () => {
    const c = new ConsoleCapture(() => undefined)
    c.push('EXIT: STATUS=77')
    expect(c.exitStatus).toBeNull()
    c.finish()
    expect(c.exitStatus).toBe(77)
  })
})

describe('RunWatch', () => {
  it('tells a timeout from a cancellation', async () => {
    const t = new RunWatch({ signal: new AbortController().signal, timeoutMs: 10 })
    await new Promise((r) => t.signal.addEventListener('abort', r))
    t.dispose()
    const ac = new AbortController()
    const c = new RunWatch({ signal: ac.signal, timeoutMs: 60_000 })
    ac.abort()
    c.dispose()
    expect([t.timedOut, t.cancelled, c.timedOut, c.cancelled, c.signal.aborted]).toEqual([true, false, false, true, true])
  })
})
