// Input validation at the LabService boundary (IPC, HTTP and CLI all come through here). Each check throws
// InvalidInputError naming the field and what is wrong; values come back typed.
import type {
  EnvironmentInput,
  HistoryQuery,
  KnownIssueInput,
  MatrixQuery,
  MetricSeriesQuery,
  RegressionQuery,
  RunExportFormat,
  RunPlanInput,
  RunQuery,
} from '@core/api/lab-api'
import { RUN_EXPORT_FORMATS, RUN_STATES } from '@core/api/lab-api'
import type { CompareOptions, Side } from '@core/domain/compare'
import { VERDICTS } from '@core/domain/results'
import { ENVIRONMENT_KINDS, type EnvironmentKind } from '@core/domain/environment'
import { printable } from '@core/domain/catalog'
import { checkEnvironmentConfig, type ConfigProblem } from '@core/domain/env-schema'
import { simulatorSettings } from '@main/targets/simulator'
import { LabError } from '@core/domain/errors'

/** A LabApi argument that is missing, of the wrong type or out of range; `field` names it (`plan.envs[1]`). */
export class InvalidInputError extends LabError {
  override readonly name = 'InvalidInputError'
  readonly kind = 'input'
  constructor(
    readonly field: string,
    detail: string,
  ) {
    super(`${field}: ${detail}`)
  }
}

/** Environment names: start with a letter or digit; letters, digits, `.`, `_`, `-` (safe in side syntax and CLI lists). */
export const ENV_NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/
/** Upper bound of per-environment concurrency and `-j`. */
export const MAX_CONCURRENCY = 256
/** Upper bound of `--repeat`. */
export const MAX_REPEAT = 1000

// JSON leaves DEL, C1 controls and bidi overrides as they are: printable() escapes them before a message echoes input.
const show = (v: unknown): string => {
  if (v === undefined) return 'undefined'
  try {
    const s = JSON.stringify(v) ?? typeof v
    return printable(s.length > 60 ? `${s.slice(0, 57)}...` : s, 80)
  } catch {
    return typeof v
  }
}
const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null)

/** A positive integer id. */
export function checkId(v: unknown, field: string): number {
  if (!Number.isSafeInteger(v) || (v as number) < 1) throw new InvalidInputError(field, `expected a positive integer id, got ${show(v)}`)
  return v as number
}

/** An integer in [min, max]. */
export function checkInt(v: unknown, field: string, min: number, max: number): number {
  if (!Number.isSafeInteger(v) || (v as number) < min || (v as number) > max) {
    throw new InvalidInputError(field, `expected an integer from ${min} to ${max}, got ${show(v)}`)
  }
  return v as number
}

/** A string, optionally required to be non-blank. */
export function checkString(v: unknown, field: string, opts: { nonEmpty?: boolean; max?: number } = {}): string {
  if (typeof v !== 'string') throw new InvalidInputError(field, `expected a string, got ${show(v)}`)
  if (opts.nonEmpty && v.trim() === '') throw new InvalidInputError(field, 'must not be empty')
  if (v.length > (opts.max ?? 10_000)) throw new InvalidInputError(field, `longer than ${opts.max ?? 10_000} characters`)
  return v
}

function checkBool(v: unknown, field: string): boolean {
  if (typeof v !== 'boolean') throw new InvalidInputError(field, `expected true or false, got ${show(v)}`)
  return v
}

function checkObject(v: unknown, field: string, allowed: readonly string[]): Record<string, unknown> {
  if (!isPlainObject(v)) throw new InvalidInputError(field, `expected an object, got ${show(v)}`)
  for (const k of Object.keys(v)) if (!allowed.includes(k)) throw new InvalidInputError(`${field}.${k}`, `unknown field (expected ${allowed.join(', ')})`)
  return v
}

function checkStringArray(v: unknown, field: string, each: (s: unknown, f: string) => string): string[] {
  if (!Array.isArray(v)) throw new InvalidInputError(field, `expected an array of strings, got ${show(v)}`)
  return v.map((x, i) => each(x, `${field}[${i}]`))
}

