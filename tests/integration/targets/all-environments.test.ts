// The finish line: one `labcon run --env a,b,c,…` over builtin, local TCG, remote TCG over SSH, Hercules,
// the HMC test server, the z/VM controller and a simulator template, then `labcon compare` between environments.
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFakeHmc, type FakeHmc } from '../../fixtures/fake-hmc/server'
import { createFakeZvm, type FakeZvm } from '../../fixtures/fake-zvm/fake-zvm'
import { startSshd, type SshdFixture } from '../../fixtures/sshd/sshd'
import { KERNELS_DIR } from './kernels'

const LABCON = fileURLToPath(new URL('../../../src-main/cli/labcon.mjs', import.meta.url))
const HMC_PASSWORD = 'hmc-all-envs-pw'
const SFTP_PASSWORD = 'sftp-all-envs-pw'
let fx: SshdFixture
let hmc: FakeHmc
let zvm: FakeZvm
let dir: string

function labcon(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [LABCON, ...args, '--db', join(dir, 'lab.db')],
      { env: { ...process.env, LABCON_HMC_PW: HMC_PASSWORD, LABCON_SFTP_PW: SFTP_PASSWORD }, maxBuffer: 64 << 20, timeout: 240_000 },
      (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : 99) : 0, stdout, stderr }),
    )
  })
}

async function addEnv(name: string, kind: string, config: Record<string, string | number | boolean>, extra: string[] = []): Promise<void> {
  const r = await labcon(['env', 'add', '--name', name, '--kind', kind, ...Object.entries(config).flatMap(([k, v]) => ['--config', `${k}=${v}`]), ...extra])
  expect(r.stderr + r.stdout).not.toMatch(/error/i)
  expect(r.code).toBe(0)
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'labcon-allenv-'))
  zvm = createFakeZvm({ memMiB: 256 })
  fx = await startSshd({ env: zvm.env })
  hmc = await startFakeHmc({ userid: 'labop', password: HMC_PASSWORD, sftp: { port: fx.port, privateKeyPath: fx.clientKeyPath, acceptedPassword: SFTP_PASSWORD }, memMiB: 256 })
  const ssh = { host: '127.0.0.1', port: fx.port, user: fx.user, privateKeyPath: fx.clientKeyPath, hostKeyFingerprint: fx.hostKeyFingerprint }
  await addEnv('remote-tcg', 'qemu-ssh', { ...ssh, accel: 'tcg' })
  await addEnv('herc', 'hercules', { imageDir: join(KERNELS_DIR, 'z196') })
  await addEnv(
    'lpar',
    'lpar-hmc',
    {
      url: hmc.url,
      allowInsecureHttp: true,
      userid: 'labop',
      passwordEnv: 'LABCON_HMC_PW',
      lparUri: hmc.lparUri,
      pollMs: 100,
      ...Object.fromEntries(Object.entries(ssh).map(([k, v]) => [`staging.${k}`, v])),
      'staging.passwordEnv': 'LABCON_SFTP_PW',
    },
    ['--concurrency', '1'],
  )
  await addEnv('zvm', 'zvm', { ...ssh, guest: 'KUTTEST', pollMs: 200 })
  await addEnv('sim', 'simulator', {
    command: JSON.stringify(['qemu-system-s390x', '-nodefaults', '-nographic', '-machine', 's390-ccw-virtio,accel=tcg', '-chardev', 'stdio,id=con0', '-device', 'sclpconsole,chardev=con0', '-kernel', '{kernel}', '-m', '{memMiB}', '-append', '{args}']),
  })
}, 120_000)

afterAll(async () => {
  await hmc?.stop()
  zvm?.stop()
  await fx?.stop()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

describe('labcon run over every environment kind', () => {
  it('runs the bundled catalog everywhere in one command and compares environments', async () => {
    const envs = ['builtin', 'tcg', 'remote-tcg', 'herc', 'lpar', 'zvm', 'sim']
    for (const e of envs.slice(2)) {
      const h = await labcon(['env', 'check', e, '--json'])
      expect({ env: e, code: h.code, out: h.code === 0 ? '' : h.stdout + h.stderr }).toEqual({ env: e, code: 0, out: '' })
    }
    const r = await labcon(['run', '--catalog', KERNELS_DIR, '--env', envs.join(','), '--test', 'selftest,fail', '--json'])
    const results = (JSON.parse(r.stdout) as { results: Array<{ test: string; env: string; verdict: string }> }).results
    const verdicts = Object.fromEntries(results.map((x) => [`${x.test}@${x.env}`, x.verdict]))
    expect(verdicts).toEqual(Object.fromEntries(envs.flatMap((e) => [[`selftest@${e}`, 'PASS'], [`fail@${e}`, 'FAIL']])))
    expect(r.code).toBe(1) // `fail` fails on purpose everywhere
    const cmp = await labcon(['compare', 'env:tcg', 'env:lpar'])
    expect({ code: cmp.code, stderr: cmp.stderr }).toEqual({ code: 0, stderr: '' })
  }, 300_000)
})
