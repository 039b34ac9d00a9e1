// Which catalog tests a plan runs on one environment, and which are recorded as SKIP (and why): the domain's
// run_tests.sh rules (selectTests) fed with the environment's facts (accelerator, shell variables, kernels present),
// plus the upstream harness features an environment lacks (migration outside QEMU, panic).
import type { CatalogDetail, RunPlanInput } from '@core/api/lab-api'
import type { CatalogTest } from '@core/domain/catalog'
import type { Environment, EnvironmentKind } from '@core/domain/environment'
import { selectTests, type SelectOptions } from '@core/domain/plan'
import { ENV_CONFIG_SCHEMA } from '@core/domain/env-schema'

/** A test in the plan for one environment; `skipReason` non-null means it is recorded as SKIP without running. */
export interface SelectedTest {
  test: CatalogTest
  skipReason: string | null
}

/** The accelerator an environment kind provides, for `accel =` rules (null: accel rules do not apply). */
export const KIND_ACCEL: Record<EnvironmentKind, 'tcg' | 'kvm' | null> = {
  builtin: 'tcg',
  'qemu-tcg': 'tcg',
  'qemu-ssh': 'kvm',
  hercules: null,
  'lpar-hmc': null,
  zvm: null,
  simulator: null,
}

/** The environment's accelerator: `config.accel` when set, else its kind's. */
export function accelOf(env: Environment): string | null {
  const a = env.config['accel']
  return typeof a === 'string' && a !== '' ? a : KIND_ACCEL[env.kind]
}

/**
 * Environment kinds whose drivers run the upstream migration protocol: a second QEMU with -incoming and QMP migrate,
 * or on builtin a snapshot restored in another worker (targets/builtin-migration.ts).
 */
export const MIGRATING_KINDS: ReadonlySet<EnvironmentKind> = new Set<EnvironmentKind>(['builtin', 'qemu-tcg', 'qemu-ssh'])

/** Test names whose `accel =` rule the environment meets (config `accelTests`, else its kind's default). */
export function accelTestsOf(env: Environment): Set<string> {
  const v = env.config['accelTests'] ?? ENV_CONFIG_SCHEMA[env.kind].find((s) => s.key === 'accelTests')?.default
  return new Set(typeof v === 'string' ? v.split(/\s+/).filter(Boolean) : [])
}

/**
 * Upstream groups whose tests need harness machinery an environment may lack: run plainly they wait forever
 * (migration: the kernel waits for the harness to migrate it) or fail for the wrong reason (panic: PASS means the
 * guest panicked). The reason is recorded with the SKIP; null = this environment has the machinery.
 */
export const HARNESS_GROUPS: Readonly<Record<string, (env: Environment) => string | null>> = {
  migration: (env) =>
    MIGRATING_KINDS.has(env.kind)
      ? null
      : `migration tests need a second machine to migrate to (the upstream migration harness); ${env.kind} environments cannot migrate, only builtin, qemu-tcg and qemu-ssh do`,
  panic: () => 'panic tests need guest-panic detection (QMP GUEST_PANICKED), which labcon does not provide',
}

/** Why a test cannot run on this environment for lack of harness machinery, or null. */
export function harnessSkipReason(test: CatalogTest, env: Environment): string | null {
  for (const g of test.groups) {
    const reason = HARNESS_GROUPS[g]?.(env) ?? null
    if (reason !== null) return reason
  }
  return null
}

/** Plans the catalog's tests for one environment (excluded tests are left out); throws the domain's PlanError. */
export function planSelection(catalog: CatalogDetail, env: Environment, plan: RunPlanInput): SelectedTest[] {
  const present = new Map(catalog.tests.map((t) => [t.file, t.kernelPresent]))
  const accel = accelOf(env)
  const vars: Record<string, string> = {}
  if (accel !== null) vars['ACCEL'] = accel
  if (env.kind.startsWith('qemu')) vars['TARGET'] = 'qemu'
  const opts: SelectOptions = {
    groups: plan.groups ?? [],
    tests: plan.tests ?? [],
    all: plan.all ?? false,
    vars,
    kernelPresent: (file) => present.get(file) ?? false,
  }
  if (accel !== null) opts.accel = accel
  opts.accelMet = accelTestsOf(env)
  const out: SelectedTest[] = []
  for (const s of selectTests({ source: catalog.source, tests: catalog.tests }, opts)) {
    if (s.status === 'run') out.push({ test: s.test, skipReason: harnessSkipReason(s.test, env) })
    else if (s.status === 'skip') out.push({ test: s.test, skipReason: s.reason })
  }
  return out
}
