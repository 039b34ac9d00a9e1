// Argument validation for every LabApi method, shared by the IPC and HTTP transports (the service validates again).
// No electron import here: the server uses it too.
import { LAB_METHODS, type LabGroup } from '@core/api/lab-api'
import { ENVIRONMENT_KINDS } from '@core/domain/environment'

/** A transport call whose method or arguments are malformed; the message names the method and the argument. */
export class LabArgumentError extends Error {
  override readonly name = 'LabArgumentError'
  readonly code = 'EINVAL'
}

type Check = (v: unknown, at: string) => void

const fail = (at: string, what: string): never => {
  throw new LabArgumentError(`${at}: ${what}`)
}
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

const id: Check = (v, at) => {
  if (!Number.isSafeInteger(v) || (v as number) < 1) fail(at, `expected a positive integer id, got ${JSON.stringify(v)}`)
}
const str: Check = (v, at) => {
  if (typeof v !== 'string') fail(at, `expected a string, got ${typeof v}`)
}
const nonEmpty: Check = (v, at) => {
  str(v, at)
  if ((v as string).trim() === '') fail(at, 'must not be empty')
}
const bool: Check = (v, at) => {
  if (typeof v !== 'boolean') fail(at, `expected a boolean, got ${typeof v}`)
}
const posInt: Check = (v, at) => {
  if (!Number.isSafeInteger(v) || (v as number) < 1) fail(at, `expected a positive integer, got ${JSON.stringify(v)}`)
}
const strArray: Check = (v, at) => {
  if (!Array.isArray(v)) fail(at, 'expected an array of strings')
  ;(v as unknown[]).forEach((x, i) => str(x, `${at}[${i}]`))
}
const record: Check = (v, at) => {
  if (!isObj(v)) fail(at, 'expected an object')
}
const strRecord: Check = (v, at) => {
  record(v, at)
  for (const [k, x] of Object.entries(v as object)) str(x, `${at}.${k}`)
}
const optional =
  (c: Check): Check =>
  (v, at) => {
    if (v !== undefined) c(v, at)
  }
const nullable =
  (c: Check): Check =>
  (v, at) => {
    if (v !== null) c(v, at)
  }
const oneOf =
  (values: readonly string[]): Check =>
  (v, at) => {
    if (typeof v !== 'string' || !values.includes(v)) fail(at, `expected one of ${values.join(', ')}, got ${JSON.stringify(v)}`)
  }
const shape =
  (fields: Record<string, Check>): Check =>
  (v, at) => {
    record(v, at)
    const o = v as Record<string, unknown>
    for (const k of Object.keys(o)) if (!(k in fields)) fail(`${at}.${k}`, 'unknown field')
    for (const [k, c] of Object.entries(fields)) c(o[k], `${at}.${k}`)
  }

const environmentInput = shape({
  name: nonEmpty,
  kind: oneOf(ENVIRONMENT_KINDS),
  level: optional(str),
  config: optional(record),
  facts: optional(strRecord),
  concurrency: optional(posInt),
})
const side: Check = (v, at) => {
  record(v, at)
  const kind = (v as Record<string, unknown>).kind
  if (kind === 'run') shape({ kind: str, runId: id, env: optional(str) })(v, at)
  else if (kind === 'env') shape({ kind: str, env: nonEmpty })(v, at)
  else if (kind === 'level') shape({ kind: str, level: str, env: optional(str) })(v, at)
  else fail(`${at}.kind`, `expected run, env or level, got ${JSON.stringify(kind)}`)
}

/** Argument checks per method, in order; optional trailing arguments may be omitted. */
const SIGNATURES: { [G in LabGroup]: Record<(typeof LAB_METHODS)[G][number], Check[]> } = {
  environments: {
    list: [],
    add: [environmentInput],
    update: [id, environmentInput],
    remove: [id],
    health: [id],
    setSecret: [id, nonEmpty, nonEmpty],
    clearSecret: [id, nonEmpty],
  },
  catalogs: { list: [], get: [id], import: [nonEmpty] },
  runs: {
    start: [
      shape({
        catalogId: id,
        envs: (v, at) => {
          strArray(v, at)
          if ((v as string[]).length === 0) fail(at, 'at least one environment is required')
        },
        groups: optional(strArray),
        tests: optional(strArray),
        all: optional(bool),
        repeat: optional(posInt),
        jobs: optional(posInt),
        who: optional(str),
      }),
    ],
    cancel: [id],
    list: [optional(posInt)],
    get: [id],
  },
  results: {
    matrix: [shape({ catalogId: optional(id), envs: optional(strArray), runId: optional(id) })],
    compare: [side, side],
    log: [id],
    history: [shape({ test: optional(str), env: optional(str), limit: optional(posInt) })],
  },
  knownIssues: {
    list: [],
    add: [
      shape({
        test: nonEmpty,
        subtest: nullable(str),
        env: nullable(str),
        level: nullable(str),
        url: str,
        intermittent: bool,
        note: str,
      }),
    ],
    remove: [id],
  },
}

/** True when `group.method` is a LabApi request method (guards against prototype keys and typos). */
export function isLabMethod(group: string, method: string): boolean {
  if (!Object.hasOwn(LAB_METHODS, group)) return false
  return (LAB_METHODS[group as LabGroup] as readonly string[]).includes(method)
}

/** Throws LabArgumentError unless `group.method` exists and `args` match its signature. */
export function validateArgs(group: string, method: string, args: unknown): unknown[] {
  if (!isLabMethod(group, method)) throw new LabArgumentError(`unknown method '${group}.${method}'`)
  const sig = (SIGNATURES[group as LabGroup] as Record<string, Check[]>)[method] ?? []
  if (!Array.isArray(args)) throw new LabArgumentError(`${group}.${method}: arguments must be an array`)
  if (args.length > sig.length) throw new LabArgumentError(`${group}.${method}: expected at most ${sig.length} argument(s), got ${args.length}`)
  sig.forEach((check, i) => check(args[i], `${group}.${method} argument ${i + 1}`))
  return args
}
