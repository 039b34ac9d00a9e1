// Shared fixtures for the store tests: temp database files, catalog tests, outcomes.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Catalog } from '@core/domain/catalog'
import { parseUnittestsCfg } from '@core/domain/catalog'
import type { SubtestResult, TestOutcome } from '@core/domain/results'
import type { ResultRecord } from '@main/db/store'

/** A fresh temp directory and a cleanup function. */
export function tempDir(): { dir: string; db: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'labcon-db-'))
  return { dir, db: join(dir, 'lab.sqlite'), cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

/** A catalog of the named tests, parsed from unittests.cfg text by the domain parser (each test `file = <name>.elf`). */
export function catalogOf(source: string, names: string[]): Catalog {
  return parseUnittestsCfg(names.map((n) => `[${n}]\nfile = ${n}.elf\n`).join('\n'), source)
}

/** A result record with the given verdict and subtests. */
export function record(
  verdict: TestOutcome['verdict'],
  subtests: SubtestResult[] = [],
  over: Partial<ResultRecord> = {},
): ResultRecord {
  const fails = subtests.filter((s) => s.status === 'FAIL').length
  return {
    outcome: {
      verdict,
      exitStatus: verdict === 'PASS' ? 1 : 3,
      reason: verdict === 'PASS' ? null : `verdict ${verdict}`,
      subtests,
      summary: { tests: subtests.length, unexpectedFailures: fails, knownFailures: 0, expectedFailures: 0, skipped: 0 },
      durationMs: 40,
    },
    level: '7.2.0',
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:00:00.040Z',
    log: `log of ${verdict}\n`,
    command: 'qemu-system-s390x -nodefaults',
    facts: {},
    ...over,
  }
}