/** An environment name (see ENV_NAME_RE). */
export function checkEnvName(v: unknown, field: string): string {
  const s = checkString(v, field, { nonEmpty: true, max: 64 })
  if (!ENV_NAME_RE.test(s)) {
    throw new InvalidInputError(field, `invalid environment name ${show(s)} (letters, digits, '.', '_', '-'; starting with a letter or digit)`)
  }
  return s
}

function checkJson(v: unknown, field: string, depth = 0): void {
  if (depth > 8) throw new InvalidInputError(field, 'nested too deeply')
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new InvalidInputError(field, `expected a finite number, got ${String(v)}`)
    return
  }
  if (Array.isArray(v)) return v.forEach((x, i) => checkJson(x, `${field}[${i}]`, depth + 1))
  if (isPlainObject(v)) return Object.entries(v).forEach(([k, x]) => checkJson(x, `${field}.${k}`, depth + 1))
  throw new InvalidInputError(field, `expected JSON data, got ${typeof v}`)
}

/** EnvironmentInput: name, kind, optional level, config (JSON object), facts (strings), concurrency. */
export function checkEnvironmentInput(v: unknown, field = 'input'): EnvironmentInput {
  const o = checkObject(v, field, ['name', 'kind', 'level', 'config', 'facts', 'concurrency'])
  const kind = o['kind']
  if (typeof kind !== 'string' || !(ENVIRONMENT_KINDS as readonly string[]).includes(kind)) {
    throw new InvalidInputError(`${field}.kind`, `expected one of ${ENVIRONMENT_KINDS.join(', ')}, got ${show(kind)}`)
  }
  const out: EnvironmentInput = { name: checkEnvName(o['name'], `${field}.name`), kind: kind as EnvironmentKind }
  if (o['level'] !== undefined) out.level = checkString(o['level'], `${field}.level`, { max: 200 })
  if (o['config'] !== undefined) {
    if (!isPlainObject(o['config'])) throw new InvalidInputError(`${field}.config`, `expected an object, got ${show(o['config'])}`)
    checkJson(o['config'], `${field}.config`)
    // The one schema: secret-looking keys, unknown keys, wrong types, missing required keys — all named at once.
    const problems = checkEnvironmentConfig(out.kind, o['config'])
    if (problems.length > 0) {
      const [first, ...more] = problems as [ConfigProblem, ...ConfigProblem[]]
      throw new InvalidInputError(`${field}.config.${first.key}`, [first.message, ...more.map((p) => `${field}.config.${p.key}: ${p.message}`)].join('; '))
    }
    // Simulator templates fail here, not at run time: unknown placeholder, not an argv, malformed JSON.
    if (out.kind === 'simulator') {
      try {
        simulatorSettings({ name: out.name, config: o['config'] })
      } catch (e) {
        const detail = (e as Error).message.replace(/^environment '[^']*': /, '')
        const key = /^(\w+):|^'(\w+)'/.exec(detail)?.slice(1).find(Boolean) ?? 'command'
        throw new InvalidInputError(`${field}.config.${key}`, (e as Error).message)
      }
    }
    out.config = o['config']
  }
  if (o['facts'] !== undefined) {
    if (!isPlainObject(o['facts'])) throw new InvalidInputError(`${field}.facts`, `expected an object of strings, got ${show(o['facts'])}`)
    const facts: Record<string, string> = {}
    for (const [k, x] of Object.entries(o['facts'])) facts[k] = checkString(x, `${field}.facts.${k}`, { max: 2000 })
    out.facts = facts
  }
  if (o['concurrency'] !== undefined) out.concurrency = checkInt(o['concurrency'], `${field}.concurrency`, 1, MAX_CONCURRENCY)
  return out
}

