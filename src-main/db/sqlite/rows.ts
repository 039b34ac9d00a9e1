// Row shapes of the store's tables and the pure functions turning rows into domain types (and inputs into rows).
import type { CatalogSummary, EnvironmentInput, KnownIssue, RunState } from '@core/api/lab-api'
import type { CatalogTest } from '@core/domain/catalog'
import type { Environment, EnvironmentKind, HealthReport } from '@core/domain/environment'
import { ENVIRONMENT_KINDS } from '@core/domain/environment'
import type { StatusCounts, SubtestResult, SubtestStatus, Summary } from '@core/domain/results'
import { SUBTEST_STATUS_CODES } from '../codes'
import { CONCLUSIVE_VERDICTS } from '@core/domain/verdict'

export const TERMINAL_STATES: readonly RunState[] = ['done', 'cancelled', 'interrupted']
export const DEFAULT_HISTORY_RUNS = 50

export const now = (): string => new Date().toISOString()
export const ids = (list: readonly number[]): string => JSON.stringify(list)

export interface EnvRow {
  id: number
  name: string
  kind: string
  level: string
  config: string
  facts: string
  concurrency: number
  created_at: string
  removed_at: string | null
  last_health: string | null
}

export interface CatalogRow {
  id: number
  name: string
  source: string
  imported_at: string
}

export interface TestRow {
  id: number
  name: string
  file: string
  smp: string
  test_args: string
  qemu_params: string
  kvmtool_params: string
  groups: string
  arch: string | null
  machine: string | null
  accel: string | null
  checks: string
  disabled_if: string | null
  timeout_sec: number
  line: number
  key_lines: string | null
  kernel_present: number
}

export interface RunRow {
  id: number
  catalog_id: number
  catalog_name: string
  plan: string
  who: string
  state: RunState
  owner_pid: number | null
  owner_host: string | null
  labcon_version: string | null
  started_at: string
  finished_at: string | null
}

export interface ResultDbRow {
  id: number
  run_id: number
  test: string
  env_id: number
  env: string
  level: string
  repetition: number
  verdict: string
  reason: string | null
  exit_status: number | null
  duration_ms: number
  sum_tests: number | null
  sum_unexpected: number | null
  sum_known: number | null
  sum_expected: number | null
  sum_skipped: number | null
  n_pass: number
  n_fail: number
  n_xpass: number
  n_xfail: number
  n_kfail: number
  n_skip: number
  n_info: number
  n_abort: number
  started_at: string
}

export interface SubtestDbRow {
  result_id: number
  status: number
  name: string
}

export interface KnownIssueRow {
  id: number
  test: string
  subtest: string | null
  env: string | null
  level: string | null
  url: string
  intermittent: number
  note: string
  author: string | null
}

/** Columns of a result joined with its slot and environment, as ResultDbRow expects. */
export const RESULT_COLS = `r.id, r.run_id, r.test, r.env_id, e.name AS env, r.level, s.repetition, r.verdict,
  r.reason, r.exit_status, r.duration_ms, r.sum_tests, r.sum_unexpected, r.sum_known, r.sum_expected, r.sum_skipped,
  r.n_pass, r.n_fail, r.n_xpass, r.n_xfail, r.n_kfail, r.n_skip, r.n_info, r.n_abort, r.started_at`
/** Matrix cell columns, in MatrixDbRow order. */
export const MATRIX_COLS = `r.id, r.test, r.env_id, r.level, r.verdict, r.duration_ms,
  r.n_pass, r.n_fail, r.n_xpass, r.n_xfail, r.n_kfail, r.n_skip, r.n_info, r.n_abort`
export type Count = number
export type MatrixDbRow = [id: number, test: string, envId: number, level: string, verdict: string, durationMs: number,
  ...counts: [Count, Count, Count, Count, Count, Count, Count, Count]]
