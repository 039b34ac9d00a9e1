// Environments, catalogs, the run/result write path and known issues of the PostgreSQL store (a part of PgStore,
// src-main/db/pg-store.ts). Result writes are idempotent by slot: a retried write of the same result (a client that
// lost the COMMIT reply) returns the stored row; a different second result for a slot is a conflict.
import { hostname } from 'node:os'
import { deflateRawSync, inflateRawSync } from 'node:zlib'
import type { CatalogDetail, CatalogSummary, EnvironmentInput, KnownIssue, KnownIssueInput, ResultLog, ResultRow, RunDetail, RunProgress, RunState, RunSummary } from '@core/api/lab-api'
import { RUN_STATES } from '@core/api/lab-api'
import type { Environment, HealthReport } from '@core/domain/environment'
import { classifyLines } from '@core/domain/lines'
import { VERDICTS } from '@core/domain/results'
import { countStatuses } from '@core/domain/verdict'
import { subtestStatusCode } from '../codes'
import { NotFoundError, StoreConflictError } from '../errors'
import type { CatalogImport, CreatedRun, PlannedSlot, ResultRecord, RunCreate } from '../store'
import {
  type CatalogRow,
  type EnvRow,
  type KnownIssueRow,
  type ResultDbRow,
  type RunRow,
  type SubtestDbRow,
  type TestRow,
  RESULT_COLS,
  RESULT_FROM,
  RUN_PROGRESS_SQL,
  TERMINAL_STATES,
  envParams,
  groupSubtests,
  now,
  summaryOf,
  testParams,
  toCatalogTest,
  toEnvironment,
  toKnownIssue,
} from '../sqlite/rows'
import { PgBase } from './base'

const ENV_INSERT = `INSERT INTO environment (name, kind, level, config, facts, concurrency, created_at)
  VALUES (@name, @kind, @level, @config, @facts, @concurrency, @created_at) RETURNING id`
const ENV_UPDATE = `UPDATE environment SET name = @name, kind = @kind, level = @level, config = @config, facts = @facts,
  concurrency = @concurrency WHERE id = @id`
const TEST_UPSERT = `INSERT INTO catalog_test (catalog_id, position, name, file, smp, test_args, qemu_params, kvmtool_params,
    groups, arch, machine, accel, checks, disabled_if, timeout_sec, line, key_lines, kernel_present, retired_at)
  VALUES (@catalog_id, @position, @name, @file, @smp, @test_args, @qemu_params, @kvmtool_params, @groups, @arch,
    @machine, @accel, @checks, @disabled_if, @timeout_sec, @line, @key_lines, @kernel_present, NULL)
  ON CONFLICT (catalog_id, name) DO UPDATE SET position = excluded.position, file = excluded.file,
    smp = excluded.smp, test_args = excluded.test_args, qemu_params = excluded.qemu_params,
    kvmtool_params = excluded.kvmtool_params, groups = excluded.groups, arch = excluded.arch,
    machine = excluded.machine, accel = excluded.accel, checks = excluded.checks,
    disabled_if = excluded.disabled_if, timeout_sec = excluded.timeout_sec, line = excluded.line,
    key_lines = excluded.key_lines, kernel_present = excluded.kernel_present, retired_at = NULL`
const RESULT_INSERT = `INSERT INTO result (slot_id, run_id, test, env_id, level, verdict, reason, exit_status, duration_ms,
    sum_tests, sum_unexpected, sum_known, sum_expected, sum_skipped,
    n_pass, n_fail, n_xpass, n_xfail, n_kfail, n_skip, n_info, n_abort, started_at, finished_at, command, facts)
  VALUES (@slot_id, @run_id, @test, @env_id, @level, @verdict, @reason, @exit_status, @duration_ms,
    @sum_tests, @sum_unexpected, @sum_known, @sum_expected, @sum_skipped,
    @n_pass, @n_fail, @n_xpass, @n_xfail, @n_kfail, @n_skip, @n_info, @n_abort,
    @started_at, @finished_at, @command, @facts)
  ON CONFLICT (slot_id) DO NOTHING RETURNING id`
