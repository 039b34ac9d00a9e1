// The result store's typed surface: the run engine and the LabApi service talk to the database only through `Store`,
// whose every method returns a Promise (PostgreSQL answers over the network). Rows become domain / API types at this
// edge; nothing above it sees SQL. Implementations: ./sqlite-store.ts (synchronous underneath, as SyncStore, wrapped
// by ./async-store.ts) and ./pg-store.ts.
import type { HistoryResult, MetricPoint } from '@core/domain/history'
import type { VerdictEvent } from '@core/domain/regressions'
import type {
  CatalogDetail,
  CatalogSummary,
  EnvironmentInput,
  HistoryPoint,
  HistoryQuery,
  KnownIssue,
  KnownIssueInput,
  MatrixQuery,
  MetricName,
  ResultLog,
  ResultRow,
  RunDetail,
  RunPage,
  RunPlanInput,
  RunProgress,
  RunQuery,
  RunState,
  RunSummary,
} from '@core/api/lab-api'
import type { Catalog } from '@core/domain/catalog'
import type { Side, SideResults } from '@core/domain/compare'
import type { Environment, EnvironmentKind, HealthReport } from '@core/domain/environment'
import type { StatusCounts, TestOutcome, Verdict } from '@core/domain/results'

/** A catalog to store: the parsed unittests.cfg, where it came from, and which kernels were found next to it. */
export interface CatalogImport {
  /** Display name (e.g. the build directory's base name). */
  name: string
  /** Absolute directory or unittests.cfg path it was imported from; re-importing the same source updates it. */
  source: string
  catalog: Catalog
  /** Test names whose kernel file (`file`) was found. Tests not listed are stored with kernelPresent = false. */
  kernelsPresent: ReadonlySet<string>
}

/** One planned execution of a run: test × environment × repetition (1-based). */
export interface SlotPlan {
  test: string
  envId: number
  repetition: number
}

/** A slot as stored, with its id; the engine records exactly one result per slot. */
export interface PlannedSlot extends SlotPlan {
  id: number
  env: string
}

/** Everything needed to create a run; slots are created with it, so an interrupted run shows what never finished. */
export interface RunCreate {
  catalogId: number
  /** The plan as requested (kept as JSON for the record). */
  plan: RunPlanInput
  who: string
  /** The labcon version creating the run (who did what). */
  version?: string
  slots: SlotPlan[]
}

export interface CreatedRun {
  runId: number
  slots: PlannedSlot[]
}

/** What one finished slot produced, as the engine hands it over. */
export interface ResultRecord {
  outcome: TestOutcome
  /** The environment's level when the test ran (the comparison axis). */
  level: string
  /** ISO 8601 timestamps. */
  startedAt: string
  finishedAt: string
  /** Full console text; stored deflated. */
  log: string
  command: string
  facts: Record<string, string>
}

/** Verdict tallies of one test on one environment at one level over its history (input for flakiness). */
export interface VerdictTally {
  test: string
  env: string
  level: string
  verdicts: Partial<Record<Verdict, number>>
  samples: number
}

/** The latest result of one test on one environment (a matrix cell before majority/known-issue composition). */
export interface LatestCell {
  test: string
  env: string
  level: string
  verdict: Verdict
  counts: StatusCounts
  durationMs: number
  resultId: number
  knownIssue: number | null
}

/** Matrix input rows: which tests and environments are in scope, and the latest cell of each pair that has one. */
export interface MatrixData {
  tests: string[]
  envs: { name: string; kind: EnvironmentKind; level: string }[]
  /** Names of the environments (of `envs`) holding at least one cell of the whole matrix, every row counted. */
  withCells: string[]
  cells: LatestCell[]
}

/** History rows: one point per run × env for the test(s) in scope, the verdict strip, and the results behind them. */
export interface HistoryData {
  /** The catalog in scope (null: no run yet). */
  catalogId: number | null
  points: HistoryPoint[]
  strip: { test: string; cells: { runId: number; env: string; verdict: Verdict; resultId: number }[] }[]
  rows: HistoryResult[]
}

/** The store's methods in synchronous form: SQLite's implementation (each write one short transaction). */
export interface SyncStore {
  /** Absolute path of the database file, or the PostgreSQL URL without its password. */
  readonly path: string
  /** Runs that openStore found queued/running with a dead owner and marked `interrupted` (crash recovery). */
  readonly recoveredRuns: readonly number[]
  close(): void

