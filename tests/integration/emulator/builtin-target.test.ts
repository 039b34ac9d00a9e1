// The builtin Target end to end: real worker threads running our own kernels (resources/kernels), a kernel that
// never ends (timeout kills the worker), cancellation, and images that cannot boot.
import { describe, expect, it } from 'vitest'
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'
import { writeFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { createBuiltinTarget } from '@main/targets/builtin'
import { detachedHost, type TargetRunRequest } from '@main/targets/target'
import type { CatalogTest } from '@core/domain/catalog'
import { EMULATOR_VERSION } from '@core/emulator/machine'
import type { Environment } from '@core/domain/environment'

const KERNELS = fileURLToPath(new URL('../../../resources/kernels/', import.meta.url))
const env: Environment = { id: 1, name: 'builtin', kind: 'builtin', level: '', config: {}, facts: {}, concurrency: 2, createdAt: new Date(0).toISOString() }

function req(file: string, over: Partial<TargetRunRequest> & { qemuParams?: string } = {}): TargetRunRequest {
  const test = { name: file, file, groups: [], qemuParams: over.qemuParams ?? '' } as unknown as CatalogTest
  return {
    test,
    kernelPath: file.startsWith('/') ? file : join(KERNELS, file),
    flatPath: null,
    smp: 1,
    memMiB: 128,
    args: '',
    timeoutMs: 60_000,
    signal: new AbortController().signal,
    onOutput: () => {},
    ...over,
  }
}

/** Counts result lines of a kernel log (every kind: a KFAIL or XPASS must not hide among passes). */
function counts(log: string): Record<string, number> {
  const c: Record<string, number> = { PASS: 0, FAIL: 0, XPASS: 0, XFAIL: 0, KFAIL: 0, SKIP: 0 }
  for (const l of log.split('\n')) {
    const m = /^(PASS|FAIL|XPASS|XFAIL|KFAIL|SKIP):/.exec(l)
    if (m) c[m[1]!]!++
  }
  return c
}

describe('builtin target', () => {
  const t = createBuiltinTarget(env, detachedHost(process.env))

  it('reports the emulator version as its level', async () => {
    const h = await t.health()
    expect({ ok: h.ok, level: h.level, manufacturer: h.facts['stsi.1.1.1.manufacturer'] }).toEqual({ ok: true, level: EMULATOR_VERSION, manufacturer: 'LABCON' })
  })

  it('with config identity qemu-tcg reports and answers as QEMU TCG', async () => {
    const tcg = createBuiltinTarget({ ...env, config: { identity: 'qemu-tcg' } }, detachedHost(process.env))
    const h = await tcg.health()
    const r = await tcg.run(req('selftest.elf', { args: 'test 123 mem=128' }))
    const info = r.log.split('\n').filter((l) => l.startsWith('INFO: selftest: stsi: manufacturer'))
    expect({ manufacturer: h.facts['stsi.1.1.1.manufacturer'], cpi: h.facts['stsi.3.2.2.cpi'], info }).toEqual({
      manufacturer: 'QEMU',
      cpi: 'KVM/Linux',
      info: ["INFO: selftest: stsi: manufacturer 'QEMU' type '8561' model '' sequence 'LABCON'"],
    })
  })

  it('runs our selftest kernel with the catalog arguments and memory to a pass', async () => {
    const out: string[] = []
    const r = await t.run(req('selftest.elf', { args: 'test 123 mem=256', memMiB: 256, qemuParams: '-m 256', onOutput: (s) => out.push(s) }))
    expect({ exit: r.exitStatus, infra: r.infraError, timedOut: r.timedOut, counts: counts(r.log) }).toEqual({
      exit: 1,
      infra: null,
      timedOut: false,
      counts: { PASS: 16, FAIL: 0, XPASS: 0, XFAIL: 0, KFAIL: 0, SKIP: 0 },
    })
    expect(out.join('')).toBe(r.log)
  })

  it('runs the arithmetic and program-interruption kernels to the results of a real machine (no KFAIL)', async () => {
    const [a, p] = await Promise.all([t.run(req('arith.elf')), t.run(req('pgm.elf'))])
    // resources/kernels/README.md: arith 99 PASS; pgm 57 PASS everywhere but QEMU TCG (where 9 are KFAIL).
    expect({ arith: [a.exitStatus, counts(a.log)], pgm: [p.exitStatus, counts(p.log)] }).toEqual({
      arith: [1, { PASS: 99, FAIL: 0, XPASS: 0, XFAIL: 0, KFAIL: 0, SKIP: 0 }],
      pgm: [1, { PASS: 57, FAIL: 0, XPASS: 0, XFAIL: 0, KFAIL: 0, SKIP: 0 }],
    })
  })

  it('runs the two-CPU SCLP/SIGP kernel', async () => {
    const r = await t.run(req('sclp-sigp.elf', { smp: 2, args: 'cpus=2' }))
    expect({ exit: r.exitStatus, counts: counts(r.log) }).toEqual({ exit: 1, counts: { PASS: 21, FAIL: 0, XPASS: 0, XFAIL: 0, KFAIL: 0, SKIP: 0 } })
  })

  it('reports the failing kernel as a guest failure, not an infrastructure error', async () => {
    const r = await t.run(req('fail.elf'))
    expect({ exit: r.exitStatus, infra: r.infraError }).toEqual({ exit: 3, infra: null })
  })

  it('kills a kernel that loops forever when the timeout expires', async () => {
    const t0 = Date.now()
    const r = await t.run(req('loop.elf', { timeoutMs: 1500 }))
    expect({ timedOut: r.timedOut, exit: r.exitStatus, infra: r.infraError }).toEqual({ timedOut: true, exit: null, infra: null })
    expect(Date.now() - t0).toBeLessThan(10_000)
  })

  it('stops the worker on cancellation', async () => {
    const ac = new AbortController()
    setTimeout(() => ac.abort(), 500)
    const r = await t.run(req('loop.elf', { signal: ac.signal }))
    expect({ cancelled: r.cancelled, timedOut: r.timedOut }).toEqual({ cancelled: true, timedOut: false })
  })

  it('turns a garbage image into an infrastructure error naming the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emu-'))
    const bad = join(dir, 'garbage.bin')
    writeFileSync(bad, Buffer.from('this is not a kernel image at all'))
    const r = await t.run(req(bad))
    expect(r.infraError).toMatch(/^ImageFormatError: .*garbage\.bin: .*PSW/)
    expect(r.exitStatus).toBeNull()
  })

  it('reports a missing kernel file as an infrastructure error', async () => {
    const r = await t.run(req('/nonexistent/kernel.elf'))
    expect(r.infraError).toMatch(/cannot read kernel \/nonexistent\/kernel\.elf/)
  })
})