export const RESULT_FROM = `result r JOIN run_slot s ON s.id = r.slot_id JOIN environment e ON e.id = r.env_id`
/** Slots and results per environment of one run (RunProgress.perEnv); the same SQL on both engines. */
export const RUN_PROGRESS_SQL = `SELECT e.name AS env, count(s.id) AS total, count(r.id) AS done FROM run_slot s JOIN environment e ON e.id = s.env_id
       LEFT JOIN result r ON r.slot_id = s.id WHERE s.run_id = ? GROUP BY e.name ORDER BY e.name`
/** Results that are a real verdict (the WHERE of the partial indexes result_env_real / result_level_real). */
export const REAL_VERDICT = `verdict NOT IN ('CANCELLED', 'NOTRUN')`
/** Results whose duration measures the test: it ran to a conclusive verdict (not INFRA, cancelled or never run). */
export const CONCLUSIVE_RAN = `verdict IN (${CONCLUSIVE_VERDICTS.map((v) => `'${v}'`).join(', ')})`

/** The ids of the environments holding at least one cell of a whole matrix (every row), whatever row window was asked
 *  for: the matrix's columns. One EXISTS per environment, usually answered by its first result. Parameters: the
 *  run (`run`, `runOfCatalog`), then the catalog (`catalog`: twice; `runOfCatalog`: once). */
export const ENVS_WITH_CELLS = {
  all: `SELECT e.id FROM environment e WHERE EXISTS (SELECT 1 FROM result r WHERE r.env_id = e.id AND r.${REAL_VERDICT})`,
  catalog: `SELECT e.id FROM environment e WHERE EXISTS (SELECT 1 FROM result r WHERE r.env_id = e.id AND r.${REAL_VERDICT}
    AND r.run_id IN (SELECT id FROM run WHERE catalog_id = ?) AND r.test IN (SELECT name FROM catalog_test WHERE catalog_id = ? AND retired_at IS NULL))`,
  run: 'SELECT e.id FROM environment e WHERE EXISTS (SELECT 1 FROM result r WHERE r.env_id = e.id AND r.run_id = ?)',
  runOfCatalog: `SELECT e.id FROM environment e WHERE EXISTS (SELECT 1 FROM result r WHERE r.env_id = e.id AND r.run_id = ?
    AND r.test IN (SELECT name FROM catalog_test WHERE catalog_id = ? AND retired_at IS NULL))`,
} as const



export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

export function envParams(input: EnvironmentInput, old: Partial<Environment>): Record<string, unknown> {
  if (!input.name || input.name.trim() !== input.name) {
    throw new RangeError(`environment name '${input.name}' must be non-empty without surrounding spaces`)
  }
  if (!ENVIRONMENT_KINDS.includes(input.kind)) {
    const known = ENVIRONMENT_KINDS.join(', ')
    throw new RangeError(`environment '${input.name}': unknown kind '${input.kind}' (known: ${known})`)
  }
  const concurrency = input.concurrency ?? old.concurrency ?? 1
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError(`environment '${input.name}': concurrency must be an integer ≥ 1, got ${concurrency}`)
  }
  return {
    name: input.name,
    kind: input.kind,
    level: input.level ?? old.level ?? '',
    config: JSON.stringify(input.config ?? old.config ?? {}),
    facts: JSON.stringify(input.facts ?? old.facts ?? {}),
    concurrency,
  }
}

export function testParams(catalogId: number, position: number, t: CatalogTest, kernelPresent: boolean): Record<string, unknown> {
  return {
    catalog_id: catalogId,
    position,
    name: t.name,
    file: t.file,
    smp: t.smp,
    test_args: t.testArgs,
    qemu_params: t.qemuParams,
    kvmtool_params: t.kvmtoolParams,
    groups: JSON.stringify(t.groups),
    arch: t.arch,
    machine: t.machine,
    accel: t.accel,
    checks: JSON.stringify(t.check),
    disabled_if: t.disabledIf,
    timeout_sec: t.timeoutSec,
    line: t.line,
    key_lines: t.keyLines ? JSON.stringify(t.keyLines) : null,
    kernel_present: kernelPresent ? 1 : 0,
  }
}

