// `labcon results`: the results of a stored run, and how `run` and `results` print a run and choose the exit code.
import type { ResultRow, RunDetail } from '@core/api/lab-api'
import type { Verdict } from '@core/domain/results'
import { isFailingVerdict } from '@core/domain/verdict'
import type { LabService } from '@main/service/lab-service'
import { cliResult, inPlanOrder as planOrder } from '@main/service/exports'
import { EXIT, UsageError, flag, parseCommand, posInt } from './args'
import { DB_OPTION, io, json, withService, type Command } from './command'

/** `labcon results --help`. */
const HELP = `Usage: labcon results --run <id> [--json] [--db file]

Prints the results of a run (the same JSON shape as run --json, plus "state" and "unfinished").
Exit code as for run: 1 when a result is FAIL, TIMEOUT, SIGNAL or INFRA; 4 when the run is not done (interrupted,
cancelled, still running, or with unfinished tests), even if every stored verdict passed.
`

/** Verdicts that make `labcon run` exit 1: test failures (FAIL, TIMEOUT, SIGNAL) and INFRA. */
export const exitFailing = (v: Verdict): boolean => isFailingVerdict(v) || v === 'INFRA'

/** The JSON shape of one result in `run --json` / `results --json` (stable contract). */
export type { CliResult } from '@main/service/exports'

/** One result as a progress or summary line: verdict, test (#repetition), environment, time, counts, reason. */
export function resultLine(r: ResultRow, repeat: boolean): string {
  const sec = (r.durationMs / 1000).toFixed(1)
  const counts = r.summary ? ` (${r.summary.tests} tests${r.summary.unexpectedFailures ? `, ${r.summary.unexpectedFailures} unexpected failures` : ''}${r.summary.knownFailures ? `, ${r.summary.knownFailures} known failures` : ''}${r.summary.skipped ? `, ${r.summary.skipped} skipped` : ''})` : ''
  const why = r.verdict !== 'PASS' && r.reason ? ` ${r.reason}` : ''
  return `${r.verdict.padEnd(9)} ${r.test}${repeat ? `#${r.repetition}` : ''} [${r.env}] ${sec}s${counts}${why}\n`
}

function verdictTotals(results: ResultRow[]): string {
  const tally = new Map<string, number>()
  for (const r of results) tally.set(r.verdict, (tally.get(r.verdict) ?? 0) + 1)
  return [...tally].map(([v, n]) => `${n} ${v}`).join(', ') || 'no results'
}

/** Exit code of a finished run: INCOMPLETE unless it is done with every slot recorded, else FAILED on a failing verdict. */
export const exitFor = (detail: Pick<RunDetail, 'state' | 'results' | 'unfinished'>): number => {
  if (detail.state !== 'done' || detail.unfinished.length > 0) return EXIT.INCOMPLETE
  return detail.results.some((r) => exitFailing(r.verdict)) ? EXIT.FAILED : EXIT.OK
}

/** Results in plan order (repetition, catalog order, environment order), whatever order they finished in. */
export function inPlanOrder(s: LabService, detail: RunDetail): ResultRow[] {
  return planOrder(detail, s.store.getCatalog(detail.catalogId).tests.map((t) => t.name))
}

/** Prints a run: its results in plan order and a totals line, or the `--json` shape. */
export function printRun(s: LabService, detail: RunDetail, asJson: boolean, repeat: boolean): void {
  const results = inPlanOrder(s, detail)
  if (asJson) {
    io.out(json({ runId: detail.id, state: detail.state, results: results.map(cliResult), unfinished: detail.unfinished }))
    return
  }
  for (const r of results) io.out(resultLine(r, repeat))
  const unfinished = detail.unfinished.length ? `, ${detail.unfinished.length} unfinished` : ''
  io.out(`run ${detail.id} ${detail.state}: ${verdictTotals(detail.results)}${unfinished}\n`)
}

async function cmdResults(argv: string[]): Promise<number> {
  const p = parseCommand('results', argv, { ...DB_OPTION, run: { type: 'string' }, json: { type: 'boolean' } }, 0)
  if (flag(p, 'help')) return (io.out(HELP), EXIT.OK)
  const runId = posInt('results', p, 'run', Number.MAX_SAFE_INTEGER)
  if (runId === undefined) throw new UsageError('results', 'missing --run <id>')
  return withService(p, async (s) => {
    const detail = await s.runs.get(runId)
    printRun(s, detail, flag(p, 'json'), detail.results.some((r) => r.repetition > 1))
    if (detail.state === 'queued' || detail.state === 'running') io.err(`labcon results: run ${runId} is still ${detail.state}\n`)
    return exitFor(detail)
  })
}

/** The `labcon results` command. */
export const command: Command = { help: HELP, run: cmdResults }
