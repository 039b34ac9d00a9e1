// Found by fuzzing (issue 9): a guest printing an EXIT status beyond 32 bits made recordResult throw (SQLite STRICT
// INTEGER column) and so interrupted the whole run. Such a line is malformed: the test FAILs, saying why.
import { describe, expect, it } from 'vitest'
import { parseConsoleOutput } from '@core/domain/console'
import { outcomeOf } from '@main/runner/outcome'

const raw = { log: '', exitStatus: 0, signal: null, timedOut: false, cancelled: false, infraError: null, command: '', facts: {}, durationMs: 5 }

describe('EXIT status bounds', () => {
  it('a STATUS beyond 32 bits is a malformed line: FAIL with the reason, no status stored', () => {
    const o = outcomeOf(raw, parseConsoleOutput('PASS: x\nEXIT: STATUS=0429496729742949672970\n'), 1000)
    expect(o).toEqual({ verdict: 'FAIL', exitStatus: null, reason: 'malformed EXIT line: STATUS=429496729742949700000 is not a 32-bit status', subtests: [{ status: 'PASS', name: 'x' }], summary: null, durationMs: 5 })
  })

  it('the largest 32-bit status is still a status', () => {
    expect(outcomeOf(raw, parseConsoleOutput('EXIT: STATUS=4294967295\n'), 1000).exitStatus).toBe(4294967295)
  })
})
