// Subtests, facts and measurements kept apart: the explicit rule for names with varying numbers (parseMeasurement),
// fact keys of INFO lines (parseFact), and classifyLines on real console lines of our kernels and upstream exittime.
import { describe, expect, it } from 'vitest'
import { classifyLines, MAX_MEASUREMENT_LINE, parseFact, parseMeasurement, subtestIdentity } from '@core/domain/lines'
import type { SubtestResult } from '@core/domain/results'

describe('parseMeasurement: the rule for names with varying numbers', () => {
  it.each([
    // upstream exittime (report_pass with prefixes exittime: <test>): labels pair with values
    [
      'exittime: diag44: total/best/avg/worst 9968.663/97.450/99.686/110.170 us',
      'exittime: diag44: total/best/avg/worst',
      [
        { name: 'exittime: diag44: total', value: 9968.663, unit: 'us' },
        { name: 'exittime: diag44: best', value: 97.45, unit: 'us' },
        { name: 'exittime: diag44: avg', value: 99.686, unit: 'us' },
        { name: 'exittime: diag44: worst', value: 110.17, unit: 'us' },
      ],
    ],
    // our bench kernel
    ['bench: time sieve 1101 ms', 'bench: time sieve', [{ name: 'bench: time sieve', value: 1101, unit: 'ms' }]],
    ['bench: time crc32 1208 ms', 'bench: time crc32', [{ name: 'bench: time crc32', value: 1208, unit: 'ms' }]],
    ['perf: rate 12.5 MIPS', 'perf: rate', [{ name: 'perf: rate', value: 12.5, unit: 'MIPS' }]],
    ['lat: wait  3.5µs', 'lat: wait', [{ name: 'lat: wait', value: 3.5, unit: 'us' }]],
  ])('%s', (line, identity, metrics) => {
    expect(parseMeasurement(line)).toEqual({ identity, metrics })
  })

  it.each([
    'pgm: operation: interruption code 0x01',
    'selftest: memory: SCLP size == mem=256 MiB',
    'skey: STORE CPU ADDRESS: mismatching key: Program interrupt: expected(4) == received(0)',
    'selftest: memory: SCLP: 256 MiB (increment 1 MiB x 256, 1 CPUs)',
    'bench: sieve: 6 rounds, primes below 2000000 == 148933',
    'timer: 1 2 ms',
    'total/best 1/2/3 us',
  ])('keeps numbers that are no measurement as identity: %s', (line) => {
    expect([parseMeasurement(line), subtestIdentity(line)]).toEqual([null, line])
  })

  it('examines lines up to MAX_MEASUREMENT_LINE characters only (garbled output is never a measurement)', () => {
    const line = (n: number): string => `t: ${'x'.repeat(n - 8)} 5 ms` // n characters
    expect([line(MAX_MEASUREMENT_LINE).length, parseMeasurement(line(MAX_MEASUREMENT_LINE))?.metrics.length, parseMeasurement(line(MAX_MEASUREMENT_LINE + 1))]).toEqual([MAX_MEASUREMENT_LINE, 1, null])
  })

  it('gives the same identity to runs with different numbers', () => {
    const a = subtestIdentity('exittime: nop: total/best/avg/worst 1.000/0.010/0.011/0.020 us')
    const b = subtestIdentity('exittime: nop: total/best/avg/worst 250.125/2.400/2.501/7.000 us')
    expect([a, a === b]).toEqual(['exittime: nop: total/best/avg/worst', true])
  })
})

describe('parseFact', () => {
  it.each([
    ["selftest: stsi: manufacturer 'QEMU' type '8561' model '' sequence 'QEMU'", 'selftest: stsi: manufacturer', "'QEMU' type '8561' model '' sequence 'QEMU'"],
    ['selftest: facilities: STFL f940f6d3', 'selftest: facilities: STFL', 'f940f6d3'],
    ['selftest: facilities: STFLE: 3 doublewords: f940f6d3f4c45c64 059c000000000000', 'selftest: facilities: STFLE', '3 doublewords: f940f6d3f4c45c64 059c000000000000'],
    ['selftest: facilities: zEC12 build needs 34 1, 45 1, 49 1', 'selftest: facilities: zEC12 build needs', '34 1, 45 1, 49 1'],
    ['selftest: stsi: configuration level 3 (1 basic machine, 2 LPAR, 3 virtual machine)', 'selftest: stsi: configuration level', '3 (1 basic machine, 2 LPAR, 3 virtual machine)'],
    ['selftest: memory: SCLP: 256 MiB (increment 1 MiB x 256, 1 CPUs)', 'selftest: memory: SCLP', '256 MiB (increment 1 MiB x 256, 1 CPUs)'],
    ['fail: five results: PASS FAIL XFAIL KFAIL SKIP', 'fail: five results: PASS FAIL XFAIL KFAIL SKIP', ''],
  ])('%s', (line, key, value) => {
    expect(parseFact(line)).toEqual({ key, value })
  })
})

describe('classifyLines', () => {
  it('sorts real lines into subtests (no INFO), facts and metrics', () => {
    const lines: SubtestResult[] = [
      { status: 'INFO', name: 'bench: time sieve 475 ms' },
      { status: 'PASS', name: 'bench: sieve: 6 rounds, primes below 2000000 == 148933' },
      { status: 'INFO', name: 'selftest: facilities: STFL f940f6d3' },
      { status: 'INFO', name: 'exittime: reporting total/best/avg/worst normalized to 10000 iterations' },
      { status: 'PASS', name: 'exittime: diag44: total/best/avg/worst 9968.663/97.450/99.686/110.170 us' },
      { status: 'INFO', name: "selftest: stsi: manufacturer 'QEMU' type '2964' model '' sequence 'LABCON'" },
      { status: 'INFO', name: 'selftest: facilities: STFL fb40f6ea' },
      { status: 'KFAIL', name: 'pgm: fixed-point overflow AR: interruption code 0x08' },
    ]
    expect(classifyLines(lines)).toEqual({
      subtests: [
        { status: 'PASS', name: 'bench: sieve: 6 rounds, primes below 2000000 == 148933' },
        { status: 'PASS', name: 'exittime: diag44: total/best/avg/worst' },
        { status: 'KFAIL', name: 'pgm: fixed-point overflow AR: interruption code 0x08' },
      ],
      facts: [
        { key: 'selftest: facilities: STFL', value: 'f940f6d3' },
        { key: 'exittime: reporting total/best/avg/worst normalized to', value: '10000 iterations' },
        { key: 'selftest: stsi: manufacturer', value: "'QEMU' type '2964' model '' sequence 'LABCON'" },
        { key: 'selftest: facilities: STFL #2', value: 'fb40f6ea' },
      ],
      metrics: [
        { name: 'bench: time sieve', value: 475, unit: 'ms' },
        { name: 'exittime: diag44: total', value: 9968.663, unit: 'us' },
        { name: 'exittime: diag44: best', value: 97.45, unit: 'us' },
        { name: 'exittime: diag44: avg', value: 99.686, unit: 'us' },
        { name: 'exittime: diag44: worst', value: 110.17, unit: 'us' },
      ],
    })
  })
})
