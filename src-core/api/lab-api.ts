// The one contract between the renderer and main (window.lab in Electron, HTTP/WebSocket in server mode).
// Types only: only structured-clone data crosses it.
import type { CatalogTest } from '../domain/catalog'
import type { Comparison, CompareOptions, Side } from '../domain/compare'
import type { Environment, EnvironmentKind, HealthReport } from '../domain/environment'
import type { HistoryRun, HistorySeries, MetricSeries } from '../domain/history'
import type { Regression } from '../domain/regressions'
import type { StatusCounts, SubtestResult, Summary, Verdict } from '../domain/results'

export type { HistoryRun, HistorySeries, MetricSeries } from '../domain/history'
export type { Regression, ResultRef } from '../domain/regressions'

/** Reply envelope used by every transport; errors are rebuilt into Error objects on the caller's side. */
export type Reply<T> = { ok: true; value: T } | { ok: false; error: ReplyError }
export interface ReplyError {
  name: string
  message: string
  code: string
}

export type Unsubscribe = () => void

/** Input for adding or editing an environment. */
export interface EnvironmentInput {
  name: string
  kind: EnvironmentKind
  level?: string
  config?: Record<string, unknown>
  facts?: Record<string, string>
  concurrency?: number
}

export interface CatalogSummary {
  id: number
  name: string
  /** Directory or unittests.cfg it was imported from. */
  source: string
  testCount: number
  missingKernels: string[]
  importedAt: string
}

export interface CatalogDetail extends CatalogSummary {
  tests: (CatalogTest & { kernelPresent: boolean })[]
}

/** What to run: tests × environments × repetitions, filtered like run_tests.sh. */
export interface RunPlanInput {
  catalogId: number
  envs: string[]
  /** Only tests in one of these groups (`-g`). Empty: all default tests. */
  groups?: string[]
  /** Only these test names. Empty: all. */
  tests?: string[]
  /** Include `nodefault` tests (`-a`). */
  all?: boolean
  repeat?: number
  /** Overrides the per-environment concurrency limit. */
  jobs?: number
  who?: string
}

export const RUN_STATES = ['queued', 'running', 'done', 'cancelled', 'interrupted'] as const
export type RunState = (typeof RUN_STATES)[number]

export interface RunSummary {
  id: number
  catalogId: number
  catalogName: string
  envs: string[]
  state: RunState
  who: string
  /** Host the run was started from, and the labcon version that ran it (null: recorded before they were kept). */
  host: string | null
  version: string | null
  startedAt: string
  finishedAt: string | null
  total: number
  done: number
  verdicts: Partial<Record<Verdict, number>>
}

/** One result of one test on one environment, one repetition. */
export interface ResultRow {
  id: number
  runId: number
  test: string
  env: string
  level: string
  repetition: number
  verdict: Verdict
  reason: string | null
  exitStatus: number | null
  durationMs: number
  summary: Summary | null
  counts: StatusCounts
  subtests: SubtestResult[]
  startedAt: string
  knownIssue: KnownIssue | null
}

export interface RunDetail extends RunSummary {
  results: ResultRow[]
  /** Planned test × env × repetition slots that never finished (crash, cancel). */
  unfinished: { test: string; env: string; repetition: number }[]
}

export interface ResultLog {
  resultId: number
  test: string
  env: string
  level: string
  /** Full console text (line-mode EBCDIC already decoded). */
  text: string
  command: string
  facts: Record<string, string>
}

export interface RunProgress {
  runId: number
  state: RunState
  total: number
  done: number
  perEnv: { env: string; total: number; done: number; running: number }[]
  /** The result that just finished, if this event is about one. */
  result?: ResultRow
  /** Live console output of a running test, if this event is about one. */
  output?: { test: string; env: string; repetition: number; text: string }
}

export interface MatrixQuery {
  catalogId?: number
  /** Restrict to these environments (default all). */
  envs?: string[]
  /** Use this run only (default: latest result per test × environment). */
  runId?: number
  /** Only the cells of these test rows (offset into `tests`, in order): the visible window first, the rest after. */
  rows?: { offset: number; limit: number }
  /** Only the cells of these columns (offset into the view's `columns`, in order): the visible columns first. */
  columns?: { offset: number; limit: number }
}

