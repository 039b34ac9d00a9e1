// Structural checks for every LabApi call, shared by the IPC and HTTP transports: a known method (LAB_METHODS), an
// argument array of the right length, and each argument checked by the service's own validator (service/validate.ts),
// so field rules live in one place. No electron import here: the server uses it too.
import { LAB_METHODS, type LabGroup } from '@core/api/lab-api'
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
  InvalidInputError,
} from '@main/service/validate'
import {
  checkCompareOptions,
  checkMetricSeriesQuery,
  checkMetricsQuery,
  checkRegressionQuery,
  checkRunExportFormat,
  checkRunQuery,
} from '@main/service/validate'
import { LabError } from '@core/domain/errors'

/** A transport call whose method or arguments are malformed; the message names the method and the argument. */
export class LabArgumentError extends LabError {
  override readonly name = 'LabArgumentError'
  readonly kind = 'input'
}

/** Validates one argument; `at` names it (`runs.start argument 1`). Throws InvalidInputError or LabArgumentError. */
type Check = (v: unknown, at: string) => unknown

/** Secret keys and values: a non-empty string, described by its type only so a secret is never echoed back. */
const secretString: Check = (v, at) => {
  if (typeof v !== 'string') throw new LabArgumentError(`${at}: expected a string, got ${typeof v}`)
  if (v.trim() === '') throw new LabArgumentError(`${at}: must not be empty`)
}

/** The service validator for each argument, in order; optional trailing arguments may be omitted. */
const SIGNATURES: { [G in LabGroup]: Record<(typeof LAB_METHODS)[G][number], Check[]> } = {
  environments: {
    list: [],
    add: [checkEnvironmentInput],
    update: [checkId, checkEnvironmentInput],
    remove: [checkId],
    health: [checkId],
    setSecret: [checkId, secretString, secretString],
    clearSecret: [checkId, secretString],
  },
  catalogs: { list: [], get: [checkId], import: [checkPath] },
  runs: {
    start: [checkRunPlan],
    cancel: [checkId],
    list: [checkLimit],
    query: [checkRunQuery],
    get: [checkId],
    previous: [checkId],
    export: [checkId, checkRunExportFormat],
  },
  results: {
    matrix: [checkMatrixQuery],
    compare: [checkSide, checkSide, checkCompareOptions],
    log: [checkId],
    history: [checkHistoryQuery],
    regressions: [checkRegressionQuery],
    metrics: [checkMetricsQuery],
    metricSeries: [checkMetricSeriesQuery],
    exportMatrix: [checkMatrixQuery],
    exportCompare: [checkSide, checkSide, checkCompareOptions],
  },
  knownIssues: {
    list: [],
    add: [checkKnownIssueInput],
    update: [checkId, checkKnownIssueInput],
    remove: [checkId],
  },
}

/** True when `group.method` is a LabApi request method (guards against prototype keys and typos). */
export function isLabMethod(group: string, method: string): boolean {
  if (!Object.hasOwn(LAB_METHODS, group)) return false
  return (LAB_METHODS[group as LabGroup] as readonly string[]).includes(method)
}

/** Throws LabArgumentError unless `group.method` exists and `args` pass its structure and the service's field checks. */
export function validateArgs(group: string, method: string, args: unknown): unknown[] {
  if (!isLabMethod(group, method)) throw new LabArgumentError(`unknown method '${group}.${method}'`)
  const sig = (SIGNATURES[group as LabGroup] as Record<string, Check[]>)[method] ?? []
  if (!Array.isArray(args)) throw new LabArgumentError(`${group}.${method}: arguments must be an array`)
  if (args.length > sig.length) throw new LabArgumentError(`${group}.${method}: expected at most ${sig.length} argument(s), got ${args.length}`)
  sig.forEach((check, i) => {
    try {
      check(args[i], `${group}.${method} argument ${i + 1}`)
    } catch (e) {
      if (e instanceof InvalidInputError) throw new LabArgumentError(e.message)
      throw e
    }
  })
  return args
}
