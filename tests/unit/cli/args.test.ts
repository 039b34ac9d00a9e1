// Issue 9 item 10: a negative number given as an option's value is that value, refused by the option's own check
// with a message naming the option, instead of parseArgs' "argument is ambiguous".
import { describe, expect, it } from 'vitest'
import { parseCommand, posInt, str } from '@main/cli/args'

const OPTS = { jobs: { type: 'string', short: 'j' }, repeat: { type: 'string' }, json: { type: 'boolean' } } as const

describe('negative option values', () => {
  it.each([
    [['--jobs', '-1'], 'run: --jobs expects a whole number from 1 to 256, got \'-1\''],
    [['-j', '-4'], 'run: --jobs expects a whole number from 1 to 256, got \'-4\''],
    [['--jobs=-2'], 'run: --jobs expects a whole number from 1 to 256, got \'-2\''],
  ])('%j is refused naming the option', (argv, message) => {
    const p = parseCommand('run', argv, OPTS, 0)
    expect(() => posInt('run', p, 'jobs', 256)).toThrow(message)
  })

  it('keeps a negative value as a string value and leaves flags and positionals alone', () => {
    const p = parseCommand('run', ['--repeat', '-0.5', '--json', 'x'], OPTS, 1)
    expect({ repeat: str(p, 'repeat'), json: p.values['json'], positionals: p.positionals }).toEqual({ repeat: '-0.5', json: true, positionals: ['x'] })
  })

  it('after --, a negative number is a positional', () => {
    const p = parseCommand('run', ['--', '-1'], OPTS, 1)
    expect(p.positionals).toEqual(['-1'])
  })
})
