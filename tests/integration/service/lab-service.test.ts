// The one LabApi implementation on a real SQLite store and real qemu-system-s390x: input validation at the boundary
// (every bad argument names its field), default environments, matrix majority marking, compare, history, known issues.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ENVIRONMENT_KINDS, type EnvironmentKind } from '@core/domain/environment'
import { createLabService, type LabService } from '@main/service/lab-service'
import { isKindSupported } from '@main/targets/registry'
import { InvalidInputError } from '@main/service/validate'
import { kernelCopy, tempDbDir } from '../runner/fixture'

let lab: LabService
const cleanups: (() => void)[] = []

beforeAll(() => {
  const d = tempDbDir()
  cleanups.push(d.cleanup)
  lab = createLabService({ dbPath: d.db, engine: { timeout: '' } })
})
afterAll(async () => {
  await lab.close()
  cleanups.forEach((c) => c())
})

async function runAndWait(plan: Parameters<LabService['runs']['start']>[0]): Promise<number> {
  const id = await lab.runs.start(plan)
  await lab.engine.wait(id)
  return id
}

describe('LabService input validation', () => {
  const bad: [string, () => Promise<unknown>, string][] = [
    ['environments.add without kind', () => lab.environments.add({ name: 'x' } as never), 'input.kind: expected one of builtin, qemu-tcg'],
    ['environments.add bad name', () => lab.environments.add({ name: 'a b', kind: 'qemu-tcg' }), 'input.name: invalid environment name "a b"'],
    ['environments.add unknown field', () => lab.environments.add({ name: 'a', kind: 'qemu-tcg', colour: 'red' } as never), 'input.colour: unknown field'],
    ['environments.add concurrency 0', () => lab.environments.add({ name: 'a', kind: 'qemu-tcg', concurrency: 0 }), 'input.concurrency: expected an integer from 1 to 256, got 0'],
    ['environments.add config not JSON', () => lab.environments.add({ name: 'a', kind: 'qemu-tcg', config: { f: () => 1 } }), 'input.config.f: expected JSON data'],
    ['environments.add facts not strings', () => lab.environments.add({ name: 'a', kind: 'qemu-tcg', facts: { cpu: 3 } as never }), 'input.facts.cpu: expected a string, got 3'],
    ['environments.update id', () => lab.environments.update(-1, { name: 'a', kind: 'qemu-tcg' }), 'id: expected a positive integer id, got -1'],
    ['environments.health id', () => lab.environments.health('1' as never), 'id: expected a positive integer id, got "1"'],
    ['catalogs.import empty', () => lab.catalogs.import('  '), 'path: must not be empty'],
    ['catalogs.get id', () => lab.catalogs.get(1.5), 'id: expected a positive integer id, got 1.5'],
    ['runs.start no envs', () => lab.runs.start({ catalogId: 1, envs: [] }), 'plan.envs: at least one environment is required'],
    ['runs.start env twice', () => lab.runs.start({ catalogId: 1, envs: ['tcg', 'tcg'] }), "plan.envs: environment 'tcg' is listed twice"],
    ['runs.start repeat', () => lab.runs.start({ catalogId: 1, envs: ['tcg'], repeat: 0 }), 'plan.repeat: expected an integer from 1 to 1000, got 0'],
    ['runs.start jobs', () => lab.runs.start({ catalogId: 1, envs: ['tcg'], jobs: 2.5 }), 'plan.jobs: expected an integer from 1 to 256, got 2.5'],
    ['runs.start groups', () => lab.runs.start({ catalogId: 1, envs: ['tcg'], groups: ['a b'] }), 'plan.groups[0]: must not contain whitespace'],
    ['runs.start not an object', () => lab.runs.start(null as never), 'plan: expected an object, got null'],
    ['runs.list limit', () => lab.runs.list(0), 'limit: expected an integer from 1 to 100000, got 0'],
    ['results.compare side kind', () => lab.results.compare({ kind: 'build' } as never, { kind: 'env', env: 'tcg' }), "a.kind: expected 'run', 'env' or 'level', got \"build\""],
    ['results.compare run id', () => lab.results.compare({ kind: 'env', env: 'tcg' }, { kind: 'run', runId: 0 }), 'b.runId: expected a positive integer id, got 0'],
    ['results.matrix envs', () => lab.results.matrix({ envs: 'tcg' } as never), 'query.envs: expected an array of strings'],
    ['results.history limit', () => lab.results.history({ limit: -5 }), 'query.limit: expected an integer from 1 to 10000, got -5'],
    ['knownIssues.add url', () => lab.knownIssues.add({ test: 't', subtest: null, env: null, level: null, url: 'javascript:alert(1)', intermittent: false, note: '' }), 'input.url: expected an http(s) URL'],
    ['knownIssues.add test', () => lab.knownIssues.add({ test: '', subtest: null, env: null, level: null, url: '', intermittent: false, note: '' }), 'input.test: must not be empty'],
  ]
  it.each(bad)('%s', async (_name, call, message) => {
    const err = await call().then(
      () => null,
      (e: unknown) => e,
    )
    expect(err).toBeInstanceOf(InvalidInputError)
    expect((err as Error).message).toContain(message)
  })

  it('a listener that is not a function is refused', () => {
    expect(() => lab.runs.onProgress(42 as never)).toThrow(/listener must be a function/)
  })
})

