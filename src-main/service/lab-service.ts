// The one LabApi implementation, on the Store, the run engine and the domain rules. The IPC transport, the HTTP
// server and the CLI all call this object; every argument is validated here (it is the trust boundary).
import { basename, dirname, join, resolve } from 'node:path'
import type {
  CatalogDetail,
  CatalogSummary,
  ExportFile,
  HistoryView,
  KnownIssue,
  LabApi,
  MatrixView,
  MetricName,
  ResultLog,
  RunDetail,
  RunPage,
  RunProgress,
  RunSummary,
  Unsubscribe,
} from '@core/api/lab-api'
import type { Comparison } from '@core/domain/compare'
import type { Environment, HealthReport } from '@core/domain/environment'
import { importCatalog } from '@main/catalogs/import'
import { asyncStore } from '@main/db/async-store'
import { openStore } from '@main/db/open-store'
import { isPostgresUrl } from '@main/db/location'
import type { Store, StoreChange } from '@main/db/store'
import { RunEngine, safeUser, type EngineOptions } from '@main/runner/engine'
import { checkSecretName, SecretVaultError, type SecretVault } from '@main/secrets/secret-vault'
import { vaultResolver } from '@main/secrets/wiring'
import { pinIntoConfig } from '@main/targets/host-keys'
import { createTarget, UnsupportedKindError } from '@main/targets/registry'
import { resolveSecret, type SecretPrompt } from '@main/targets/secrets'
import type { ProcessEnvironment, Target, TargetFactory, TargetHost } from '@main/targets/target'
import { ensureDefaultEnvironments } from './default-envs'
import { buildComparison, buildMatrix, flakyTests } from './views'
import { findRegressions, type Regression } from '@core/domain/regressions'
import { historySeries, metricSeries, type MetricSeries } from '@core/domain/history'
import type { Side } from '@core/domain/compare'
import { compareCsv, inPlanOrder, matrixCsv, runExportFile } from './exports'
import {
  checkCompareOptions,
  checkMetricSeriesQuery,
  checkMetricsQuery,
  checkRegressionQuery,
  checkRunExportFormat,
  checkRunQuery,
} from './validate'
import {
  checkEnvironmentInput,
  checkHistoryQuery,
  checkId,
  checkKnownIssueInput,
  checkLimit,
  checkMatrixQuery,
  checkPath,
  checkRunPlan,
  checkSide,
} from './validate'

/** LabApi plus lifecycle; `close()` cancels running work and closes the database. */
export interface LabService extends LabApi {
  /** The store behind the service (the CLI reads it directly for exports). */
  readonly store: Store
  /** The run engine (the CLI waits for runs through it). */
  readonly engine: RunEngine
  close(): Promise<void>
}

/** Options of createLabService: the store (or an SQLite file), and engine settings for tests and the CLI. */
export interface LabServiceOptions {
  /** An opened store (openStoreAt: SQLite or PostgreSQL); the service closes it. */
  store?: Store
  /** The SQLite file to open when no store is given; with a store, where it lives (failure snapshots are kept next to
   *  an SQLite file; a postgresql:// URL keeps none). */
  dbPath?: string
  /** Driver factory override (default: the target registry). */
  createTarget?: TargetFactory
  engine?: Omit<EngineOptions, 'store' | 'createTarget' | 'targetHost'>
  /** The process environment as the composition root read it: variables named by `passwordEnv`, SSH_AUTH_SOCK, QEMU,
   *  LABCON_EMU_TRACE_TAIL (default: none). TIMEOUT, MAX_SMP and USER go into `engine` (see process-env.ts). */
  processEnv?: ProcessEnvironment
  /** Asks the user for a secret nothing else supplied (the CLI's terminal prompt; default: never asks). */
  secretPrompt?: SecretPrompt
  /** Create the `builtin` and (when qemu is found) `tcg` environments if missing (default true). */
  defaultEnvironments?: boolean
  /** The app's keychain-backed secret store (Electron only); also becomes the drivers' resolver for `passwordKey`. */
  vault?: SecretVault
  /** The better-sqlite3 addon to load (Electron's build from a source checkout; default: the package's own). */
  nativeBinding?: string
}

/** Every `passwordKey` value in an environment config (top level, nested objects and flat `staging.passwordKey` keys). */
export function referencedSecretKeys(config: Record<string, unknown>): string[] {
  const out: string[] = []
  for (const [k, v] of Object.entries(config)) {
    if ((k === 'passwordKey' || k.endsWith('.passwordKey')) && typeof v === 'string') out.push(v)
    else if (typeof v === 'object' && v !== null && !Array.isArray(v)) out.push(...referencedSecretKeys(v as Record<string, unknown>))
  }
  return [...new Set(out)].sort()
}

