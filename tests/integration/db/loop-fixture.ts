// Deterministic catalog and results for the killed-mid-run test: the parent recomputes what the child wrote.
import type { CatalogImport, ResultRecord } from '@main/db/store'
import { catalogOf } from './helpers'

/** Ten tests t0..t9. */
export function loopCatalog(): CatalogImport {
  const names = Array.from({ length: 10 }, (_, i) => `t${i}`)
  const source = '/loop/unittests.cfg'
  return { name: 'loop', source, catalog: catalogOf(source, names), kernelsPresent: new Set(names) }
}

/** The result recorded for slot index i: 1..40 subtests and a ~20 KB log, all derived from i. */
export function loopRecord(i: number): ResultRecord {
  const subtests = Array.from({ length: 1 + (i % 40) }, (_, j) => ({
    status: j % 9 === 8 ? ('FAIL' as const) : ('PASS' as const),
    name: `slot ${i % 13}: check ${j}`,
  }))
  const fails = subtests.filter((s) => s.status === 'FAIL').length
  return {
    outcome: {
      verdict: fails ? 'FAIL' : 'PASS',
      exitStatus: fails ? 3 : 1,
      reason: null,
      subtests,
      summary: { tests: subtests.length, unexpectedFailures: fails, knownFailures: 0, expectedFailures: 0, skipped: 0 },
      durationMs: i,
    },
    level: '7.2.0',
    startedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i % 60)).toISOString(),
    finishedAt: new Date(Date.UTC(2026, 0, 1, 0, 1, i % 60)).toISOString(),
    log: `console of slot ${i}: ${'0123456789abcdef'.repeat(i % 7)}\n`.repeat(500),
    command: `qemu-system-s390x -kernel t${i % 10}.elf`,
    facts: { slot: String(i) },
  }
}
