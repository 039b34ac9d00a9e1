// Every fixed statement of the store, prepared once when the store opens; `Statements` is their typed bag.
import type Database from 'better-sqlite3'
import { RESULT_COLS, MATRIX_COLS, RESULT_FROM, REAL_VERDICT, ENVS_WITH_CELLS } from './rows'

/** Prepares the store's fixed statements on `db` (once per connection). */
export function prepareStatements(db: Database.Database) {
  const p = (sql: string): Database.Statement => db.prepare(sql)
  // Statements returning one column: rows are plain values.
  const pp = (sql: string): Database.Statement => db.prepare(sql).pluck()
  return {
    envList: p('SELECT * FROM environment WHERE removed_at IS NULL ORDER BY name'),
    envById: p('SELECT * FROM environment WHERE id = ?'),
    envByName: p('SELECT * FROM environment WHERE name = ? AND removed_at IS NULL'),
    envInsert: p(`INSERT INTO environment (name, kind, level, config, facts, concurrency, created_at)
      VALUES (@name, @kind, @level, @config, @facts, @concurrency, @created_at)`),
    envUpdate: p(`UPDATE environment SET name = @name, kind = @kind, level = @level, config = @config, facts = @facts,
      concurrency = @concurrency WHERE id = @id`),
    envRemove: p('UPDATE environment SET removed_at = ? WHERE id = ? AND removed_at IS NULL'),
    envHealth: p('UPDATE environment SET last_health = ? WHERE id = ? AND removed_at IS NULL'),

    catalogBySource: p('SELECT * FROM catalog WHERE source = ?'),
    catalogById: p('SELECT * FROM catalog WHERE id = ?'),
    catalogList: p('SELECT * FROM catalog ORDER BY imported_at DESC, id DESC'),
    catalogInsert: p('INSERT INTO catalog (name, source, imported_at) VALUES (?, ?, ?)'),
    catalogUpdate: p('UPDATE catalog SET name = ?, imported_at = ? WHERE id = ?'),
    testUpsert: p(`INSERT INTO catalog_test (catalog_id, position, name, file, smp, test_args, qemu_params, kvmtool_params,
        groups, arch, machine, accel, checks, disabled_if, timeout_sec, line, key_lines, kernel_present, retired_at)
      VALUES (@catalog_id, @position, @name, @file, @smp, @test_args, @qemu_params, @kvmtool_params, @groups, @arch,
        @machine, @accel, @checks, @disabled_if, @timeout_sec, @line, @key_lines, @kernel_present, NULL)
      ON CONFLICT (catalog_id, name) DO UPDATE SET position = excluded.position, file = excluded.file,
        smp = excluded.smp, test_args = excluded.test_args, qemu_params = excluded.qemu_params,
        kvmtool_params = excluded.kvmtool_params, groups = excluded.groups, arch = excluded.arch,
        machine = excluded.machine, accel = excluded.accel, checks = excluded.checks,
        disabled_if = excluded.disabled_if, timeout_sec = excluded.timeout_sec, line = excluded.line,
        key_lines = excluded.key_lines, kernel_present = excluded.kernel_present, retired_at = NULL`),
    testRetire: p(`UPDATE catalog_test SET retired_at = ? WHERE catalog_id = ? AND retired_at IS NULL
      AND name NOT IN (SELECT value FROM json_each(?))`),
    testsOfCatalog: p('SELECT * FROM catalog_test WHERE catalog_id = ? AND retired_at IS NULL ORDER BY position'),
    testIdsOfCatalog: p('SELECT name, id FROM catalog_test WHERE catalog_id = ? AND retired_at IS NULL'),
    // A catalog's summary and its row names without reading every test row (the matrix asks on every window).
    testCountOfCatalog: pp('SELECT count(*) FROM catalog_test WHERE catalog_id = ? AND retired_at IS NULL'),
    missingKernelsOfCatalog: pp('SELECT file FROM catalog_test WHERE catalog_id = ? AND retired_at IS NULL AND kernel_present = 0 ORDER BY position'),
    testNamesOfCatalog: pp('SELECT name FROM catalog_test WHERE catalog_id = ? AND retired_at IS NULL ORDER BY position'),

    runInsert: p(`INSERT INTO run (catalog_id, plan, who, state, owner_pid, owner_host, started_at, labcon_version)
      VALUES (?, ?, ?, 'queued', ?, ?, ?, ?)`),
    slotInsert: p('INSERT INTO run_slot (run_id, test_id, env_id, repetition) VALUES (?, ?, ?, ?)'),
    runById: p(`SELECT run.*, catalog.name AS catalog_name FROM run JOIN catalog ON catalog.id = run.catalog_id
      WHERE run.id = ?`),
    runList: p(`SELECT run.*, catalog.name AS catalog_name FROM run JOIN catalog ON catalog.id = run.catalog_id
      ORDER BY run.id DESC LIMIT ?`),
    runActive: p(`SELECT id, owner_pid, owner_host FROM run WHERE state IN ('queued', 'running')`),
    runSetState: p('UPDATE run SET state = ?, finished_at = ? WHERE id = ?'),
    runEnvs: pp(`SELECT e.name FROM environment e WHERE e.id IN (SELECT DISTINCT env_id FROM run_slot WHERE run_id = ?)
      ORDER BY e.name`),
    runSlotCount: pp('SELECT count(*) FROM run_slot WHERE run_id = ?'),
    runVerdicts: p('SELECT verdict, count(*) AS n FROM result WHERE run_id = ? GROUP BY verdict'),
    runUnfinished: p(`SELECT t.name AS test, e.name AS env, s.repetition FROM run_slot s
      JOIN catalog_test t ON t.id = s.test_id JOIN environment e ON e.id = s.env_id
      LEFT JOIN result r ON r.slot_id = s.id WHERE s.run_id = ? AND r.id IS NULL ORDER BY s.id`),

    slotById: p(`SELECT s.id, s.run_id, s.env_id, s.repetition, t.name AS test, e.name AS env
      FROM run_slot s JOIN catalog_test t ON t.id = s.test_id JOIN environment e ON e.id = s.env_id WHERE s.id = ?`),
    resultOfSlot: p('SELECT id FROM result WHERE slot_id = ?'),
    resultInsert: p(`INSERT INTO result (slot_id, run_id, test, env_id, level, verdict, reason, exit_status, duration_ms,
        sum_tests, sum_unexpected, sum_known, sum_expected, sum_skipped,
        n_pass, n_fail, n_xpass, n_xfail, n_kfail, n_skip, n_info, n_abort, started_at, finished_at, command, facts)
      VALUES (@slot_id, @run_id, @test, @env_id, @level, @verdict, @reason, @exit_status, @duration_ms,
        @sum_tests, @sum_unexpected, @sum_known, @sum_expected, @sum_skipped,
        @n_pass, @n_fail, @n_xpass, @n_xfail, @n_kfail, @n_skip, @n_info, @n_abort,
        @started_at, @finished_at, @command, @facts)`),
    subtestInsert: p('INSERT INTO subtest (result_id, seq, status, name_id) VALUES (?, ?, ?, ?)'),
    nameSelect: pp('SELECT id FROM subtest_name WHERE name = ?'),
    nameInsert: p('INSERT INTO subtest_name (name) VALUES (?)'),
    logInsert: p('INSERT INTO log (result_id, deflated, bytes) VALUES (?, ?, ?)'),
    logById: p(`SELECT l.deflated, r.test, e.name AS env, r.level, r.command, r.facts FROM result r
      JOIN environment e ON e.id = r.env_id LEFT JOIN log l ON l.result_id = r.id WHERE r.id = ?`),

    resultsOfRun: p(`SELECT ${RESULT_COLS} FROM ${RESULT_FROM} WHERE r.run_id = ? ORDER BY r.id`),
    resultsByIds: p(`SELECT ${RESULT_COLS} FROM ${RESULT_FROM} WHERE r.id IN (SELECT value FROM json_each(?))`),
    subtestsOfRun: p(`SELECT st.result_id, st.status, n.name FROM result r JOIN subtest st ON st.result_id = r.id
      JOIN subtest_name n ON n.id = st.name_id WHERE r.run_id = ? ORDER BY st.result_id, st.seq`),
    subtestsOfIds: p(`SELECT st.result_id, st.status, n.name FROM subtest st JOIN subtest_name n ON n.id = st.name_id
      WHERE st.result_id IN (SELECT value FROM json_each(?)) ORDER BY st.result_id, st.seq`),
    latestIdsOfRun: pp('SELECT max(id) FROM result WHERE run_id = ? GROUP BY test'),
    latestIdsOfRunEnv: pp('SELECT max(id) FROM result WHERE run_id = ? AND env_id = ? GROUP BY test'),
    // Matrix rows are fetched as arrays (MatrixDbRow): at 10,000 cells object rows cost more than the query.
    // Latest real verdict: CANCELLED and NOTRUN never become the latest (REAL_VERDICT matches the partial indexes).
    matrixLatest: p(`SELECT ${MATRIX_COLS} FROM (SELECT max(id) AS id FROM result WHERE ${REAL_VERDICT}
      GROUP BY env_id, test) l JOIN result r ON r.id = l.id`).raw(),
    matrixLatestOfCatalog: p(`SELECT ${MATRIX_COLS} FROM (SELECT max(id) AS id FROM result WHERE ${REAL_VERDICT}
      AND run_id IN (SELECT id FROM run WHERE catalog_id = ?) GROUP BY env_id, test) l JOIN result r ON r.id = l.id`).raw(),
    metricInsert: p('INSERT INTO metric (result_id, seq, name, value, unit) VALUES (?, ?, ?, ?, ?)'),
    matrixOfRun: p(`SELECT ${MATRIX_COLS} FROM (SELECT max(id) AS id FROM result WHERE run_id = ? GROUP BY env_id, test) l
      JOIN result r ON r.id = l.id`).raw(),
    matrixTestNames: pp('SELECT DISTINCT test FROM result ORDER BY test'),
    // A window of test rows (JSON array of names): the matrix's visible rows first, the rest after.
    matrixLatestOfTests: p(`SELECT ${MATRIX_COLS} FROM (SELECT max(id) AS id FROM result WHERE ${REAL_VERDICT}
      AND test IN (SELECT value FROM json_each(?)) GROUP BY env_id, test) l JOIN result r ON r.id = l.id`).raw(),
    matrixLatestOfCatalogTests: p(`SELECT ${MATRIX_COLS} FROM (SELECT max(id) AS id FROM result WHERE ${REAL_VERDICT}
      AND run_id IN (SELECT id FROM run WHERE catalog_id = ?) AND test IN (SELECT value FROM json_each(?))
      GROUP BY env_id, test) l JOIN result r ON r.id = l.id`).raw(),
    matrixOfRunTests: p(`SELECT ${MATRIX_COLS} FROM (SELECT max(id) AS id FROM result
      WHERE run_id = ? AND test IN (SELECT value FROM json_each(?)) GROUP BY env_id, test) l JOIN result r ON r.id = l.id`).raw(),
    envsWithCells: pp(ENVS_WITH_CELLS.all),
    envsWithCellsOfCatalog: pp(ENVS_WITH_CELLS.catalog),
    envsWithCellsOfRun: pp(ENVS_WITH_CELLS.run),
    envsWithCellsOfRunOfCatalog: pp(ENVS_WITH_CELLS.runOfCatalog),
    runTestNames: pp(`SELECT t.name FROM catalog_test t
      WHERE t.id IN (SELECT DISTINCT test_id FROM run_slot WHERE run_id = ?) ORDER BY t.position`),

    kiList: p(`SELECT k.id, k.test, k.subtest, e.name AS env, k.level, k.url, k.intermittent, k.note, k.author FROM known_issue k
      LEFT JOIN environment e ON e.id = k.env_id ORDER BY k.test, k.id`),
    kiById: p(`SELECT k.id, k.test, k.subtest, e.name AS env, k.level, k.url, k.intermittent, k.note, k.author FROM known_issue k
      LEFT JOIN environment e ON e.id = k.env_id WHERE k.id = ?`),
    kiInsert: p(`INSERT INTO known_issue (test, subtest, env_id, level, url, intermittent, note, created_at, author)
      VALUES (@test, @subtest, @env_id, @level, @url, @intermittent, @note, @created_at, @author)`),
    kiUpdate: p(`UPDATE known_issue SET test = @test, subtest = @subtest, env_id = @env_id, level = @level, url = @url,
      intermittent = @intermittent, note = @note WHERE id = @id`),
    kiDelete: p('DELETE FROM known_issue WHERE id = ?'),
  }
}

/** The prepared statements of one store. */
export type Statements = ReturnType<typeof prepareStatements>
