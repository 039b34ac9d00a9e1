// Which catalog tests a plan runs on one environment, and which are recorded as SKIP (and why): the domain's
// run_tests.sh rules (selectTests) fed with the environment's facts (accelerator, shell variables, kernels present),
// plus the upstream harness features we lack (migration, panic).
import type { CatalogDetail, RunPlanInput } from '@core/api/lab-api'
import type { CatalogTest } from '@core/domain/catalog'
import type { Environment, EnvironmentKind } from '@core/domain/environment'
import { selectTests, type SelectOptions } from '@core/domain/plan'

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
 * Upstream groups whose tests need harness machinery we do not have: run plainly they wait forever (migration: the
 * kernel waits for the harness to migrate it) or fail for the wrong reason (panic: PASS means the guest panicked).
 */
export const HARNESS_GROUPS: Readonly<Record<string, string>> = {
  migration: 'migration tests need the migration harness (two VMs and a migrate command), which labcon does not provide',
  panic: 'panic tests need guest-panic detection (QMP GUEST_PANICKED), which labcon does not provide',
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
  const out: SelectedTest[] = []
  for (const s of selectTests({ source: catalog.source, tests: catalog.tests }, opts)) {
    if (s.status === 'run') {
      const harness = s.test.groups.find((g) => HARNESS_GROUPS[g] !== undefined)
      out.push({ test: s.test, skipReason: harness === undefined ? null : (HARNESS_GROUPS[harness] as string) })
    }
    else if (s.status === 'skip') out.push({ test: s.test, skipReason: s.reason })
  }
  return out
}
