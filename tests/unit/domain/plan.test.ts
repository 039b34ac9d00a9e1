import { describe, expect, it } from 'vitest'
import { parseUnittestsCfg } from '@core/domain/catalog'
import { accelMatches, evalDisabledIf, expandPlan, PlanError, selectTests, type SelectOptions } from '@core/domain/plan'

const CFG = `
[plain]
file = plain.elf

[manual]
file = manual.elf
groups = nodefault slow

[kvm-only]
file = k.elf
accel = kvm
groups = smp

[tcg-only]
file = t.elf
accel = tcg

[arm-only]
file = a.elf
arch = arm64

[machine-only]
file = m.elf
machine = virt

[not-on-kvmtool]
file = d.elf
disabled_if = [[ "$TARGET" != qemu ]]

[weird-disable]
file = w.elf
disabled_if = test -e /dev/kvm

[needs-check]
file = c.elf
check = /sys/module/kvm/parameters/nested=1

[pv]
file = pv.elf
groups = pv-host

[missing]
file = missing.elf
groups = slow
`
const catalog = parseUnittestsCfg(CFG, 'plan.cfg')

const decide = (opts: SelectOptions): Record<string, string> =>
  Object.fromEntries(
    selectTests(catalog, opts).map((s) => [
      s.test.name,
      s.status === 'run' ? (s.notes.length ? `run (${s.notes.join('; ')})` : 'run') : `${s.status}: ${s.reason}`,
    ]),
  )

describe('selectTests', () => {
  it('applies the run_tests.sh defaults on a TCG environment', () => {
    expect(
      decide({ accel: 'tcg', vars: { TARGET: 'qemu' }, readCheck: () => '1', kernelPresent: (f) => f !== 'missing.elf' }),
    ).toEqual({
      plain: 'run',
      manual: 'skip: test marked as manual run only',
      'kvm-only': 'skip: kvm only, but ACCEL=tcg',
      'tcg-only': 'run',
      'arm-only': 'skip: arm64 only',
      'machine-only': 'run',
      'not-on-kvmtool': 'run',
      'weird-disable': 'run (disabled_if not evaluated: test -e /dev/kvm)',
      'needs-check': 'run',
      pv: 'skip: no gen-se-header available for pv-host test',
      missing: "skip: Test file 'missing.elf' not found",
    })
  })

  it('honours -a, kvm accel with properties, machine, disabled_if, check and pv-host', () => {
    expect(
      decide({ all: true, accel: 'kvm,kernel-irqchip=on', machine: 's390-ccw-virtio', vars: { TARGET: 'kvmtool' }, readCheck: () => null, pvHost: true }),
    ).toEqual({
      plain: 'run',
      manual: 'run',
      'kvm-only': 'run',
      'tcg-only': 'skip: tcg only, but ACCEL=kvm,kernel-irqchip=on',
      'arm-only': 'skip: arm64 only',
      'machine-only': 'skip: virt only',
      'not-on-kvmtool': 'skip: disabled because: [[ "$TARGET" != qemu ]]',
      'weird-disable': 'run (disabled_if not evaluated: test -e /dev/kvm)',
      'needs-check': 'skip: /sys/module/kvm/parameters/nested not equal to 1',
      pv: 'run',
      missing: 'run',
    })
  })

  it('notes unevaluated conditions when the environment gives no facts', () => {
    expect(decide({})).toEqual({
      plain: 'run',
      manual: 'skip: test marked as manual run only',
      'kvm-only': 'run',
      'tcg-only': 'run',
      'arm-only': 'skip: arm64 only',
      'machine-only': 'run',
      'not-on-kvmtool': 'skip: disabled because: [[ "$TARGET" != qemu ]]',
      'weird-disable': 'run (disabled_if not evaluated: test -e /dev/kvm)',
      'needs-check': 'run (check not evaluated: /sys/module/kvm/parameters/nested=1)',
      pv: 'skip: no gen-se-header available for pv-host test',
      missing: 'run',
    })
  })

  it('filters by group (-g) and runs nodefault tests of that group', () => {
    const picked = selectTests(catalog, { groups: ['slow'], accel: 'tcg' }).map((s) => [s.test.name, s.status])
    expect(picked).toEqual([
      ['plain', 'excluded'],
      ['manual', 'run'],
      ['kvm-only', 'excluded'],
      ['tcg-only', 'excluded'],
      ['arm-only', 'excluded'],
      ['machine-only', 'excluded'],
      ['not-on-kvmtool', 'excluded'],
      ['weird-disable', 'excluded'],
      ['needs-check', 'excluded'],
      ['pv', 'excluded'],
      ['missing', 'run'],
    ])
    expect(selectTests(catalog, { groups: ['nodefault'] }).filter((s) => s.status === 'run').map((s) => s.test.name)).toEqual(['manual'])
    expect(selectTests(catalog, { groups: ['smp', 'pv-host'] }).filter((s) => s.status !== 'excluded').map((s) => [s.test.name, s.status])).toEqual([
      ['kvm-only', 'run'],
      ['pv', 'skip'],
    ])
  })

  it('runs named tests only, including a named nodefault test, and keeps accel skips', () => {
    const picked = selectTests(catalog, { tests: ['manual', 'kvm-only'], accel: 'tcg' })
      .filter((s) => s.status !== 'excluded')
      .map((s) => (s.status === 'skip' ? [s.test.name, s.status, s.reason] : [s.test.name, s.status]))
    expect(picked).toEqual([
      ['manual', 'run'],
      ['kvm-only', 'skip', 'kvm only, but ACCEL=tcg'],
    ])
    const excluded = selectTests(catalog, { tests: ['plain'] }).find((s) => s.test.name === 'manual')
    expect(excluded).toMatchObject({ status: 'excluded', reason: 'not named' })
  })

  it('rejects unknown test and group names', () => {
    expect(() => selectTests(catalog, { tests: ['plain', 'nope', 'nada'] })).toThrow(new PlanError("plan.cfg: no test named 'nope', 'nada'"))
    expect(() => selectTests(catalog, { groups: ['fast'] })).toThrow(new PlanError("plan.cfg: no test in group 'fast'"))
  })
})

