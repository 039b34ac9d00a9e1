// Migration 003 (metric table, latest-real-verdict indexes) on a version-2 database that already holds results:
// their measurements are backfilled from the stored result lines by the same rule new results use.
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { migrate } from '@main/db/migrate'
import { tempDir } from './helpers'

let cleanup = (): void => {}
afterEach(() => cleanup())

describe('migration 003-metrics-latest', () => {
  it('backfills metrics of existing results and adds the partial indexes used for latest real verdicts', () => {
    const t = tempDir()
    cleanup = t.cleanup
    const db = new Database(t.db)
    migrate(db, 2)
    db.exec(`INSERT INTO environment (id, name, kind, created_at) VALUES (1, 'tcg', 'qemu-tcg', '2026-01-01');
      INSERT INTO catalog (id, name, source, imported_at) VALUES (1, 'kut', '/kut', '2026-01-01');
      INSERT INTO catalog_test (id, catalog_id, position, name, file, smp, test_args, qemu_params, kvmtool_params, groups,
        checks, timeout_sec, line, kernel_present) VALUES (1, 1, 0, 'exittime', 'exittime.elf', '2', '', '', '', '[]', '[]', 90, 1, 1);
      INSERT INTO run (id, catalog_id, plan, who, state, started_at) VALUES (1, 1, '{}', 't', 'done', '2026-01-01');
      INSERT INTO run_slot (id, run_id, test_id, env_id, repetition) VALUES (1, 1, 1, 1, 1), (2, 1, 1, 1, 2);
      INSERT INTO subtest_name (id, name) VALUES
        (1, 'exittime: reporting total/best/avg/worst normalized to 10000 iterations'),
        (2, 'exittime: diag44: total/best/avg/worst 9968.663/97.450/99.686/110.170 us'),
        (3, 'bench: time sieve 1101 ms');`)
    const result = (id: number, slot: number): string => `INSERT INTO result (id, slot_id, run_id, test, env_id, level, verdict,
        duration_ms, n_pass, n_fail, n_xpass, n_xfail, n_kfail, n_skip, n_info, n_abort, started_at, finished_at, command, facts)
      VALUES (${id}, ${slot}, 1, 'exittime', 1, '7.2', 'PASS', 10, 1, 0, 0, 0, 0, 0, 2, 0, 'x', 'x', '', '{}');`
    db.exec(result(1, 1) + result(2, 2))
    db.exec(`INSERT INTO subtest (result_id, seq, status, name_id) VALUES (1, 0, 6, 1), (1, 1, 0, 2), (1, 2, 6, 3), (2, 0, 6, 1)`)

    expect(migrate(db, 3)).toEqual([3])
    expect(db.prepare('SELECT result_id, seq, name, value, unit FROM metric ORDER BY result_id, seq').all()).toEqual([
      { result_id: 1, seq: 0, name: 'exittime: diag44: total', value: 9968.663, unit: 'us' },
      { result_id: 1, seq: 1, name: 'exittime: diag44: best', value: 97.45, unit: 'us' },
      { result_id: 1, seq: 2, name: 'exittime: diag44: avg', value: 99.686, unit: 'us' },
      { result_id: 1, seq: 3, name: 'exittime: diag44: worst', value: 110.17, unit: 'us' },
      { result_id: 1, seq: 4, name: 'bench: time sieve', value: 1101, unit: 'ms' },
    ])
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN SELECT max(id) FROM result WHERE verdict NOT IN ('CANCELLED', 'NOTRUN') AND env_id = 1 GROUP BY test`)
      .all() as { detail: string }[]
    expect(plan.map((p) => p.detail).join('; ')).toContain('result_env_real')
    expect(() => db.prepare(`INSERT INTO metric (result_id, seq, name, value, unit) VALUES (99, 0, 'x', 1, 'ms')`).run()).toThrow(/FOREIGN KEY/)
    db.close()
  })
})
