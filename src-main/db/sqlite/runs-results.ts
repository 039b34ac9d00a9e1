// The write path of runs of the SQLite store (a part of SqliteStore, src-main/db/sqlite-store.ts).
import { hostname } from 'node:os'
import { deflateRawSync, inflateRawSync } from 'node:zlib'
import type { ResultLog, ResultRow, RunDetail, RunProgress, RunState, RunSummary } from '@core/api/lab-api'
import { RUN_STATES } from '@core/api/lab-api'
import { VERDICTS } from '@core/domain/results'
import { countStatuses } from '@core/domain/verdict'
import { subtestStatusCode } from '../codes'
import { NotFoundError, StoreConflictError } from '../errors'
import { classifyLines } from '@core/domain/lines'
import type { CreatedRun, PlannedSlot, ResultRecord, RunCreate } from '../store'
import {
  RUN_PROGRESS_SQL,
  TERMINAL_STATES,
  ids,
  now,
  type CatalogRow,
  type RunRow,
  type ResultDbRow,
  type SubtestDbRow,
  groupSubtests,
} from './rows'
import { EnvironmentCatalogStore } from './environments-catalogs'

/** The write path of runs: creating runs and slots, states, results with subtests, metrics and logs. */
export abstract class RunResultStore extends EnvironmentCatalogStore {
  createRun(input: RunCreate): CreatedRun {
    const catalog = this.st.catalogById.get(input.catalogId) as CatalogRow | undefined
    if (!catalog) throw new NotFoundError('catalog', input.catalogId)
    const rows = this.st.testIdsOfCatalog.all(input.catalogId) as { name: string; id: number }[]
    const testIds = new Map(rows.map((r) => [r.name, r.id]))
    const envNames = new Map<number, string>()
    for (const s of input.slots) {
      if (!testIds.has(s.test)) throw new NotFoundError('test', s.test, `catalog '${catalog.name}'`)
      if (!envNames.has(s.envId)) envNames.set(s.envId, this.getEnvironment(s.envId).name)
      if (!Number.isInteger(s.repetition) || s.repetition < 1) {
        const slot = `${s.test}@${envNames.get(s.envId)}`
        throw new RangeError(`run slot ${slot}: repetition must be an integer ≥ 1, got ${s.repetition}`)
      }
    }
    return this.write((): CreatedRun => {
      const plan = JSON.stringify(input.plan)
      const owner = [process.pid, hostname()] as const
      const runId = Number(this.st.runInsert.run(input.catalogId, plan, input.who, ...owner, now(), input.version ?? null).lastInsertRowid)
      const slots: PlannedSlot[] = input.slots.map((s) => {
        const id = Number(this.st.slotInsert.run(runId, testIds.get(s.test), s.envId, s.repetition).lastInsertRowid)
        return { id, test: s.test, envId: s.envId, env: envNames.get(s.envId) ?? '', repetition: s.repetition }
      })
      return { runId, slots }
    })
  }

  setRunState(runId: number, state: RunState): void {
    if (!RUN_STATES.includes(state)) throw new RangeError(`run ${runId}: unknown state '${String(state)}'`)
    const run = this.runRow(runId)
    if (TERMINAL_STATES.includes(run.state) && run.state !== state) {
      throw new StoreConflictError(`run ${runId} is already ${run.state}; it cannot become ${state}`)
    }
    this.st.runSetState.run(state, TERMINAL_STATES.includes(state) ? (run.finished_at ?? now()) : null, runId)
  }

  listRuns(limit = 50): RunSummary[] {
    return (this.st.runList.all(limit) as RunRow[]).map((r) => this.runSummary(r))
  }

  getRunSummary(runId: number): RunSummary {
    return this.runSummary(this.runRow(runId))
  }

  getRun(runId: number): RunDetail {
    // One read transaction: counts, results and unfinished slots come from the same snapshot while a run writes.
    return this.db.transaction((): RunDetail => {
      const summary = this.runSummary(this.runRow(runId))
      const unfinished = this.st.runUnfinished.all(runId) as RunDetail['unfinished']
      return { ...summary, results: this.resultsByRun(runId), unfinished }
    })()
  }

  runProgress(runId: number, resultId?: number): RunProgress {
    const run = this.runRow(runId)
    const perEnv = (this.statement('run-progress', RUN_PROGRESS_SQL).all(runId) as { env: string; total: number; done: number }[]).map((e) => ({ ...e, running: 0 }))
    const result = resultId !== undefined ? this.toResultRows(this.st.resultsByIds.all(ids([resultId])) as ResultDbRow[], groupSubtests(this.st.subtestsOfIds.all(ids([resultId])) as SubtestDbRow[]))[0] : undefined
    return {
      runId,
      state: run.state,
      total: perEnv.reduce((n, e) => n + e.total, 0),
      done: perEnv.reduce((n, e) => n + e.done, 0),
      perEnv,
      ...(result ? { result } : {}),
    }
  }

  recordResult(slotId: number, rec: ResultRecord): ResultRow {
    const slot = this.st.slotById.get(slotId) as
      | { id: number; run_id: number; env_id: number; repetition: number; test: string; env: string }
      | undefined
    if (!slot) throw new NotFoundError('run slot', slotId)
    const o = rec.outcome
    if (!VERDICTS.includes(o.verdict)) {
      throw new RangeError(`result of ${slot.test}@${slot.env}: unknown verdict '${o.verdict}'`)
    }
    const counts = countStatuses(o.subtests)
    const codes = o.subtests.map((s) => subtestStatusCode(s.status))
    const metrics = classifyLines(o.subtests).metrics
    const text = Buffer.from(rec.log, 'utf8')
    const deflated = deflateRawSync(text)
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
    let resultId: number
    try {
      resultId = this.write((): number => {
        if (this.st.resultOfSlot.get(slotId)) {
          const what = `${slot.test}@${slot.env} #${slot.repetition}`
          throw new StoreConflictError(`run slot ${slotId} (${what}) already has a result`)
        }
        const id = Number(this.st.resultInsert.run(params).lastInsertRowid)
        o.subtests.forEach((s, seq) => this.st.subtestInsert.run(id, seq, codes[seq], this.nameId(s.name)))
        metrics.forEach((m, seq) => this.st.metricInsert.run(id, seq, m.name, m.value, m.unit))
        this.st.logInsert.run(id, deflated, text.length)
        return id
      })
    } catch (e) {
      // Names interned inside the rolled-back transaction are gone from the table: forget them.
      this.names.clear()
      throw e
    }
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
      knownIssue: this.knownIssueFor(
        this.listKnownIssues(),
        { test: slot.test, env: slot.env, level: rec.level, verdict: o.verdict },
        () => o.subtests,
      ),
    }
  }

  resultsByRun(runId: number): ResultRow[] {
    const rows = this.st.resultsOfRun.all(runId) as ResultDbRow[]
    const subtests = groupSubtests(this.st.subtestsOfRun.all(runId) as SubtestDbRow[])
    return this.toResultRows(rows, subtests)
  }

  log(resultId: number): ResultLog {
    const row = this.st.logById.get(resultId) as
      | { deflated: Buffer | null; test: string; env: string; level: string; command: string; facts: string }
      | undefined
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
}
