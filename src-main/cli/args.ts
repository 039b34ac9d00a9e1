// Command-line option parsing for labcon: strict (unknown options and missing values are usage errors), with the
// command named in every message.
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { LabError } from '@core/domain/errors'

/** Exit codes of labcon (documented in README.md). */
export const EXIT = {
  /** Success; for run: no FAIL/TIMEOUT/SIGNAL/INFRA; for compare: no regression. */
  OK: 0,
  /** run: some FAIL, TIMEOUT, SIGNAL or INFRA verdict; compare: at least one regression. */
  FAILED: 1,
  /** Wrong invocation: unknown command or option, missing or malformed value. */
  USAGE: 2,
  /** The work could not be done: missing file, catalog parse error, unknown environment or run, database error. */
  ERROR: 3,
  /** run/results: the run did not complete (interrupted by a crash or a database error, cancelled, slots left
   *  unfinished), whatever its stored verdicts say: a CI gate must not pass with results missing. */
  INCOMPLETE: 4,
  /** Interrupted (SIGINT/SIGTERM); the run is recorded as cancelled. */
  INTERRUPTED: 130,
} as const

/** A wrong invocation; printed with a pointer to `--help`, exit code 2. */
export class UsageError extends LabError {
  override readonly name = 'UsageError'
  readonly kind = 'input'
  constructor(
    readonly command: string,
    detail: string,
  ) {
    super(`${command}: ${detail}`)
  }
}

type Options = NonNullable<ParseArgsConfig['options']>

/** Parsed options and positionals of one command. */
export interface Parsed {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>
  positionals: string[]
}

/** Parses argv strictly for `command`; throws UsageError for unknown options and missing values. */
export function parseCommand(command: string, argv: string[], options: Options, maxPositionals: number): Parsed {
  let parsed: Parsed
  try {
    parsed = parseArgs({ args: joinNegativeValues(argv, options), options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true }) as Parsed
  } catch (err) {
    const e = err as Error & { code?: string }
    let msg = e.message
    if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const m = /Unknown option '([^']+)'/.exec(e.message)
      msg = `unknown option '${m?.[1] ?? e.message}'`
    } else if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      msg = e.message.replace(/^Option '(\S+?)(?: <value>)?' argument missing$/, "option '$1' needs a value").split('\n')[0] ?? msg
    }
    throw new UsageError(command, msg)
  }
  if (!parsed.values['help'] && parsed.positionals.length > maxPositionals) {
    throw new UsageError(command, `unexpected argument '${parsed.positionals[maxPositionals]}'`)
  }
  return parsed
}

/**
 * `--jobs -1` / `-j -1`: a negative number after an option that takes a value is that value (parseArgs would call it
 * ambiguous), so the option's own check can say what is wrong with it.
 */
function joinNegativeValues(argv: string[], options: Options): string[] {
  const takesValue = (tok: string): string | null => {
    const long = /^--([^=]+)$/.exec(tok)?.[1]
    if (long !== undefined) return options[long]?.type === 'string' ? long : null
    const short = /^-([A-Za-z])$/.exec(tok)?.[1]
    const name = Object.keys(options).find((k) => options[k]?.short === short)
    return short !== undefined && name !== undefined && options[name]?.type === 'string' ? name : null
  }
  const out: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const tok = argv[i] as string
    if (tok === '--') return [...out, ...argv.slice(i)]
    const name = takesValue(tok)
    const next = argv[i + 1]
    if (name !== null && next !== undefined && /^-\d/.test(next)) {
      out.push(`--${name}=${next}`)
      i++
    } else out.push(tok)
  }
  return out
}

/** A string option's value (the last one if repeated), or undefined. */
export function str(p: Parsed, name: string): string | undefined {
  const v = p.values[name]
  if (Array.isArray(v)) return v.length ? String(v[v.length - 1]) : undefined
  return typeof v === 'string' ? v : undefined
}

/** A repeatable string option, each value also split on commas. */
export function list(p: Parsed, name: string): string[] {
  const v = p.values[name]
  const raw = v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)]
  return raw.flatMap((x) => x.split(',')).map((x) => x.trim())
}

/** A boolean flag. */
export const flag = (p: Parsed, name: string): boolean => p.values[name] === true

/** A positive integer option (`-j 4`), or undefined; throws UsageError naming the option. */
export function posInt(command: string, p: Parsed, name: string, max = 1_000_000): number | undefined {
  const v = str(p, name)
  if (v === undefined) return undefined
  if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > max) throw new UsageError(command, `--${name} expects a whole number from 1 to ${max}, got '${v}'`)
  return Number(v)
}

/** `key=value` pairs of a repeatable option; values that parse as JSON numbers/booleans become those. */
export function keyValues(command: string, p: Parsed, name: string, typed: boolean): Record<string, unknown> {
  const v = p.values[name]
  const raw = v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)]
  const out: Record<string, unknown> = {}
  for (const item of raw) {
    const eq = item.indexOf('=')
    if (eq < 1) throw new UsageError(command, `--${name} expects key=value, got '${item}'`)
    const key = item.slice(0, eq)
    const value = item.slice(eq + 1)
    out[key] = typed && /^(true|false|-?\d+(\.\d+)?)$/.test(value) ? JSON.parse(value) : value
  }
  return out
}
