// Issue 9: every fuzzed property of tests/fuzz/targets.ts with a few thousand cases from a fixed seed (FUZZ_RUNS and
// FUZZ_SEED change them; `npm run fuzz` runs millions from a random seed). A failure names the seed and a shrunk input.
import { describe, expect, it } from 'vitest'
import { checkProperty } from '../fuzz/prop'
import { PROPERTIES } from '../fuzz/targets'

const RUNS = Number(process.env['FUZZ_RUNS'] || 3000)
const SEED = Number(process.env['FUZZ_SEED'] || 20261206)

describe('fuzzing', () => {
  it.each(PROPERTIES.map((p) => [p.name, p] as const))('%s: no crash', (_name, p) => {
    const r = checkProperty(p, RUNS, SEED)
    expect({ failure: r.failure, ran: r.cases > 0 }).toEqual({ failure: null, ran: true })
  }, 120_000)
})