describe('accelMatches', () => {
  it.each([
    ['kvm', 'kvm', true],
    ['kvm', 'kvm,kernel-irqchip=on', true],
    ['kvm', 'kvmx', false],
    ['tcg', 'kvm', false],
  ] as const)('%s vs %s', (req, accel, want) => expect(accelMatches(req, accel)).toBe(want))
})

describe('evalDisabledIf', () => {
  const vars = { TARGET: 'qemu', ACCEL: 'tcg' }
  it.each([
    ['[[ "$TARGET" != qemu ]]', false],
    ['[[ "$TARGET" == qemu ]]', true],
    ['[[ $TARGET = "qemu" ]]', true],
    ['[[ "${ACCEL}" == kvm ]]', false],
    ['[[ "$UNSET" == "" ]]', true],
    ['[[ "$TARGET" == qemu ]] && [[ "$ACCEL" == kvm ]]', false],
    ['[[ "$TARGET" == qemu ]] || [[ "$ACCEL" == kvm ]]', true],
    ['[[ -e /dev/kvm ]]', null],
    ['grep -q x /proc/cpuinfo', null],
  ] as const)('%s', (expr, want) => expect(evalDisabledIf(expr, vars)).toBe(want))
})

describe('expandPlan', () => {
  it('orders slots by repetition, then test, then environment', () => {
    expect(expandPlan(['a', 'b'], ['tcg', 'lpar'], 2)).toEqual([
      { test: 'a', env: 'tcg', repetition: 1 },
      { test: 'a', env: 'lpar', repetition: 1 },
      { test: 'b', env: 'tcg', repetition: 1 },
      { test: 'b', env: 'lpar', repetition: 1 },
      { test: 'a', env: 'tcg', repetition: 2 },
      { test: 'a', env: 'lpar', repetition: 2 },
      { test: 'b', env: 'tcg', repetition: 2 },
      { test: 'b', env: 'lpar', repetition: 2 },
    ])
    expect(expandPlan(['a'], [])).toEqual([])
  })
  it.each([0, -1, 1.5])('rejects repeat %s', (n) => expect(() => expandPlan(['a'], ['e'], n)).toThrow(`repeat must be a whole number ≥ 1, got ${n}`))
})
