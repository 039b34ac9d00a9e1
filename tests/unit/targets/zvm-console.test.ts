// z/VM console spool text: CP splits console lines into records of at most 132 bytes; the driver joins them again.
import { describe, expect, it } from 'vitest'
import { CONSOLE_RECORD_MAX, iplCommand, joinConsoleRecords } from '@main/targets/zvm'

describe('z/VM console records and the IPL command', () => {
  it('joins records of exactly the record length with the next one, keeps shorter lines apart', () => {
    const long = 'PASS: ' + 'a'.repeat(200)
    const spooled = [long.slice(0, CONSOLE_RECORD_MAX), long.slice(CONSOLE_RECORD_MAX), 'EXIT: STATUS=1', ''].join('\n')
    expect(joinConsoleRecords(spooled)).toBe(`${long}\nEXIT: STATUS=1\n`)
    expect(joinConsoleRecords('short\nlines\n')).toBe('short\nlines\n')
  })

  it('puts test_args of up to 64 characters into the PARM, in their own case, and leaves longer ones to the deck', () => {
    expect(iplCommand('KUTTEST', 'test 123 mem=256')).toEqual(['SEND', 'CP', 'KUTTEST', 'IPL', '00C', 'CLEAR', 'PARM', 'test 123 mem=256'])
    expect(iplCommand('KUTTEST', 'x'.repeat(65))).toEqual(['SEND', 'CP', 'KUTTEST', 'IPL', '00C', 'CLEAR'])
    expect(iplCommand('KUTTEST', '')).toEqual(['SEND', 'CP', 'KUTTEST', 'IPL', '00C', 'CLEAR'])
  })
})