export interface MatrixCell {
  test: string
  env: string
  level: string
  verdict: Verdict
  counts: StatusCounts
  durationMs: number
  resultId: number
  /** The verdict differs from the majority verdict of its row. */
  differsFromMajority: boolean
  knownIssue: number | null
}

export interface MatrixView {
  /** Every test row (also when `rows` asked for a window: the cells are those of the window). */
  tests: string[]
  envs: { name: string; kind: EnvironmentKind; level: string }[]
  /** The matrix's columns in display order: the environments (names) holding at least one cell of the whole matrix,
   *  every row and column counted whatever window was asked for, by firmware level, then name (English collation). */
  columns: string[]
  /** The cells of the window asked for; majority marks are over each row's cells in every column. */
  cells: MatrixCell[]
}

export interface HistoryQuery {
  test?: string
  env?: string
  limit?: number
  /** Only runs of this catalog. Default: the catalog of the most recent run in scope (history never mixes catalogs). */
  catalogId?: number
}

/**
 * One run × environment of the history (cancelled runs and CANCELLED/NOTRUN results are left out).
 * `total`/`passed` are kept for compatibility: tests (whole-run history) or subtests (one test), as before.
 */
export interface HistoryPoint {
  runId: number
  at: string
  env: string
  level: string
  total: number
  passed: number
  durationMs: number
}

export interface FlakyTest {
  test: string
  env: string
  level: string
  verdicts: Partial<Record<Verdict, number>>
  /** 0..1: share of the minority verdict, weighted by sample size. */
  confidence: number
}

export interface HistoryView {
  points: HistoryPoint[]
  strip: { test: string; cells: { runId: number; env: string; verdict: Verdict; resultId: number }[] }[]
  flaky: FlakyTest[]
  /** The catalog the history is scoped to (null when the database holds no run yet). */
  catalogId: number | null
  /** The x axis: runs in time order. */
  runs: HistoryRun[]
  /** One series per environment, aligned with `runs`, gaps as null. */
  series: HistorySeries[]
}

/** Runs list query: filters, sort and paging (runs.query). */
export interface RunQuery {
  catalogId?: number
  /** Runs that include this environment. */
  env?: string
  state?: RunState
  /** Runs with at least one result of this verdict. */
  verdict?: Verdict
  sort?: 'id' | 'startedAt' | 'catalog' | 'state'
  order?: 'asc' | 'desc'
  /** Page size (default 50, max 1000) and offset (default 0). */
  limit?: number
  offset?: number
}

export interface RunPage {
  runs: RunSummary[]
  /** Runs matching the filters (all pages). */
  total: number
  offset: number
  limit: number
}

/** Export formats of a run (runs.export) and of tables (results.exportMatrix / exportCompare are CSV). */
export const RUN_EXPORT_FORMATS = ['json', 'junit', 'tap'] as const
export type RunExportFormat = (typeof RUN_EXPORT_FORMATS)[number]

/** A file for the user to save: suggested name, MIME type, content. */
export interface ExportFile {
  filename: string
  mime: string
  text: string
}

/** Regressions query: scoped to one catalog (default: that of the most recent run, on `env` if given), optionally one env or test. */
export interface RegressionQuery {
  catalogId?: number
  env?: string
  test?: string
  /** Also list tests failing on an environment where they never passed (lastGood null). */
  includeNeverPassed?: boolean
}

/** A measurement name as stored (normalised), with where it occurs. */
export interface MetricName {
  test: string
  name: string
  unit: string
  /** Results carrying it. */
  samples: number
  envs: string[]
}

export interface MetricSeriesQuery {
  test: string
  name: string
  catalogId?: number
  env?: string
  limit?: number
}

export interface KnownIssue {
  id: number
  test: string
  /** Subtest name pattern, or null for the whole test. */
  subtest: string | null
  env: string | null
  level: string | null
  url: string
  intermittent: boolean
  note: string
  /** Who filed it (the user of the process that added it; null for issues filed before authors were kept). */
  author: string | null
}

export type KnownIssueInput = Omit<KnownIssue, 'id' | 'author'>