/** RunPlanInput: catalogId, at least one environment, optional filters, repeat and jobs. */
export function checkRunPlan(v: unknown, field = 'plan'): RunPlanInput {
  const o = checkObject(v, field, ['catalogId', 'envs', 'groups', 'tests', 'all', 'repeat', 'jobs', 'who'])
  const envs = checkStringArray(o['envs'], `${field}.envs`, checkEnvName)
  if (envs.length === 0) throw new InvalidInputError(`${field}.envs`, 'at least one environment is required')
  const dup = envs.find((e, i) => envs.indexOf(e) !== i)
  if (dup !== undefined) throw new InvalidInputError(`${field}.envs`, `environment '${dup}' is listed twice`)
  const plan: RunPlanInput = { catalogId: checkId(o['catalogId'], `${field}.catalogId`), envs }
  const word = (s: unknown, f: string): string => {
    const w = checkString(s, f, { nonEmpty: true, max: 200 })
    if (/\s/.test(w)) throw new InvalidInputError(f, `must not contain whitespace, got ${show(w)}`)
    return w
  }
  if (o['groups'] !== undefined) plan.groups = checkStringArray(o['groups'], `${field}.groups`, word)
  if (o['tests'] !== undefined) plan.tests = checkStringArray(o['tests'], `${field}.tests`, word)
  if (o['all'] !== undefined) plan.all = checkBool(o['all'], `${field}.all`)
  if (o['repeat'] !== undefined) plan.repeat = checkInt(o['repeat'], `${field}.repeat`, 1, MAX_REPEAT)
  if (o['jobs'] !== undefined) plan.jobs = checkInt(o['jobs'], `${field}.jobs`, 1, MAX_CONCURRENCY)
  if (o['who'] !== undefined) plan.who = checkString(o['who'], `${field}.who`, { max: 200 })
  return plan
}

/** A comparison side: run (with optional env), env, or level (with optional env). */
export function checkSide(v: unknown, field: string): Side {
  if (!isPlainObject(v)) throw new InvalidInputError(field, `expected a side object, got ${show(v)}`)
  switch (v['kind']) {
    case 'run': {
      const o = checkObject(v, field, ['kind', 'runId', 'env'])
      const side: Side = { kind: 'run', runId: checkId(o['runId'], `${field}.runId`) }
      if (o['env'] !== undefined) side.env = checkEnvName(o['env'], `${field}.env`)
      return side
    }
    case 'env': {
      const o = checkObject(v, field, ['kind', 'env', 'catalog'])
      const side: Side = { kind: 'env', env: checkEnvName(o['env'], `${field}.env`) }
      if (o['catalog'] !== undefined) side.catalog = checkCatalogScope(o['catalog'], `${field}.catalog`)
      return side
    }
    case 'level': {
      const o = checkObject(v, field, ['kind', 'level', 'env', 'catalog'])
      const side: Side = { kind: 'level', level: checkString(o['level'], `${field}.level`, { nonEmpty: true, max: 200 }) }
      if (o['env'] !== undefined) side.env = checkEnvName(o['env'], `${field}.env`)
      if (o['catalog'] !== undefined) side.catalog = checkCatalogScope(o['catalog'], `${field}.catalog`)
      return side
    }
    default:
      throw new InvalidInputError(`${field}.kind`, `expected 'run', 'env' or 'level', got ${show(v['kind'])}`)
  }
}

/** MatrixQuery: optional catalogId, envs, runId, a window of rows and one of columns (offset >= 0, limit >= 1). */
export function checkMatrixQuery(v: unknown, field = 'query'): MatrixQuery {
  const o = checkObject(v ?? {}, field, ['catalogId', 'envs', 'runId', 'rows', 'columns'])
  const q: MatrixQuery = {}
  if (o['catalogId'] !== undefined) q.catalogId = checkId(o['catalogId'], `${field}.catalogId`)
  if (o['envs'] !== undefined) q.envs = checkStringArray(o['envs'], `${field}.envs`, checkEnvName)
  if (o['runId'] !== undefined) q.runId = checkId(o['runId'], `${field}.runId`)
  if (o['rows'] !== undefined) {
    const r = checkObject(o['rows'], `${field}.rows`, ['offset', 'limit'])
    q.rows = { offset: checkInt(r['offset'], `${field}.rows.offset`, 0, 10_000_000), limit: checkInt(r['limit'], `${field}.rows.limit`, 1, 100_000) }
  }
  if (o['columns'] !== undefined) {
    const c = checkObject(o['columns'], `${field}.columns`, ['offset', 'limit'])
    q.columns = { offset: checkInt(c['offset'], `${field}.columns.offset`, 0, 100_000), limit: checkInt(c['limit'], `${field}.columns.limit`, 1, 100_000) }
  }
  return q
}

