// Run planning as upstream run_tests.sh does it (scripts/runtime.bash `run`): name and group filters, nodefault,
// arch/machine/accel restrictions, disabled_if and check — then tests × environments × repetitions.
import type { Catalog, CatalogTest } from './catalog'
import { LabError } from './errors'

/** Filters and facts of one environment that decide which tests run there. */
export interface SelectOptions {
  /** `-g`: only tests in at least one of these groups (run_tests.sh takes one; we accept several). */
  groups?: readonly string[]
  /** Test names given on the command line: only these. Naming a nodefault test runs it (upstream would skip it). */
  tests?: readonly string[]
  /** `-a`: include `nodefault` tests. */
  all?: boolean
  /** ACCEL of the environment (`tcg`, `kvm`, or `kvm,prop=..`). Unset: accel restrictions are not applied. */
  accel?: string
  /** Tests whose `accel =` rule the environment declares it meets whatever its ACCEL (env config `accelTests`). */
  accelMet?: ReadonlySet<string>
  /** ARCH of the environment; default `s390x`. */
  arch?: string
  /** MACHINE of the environment; unset: machine restrictions are not applied. */
  machine?: string
  /** The environment can build Secure Execution images (GEN_SE_HEADER); without it `pv-host` tests are skipped. */
  pvHost?: boolean
  /** Shell variables for `disabled_if` (e.g. `{ TARGET: 'qemu', ACCEL: 'tcg' }`). */
  vars?: Readonly<Record<string, string>>
  /** Reads a `check` path on the environment; null when absent. Unset: checks are not evaluated (noted). */
  readCheck?: (path: string) => string | null
  /** Whether the kernel `file` exists; unset: assumed present. */
  kernelPresent?: (file: string) => boolean
}

/**
 * What planning decided for one test: `run`; `skip` (run_tests.sh prints SKIP with this reason: record a SKIP
 * result without running); `excluded` (filtered out by name or group: not part of the run at all).
 * `notes` lists conditions that could not be evaluated (the test still runs).
 */
export type Selection =
  | { test: CatalogTest; status: 'run'; notes: string[] }
  | { test: CatalogTest; status: 'skip'; reason: string }
  | { test: CatalogTest; status: 'excluded'; reason: string }

/** Thrown when a filter names tests or groups the catalog does not have. */
export class PlanError extends LabError {
  override readonly name = 'PlanError'
  readonly kind = 'not-found'
}

/**
 * Decides, for each catalog test in file order, whether it runs on an environment described by `opts`.
 * Order of rules as upstream: name filter, group filter, pv-host, nodefault, arch, machine, accel, disabled_if,
 * check, kernel present. Unknown test or group names throw PlanError (a typo must not silently run nothing).
 * `disabled_if` is evaluated only in the form `[[ "$VAR" ==|!= word ]]` joined by && / || over `opts.vars`;
 * anything else cannot be evaluated without a shell, so the test runs with a note saying so.
 */