/**
 * Scopes env/level sides to one catalog unless a side names one (`catalog`, or 'all'): a run side gives its run's
 * catalog; otherwise the catalog of the most recent real verdict of side A (else B). Both sides get the same one.
 */
export async function scopeSides(store: Store, a: Side, b: Side): Promise<[Side, Side]> {
  const named = [a, b].find((s): s is Exclude<Side, { kind: 'run' }> => s.kind !== 'run' && s.catalog !== undefined)
  const catalogOf = async (s: Side): Promise<number | null> =>
    s.kind === 'run' ? (await store.getRunSummary(s.runId)).catalogId : store.defaultCatalog(s.kind === 'env' ? { env: s.env } : { level: s.level, ...(s.env !== undefined ? { env: s.env } : {}) })
  const catalog = named?.catalog ?? (await catalogOf(a)) ?? (await catalogOf(b))
  const scope = (s: Side): Side => (s.kind === 'run' || s.catalog !== undefined || catalog === null ? s : { ...s, catalog })
  return [scope(a), scope(b)]
}

function requiredPath(path: string | undefined): string {
  if (path === undefined) throw new TypeError('createLabService: give a store or a dbPath')
  return path
}

/**
 * Builds the service on `opts.store` (opened by the composition root with openStoreAt: SQLite or PostgreSQL), else on
 * the SQLite file at `opts.dbPath`. The service owns the store: close() closes it.
 */
