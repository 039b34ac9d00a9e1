// The one contract between the renderer and main (window.lab in Electron, HTTP/WebSocket in server mode).
// Types only: only structured-clone data crosses it.
import type { CatalogTest } from '../domain/catalog'
import type { Comparison, Side } from '../domain/compare'
import type { Environment, EnvironmentKind, HealthReport } from '../domain/environment'
import type { StatusCounts, SubtestResult, Summary, Verdict } from '../domain/results'

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
  cells: MatrixCell[]
}

export interface HistoryQuery {
  test?: string
  env?: string
  limit?: number
}

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
  strip: { test: string; cells: { runId: number; env: string; verdict: Verdict }[] }[]
  flaky: FlakyTest[]
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
}

export type KnownIssueInput = Omit<KnownIssue, 'id'>

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
    get(runId: number): Promise<RunDetail>
    onProgress(listener: (p: RunProgress) => void): Unsubscribe
  }
  results: {
    matrix(q: MatrixQuery): Promise<MatrixView>
    compare(a: Side, b: Side): Promise<Comparison>
    log(resultId: number): Promise<ResultLog>
    history(q: HistoryQuery): Promise<HistoryView>
  }
  knownIssues: {
    list(): Promise<KnownIssue[]>
    add(input: KnownIssueInput): Promise<KnownIssue>
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
  runs: ['start', 'cancel', 'list', 'get'],
  results: ['matrix', 'compare', 'log', 'history'],
  knownIssues: ['list', 'add', 'remove'],
} as const satisfies { [G in keyof LabApi]: readonly Exclude<keyof LabApi[G], 'onProgress'>[] }
export type LabGroup = keyof typeof LAB_METHODS
/** `group.method` pairs of LabApi that take arguments and return a Promise. */
export type LabMethod<G extends LabGroup = LabGroup> = (typeof LAB_METHODS)[G][number]