export function toEnvironment(r: EnvRow): Environment {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind as EnvironmentKind,
    level: r.level,
    config: JSON.parse(r.config) as Record<string, unknown>,
    facts: JSON.parse(r.facts) as Record<string, string>,
    concurrency: r.concurrency,
    createdAt: r.created_at,
    ...(r.last_health ? { lastHealth: JSON.parse(r.last_health) as HealthReport } : {}),
  }
}

export function toCatalogTest(r: TestRow): CatalogTest & { kernelPresent: boolean } {
  return {
    name: r.name,
    file: r.file,
    smp: r.smp,
    testArgs: r.test_args,
    qemuParams: r.qemu_params,
    kvmtoolParams: r.kvmtool_params,
    groups: JSON.parse(r.groups) as string[],
    arch: r.arch,
    machine: r.machine,
    accel: r.accel,
    check: JSON.parse(r.checks) as CatalogTest['check'],
    disabledIf: r.disabled_if,
    timeoutSec: r.timeout_sec,
    line: r.line,
    ...(r.key_lines !== null ? { keyLines: JSON.parse(r.key_lines) as CatalogTest['keyLines'] } : {}),
    kernelPresent: r.kernel_present === 1,
  }
}

export function summaryOf(row: CatalogRow, tests: (CatalogTest & { kernelPresent: boolean })[]): CatalogSummary {
  return summaryOfCounts(row, tests.length, tests.filter((t) => !t.kernelPresent).map((t) => t.file))
}

/** A catalog's summary from its test count and the files of its tests without a kernel (in test order, repeats
 *  allowed): what a catalog list needs, without reading every test. */
export function summaryOfCounts(row: CatalogRow, testCount: number, missingFiles: string[]): CatalogSummary {
  return {
    id: row.id,
    name: row.name,
    source: row.source,
    testCount,
    missingKernels: [...new Set(missingFiles)],
    importedAt: row.imported_at,
  }
}

export function toKnownIssue(r: KnownIssueRow): KnownIssue {
  return {
    id: r.id,
    test: r.test,
    subtest: r.subtest,
    env: r.env,
    level: r.level,
    url: r.url,
    intermittent: r.intermittent === 1,
    note: r.note,
    author: r.author,
  }
}

export type CountCols = 'n_pass' | 'n_fail' | 'n_xpass' | 'n_xfail' | 'n_kfail' | 'n_skip' | 'n_info' | 'n_abort'

export function countsOf(r: Pick<ResultDbRow, CountCols>): StatusCounts {
  return {
    PASS: r.n_pass,
    FAIL: r.n_fail,
    XPASS: r.n_xpass,
    XFAIL: r.n_xfail,
    KFAIL: r.n_kfail,
    SKIP: r.n_skip,
    INFO: r.n_info,
    ABORT: r.n_abort,
  }
}

export function summaryOfRow(r: ResultDbRow): Summary | null {
  if (r.sum_tests === null) return null
  return {
    tests: r.sum_tests,
    unexpectedFailures: r.sum_unexpected ?? 0,
    knownFailures: r.sum_known ?? 0,
    expectedFailures: r.sum_expected ?? 0,
    skipped: r.sum_skipped ?? 0,
  }
}

export function groupSubtests(rows: SubtestDbRow[]): Map<number, SubtestResult[]> {
  const out = new Map<number, SubtestResult[]>()
  for (const r of rows) {
    const status = SUBTEST_STATUS_CODES[r.status] as SubtestStatus
    const list = out.get(r.result_id)
    if (list) list.push({ status, name: r.name })
    else out.set(r.result_id, [{ status, name: r.name }])
  }
  return out
}
