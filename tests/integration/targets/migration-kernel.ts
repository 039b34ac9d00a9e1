// Run requests for our migration kernel (resources/kernels/migrate.c). It is not in the bundled unittests.cfg, whose
// test list other suites count: its catalog entries live here, in the unittests.cfg format.
import { parseQemuParams, parseUnittestsCfg } from '@core/domain/catalog'
import type { TargetRunRequest } from '@main/targets/target'
import { KERNELS_DIR } from './kernels'

const catalog = parseUnittestsCfg(
  `[migrate]
file = migrate.elf
groups = migration
test_args = 'migrations=2'

[migrate-skip]
file = migrate.elf
groups = migration
test_args = skip

[migrate-plain]
file = selftest.elf
groups = migration
qemu_params = -m 256
test_args = 'test 123 mem=256'
`,
  'migration-kernel.ts',
)

/** A run request for `migrate` (two migrations), `migrate-skip` or `migrate-plain` (never asks: upstream status 3). */
export function migrationRequest(name: 'migrate' | 'migrate-skip' | 'migrate-plain', over: Partial<TargetRunRequest> = {}): TargetRunRequest & { output: string[] } {
  const test = catalog.tests.find((t) => t.name === name)
  if (!test) throw new Error(`no test '${name}'`)
  const res = parseQemuParams(test)
  const output: string[] = []
  return {
    test,
    kernelPath: `${KERNELS_DIR}${test.file}`,
    flatPath: null,
    smp: res.smp,
    memMiB: res.memMiB,
    args: test.testArgs,
    timeoutMs: 60_000,
    signal: new AbortController().signal,
    onOutput: (t) => output.push(t),
    output,
    ...over,
  }
}