describe('LabService on real runs', () => {
  let catalogId = 0
  let dir = ''

  beforeAll(async () => {
    const k = kernelCopy(
      '[selftest]\nfile = selftest.elf\nqemu_params = -m 256\ntest_args = test 123 mem=256\n[tcg-only]\nfile = selftest.elf\naccel = tcg\nqemu_params = -m 256\ntest_args = test 123 mem=256\n[fail]\nfile = fail.elf\n',
    )
    cleanups.push(k.cleanup)
    dir = k.dir
    catalogId = (await lab.catalogs.import(dir)).id
  })

  it('creates the builtin and tcg environments, tcg with the qemu version as level', async () => {
    const envs = await lab.environments.list()
    expect(envs.map((e) => [e.name, e.kind])).toEqual([
      ['builtin', 'builtin'],
      ['tcg', 'qemu-tcg'],
    ])
    expect(envs[1]?.level).toMatch(/^QEMU \d+\.\d+\.\d+/)
    const tcg = envs[1]?.id as number
    expect(await lab.environments.health(tcg)).toMatchObject({ ok: true, level: envs[1]?.level, problems: [] })
  })

  const unsupported = ENVIRONMENT_KINDS.find((k) => !isKindSupported(k))
  it.skipIf(unsupported === undefined)('health of an environment whose kind has no driver is a finding, not an exception', async () => {
    const env = await lab.environments.add({ name: 'nodriver', kind: unsupported as EnvironmentKind })
    const report = await lab.environments.health(env.id)
    expect({ ok: report.ok, problems: report.problems }).toEqual({
      ok: false,
      problems: [expect.stringContaining(`environment 'nodriver': kind '${unsupported}' has no driver in this build`)],
    })
    await lab.environments.remove(env.id)
  })

  it('matrix marks the environment that disagrees with the majority, and known issues', async () => {
    await lab.environments.add({ name: 'tcg2', kind: 'qemu-tcg', concurrency: 2 })
    await lab.environments.add({ name: 'kvmish', kind: 'qemu-tcg', config: { accel: 'kvm' }, concurrency: 2 })
    const issue = await lab.knownIssues.add({ test: 'fail', subtest: null, env: 'tcg2', level: null, url: 'https://example.org/bug/1', intermittent: false, note: 'fails on purpose' })
    const runId = await runAndWait({ catalogId, envs: ['tcg', 'tcg2', 'kvmish'] })
    const m = await lab.results.matrix({ runId })
    const cell = (test: string, env: string): unknown => {
      const c = m.cells.find((x) => x.test === test && x.env === env)
      return c && [c.verdict, c.differsFromMajority, c.knownIssue]
    }
    expect(m.envs.map((e) => e.name).sort()).toEqual(['kvmish', 'tcg', 'tcg2'])
    expect({
      tcgOnly: ['tcg', 'tcg2', 'kvmish'].map((e) => cell('tcg-only', e)),
      fail: ['tcg', 'tcg2', 'kvmish'].map((e) => cell('fail', e)),
    }).toEqual({
      tcgOnly: [
        ['PASS', false, null],
        ['PASS', false, null],
        ['SKIP', true, null],
      ],
      fail: [
        ['FAIL', false, null],
        ['FAIL', false, issue.id],
        ['FAIL', false, null],
      ],
    })
  })

  it('compares two environments at test and subtest level', async () => {
    const cmp = await lab.results.compare({ kind: 'env', env: 'tcg' }, { kind: 'env', env: 'kvmish' })
    const tests = cmp.rows.filter((r) => r.subtest === null).map((r) => [r.test, r.a, r.b, r.transition])
    expect(tests.sort()).toEqual([
      ['fail', 'FAIL', 'FAIL', 'still-failing'],
      ['selftest', 'PASS', 'PASS', 'unchanged'],
      ['tcg-only', 'PASS', 'SKIP', expect.any(String)],
    ])
    expect(cmp.rows.find((r) => r.subtest === 'fail: this check fails on purpose')?.transition).toBe('still-failing')
    expect(cmp.tests['regression']).toBe(0)
  })

  it('history lists a test whose verdict changed on one environment and level as flaky', async () => {
    const flip = kernelCopy('[flip]\nfile = selftest.elf\nqemu_params = -m 256\ntest_args = test 123 mem=256\n')
    cleanups.push(flip.cleanup)
    const id = (await lab.catalogs.import(flip.dir)).id
    await runAndWait({ catalogId: id, envs: ['tcg'], repeat: 2 })
    const { writeFileSync } = await import('node:fs')
    writeFileSync(`${flip.dir}/unittests.cfg`, '[flip]\nfile = fail.elf\n')
    await lab.catalogs.import(flip.dir)
    await runAndWait({ catalogId: id, envs: ['tcg'] })
    const h = await lab.results.history({ test: 'flip', env: 'tcg' })
    expect(h.flaky.map((f) => ({ test: f.test, env: f.env, verdicts: f.verdicts }))).toEqual([{ test: 'flip', env: 'tcg', verdicts: { PASS: 2, FAIL: 1 } }])
    expect(h.flaky[0]?.confidence).toBeGreaterThan(0)
    expect(h.flaky[0]?.confidence).toBeLessThan(1)
  })

  it('imports report missing kernels; runs list, get and log work on stored data', async () => {
    const k = kernelCopy('[here]\nfile = selftest.elf\n[gone]\nfile = gone.elf\n')
    cleanups.push(k.cleanup)
    const c = await lab.catalogs.import(k.dir)
    expect(c.missingKernels).toEqual(['gone.elf'])
    const detail = await lab.catalogs.get(c.id)
    expect(detail.tests.map((t) => [t.name, t.kernelPresent])).toEqual([
      ['here', true],
      ['gone', false],
    ])
    const runs = await lab.runs.list(2)
    expect(runs).toHaveLength(2)
    const run = await lab.runs.get(runs[0]?.id as number)
    const log = await lab.results.log(run.results[0]?.id as number)
    expect(log.command).toMatch(/^qemu-system-s390x -nodefaults -nographic -machine s390-ccw-virtio,accel=tcg /)
  })
})