const KI_COLS = 'k.id, k.test, k.subtest, e.name AS env, k.level, k.url, k.intermittent, k.note, k.author'

/** Environments, catalogs, runs, results and known issues: everything that writes. */
export abstract class PgWrites extends PgBase {
  // ---- environments ------------------------------------------------------------------------------------------------
  async listEnvironments(): Promise<Environment[]> {
    return (await this.all<EnvRow>('SELECT * FROM environment WHERE removed_at IS NULL ORDER BY name')).map(toEnvironment)
  }

  async getEnvironment(id: number): Promise<Environment> {
    const row = await this.get<EnvRow>('SELECT * FROM environment WHERE id = ?', [id])
    if (!row || row.removed_at !== null) throw new NotFoundError('environment', id)
    return toEnvironment(row)
  }

  async findEnvironment(name: string): Promise<Environment | null> {
    const row = await this.get<EnvRow>('SELECT * FROM environment WHERE name = ? AND removed_at IS NULL', [name])
    return row ? toEnvironment(row) : null
  }

  async addEnvironment(input: EnvironmentInput): Promise<Environment> {
    const row = envParams(input, {})
    const id = await this.uniqueName(input.name, async () => (await this.pluck<number>(ENV_INSERT, { ...row, created_at: now() }))[0] as number)
    return this.getEnvironment(id)
  }

  async updateEnvironment(id: number, input: EnvironmentInput): Promise<Environment> {
    const old = await this.getEnvironment(id)
    const row = envParams(input, old)
    await this.uniqueName(input.name, () => this.run(ENV_UPDATE, { ...row, id }))
    return this.getEnvironment(id)
  }

  async setEnvironmentLevel(id: number, level: string, facts: Record<string, string> = {}): Promise<Environment> {
    const old = await this.getEnvironment(id)
    await this.run(ENV_UPDATE, { ...envParams({ ...old, level, facts: { ...old.facts, ...facts } }, old), id })
    return this.getEnvironment(id)
  }

  async setEnvironmentHealth(id: number, report: HealthReport): Promise<Environment> {
    if ((await this.run('UPDATE environment SET last_health = ? WHERE id = ? AND removed_at IS NULL', [JSON.stringify(report), id])) === 0) {
      throw new NotFoundError('environment', id)
    }
    return this.getEnvironment(id)
  }

  async removeEnvironment(id: number): Promise<void> {
    if ((await this.run('UPDATE environment SET removed_at = ? WHERE id = ? AND removed_at IS NULL', [now(), id])) === 0) {
      throw new NotFoundError('environment', id)
    }
  }