/** HistoryQuery: optional test, env, limit (1..10000), catalogId. */
export function checkHistoryQuery(v: unknown, field = 'query'): HistoryQuery {
  const o = checkObject(v ?? {}, field, ['test', 'env', 'limit', 'catalogId'])
  const q: HistoryQuery = {}
  if (o['test'] !== undefined) q.test = checkString(o['test'], `${field}.test`, { nonEmpty: true, max: 200 })
  if (o['env'] !== undefined) q.env = checkEnvName(o['env'], `${field}.env`)
  if (o['limit'] !== undefined) q.limit = checkInt(o['limit'], `${field}.limit`, 1, 10_000)
  if (o['catalogId'] !== undefined) q.catalogId = checkId(o['catalogId'], `${field}.catalogId`)
  return q
}

/** KnownIssueInput: test, subtest|null, env|null, level|null, url, intermittent, note. */
export function checkKnownIssueInput(v: unknown, field = 'input'): KnownIssueInput {
  const o = checkObject(v, field, ['test', 'subtest', 'env', 'level', 'url', 'intermittent', 'note'])
  const nullableStr = (x: unknown, f: string): string | null => (x === null || x === undefined ? null : checkString(x, f, { nonEmpty: true, max: 500 }))
  const url = o['url'] === undefined ? '' : checkString(o['url'], `${field}.url`, { max: 2000 })
  if (url !== '' && !/^https?:\/\/\S+$/.test(url)) throw new InvalidInputError(`${field}.url`, `expected an http(s) URL, got ${show(url)}`)
  return {
    test: checkString(o['test'], `${field}.test`, { nonEmpty: true, max: 200 }),
    subtest: nullableStr(o['subtest'], `${field}.subtest`),
    env: o['env'] === null || o['env'] === undefined ? null : checkEnvName(o['env'], `${field}.env`),
    level: nullableStr(o['level'], `${field}.level`),
    url,
    intermittent: o['intermittent'] === undefined ? false : checkBool(o['intermittent'], `${field}.intermittent`),
    note: o['note'] === undefined ? '' : checkString(o['note'], `${field}.note`, { max: 5000 }),
  }
}

/** A filesystem path given by the user. */
export function checkPath(v: unknown, field: string): string {
  const s = checkString(v, field, { nonEmpty: true, max: 4096 })
  if (s.includes('\0')) throw new InvalidInputError(field, 'contains a NUL character')
  return s
}

/** Optional list limit. */
export function checkLimit(v: unknown, field: string): number | undefined {
  return v === undefined ? undefined : checkInt(v, field, 1, 100_000)
}

// ---- issue 8: comparisons, regressions, metrics, runs list, exports (kept together to ease merging) ----

/** The catalog scope of an env/level side: a catalog id or 'all'. */
export function checkCatalogScope(v: unknown, field: string): number | 'all' {
  if (v === 'all') return 'all'
  if (!Number.isSafeInteger(v) || (v as number) < 1) throw new InvalidInputError(field, `expected a catalog id or 'all', got ${show(v)}`)
  return v as number
}

/** CompareOptions: optional tolerance (0 < t <= 100). */
export function checkCompareOptions(v: unknown, field = 'opts'): CompareOptions {
  const o = checkObject(v ?? {}, field, ['tolerance'])
  const out: CompareOptions = {}
  if (o['tolerance'] !== undefined) {
    const t = o['tolerance']
    if (typeof t !== 'number' || !Number.isFinite(t) || t <= 0 || t > 100) {
      throw new InvalidInputError(`${field}.tolerance`, `expected a number above 0 and at most 100 (0.2 = 20 %), got ${show(t)}`)
    }
    out.tolerance = t
  }
  return out
}

