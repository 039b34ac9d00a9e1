// labcon (the real entry, spawned) with credentials and host keys: env check pins and prints a first-contact
// fingerprint and refuses a changed key (real sshd); a missing HMC password is refused naming the variable when stdin
// is not a terminal, and asked for without echo on a pseudo-terminal (script(1)) against the fake HMC.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFakeHmc, type FakeHmc } from '../../fixtures/fake-hmc/server'
import { startSshd, type SshdFixture } from '../../fixtures/sshd/sshd'
import { ROOT } from '../runner/fixture'
import { KERNELS_DIR } from '../targets/kernels'

const ENTRY = join(ROOT, 'src-main', 'cli', 'labcon.mjs')
const HMC_PASSWORD = 'Typed-Hmc-Secret-5150'
const PW_VAR = 'LABCON_TEST_CLI_HMC_PW'

interface Ran {
  code: number | null
  stdout: string
  stderr: string
}

let fx: SshdFixture
let hmc: FakeHmc
let dir: string
let db: string

/** Runs labcon with stdin not a terminal (ignored). */
function labcon(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [ENTRY, ...args, '--db', db], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

/** Runs labcon on a pseudo-terminal (script -qec); types `answer` + Enter once `prompt` appears. Output is the terminal's. */
function labconOnTty(args: string[], prompt: string, answer: string): Promise<{ code: number | null; tty: string }> {
  const q = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`
  const cmd = [process.execPath, ENTRY, ...args, '--db', db].map(q).join(' ')
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qec', cmd, '/dev/null'], { cwd: ROOT, env: { ...process.env, [PW_VAR]: '' }, stdio: ['pipe', 'pipe', 'pipe'] })
    let tty = ''
    let typed = false
    child.stdout.on('data', (d: Buffer) => {
      tty += d.toString()
      if (!typed && tty.includes(prompt)) {
        typed = true
        child.stdin.write(`${answer}\r`)
      }
    })
    child.stderr.on('data', (d: Buffer) => (tty += d.toString()))
    child.on('error', reject)
    child.on('close', (code) => {
      child.stdin.end()
      resolve({ code, tty })
    })
  })
}

beforeAll(async () => {
  fx = await startSshd()
  hmc = await startFakeHmc({ userid: 'labop', password: HMC_PASSWORD, sftp: { port: fx.port, privateKeyPath: fx.clientKeyPath, acceptedPassword: 'unused' }, kernelsDir: KERNELS_DIR })
  dir = mkdtempSync(join(tmpdir(), 'labcon-cli-cred-'))
  db = join(dir, 'lab.sqlite')
})
afterAll(async () => {
  await hmc?.stop()
  await fx?.stop()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

describe('labcon env check: host keys', () => {
  it('prints the fingerprint it pins on first contact, stays quiet when it matches, and refuses a changed key', async () => {
    const add = await labcon(['env', 'add', '--name', 'kvmhost', '--kind', 'qemu-ssh', '--config', `host=${fx.host}`, '--config', `port=${fx.port}`, '--config', `user=${fx.user}`, '--config', `privateKeyPath=${fx.clientKeyPath}`, '--config', 'accel=tcg'])
    expect(add.code).toBe(0)

    const first = await labcon(['env', 'check', 'kvmhost'])
    expect({ code: first.code, pin: first.stdout.split('\n')[0] }).toEqual({ code: 0, pin: `pinned ${fx.hostKeyFingerprint} for ${fx.host}:${fx.port}` })
    expect(first.stdout).toMatch(/^kvmhost: ok, level /m)

    const second = await labcon(['env', 'check', 'kvmhost'])
    expect({ code: second.code, pinned: second.stdout.includes('pinned ') }).toEqual({ code: 0, pinned: false })

    const pinned = fx.hostKeyFingerprint
    await fx.rotateHostKey()
    const changed = await labcon(['env', 'check', 'kvmhost'])
    expect({ code: changed.code, stdout: changed.stdout }).toEqual({
      code: 1,
      stdout:
        `kvmhost: NOT OK\n  host key of ${fx.host}:${fx.port} changed: pinned ${pinned}, presented ${fx.hostKeyFingerprint} — refusing to connect ` +
        '(if the host was really re-keyed, remove the pinned fingerprint from the environment and pin the new one)\n',
    })
    const list = await labcon(['env', 'list', '--json'])
    const env = (JSON.parse(list.stdout) as { name: string; config: Record<string, unknown> }[]).find((e) => e.name === 'kvmhost')
    expect(env?.config['hostKeyFingerprint']).toBe(pinned)
  })
})

describe('labcon: a secret that is not in its environment variable', () => {
  const addLpar = (): Promise<Ran> =>
    labcon([
      'env', 'add', '--name', 'lp01', '--kind', 'lpar-hmc', '--concurrency', '1',
      '--config', `url=${hmc.url}`, '--config', 'allowInsecureHttp=true', '--config', 'userid=labop', '--config', `passwordEnv=${PW_VAR}`,
      '--config', `lparUri=${hmc.lparUri}`, '--config', `staging.host=${fx.host}`, '--config', `staging.port=${fx.port}`, '--config', `staging.user=${fx.user}`,
      '--config', `staging.privateKeyPath=${fx.clientKeyPath}`, '--config', `staging.hostKeyFingerprint=${fx.hostKeyFingerprint}`, '--config', 'staging.passwordEnv=LABCON_TEST_CLI_SFTP_PW',
    ]) // prettier-ignore
  beforeAll(async () => {
    const r = await addLpar()
    if (r.code !== 0) throw new Error(`env add failed: ${r.stderr}`)
  })

  it('is refused naming the variable when stdin is not a terminal', async () => {
    const r = await labcon(['env', 'check', 'lp01'], { [PW_VAR]: '' })
    expect(r.code).toBe(1)
    expect(r.stdout).toContain(`environment 'lp01': HMC password: environment variable ${PW_VAR} is not set and stdin is not a terminal to ask for it; set ${PW_VAR} (or run labcon in a terminal to be prompted)`)
    const ok = await labcon(['env', 'check', 'lp01'], { [PW_VAR]: HMC_PASSWORD })
    expect({ code: ok.code, head: ok.stdout.split('\n')[0] }).toEqual({ code: 0, head: expect.stringMatching(/^lp01: ok, level /) })
  })

  it('is asked for on a terminal without echo, and used', async () => {
    const prompt = `environment 'lp01': HMC password (${PW_VAR} is not set): `
    const r = await labconOnTty(['env', 'check', 'lp01'], prompt, HMC_PASSWORD)
    expect(r.tty).toContain(prompt)
    expect(r.tty).toMatch(/lp01: ok, level /)
    expect(r.tty).not.toContain(HMC_PASSWORD)
    expect(r.code).toBe(0)
  })
})