  // Environments. Names are unique among environments not removed (DuplicateNameError).
  listEnvironments(): Environment[]
  /** Throws NotFoundError. */
  getEnvironment(id: number): Environment
  findEnvironment(name: string): Environment | null
  addEnvironment(input: EnvironmentInput): Environment
  updateEnvironment(id: number, input: EnvironmentInput): Environment
  /** Records what a health check or a run learnt (e.g. `qemu --version`); facts are merged. */
  setEnvironmentLevel(id: number, level: string, facts?: Record<string, string>): Environment
  /** Keeps the last health check's report (Environment.lastHealth). Throws NotFoundError. */
  setEnvironmentHealth(id: number, report: HealthReport): Environment
  /** Hides the environment; its past results stay (and keep its name in history). */
  removeEnvironment(id: number): void

  // Catalogs.
  /** Inserts or updates (same `source`) a catalog; tests no longer in the file are retired, never deleted. */
  upsertCatalog(input: CatalogImport): CatalogSummary
  listCatalogs(): CatalogSummary[]
  /** Throws NotFoundError. */
  getCatalog(id: number): CatalogDetail

  // Runs.
  /** Creates a `queued` run with all its slots. Test names must be in the catalog (NotFoundError otherwise). */
  createRun(input: RunCreate): CreatedRun
  /** done/cancelled/interrupted also set finishedAt. */
  setRunState(runId: number, state: RunState): void
  listRuns(limit?: number): RunSummary[]
  /** Throws NotFoundError. The cheap way to read a run's state and counts (no results loaded). */
  getRunSummary(runId: number): RunSummary
  /** Throws NotFoundError. Includes every result and the slots that never got one. */
  getRun(runId: number): RunDetail
  /** A run's progress as the engine reports it (per-environment counts; `result` when resultId is given), for runs of other processes. */
  runProgress(runId: number, resultId?: number): RunProgress

  // Results.
  /** Writes result, subtests and log in one transaction; throws if the slot already has a result. */
  recordResult(slotId: number, record: ResultRecord): ResultRow
  resultsByRun(runId: number): ResultRow[]
  /** Throws NotFoundError. */
  log(resultId: number): ResultLog
  /**
   * One side of a comparison: env = latest real verdict (not CANCELLED/NOTRUN) per test there, level = latest real
   * verdict per test at that level (on one env if given), both within `side.catalog` (default: defaultCatalog, 'all':
   * every catalog); run = that run's latest result per test (on one env if given).
   */
  sideResults(side: Side): SideResults
  /** The catalog of the most recent real verdict on an environment / at a level (null when there is none). */
  defaultCatalog(scope: { env?: string; level?: string }): number | null
  /** The catalog of the most recent run that was not cancelled (null: no run). */
  latestCatalog(): number | null
  /**
   * How long each of `tests` took the last time it ran to a conclusive verdict on an environment (ms; tests never
   * run there are absent): the run engine starts the longest first.
   */
  recentDurations(envId: number, tests: readonly string[]): Record<string, number>
  /** Filtered, sorted, paged runs. */
  queryRuns(q: RunQuery): RunPage
  /** The latest earlier `done` run of the same catalog whose environments include all of this run's; throws NotFoundError. */
  previousRun(runId: number): RunSummary | null
  /** Every real verdict of a catalog's tests (optionally one env / test), for regressions. */
  verdictEvents(q: { catalogId: number; env?: string; test?: string }): VerdictEvent[]
  /** Stored measurement names of a catalog (optionally one test). */
  metricNames(q: { catalogId: number; test?: string }): MetricName[]
  /** One measurement's values over the last `limit` runs that have it (cancelled runs left out). */
  metricPoints(q: { catalogId: number; test: string; name: string; env?: string; limit?: number }): MetricPoint[]
  /** Latest result per test × environment (or of one run), with known issues; majority marking is the service's. */
  matrix(q: MatrixQuery): MatrixData
  history(q: HistoryQuery): HistoryData
  /** Tallies of verdicts per test × env × level (of one catalog if given) with at least `minSamples` results and more than one verdict. */
  verdictTallies(opts?: { test?: string; env?: string; minSamples?: number; catalogId?: number }): VerdictTally[]

  // Known issues.
  listKnownIssues(): KnownIssue[]
  /** Throws NotFoundError if `env` names no environment. */
  addKnownIssue(input: KnownIssueInput, author?: string | null): KnownIssue
  updateKnownIssue(id: number, input: KnownIssueInput): KnownIssue
  removeKnownIssue(id: number): void
}

/** A change another process made to a shared database (PostgreSQL NOTIFY): a run's state or a new result. */
export interface StoreChange {
  runId: number
  resultId?: number
}

/**
 * The result store: SyncStore's methods, each returning a Promise. `watch` (PostgreSQL only) reports changes other
 * processes make, so a console shows their runs live.
 */
export type Store = {
  [K in keyof SyncStore]: SyncStore[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<R> : SyncStore[K]
} & {
  watch?(listener: (change: StoreChange) => void): Promise<() => void>
}