const oneOf = <T extends string>(v: unknown, field: string, allowed: readonly T[]): T => {
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) throw new InvalidInputError(field, `expected one of ${allowed.join(', ')}, got ${show(v)}`)
  return v as T
}

/** RunQuery: optional catalogId, env, state, verdict, sort, order, limit (1..1000), offset (>= 0). */
export function checkRunQuery(v: unknown, field = 'query'): RunQuery {
  const o = checkObject(v ?? {}, field, ['catalogId', 'env', 'state', 'verdict', 'sort', 'order', 'limit', 'offset'])
  const q: RunQuery = {}
  if (o['catalogId'] !== undefined) q.catalogId = checkId(o['catalogId'], `${field}.catalogId`)
  if (o['env'] !== undefined) q.env = checkEnvName(o['env'], `${field}.env`)
  if (o['state'] !== undefined) q.state = oneOf(o['state'], `${field}.state`, RUN_STATES)
  if (o['verdict'] !== undefined) q.verdict = oneOf(o['verdict'], `${field}.verdict`, VERDICTS)
  if (o['sort'] !== undefined) q.sort = oneOf(o['sort'], `${field}.sort`, ['id', 'startedAt', 'catalog', 'state'] as const)
  if (o['order'] !== undefined) q.order = oneOf(o['order'], `${field}.order`, ['asc', 'desc'] as const)
  if (o['limit'] !== undefined) q.limit = checkInt(o['limit'], `${field}.limit`, 1, 1000)
  if (o['offset'] !== undefined) q.offset = checkInt(o['offset'], `${field}.offset`, 0, Number.MAX_SAFE_INTEGER)
  return q
}

/** A run export format: json, junit or tap. */
export function checkRunExportFormat(v: unknown, field = 'format'): RunExportFormat {
  return oneOf(v, field, RUN_EXPORT_FORMATS)
}

/** RegressionQuery: optional catalogId, env, test, includeNeverPassed. */
export function checkRegressionQuery(v: unknown, field = 'query'): RegressionQuery {
  const o = checkObject(v ?? {}, field, ['catalogId', 'env', 'test', 'includeNeverPassed'])
  const q: RegressionQuery = {}
  if (o['catalogId'] !== undefined) q.catalogId = checkId(o['catalogId'], `${field}.catalogId`)
  if (o['env'] !== undefined) q.env = checkEnvName(o['env'], `${field}.env`)
  if (o['test'] !== undefined) q.test = checkString(o['test'], `${field}.test`, { nonEmpty: true, max: 200 })
  if (o['includeNeverPassed'] !== undefined) q.includeNeverPassed = checkBool(o['includeNeverPassed'], `${field}.includeNeverPassed`)
  return q
}

/** Metric names query: optional catalogId, test. */
export function checkMetricsQuery(v: unknown, field = 'query'): { catalogId?: number; test?: string } {
  const o = checkObject(v ?? {}, field, ['catalogId', 'test'])
  const q: { catalogId?: number; test?: string } = {}
  if (o['catalogId'] !== undefined) q.catalogId = checkId(o['catalogId'], `${field}.catalogId`)
  if (o['test'] !== undefined) q.test = checkString(o['test'], `${field}.test`, { nonEmpty: true, max: 200 })
  return q
}

/** MetricSeriesQuery: test and name required; optional catalogId, env, limit (1..10000). */
export function checkMetricSeriesQuery(v: unknown, field = 'query'): MetricSeriesQuery {
  const o = checkObject(v, field, ['test', 'name', 'catalogId', 'env', 'limit'])
  const q: MetricSeriesQuery = {
    test: checkString(o['test'], `${field}.test`, { nonEmpty: true, max: 200 }),
    name: checkString(o['name'], `${field}.name`, { nonEmpty: true, max: 1000 }),
  }
  if (o['catalogId'] !== undefined) q.catalogId = checkId(o['catalogId'], `${field}.catalogId`)
  if (o['env'] !== undefined) q.env = checkEnvName(o['env'], `${field}.env`)
  if (o['limit'] !== undefined) q.limit = checkInt(o['limit'], `${field}.limit`, 1, 10_000)
  return q
}