/** The only surface the renderer sees (window.lab). Main implements it once; IPC and HTTP both call that. */
export interface LabApi {
  environments: {
    list(): Promise<Environment[]>
    add(input: EnvironmentInput): Promise<Environment>
    update(id: number, input: EnvironmentInput): Promise<Environment>
    remove(id: number): Promise<void>
    health(id: number): Promise<HealthReport>
    /** Stores a secret the environment's config names (`passwordKey`) in the OS keychain (desktop app only); the value is never returned. */
    setSecret(id: number, key: string, value: string): Promise<void>
    /** Removes a stored secret; false when there was none. */
    clearSecret(id: number, key: string): Promise<boolean>
  }
  catalogs: {
    list(): Promise<CatalogSummary[]>
    get(id: number): Promise<CatalogDetail>
    import(path: string): Promise<CatalogSummary>
  }
  runs: {
    start(plan: RunPlanInput): Promise<number>
    cancel(runId: number): Promise<void>
    list(limit?: number): Promise<RunSummary[]>
    /** Filtered, sorted, paged runs list. */
    query(q: RunQuery): Promise<RunPage>
    get(runId: number): Promise<RunDetail>
    /** The most recent earlier finished run of the same catalog on the same environments (Compare's default A), or null. */
    previous(runId: number): Promise<RunSummary | null>
    /** A run as JSON (the `labcon results --json` shape), JUnit XML or TAP 13. */
    export(runId: number, format: RunExportFormat): Promise<ExportFile>
    onProgress(listener: (p: RunProgress) => void): Unsubscribe
  }
  results: {
    matrix(q: MatrixQuery): Promise<MatrixView>
    compare(a: Side, b: Side, opts?: CompareOptions): Promise<Comparison>
    log(resultId: number): Promise<ResultLog>
    history(q: HistoryQuery): Promise<HistoryView>
    /** Tests failing now on an environment, with their last good and first bad run ("failing since"). */
    regressions(q: RegressionQuery): Promise<Regression[]>
    /** Measurement names (normalised) stored for a catalog, optionally one test. */
    metrics(q: { catalogId?: number; test?: string }): Promise<MetricName[]>
    /** One measurement over runs per environment (History chart). */
    metricSeries(q: MetricSeriesQuery): Promise<MetricSeries>
    /** The matrix as CSV (test, then one column per environment). */
    exportMatrix(q: MatrixQuery): Promise<ExportFile>
    /** A comparison as CSV (rows, then metrics and facts). */
    exportCompare(a: Side, b: Side, opts?: CompareOptions): Promise<ExportFile>
  }
  knownIssues: {
    list(): Promise<KnownIssue[]>
    add(input: KnownIssueInput): Promise<KnownIssue>
    /** Edits a known issue in place (its id stays). */
    update(id: number, input: KnownIssueInput): Promise<KnownIssue>
    remove(id: number): Promise<void>
  }
}

/** Channel names for the Electron transport: `lab:<group>.<method>`; progress events on LAB_PROGRESS_CHANNEL. */
export const labChannel = (group: string, method: string): string => `lab:${group}.${method}`
export const LAB_PROGRESS_CHANNEL = 'lab:runs.progress'

/** Every request/response method of LabApi by group (onProgress is an event, not a method); transports validate against it. */
export const LAB_METHODS = {
  environments: ['list', 'add', 'update', 'remove', 'health', 'setSecret', 'clearSecret'],
  catalogs: ['list', 'get', 'import'],
  runs: ['start', 'cancel', 'list', 'query', 'get', 'previous', 'export'],
  results: ['matrix', 'compare', 'log', 'history', 'regressions', 'metrics', 'metricSeries', 'exportMatrix', 'exportCompare'],
  knownIssues: ['list', 'add', 'update', 'remove'],
} as const satisfies { [G in keyof LabApi]: readonly Exclude<keyof LabApi[G], 'onProgress'>[] }
export type LabGroup = keyof typeof LAB_METHODS
/** `group.method` pairs of LabApi that take arguments and return a Promise. */
export type LabMethod<G extends LabGroup = LabGroup> = (typeof LAB_METHODS)[G][number]

/** Server mode: id of the page's JSON data block with answers the server embedded (`{ "group.method": { body, reply } }`,
 *  body being the JSON of the call's arguments): the renderer takes them instead of sending those calls. */
export const EARLY_ANSWERS_ID = 'lab-early-answers'