export function createLabService(opts: LabServiceOptions): LabService {
  const store = opts.store ?? asyncStore(openStore(requiredPath(opts.dbPath), opts.nativeBinding !== undefined ? { nativeBinding: opts.nativeBinding } : {}))
  const vault = opts.vault
  const processEnv = opts.processEnv ?? {}
  const keychain = vault ? vaultResolver(vault) : null
  // Host-key pins are written in order, one after the other (the store is asynchronous).
  let pinning: Promise<void> = Promise.resolve()
  // What the drivers are lent. First contact with an SSH host pins its fingerprint in the environment's config; a
  // later change is refused. It lives and dies with this service: nothing is installed module-wide.
  const host: TargetHost = {
    env: processEnv,
    resolveSecret: (what, ref) => resolveSecret(what, ref, { env: processEnv, keychain, prompt: opts.secretPrompt ?? null }),
    pinHostKey: (envId, path, fingerprint) => {
      pinning = pinning
        .then(async () => {
          const e = await store.getEnvironment(envId)
          await store.updateEnvironment(envId, { ...e, config: pinIntoConfig(e.config, path, fingerprint) })
        })
        .catch(() => {})
    },
  }
  const factory = opts.createTarget ?? createTarget
  const makeTarget = (env: Environment): Target => factory(env, host)
  let engine: RunEngine
  try {
    // Files kept with results (failing builtin results' snapshots) live next to the database: <name>-snapshots/.
    const artifactDir = opts.dbPath === undefined || opts.dbPath === ':memory:' || isPostgresUrl(opts.dbPath) ? undefined : join(dirname(opts.dbPath), `${basename(opts.dbPath).replace(/\.[^.]*$/, '')}-snapshots`)
    engine = new RunEngine({ ...(artifactDir !== undefined ? { artifactDir } : {}), ...opts.engine, store, createTarget: makeTarget })
  } catch (err) {
    void store.close()
    throw err
  }
  const ready = opts.defaultEnvironments === false ? Promise.resolve() : ensureDefaultEnvironments(store, host).catch(() => {})
  let closing: Promise<void> | null = null
  const needVault = (what: string): SecretVault => {
    if (vault) return vault
    throw new SecretVaultError(
      `${what}: secrets are stored only by the desktop app (OS keychain); here set the environment variable named by the environment's passwordEnv (the CLI also prompts for it in a terminal)`,
      'ENOVAULT',
    )
  }

  // Progress of runs this process executes comes from the engine; runs of other processes on a shared database from
  // the store's change notifications, shaped into the same RunProgress events.
  const remoteListeners = new Set<(p: RunProgress) => void>()
  let stopWatching = (): void => {}
  let watching = false
  const remoteChange = async (c: StoreChange): Promise<void> => {
    if (engine.activeRuns().includes(c.runId)) return
    const p = await store.runProgress(c.runId, c.resultId)
    for (const l of remoteListeners) {
      try {
        l(p)
      } catch {
        // A listener's failure must not stop the others.
      }
    }
  }
  const onProgress = (listener: (p: RunProgress) => void): Unsubscribe => {
    const offEngine = engine.onProgress(listener)
    remoteListeners.add(listener)
    if (!watching && store.watch) {
      watching = true
      store
        .watch((c) => void remoteChange(c).catch(() => {}))
        .then((stop) => (closing ? stop() : (stopWatching = stop)))
        .catch(() => {
          watching = false
        })
    }
    return () => {
      offEngine()
      remoteListeners.delete(listener)
    }
  }

  const service: LabService = {
    store,
    engine,
    environments: {
      async list(): Promise<Environment[]> {
        await ready
        return store.listEnvironments()
      },
      async add(input): Promise<Environment> {
        const inp = checkEnvironmentInput(input)
        await ready
        return store.addEnvironment(inp)
      },
      async update(id, input): Promise<Environment> {
        const envId = checkId(id, 'id')
        const inp = checkEnvironmentInput(input)
        return store.updateEnvironment(envId, inp)
      },
      async remove(id): Promise<void> {
        await store.removeEnvironment(checkId(id, 'id'))
      },
      async health(id): Promise<HealthReport> {
        const env = await store.getEnvironment(checkId(id, 'id'))
        let target: Target
        try {
          target = makeTarget(env)
        } catch (err) {
          // No driver for the kind (yet): a health finding, not a failure of the call.
          if (!(err instanceof UnsupportedKindError)) throw err
          const report = { ok: false, level: null, facts: {}, problems: [err.message], checkedAt: new Date().toISOString() }
          await store.setEnvironmentHealth(env.id, report)
          return report
        }
        try {
          const report = await target.health()
          // A first contact pinned the host key: that write lands before the caller looks at the config.
          await pinning
          if (report.ok && report.level && report.level !== env.level) await store.setEnvironmentLevel(env.id, report.level, report.facts)
          await store.setEnvironmentHealth(env.id, report)
          return report
        } finally {
          await target.dispose().catch(() => {})
        }
      },
      async setSecret(id, key, value): Promise<void> {
        const env = await store.getEnvironment(checkId(id, 'id'))
        const name = checkSecretName(key, 'key')
        if (typeof value !== 'string' || value === '') throw new SecretVaultError(`environment '${env.name}': secret '${name}': the value must be a non-empty string`, 'EINVAL')
        const known = referencedSecretKeys(env.config)
        if (!known.includes(name))
          throw new SecretVaultError(
            `environment '${env.name}': its config names no keychain entry '${name}' (${known.length ? `passwordKey values: ${known.join(', ')}` : 'set passwordKey in the config first'})`,
            'EINVAL',
          )
        needVault(`environment '${env.name}': secret '${name}'`).set(name, value)
      },
      async clearSecret(id, key): Promise<boolean> {
        const env = await store.getEnvironment(checkId(id, 'id'))
        const name = checkSecretName(key, 'key')
        return needVault(`environment '${env.name}': secret '${name}'`).delete(name)
      },
    },
    catalogs: {
      async list(): Promise<CatalogSummary[]> {
        return store.listCatalogs()
      },
      async get(id): Promise<CatalogDetail> {
        return store.getCatalog(checkId(id, 'id'))
      },
      async import(path): Promise<CatalogSummary> {
        const imported = importCatalog(resolve(checkPath(path, 'path')), { allowOutside: opts.engine?.allowKernelsOutsideCatalog ?? false })
        return store.upsertCatalog({ name: imported.name, source: imported.source, catalog: imported.catalog, kernelsPresent: imported.kernelsPresent })
      },
    },
    runs: {
      async start(plan): Promise<number> {
        const p = checkRunPlan(plan)
        await ready
        return engine.start(p)
      },
      async cancel(runId): Promise<void> {
        await engine.cancel(checkId(runId, 'runId'))
      },
      async list(limit): Promise<RunSummary[]> {
        return store.listRuns(checkLimit(limit, 'limit'))
      },
      async query(q): Promise<RunPage> {
        return store.queryRuns(checkRunQuery(q))
      },
      async get(runId): Promise<RunDetail> {
        return store.getRun(checkId(runId, 'runId'))
      },
      async previous(runId): Promise<RunSummary | null> {
        return store.previousRun(checkId(runId, 'runId'))
      },
      async export(runId, format): Promise<ExportFile> {
        const id = checkId(runId, 'runId')
        const f = checkRunExportFormat(format)
        const detail = await store.getRun(id)
        const ordered = { ...detail, results: inPlanOrder(detail, (await store.getCatalog(detail.catalogId)).tests.map((t) => t.name)) }
        const logs = new Map<number, string>()
        if (f !== 'json') for (const r of detail.results) logs.set(r.id, (await store.log(r.id)).text)
        return runExportFile(ordered, f, (rid) => logs.get(rid) ?? null)
      },
      onProgress(listener: (p: RunProgress) => void): Unsubscribe {
        if (typeof listener !== 'function') throw new TypeError('onProgress: listener must be a function')
        return onProgress(listener)
      },
    },
    results: {
      async matrix(q): Promise<MatrixView> {
        const query = checkMatrixQuery(q)
        return buildMatrix(await store.matrix(query), query.columns)
      },
      async compare(a, b, opts): Promise<Comparison> {
        const [sa, sb] = await scopeSides(store, checkSide(a, 'a'), checkSide(b, 'b'))
        return buildComparison(await store.sideResults(sa), await store.sideResults(sb), checkCompareOptions(opts))
      },
      async log(resultId): Promise<ResultLog> {
        return store.log(checkId(resultId, 'resultId'))
      },
      async history(q): Promise<HistoryView> {
        const query = checkHistoryQuery(q)
        const data = await store.history(query)
        const tallyQuery: { test?: string; env?: string; minSamples: number; catalogId?: number } = { minSamples: 2 }
        if (data.catalogId !== null) tallyQuery.catalogId = data.catalogId
        if (query.test !== undefined) tallyQuery.test = query.test
        if (query.env !== undefined) tallyQuery.env = query.env
        const { runs, series } = historySeries(data.rows)
        return { points: data.points, strip: data.strip, flaky: flakyTests(await store.verdictTallies(tallyQuery)), catalogId: data.catalogId, runs, series }
      },
      async regressions(q): Promise<Regression[]> {
        const query = checkRegressionQuery(q)
        const catalogId = query.catalogId ?? (query.env !== undefined ? await store.defaultCatalog({ env: query.env }) : await store.latestCatalog())
        if (catalogId === null) return []
        if (query.catalogId !== undefined) await store.getCatalog(catalogId)
        const events = await store.verdictEvents({ catalogId, ...(query.env !== undefined ? { env: query.env } : {}), ...(query.test !== undefined ? { test: query.test } : {}) })
        return findRegressions(events, catalogId, { includeNeverPassed: query.includeNeverPassed ?? false })
      },
      async metrics(q): Promise<MetricName[]> {
        const query = checkMetricsQuery(q)
        const catalogId = query.catalogId ?? (await store.latestCatalog())
        if (catalogId === null) return []
        return store.metricNames({ catalogId, ...(query.test !== undefined ? { test: query.test } : {}) })
      },
      async metricSeries(q): Promise<MetricSeries> {
        const query = checkMetricSeriesQuery(q)
        const catalogId = query.catalogId ?? (await store.latestCatalog())
        if (catalogId === null) return metricSeries(query.test, query.name, null, [])
        return metricSeries(query.test, query.name, catalogId, await store.metricPoints({ ...query, catalogId }))
      },
      async exportMatrix(q): Promise<ExportFile> {
        return matrixCsv(buildMatrix(await store.matrix(checkMatrixQuery(q))))
      },
      async exportCompare(a, b, opts): Promise<ExportFile> {
        const [sa, sb] = await scopeSides(store, checkSide(a, 'a'), checkSide(b, 'b'))
        return compareCsv(buildComparison(await store.sideResults(sa), await store.sideResults(sb), checkCompareOptions(opts)))
      },
    },
    knownIssues: {
      async list(): Promise<KnownIssue[]> {
        return store.listKnownIssues()
      },
      async add(input): Promise<KnownIssue> {
        // Filed by the user this console runs as (server mode has no per-browser identity).
        return store.addKnownIssue(checkKnownIssueInput(input), safeUser(opts.engine?.user))
      },
      async update(id, input): Promise<KnownIssue> {
        const issueId = checkId(id, 'id')
        return store.updateKnownIssue(issueId, checkKnownIssueInput(input))
      },
      async remove(id): Promise<void> {
        await store.removeKnownIssue(checkId(id, 'id'))
      },
    },
    close(): Promise<void> {
      closing ??= (async () => {
        await ready
        await engine.close()
        stopWatching()
        remoteListeners.clear()
        await pinning
        await store.close()
      })()
      return closing
    },
  }
  return service
}
