// Which catalog tests a plan runs on one environment, and which of them are recorded as SKIP (and why), following
// run_tests.sh: names and `-g` groups select; `nodefault` without -g/-a, `arch`, `accel` and a missing kernel skip.
import type { RunPlanInput } from '@core/api/lab-api'
import type { CatalogDetail } from '@core/api/lab-api'
import type { CatalogTest } from '@core/domain/catalog'
import type { Environment, EnvironmentKind } from '@core/domain/environment'

/** A test in the plan for one environment; `skipReason` non-null means it is recorded as SKIP without running. */
export interface SelectedTest {
  test: CatalogTest
  skipReason: string | null
}

/** The accelerator an environment kind provides, for `accel =` rules (null: no accel rule applies). */
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

/** Plans the catalog's tests for one environment. */
export function planSelection(tests: CatalogDetail['tests'], env: Environment, plan: RunPlanInput): SelectedTest[] {
  const names = plan.tests ?? []
  const groups = plan.groups ?? []
  const out: SelectedTest[] = []
  const accel = accelOf(env)
  for (const t of tests) {
    if (names.length > 0 && !names.includes(t.name)) continue
    if (groups.length > 0 && !t.groups.some((g) => groups.includes(g))) continue
    let skipReason: string | null = null
    if (groups.length === 0 && names.length === 0 && !plan.all && t.groups.includes('nodefault')) skipReason = 'test marked as manual run only'
    else if (t.arch !== null && t.arch !== 's390x') skipReason = `${t.arch} only`
    else if (t.accel !== null && accel !== null && t.accel !== accel) skipReason = `${t.accel} only, but ACCEL=${accel}`
    else if (!t.kernelPresent) skipReason = `Test file '${t.file}' not found`
    out.push({ test: t, skipReason })
  }
  return out
}
