import { describe, expect, it } from 'vitest'
import type { CatalogDetail } from '@core/api/lab-api'
import { parseUnittestsCfg } from '@core/domain/catalog'
import { ENVIRONMENT_KINDS, type Environment, type EnvironmentKind } from '@core/domain/environment'
import { planSelection } from '@main/runner/plan'

const cfg = parseUnittestsCfg('[migration-sck]\nfile = migration-sck.elf\ngroups = migration\n[panic-loop]\nfile = p.elf\ngroups = panic\n[plain]\nfile = plain.elf\n', 'unittests.cfg')
const catalog = { source: cfg.source, tests: cfg.tests.map((t) => ({ ...t, kernelPresent: true })) } as unknown as CatalogDetail
const env = (kind: EnvironmentKind): Environment => ({ id: 1, name: kind, kind, level: '', config: {}, facts: {}, concurrency: 1, createdAt: '' })

describe('harness groups in the plan', () => {
  it('runs migration tests on the QEMU kinds only and records SKIP with the reason elsewhere', () => {
    const plan = Object.fromEntries(
      ENVIRONMENT_KINDS.map((k) => [k, planSelection(catalog, env(k), { catalogId: 1, envs: [k], all: true }).map((s) => [s.test.name, s.skipReason])]),
    )
    const panic = 'panic tests need guest-panic detection (QMP GUEST_PANICKED), which labcon does not provide'
    const noMigration = (k: string): string =>
      `migration tests need a second machine to migrate to (the upstream migration harness); ${k} environments cannot migrate, only qemu-tcg and qemu-ssh do`
    expect(plan).toEqual(
      Object.fromEntries(
        ENVIRONMENT_KINDS.map((k) => [
          k,
          [
            ['migration-sck', k === 'qemu-tcg' || k === 'qemu-ssh' ? null : noMigration(k)],
            ['panic-loop', panic],
            ['plain', null],
          ],
        ]),
      ),
    )
  })
})
