import { describe, expect, it } from 'vitest'
import type { CatalogDetail } from '@core/api/lab-api'
import { parseUnittestsCfg } from '@core/domain/catalog'
import { ENVIRONMENT_KINDS, type Environment, type EnvironmentKind } from '@core/domain/environment'
import { planSelection } from '@main/runner/plan'

const cfg = parseUnittestsCfg('[migration-sck]\nfile = migration-sck.elf\ngroups = migration\n[panic-loop]\nfile = p.elf\ngroups = panic\n[plain]\nfile = plain.elf\n', 'unittests.cfg')
const catalog = { source: cfg.source, tests: cfg.tests.map((t) => ({ ...t, kernelPresent: true })) } as unknown as CatalogDetail
const env = (kind: EnvironmentKind): Environment => ({ id: 1, name: kind, kind, level: '', config: {}, facts: {}, concurrency: 1, createdAt: '' })

describe('harness groups in the plan', () => {
  it('runs migration tests on builtin and the QEMU kinds only and records SKIP with the reason elsewhere', () => {
    const plan = Object.fromEntries(
      ENVIRONMENT_KINDS.map((k) => [k, planSelection(catalog, env(k), { catalogId: 1, envs: [k], all: true }).map((s) => [s.test.name, s.skipReason])]),
    )
    const panic = 'panic tests need guest-panic detection (QMP GUEST_PANICKED), which labcon does not provide'
    const noMigration = (k: string): string =>
      `migration tests need a second machine to migrate to (the upstream migration harness); ${k} environments cannot migrate, only builtin, qemu-tcg and qemu-ssh do`
    expect(plan).toEqual(
      Object.fromEntries(
        ENVIRONMENT_KINDS.map((k) => [
          k,
          [
            ['migration-sck', k === 'builtin' || k === 'qemu-tcg' || k === 'qemu-ssh' ? null : noMigration(k)],
            ['panic-loop', panic],
            ['plain', null],
          ],
        ]),
      ),
    )
  })
})

describe('accel-restricted tests an environment declares it meets (accelTests)', () => {
  const upstream = parseUnittestsCfg('[selftest-migration]\nfile = sm.elf\ngroups = selftest migration\naccel = kvm\n[migration-memory]\nfile = mv.elf\ngroups = migration\naccel = kvm\n[kvm-other]\nfile = o.elf\naccel = kvm\n', 'unittests.cfg')
  const cat = { source: upstream.source, tests: upstream.tests.map((t) => ({ ...t, kernelPresent: true })) } as unknown as CatalogDetail
  const reasons = (e: Environment): Array<[string, string | null]> => planSelection(cat, e, { catalogId: 1, envs: [e.name] }).map((s) => [s.test.name, s.skipReason])

  it('builtin meets the two kvm-only migration tests by default; other kvm-only tests stay skipped', () => {
    expect(reasons(env('builtin'))).toEqual([
      ['selftest-migration', null],
      ['migration-memory', null],
      ['kvm-other', 'kvm only, but ACCEL=tcg'],
    ])
  })
  it('qemu-tcg meets none unless its config names them', () => {
    expect(reasons(env('qemu-tcg')).map(([, r]) => r)).toEqual(['kvm only, but ACCEL=tcg', 'kvm only, but ACCEL=tcg', 'kvm only, but ACCEL=tcg'])
    expect(reasons({ ...env('qemu-tcg'), config: { accelTests: 'kvm-other' } })).toEqual([
      ['selftest-migration', 'kvm only, but ACCEL=tcg'],
      ['migration-memory', 'kvm only, but ACCEL=tcg'],
      ['kvm-other', null],
    ])
  })
})
