// CSV exports: RFC 4180 quoting and spreadsheet formula neutralisation.
import { describe, expect, it } from 'vitest'
import { toCsv } from '@core/domain/csv'

describe('toCsv', () => {
  it('quotes commas, quotes and line breaks, keeps numbers, and defuses formulas', () => {
    expect(toCsv(['test', 'a', 'ratio'], [['x, "y"', 'line\nbreak', 0.5], ['=cmd()', null, -1], ['-x', '@sum', 2]])).toBe(
      'test,a,ratio\r\n"x, ""y""","line\nbreak",0.5\r\n\'=cmd(),,-1\r\n\'-x,\'@sum,2\r\n',
    )
  })
})
