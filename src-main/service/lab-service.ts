// The one LabApi implementation, on the Store, the run engine and the domain rules. The IPC transport, the HTTP
// server and the CLI all call this object; every argument is validated here (it is the trust boundary).
import { resolve } from 'node:path'
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
import { openStore } from '@main/db/open-store'
import type { Store } from '@main/db/store'
import { RunEngine, type EngineOptions } from '@main/runner/engine'
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

/** Options of createLabService: the database file, and engine settings for tests and the CLI. */
export interface LabServiceOptions {
  dbPath: string
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
export function scopeSides(store: Store, a: Side, b: Side): [Side, Side] {
  const named = [a, b].find((s): s is Exclude<Side, { kind: 'run' }> => s.kind !== 'run' && s.catalog !== undefined)
  const catalogOf = (s: Side): number | null =>
    s.kind === 'run' ? store.getRunSummary(s.runId).catalogId : store.defaultCatalog(s.kind === 'env' ? { env: s.env } : { level: s.level, ...(s.env !== undefined ? { env: s.env } : {}) })
  const catalog = named?.catalog ?? catalogOf(a) ?? catalogOf(b)
  const scope = (s: Side): Side => (s.kind === 'run' || s.catalog !== undefined || catalog === null ? s : { ...s, catalog })
  return [scope(a), scope(b)]
}

/** Opens the store at `dbPath` and builds the service on it. */
export function createLabService(opts: LabServiceOptions): LabService {
  const store = openStore(opts.dbPath, opts.nativeBinding !== undefined ? { nativeBinding: opts.nativeBinding } : {})
  const vault = opts.vault
  const processEnv = opts.processEnv ?? {}
  const keychain = vault ? vaultResolver(vault) : null
  // What the drivers are lent. First contact with an SSH host pins its fingerprint in the environment's config; a
  // later change is refused. It lives and dies with this service: nothing is installed module-wide.
  const host: TargetHost = {
    env: processEnv,
    resolveSecret: (what, ref) => resolveSecret(what, ref, { env: processEnv, keychain, prompt: opts.secretPrompt ?? null }),
    pinHostKey: (envId, path, fingerprint) => {
      const e = store.getEnvironment(envId)
      store.updateEnvironment(envId, { ...e, config: pinIntoConfig(e.config, path, fingerprint) })
    },
  }
  const factory = opts.createTarget ?? createTarget
  const makeTarget = (env: Environment): Target => factory(env, host)
  let engine: RunEngine
  try {
    engine = new RunEngine({ ...opts.engine, store, createTarget: makeTarget })
  } catch (err) {
    store.close()
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
        store.removeEnvironment(checkId(id, 'id'))
      },
      async health(id): Promise<HealthReport> {
        const env = store.getEnvironment(checkId(id, 'id'))
        let target: Target
        try {
          target = makeTarget(env)
        } catch (err) {
          // No driver for the kind (yet): a health finding, not a failure of the call.
          if (!(err instanceof UnsupportedKindError)) throw err
          const report = { ok: false, level: null, facts: {}, problems: [err.message], checkedAt: new Date().toISOString() }
          store.setEnvironmentHealth(env.id, report)
          return report
        }
        try {
          const report = await target.health()
          if (report.ok && report.level && report.level !== env.level) store.setEnvironmentLevel(env.id, report.level, report.facts)
          store.setEnvironmentHealth(env.id, report)
          return report
        } finally {
          await target.dispose().catch(() => {})
        }
      },
      async setSecret(id, key, value): Promise<void> {
        const env = store.getEnvironment(checkId(id, 'id'))
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
        const env = store.getEnvironment(checkId(id, 'id'))
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
        const detail = store.getRun(id)
        const ordered = { ...detail, results: inPlanOrder(detail, store.getCatalog(detail.catalogId).tests.map((t) => t.name)) }
        return runExportFile(ordered, f, (rid) => store.log(rid).text)
      },
      onProgress(listener: (p: RunProgress) => void): Unsubscribe {
        if (typeof listener !== 'function') throw new TypeError('onProgress: listener must be a function')
        return engine.onProgress(listener)
      },
    },
    results: {
      async matrix(q): Promise<MatrixView> {
        return buildMatrix(store.matrix(checkMatrixQuery(q)))
      },
      async compare(a, b, opts): Promise<Comparison> {
        const [sa, sb] = scopeSides(store, checkSide(a, 'a'), checkSide(b, 'b'))
        return buildComparison(store.sideResults(sa), store.sideResults(sb), checkCompareOptions(opts))
      },
      async log(resultId): Promise<ResultLog> {
        return store.log(checkId(resultId, 'resultId'))
      },
      async history(q): Promise<HistoryView> {
        const query = checkHistoryQuery(q)
        const data = store.history(query)
        const tallyQuery: { test?: string; env?: string; minSamples: number; catalogId?: number } = { minSamples: 2 }
        if (data.catalogId !== null) tallyQuery.catalogId = data.catalogId
        if (query.test !== undefined) tallyQuery.test = query.test
        if (query.env !== undefined) tallyQuery.env = query.env
        const { runs, series } = historySeries(data.rows)
        return { points: data.points, strip: data.strip, flaky: flakyTests(store.verdictTallies(tallyQuery)), catalogId: data.catalogId, runs, series }
      },
      async regressions(q): Promise<Regression[]> {
        const query = checkRegressionQuery(q)
        const catalogId = query.catalogId ?? (query.env !== undefined ? store.defaultCatalog({ env: query.env }) : store.latestCatalog())
        if (catalogId === null) return []
        if (query.catalogId !== undefined) store.getCatalog(catalogId)
        const events = store.verdictEvents({ catalogId, ...(query.env !== undefined ? { env: query.env } : {}), ...(query.test !== undefined ? { test: query.test } : {}) })
        return findRegressions(events, catalogId, { includeNeverPassed: query.includeNeverPassed ?? false })
      },
      async metrics(q): Promise<MetricName[]> {
        const query = checkMetricsQuery(q)
        const catalogId = query.catalogId ?? store.latestCatalog()
        if (catalogId === null) return []
        return store.metricNames({ catalogId, ...(query.test !== undefined ? { test: query.test } : {}) })
      },
      async metricSeries(q): Promise<MetricSeries> {
        const query = checkMetricSeriesQuery(q)
        const catalogId = query.catalogId ?? store.latestCatalog()
        if (catalogId === null) return metricSeries(query.test, query.name, null, [])
        return metricSeries(query.test, query.name, catalogId, store.metricPoints({ ...query, catalogId }))
      },
      async exportMatrix(q): Promise<ExportFile> {
        return matrixCsv(buildMatrix(store.matrix(checkMatrixQuery(q))))
      },
      async exportCompare(a, b, opts): Promise<ExportFile> {
        const [sa, sb] = scopeSides(store, checkSide(a, 'a'), checkSide(b, 'b'))
        return compareCsv(buildComparison(store.sideResults(sa), store.sideResults(sb), checkCompareOptions(opts)))
      },
    },
    knownIssues: {
      async list(): Promise<KnownIssue[]> {
        return store.listKnownIssues()
      },
      async add(input): Promise<KnownIssue> {
        return store.addKnownIssue(checkKnownIssueInput(input))
      },
      async update(id, input): Promise<KnownIssue> {
        const issueId = checkId(id, 'id')
        return store.updateKnownIssue(issueId, checkKnownIssueInput(input))
      },
      async remove(id): Promise<void> {
        store.removeKnownIssue(checkId(id, 'id'))
      },
    },
    close(): Promise<void> {
      closing ??= (async () => {
        await ready
        await engine.close()
        store.close()
      })()
      return closing
    },
  }
  return service
}