  // ---- catalogs ----------------------------------------------------------------------------------------------------
  async upsertCatalog(input: CatalogImport): Promise<CatalogSummary> {
    const seen = new Set<string>()
    for (const t of input.catalog.tests) {
      if (seen.has(t.name)) throw new StoreConflictError(`${input.source}: test '${t.name}' appears twice in the catalog`)
      seen.add(t.name)
    }
    const at = now()
    const id = await this.tx(async (c) => {
      // Two importers of one source at once: the second waits here and then updates.
      await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`catalog:${input.source}`])
      const existing = await this.get<CatalogRow>('SELECT * FROM catalog WHERE source = ?', [input.source], c)
      let catalogId: number
      if (existing) {
        catalogId = existing.id
        await this.run('UPDATE catalog SET name = ?, imported_at = ? WHERE id = ?', [input.name, at, catalogId], c)
      } else {
        catalogId = (await this.pluck<number>('INSERT INTO catalog (name, source, imported_at) VALUES (?, ?, ?) RETURNING id', [input.name, input.source, at], c))[0] as number
      }
      for (const [position, t] of input.catalog.tests.entries()) {
        await this.run(TEST_UPSERT, testParams(catalogId, position, t, input.kernelsPresent.has(t.name)), c)
      }
      await this.run(
        'UPDATE catalog_test SET retired_at = ? WHERE catalog_id = ? AND retired_at IS NULL AND NOT (name = ANY(?::text[]))',
        [at, catalogId, [...seen]],
        c,
      )
      return catalogId
    })
    return this.catalogSummary((await this.get<CatalogRow>('SELECT * FROM catalog WHERE id = ?', [id])) as CatalogRow)
  }

  async listCatalogs(): Promise<CatalogSummary[]> {
    const rows = await this.all<CatalogRow>('SELECT * FROM catalog ORDER BY imported_at DESC, id DESC')
    return Promise.all(rows.map((r) => this.catalogSummary(r)))
  }

  async getCatalog(id: number): Promise<CatalogDetail> {
    const row = await this.get<CatalogRow>('SELECT * FROM catalog WHERE id = ?', [id])
    if (!row) throw new NotFoundError('catalog', id)
    const tests = (await this.all<TestRow>('SELECT * FROM catalog_test WHERE catalog_id = ? AND retired_at IS NULL ORDER BY position', [id])).map(toCatalogTest)
    return { ...summaryOf(row, tests), tests }
  }

  // ---- runs --------------------------------------------------------------------------------------------------------
  async createRun(input: RunCreate): Promise<CreatedRun> {
    const catalog = await this.get<CatalogRow>('SELECT * FROM catalog WHERE id = ?', [input.catalogId])
    if (!catalog) throw new NotFoundError('catalog', input.catalogId)
    const rows = await this.all<{ name: string; id: number }>('SELECT name, id FROM catalog_test WHERE catalog_id = ? AND retired_at IS NULL', [input.catalogId])
    const testIds = new Map(rows.map((r) => [r.name, r.id]))
    const envNames = new Map<number, string>()
    for (const s of input.slots) {
      if (!testIds.has(s.test)) throw new NotFoundError('test', s.test, `catalog '${catalog.name}'`)
      if (!envNames.has(s.envId)) envNames.set(s.envId, (await this.getEnvironment(s.envId)).name)
      if (!Number.isInteger(s.repetition) || s.repetition < 1) {
        throw new RangeError(`run slot ${s.test}@${envNames.get(s.envId)}: repetition must be an integer ≥ 1, got ${s.repetition}`)
      }
    }
    const created = await this.tx(async (c): Promise<CreatedRun> => {
      const runId = (
        await this.pluck<number>(
          `INSERT INTO run (catalog_id, plan, who, state, owner_pid, owner_host, started_at, labcon_version, lease_until)
           VALUES (?, ?, ?, 'queued', ?, ?, ?, ?, ${this.leaseSql()}) RETURNING id`,
          [input.catalogId, JSON.stringify(input.plan), input.who, process.pid, hostname(), now(), input.version ?? null],
          c,
        )
      )[0] as number
      const inserted = await this.all<{ id: number; test_id: number; env_id: number; repetition: number }>(
        `INSERT INTO run_slot (run_id, test_id, env_id, repetition)
         SELECT ?, t, e, r FROM unnest(?::bigint[], ?::bigint[], ?::int[]) WITH ORDINALITY AS x(t, e, r, o) ORDER BY o
         RETURNING id, test_id, env_id, repetition`,
        [runId, input.slots.map((s) => testIds.get(s.test)), input.slots.map((s) => s.envId), input.slots.map((s) => s.repetition)],
        c,
      )
      const byKey = new Map(inserted.map((r) => [`${r.test_id}:${r.env_id}:${r.repetition}`, r.id]))
      const slots: PlannedSlot[] = input.slots.map((s) => ({
        id: byKey.get(`${testIds.get(s.test)}:${s.envId}:${s.repetition}`) as number,
        test: s.test,
        envId: s.envId,
        env: envNames.get(s.envId) ?? '',
        repetition: s.repetition,
      }))
      await this.notify(c, runId)
      return { runId, slots }
    })
    this.own(created.runId)
    return created
  }

  async setRunState(runId: number, state: RunState): Promise<void> {
    if (!RUN_STATES.includes(state)) throw new RangeError(`run ${runId}: unknown state '${String(state)}'`)
    await this.tx(async (c) => {
      const run = await this.get<RunRow>('SELECT * FROM run WHERE id = ? FOR UPDATE', [runId], c)
      if (!run) throw new NotFoundError('run', runId)
      if (TERMINAL_STATES.includes(run.state) && run.state !== state) {
        throw new StoreConflictError(`run ${runId} is already ${run.state}; it cannot become ${state}`)
      }
      await this.run('UPDATE run SET state = ?, finished_at = ? WHERE id = ?', [state, TERMINAL_STATES.includes(state) ? (run.finished_at ?? now()) : null, runId], c)
      await this.notify(c, runId)
    })
    if (TERMINAL_STATES.includes(state)) this.disown(runId)
  }

  async listRuns(limit = 50): Promise<RunSummary[]> {
    const rows = await this.all<RunRow>('SELECT run.*, catalog.name AS catalog_name FROM run JOIN catalog ON catalog.id = run.catalog_id ORDER BY run.id DESC LIMIT ?', [limit])
    return Promise.all(rows.map((r) => this.runSummary(r)))
  }

  async getRunSummary(runId: number): Promise<RunSummary> {
    return this.runSummary(await this.runRow(runId))
  }

  async getRun(runId: number): Promise<RunDetail> {
    // One REPEATABLE READ snapshot: counts, results and unfinished slots agree while writers add results.
    const c = await this.pool.connect()
    try {
      await c.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
      const summary = await this.runSummary(await this.runRow(runId, c), c)
      const unfinished = await this.all<RunDetail['unfinished'][number]>(
        `SELECT t.name AS test, e.name AS env, s.repetition FROM run_slot s
         JOIN catalog_test t ON t.id = s.test_id JOIN environment e ON e.id = s.env_id
         LEFT JOIN result r ON r.slot_id = s.id WHERE s.run_id = ? AND r.id IS NULL ORDER BY s.id`,
        [runId],
        c,
      )
      const rows = await this.all<ResultDbRow>(`SELECT ${RESULT_COLS} FROM ${RESULT_FROM} WHERE r.run_id = ? ORDER BY r.id`, [runId], c)
      const subs = groupSubtests(
        await this.all<SubtestDbRow>(
          `SELECT st.result_id, st.status, n.name FROM result r JOIN subtest st ON st.result_id = r.id
           JOIN subtest_name n ON n.id = st.name_id WHERE r.run_id = ? ORDER BY st.result_id, st.seq`,
          [runId],
          c,
        ),
      )
      await c.query('COMMIT')
      return { ...summary, results: await this.toResultRows(rows, subs), unfinished }
    } catch (e) {
      await c.query('ROLLBACK').catch(() => {})
      throw e
    } finally {
      c.release()
    }
  }

  async runProgress(runId: number, resultId?: number): Promise<RunProgress> {
    const run = await this.runRow(runId)
    const perEnv = (await this.all<{ env: string; total: number; done: number }>(RUN_PROGRESS_SQL, [runId])).map((e) => ({ ...e, running: 0 }))
    const result = resultId !== undefined ? (await this.resultsByIds([resultId]))[0] : undefined
    return {
      runId,
      state: run.state,
      total: perEnv.reduce((n, e) => n + e.total, 0),
      done: perEnv.reduce((n, e) => n + e.done, 0),
      perEnv,
      ...(result ? { result } : {}),
    }
  }

  // ---- results -----------------------------------------------------------------------------------------------------
  async recordResult(slotId: number, rec: ResultRecord): Promise<ResultRow> {
    const slot = await this.get<{ id: number; run_id: number; env_id: number; repetition: number; test: string; env: string }>(
      `SELECT s.id, s.run_id, s.env_id, s.repetition, t.name AS test, e.name AS env
       FROM run_slot s JOIN catalog_test t ON t.id = s.test_id JOIN environment e ON e.id = s.env_id WHERE s.id = ?`,
      [slotId],
    )
    if (!slot) throw new NotFoundError('run slot', slotId)
    const o = rec.outcome
    if (!VERDICTS.includes(o.verdict)) throw new RangeError(`result of ${slot.test}@${slot.env}: unknown verdict '${o.verdict}'`)
    const counts = countStatuses(o.subtests)
    const metrics = classifyLines(o.subtests).metrics
    const text = Buffer.from(rec.log, 'utf8')
    const params = {
      slot_id: slotId,
      run_id: slot.run_id,
      test: slot.test,
      env_id: slot.env_id,
      level: rec.level,
      verdict: o.verdict,
      reason: o.reason ?? null,
      exit_status: o.exitStatus ?? null,
      duration_ms: o.durationMs,
      sum_tests: o.summary?.tests ?? null,
      sum_unexpected: o.summary?.unexpectedFailures ?? null,
      sum_known: o.summary?.knownFailures ?? null,
      sum_expected: o.summary?.expectedFailures ?? null,
      sum_skipped: o.summary?.skipped ?? null,
      n_pass: counts.PASS,
      n_fail: counts.FAIL,
      n_xpass: counts.XPASS,
      n_xfail: counts.XFAIL,
      n_kfail: counts.KFAIL,
      n_skip: counts.SKIP,
      n_info: counts.INFO,
      n_abort: counts.ABORT,
      started_at: rec.startedAt,
      finished_at: rec.finishedAt,
      command: rec.command,
      facts: JSON.stringify(rec.facts),
    }
    const what = `${slot.test}@${slot.env} #${slot.repetition}`
    let interned: Map<string, number> = new Map()
    const resultId = await this.tx(async (c): Promise<number> => {
      const id = (await this.pluck<number>(RESULT_INSERT, params, c))[0]
      if (id === undefined) {
        // The slot has a result: the same one again (a retried write) is fine, anything else is a conflict.
        const prev = await this.get<{ id: number; verdict: string; started_at: string; finished_at: string }>(
          'SELECT id, verdict, started_at, finished_at FROM result WHERE slot_id = ?',
          [slotId],
          c,
        )
        if (prev && prev.verdict === o.verdict && prev.started_at === rec.startedAt && prev.finished_at === rec.finishedAt) return -prev.id
        throw new StoreConflictError(`run slot ${slotId} (${what}) already has a result`)
      }
      if (o.subtests.length > 0) {
        const nameIds = (interned = await this.nameIds(c, o.subtests.map((s) => s.name)))
        await c.query(
          'INSERT INTO subtest (result_id, seq, status, name_id) SELECT $1, s - 1, st, n FROM unnest($2::int[], $3::bigint[]) WITH ORDINALITY AS x(st, n, s)',
          [id, o.subtests.map((s) => subtestStatusCode(s.status)), o.subtests.map((s) => nameIds.get(s.name))],
        )
      }
      if (metrics.length > 0) {
        await c.query(
          'INSERT INTO metric (result_id, seq, name, value, unit) SELECT $1, s - 1, n, v, u FROM unnest($2::text[], $3::float8[], $4::text[]) WITH ORDINALITY AS x(n, v, u, s)',
          [id, metrics.map((m) => m.name), metrics.map((m) => m.value), metrics.map((m) => m.unit)],
        )
      }
      await c.query('INSERT INTO log (result_id, deflated, bytes) VALUES ($1, $2, $3)', [id, deflateRawSync(text), text.length])
      await this.notify(c, slot.run_id, id)
      return id
    })
    this.rememberNames(interned)
    if (resultId < 0) return (await this.resultsByIds([-resultId]))[0] as ResultRow
    return {
      id: resultId,
      runId: slot.run_id,
      test: slot.test,
      env: slot.env,
      level: rec.level,
      repetition: slot.repetition,
      verdict: o.verdict,
      reason: o.reason,
      exitStatus: o.exitStatus,
      durationMs: o.durationMs,
      summary: o.summary,
      counts,
      subtests: o.subtests.map((s) => ({ status: s.status, name: s.name })),
      startedAt: rec.startedAt,
      knownIssue: await this.knownIssueFor(await this.listKnownIssues(), { test: slot.test, env: slot.env, level: rec.level, verdict: o.verdict }, () => o.subtests),
    }
  }

  protected async resultsByIds(list: readonly number[]): Promise<ResultRow[]> {
    const rows = await this.all<ResultDbRow>(`SELECT ${RESULT_COLS} FROM ${RESULT_FROM} WHERE r.id = ANY(?::bigint[]) ORDER BY r.id`, [list])
    return this.toResultRows(rows, await this.subtestsOf(list))
  }

  async resultsByRun(runId: number): Promise<ResultRow[]> {
    const rows = await this.all<ResultDbRow>(`SELECT ${RESULT_COLS} FROM ${RESULT_FROM} WHERE r.run_id = ? ORDER BY r.id`, [runId])
    return this.toResultRows(rows, await this.subtestsOf(rows.map((r) => r.id)))
  }

  async log(resultId: number): Promise<ResultLog> {
    const row = await this.get<{ deflated: Buffer | null; test: string; env: string; level: string; command: string; facts: string }>(
      `SELECT l.deflated, r.test, e.name AS env, r.level, r.command, r.facts FROM result r
       JOIN environment e ON e.id = r.env_id LEFT JOIN log l ON l.result_id = r.id WHERE r.id = ?`,
      [resultId],
    )
    if (!row) throw new NotFoundError('result', resultId)
    return {
      resultId,
      test: row.test,
      env: row.env,
      level: row.level,
      text: row.deflated ? inflateRawSync(row.deflated).toString('utf8') : '',
      command: row.command,
      facts: JSON.parse(row.facts) as Record<string, string>,
    }
  }

  // ---- known issues ------------------------------------------------------------------------------------------------
  async listKnownIssues(): Promise<KnownIssue[]> {
    return (await this.all<KnownIssueRow>(`SELECT ${KI_COLS} FROM known_issue k LEFT JOIN environment e ON e.id = k.env_id ORDER BY k.test, k.id`)).map(toKnownIssue)
  }

  async addKnownIssue(input: KnownIssueInput, author: string | null = null): Promise<KnownIssue> {
    const p = await this.kiParams(input)
    const id = (
      await this.pluck<number>(
        `INSERT INTO known_issue (test, subtest, env_id, level, url, intermittent, note, created_at, author)
         VALUES (@test, @subtest, @env_id, @level, @url, @intermittent, @note, @created_at, @author) RETURNING id`,
        { ...p, created_at: now(), author },
      )
    )[0] as number
    return this.knownIssue(id)
  }

  async updateKnownIssue(id: number, input: KnownIssueInput): Promise<KnownIssue> {
    const p = await this.kiParams(input)
    const n = await this.run(
      `UPDATE known_issue SET test = @test, subtest = @subtest, env_id = @env_id, level = @level, url = @url,
       intermittent = @intermittent, note = @note WHERE id = @id`,
      { ...p, id },
    )
    if (n === 0) throw new NotFoundError('known issue', id)
    return this.knownIssue(id)
  }

  async removeKnownIssue(id: number): Promise<void> {
    if ((await this.run('DELETE FROM known_issue WHERE id = ?', [id])) === 0) throw new NotFoundError('known issue', id)
  }
}