export function selectTests(catalog: Catalog, opts: SelectOptions = {}): Selection[] {
  const names = new Set(opts.tests ?? [])
  const groups = new Set(opts.groups ?? [])
  const known = new Set(catalog.tests.map((t) => t.name))
  const unknownTests = [...names].filter((n) => !known.has(n))
  if (unknownTests.length > 0) throw new PlanError(`${catalog.source}: no test named ${unknownTests.map((n) => `'${n}'`).join(', ')}`)
  const knownGroups = new Set(catalog.tests.flatMap((t) => t.groups))
  const unknownGroups = [...groups].filter((g) => !knownGroups.has(g))
  if (unknownGroups.length > 0) throw new PlanError(`${catalog.source}: no test in group ${unknownGroups.map((g) => `'${g}'`).join(', ')}`)
  const arch = opts.arch ?? 's390x'

  return catalog.tests.map((test): Selection => {
    if (names.size > 0 && !names.has(test.name)) return { test, status: 'excluded', reason: 'not named' }
    if (groups.size > 0 && !test.groups.some((g) => groups.has(g))) {
      return { test, status: 'excluded', reason: `not in group ${[...groups].join(' or ')}` }
    }
    const skip = (reason: string): Selection => ({ test, status: 'skip', reason })
    if (test.groups.includes('pv-host') && !opts.pvHost) return skip('no gen-se-header available for pv-host test')
    if (test.groups.includes('nodefault') && groups.size === 0 && !opts.all && !names.has(test.name)) {
      return skip('test marked as manual run only')
    }
    if (test.arch !== null && test.arch !== arch) return skip(`${test.arch} only`)
    if (test.machine !== null && opts.machine !== undefined && test.machine !== opts.machine) return skip(`${test.machine} only`)
    if (test.accel !== null && opts.accel !== undefined && !accelMatches(test.accel, opts.accel) && !opts.accelMet?.has(test.name)) {
      return skip(`${test.accel} only, but ACCEL=${opts.accel}`)
    }
    const notes: string[] = []
    if (test.disabledIf !== null) {
      const disabled = evalDisabledIf(test.disabledIf, opts.vars ?? {})
      if (disabled === true) return skip(`disabled because: ${test.disabledIf}`)
      if (disabled === null) notes.push(`disabled_if not evaluated: ${test.disabledIf}`)
    }
    for (const c of test.check) {
      if (!opts.readCheck) {
        notes.push(`check not evaluated: ${c.path}=${c.value}`)
        continue
      }
      if (opts.readCheck(c.path) !== c.value) return skip(`${c.path} not equal to ${c.value}`)
    }
    if (opts.kernelPresent && !opts.kernelPresent(test.file)) return skip(`Test file '${test.file}' not found`)
    return { test, status: 'run', notes }
  })
}

/** `ACCEL=kvm,foo=bar` satisfies `accel = kvm` (upstream: `[[ $ACCEL =~ ^$accel(,|$) ]]`). */
export function accelMatches(required: string, accel: string): boolean {
  return accel === required || accel.startsWith(`${required},`)
}

const DISABLED_TERM = /^\[\[\s*"?\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?"?\s*(==|!=|=)\s*"?([^"\s\]]*)"?\s*\]\]$/

/**
 * Evaluates a `disabled_if` of the form `[[ "$VAR" == word ]]` (also `!=`, `=`), several joined by `&&` or `||`
 * (left to right, as the shell does). Unset variables are empty. Returns null for anything else.
 */
export function evalDisabledIf(expr: string, vars: Readonly<Record<string, string>>): boolean | null {
  const parts = expr.trim().split(/\s*(&&|\|\|)\s*/)
  let value: boolean | null = null
  let op: string | null = null
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string
    if (i % 2 === 1) {
      op = part
      continue
    }
    const m = DISABLED_TERM.exec(part)
    if (!m) return null
    const actual = vars[m[1] as string] ?? ''
    const equal = actual === m[3]
    const term = m[2] === '!=' ? !equal : equal
    value = op === null ? term : op === '&&' ? (value as boolean) && term : (value as boolean) || term
  }
  return value
}

/** One unit of work: a test on an environment, repetition 1..N. */
export interface PlanSlot<T = CatalogTest, E = string> {
  test: T
  env: E
  repetition: number
}

/**
 * Expands tests × environments × repetitions into slots ordered repetition, then test (catalog order), then
 * environment — so every environment's queue advances through the catalog in the same order and a cut-short run
 * has comparable coverage everywhere. Throws PlanError for repeat < 1.
 */
export function expandPlan<T, E>(tests: readonly T[], envs: readonly E[], repeat = 1): PlanSlot<T, E>[] {
  if (!Number.isInteger(repeat) || repeat < 1) throw new PlanError(`repeat must be a whole number ≥ 1, got ${repeat}`)
  const slots: PlanSlot<T, E>[] = []
  for (let repetition = 1; repetition <= repeat; repetition++) {
    for (const test of tests) for (const env of envs) slots.push({ test, env, repetition })
  }
  return slots
}
