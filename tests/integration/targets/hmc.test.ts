import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Environment } from '@core/domain/environment'
import { verdictOf } from '@core/domain/verdict'
import { createHmcTarget, hmcSettings, OsMessageCursor, stagingConfig } from '@main/targets/hmc'
import { detachedHost, type Target } from '@main/targets/target'
import { startFakeHmc, type FakeHmc } from '../../fixtures/fake-hmc/server'
import { startSshd, type SshdFixture } from '../../fixtures/sshd/sshd'
import { essentials, KERNELS_DIR, runRequest } from './kernels'

const HMC_PASSWORD = 'hmc-secret-Zz9'
const SFTP_PASSWORD = 'sftp-secret-Qq7'
let fx: SshdFixture
let hmc: FakeHmc
const targets: Target[] = []

process.env['LABCON_TEST_HMC_PASSWORD'] = HMC_PASSWORD
process.env['LABCON_TEST_SFTP_PASSWORD'] = SFTP_PASSWORD

function lpar(config: Record<string, unknown> = {}, concurrency = 1): Target {
  const e: Environment = {
    id: 21,
    name: 'lpar-lp01',
    kind: 'lpar-hmc',
    level: '',
    config: {
      url: hmc.url,
      allowInsecureHttp: true,
      userid: 'labop',
      passwordEnv: 'LABCON_TEST_HMC_PASSWORD',
      lparUri: hmc.lparUri,
      pollMs: 50,
      staging: { ...fx.sshConfig(), passwordEnv: 'LABCON_TEST_SFTP_PASSWORD' },
      ...config,
    },
    facts: {},
    concurrency,
    createdAt: new Date().toISOString(),
  }
  const t = createHmcTarget(e, detachedHost(process.env))
  targets.push(t)
  return t
}

beforeAll(async () => {
  fx = await startSshd()
  hmc = await startFakeHmc({ userid: 'labop', password: HMC_PASSWORD, sftp: { port: fx.port, privateKeyPath: fx.clientKeyPath, acceptedPassword: SFTP_PASSWORD }, memMiB: 256 })
})
afterAll(async () => {
  for (const t of targets) await t.dispose()
  await hmc?.stop()
  await fx?.stop()
})

describe('OsMessageCursor', () => {
  it('hands out new messages in order and reports every gap', () => {
    const m = (n: number) => ({ 'sequence-number': n, 'message-text': `m${n}` })
    const c = new OsMessageCursor(2)
    expect(c.accept([m(2), m(3), m(4)]).messages.map((x) => x['sequence-number'])).toEqual([3, 4])
    expect(c.accept([m(7), m(8), m(10)])).toEqual({ messages: [m(7), m(8), m(10)], gaps: [{ from: 5, to: 6 }, { from: 9, to: 9 }] })
    expect(c.gaps).toEqual([{ from: 5, to: 6 }, { from: 9, to: 9 }])
  })
})

describe('hmc settings', () => {
  it('refuses plain passwords, plain http without the test flag, and a missing LPAR', () => {
    const base = { url: 'https://hmc.lab:6794', userid: 'u', passwordEnv: 'X', lparUri: '/api/logical-partitions/1', staging: { host: 'sftp.lab', passwordEnv: 'Y' } }
    expect(() => hmcSettings({ name: 'e', config: { ...base, password: 'x' } })).toThrow("environment 'e': a plain 'password' must not be stored in the config; use 'passwordEnv' (environment variable) or 'passwordKey' (keychain)")
    expect(() => hmcSettings({ name: 'e', config: { ...base, url: 'http://hmc.lab:6794' } })).toThrow(/plain http; the HMC speaks https/)
    expect(() => hmcSettings({ name: 'e', config: { ...base, lparUri: undefined } })).toThrow("environment 'e': set 'lparUri', or 'cpcName' and 'lparName'")
    expect(stagingConfig({ staging: { host: 'a', port: 22 }, 'staging.port': 2222, 'staging.user': 'u' })).toEqual({ host: 'a', port: 2222, user: 'u' })
    expect(hmcSettings({ name: 'e', config: base }).staging).toEqual({ dir: '/tmp', hmcHostName: 'sftp.lab', userName: 'root', password: { env: 'Y', key: undefined } })
  })
})

// Several runs per test, each a real SFTP stage and emulator run: generous limits for a loaded machine.
describe('lpar-hmc driver over https', { timeout: 300_000 }, () => {
  it('verifies the HMC certificate against the configured CA and refuses an unknown one', async () => {
    const tlsDir = mkdtempSync(join(tmpdir(), 'labcon-hmc-tls-'))
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(tlsDir, 'key.pem'), '-out', join(tlsDir, 'cert.pem')], { stdio: 'ignore' })
    const tlsHmc = await startFakeHmc({
      userid: 'labop',
      password: HMC_PASSWORD,
      sftp: { port: fx.port, privateKeyPath: fx.clientKeyPath, acceptedPassword: SFTP_PASSWORD },
      tls: { key: readFileSync(join(tlsDir, 'key.pem')), cert: readFileSync(join(tlsDir, 'cert.pem')) },
    })
    try {
      const trusted = await lpar({ url: tlsHmc.url, allowInsecureHttp: false, lparUri: tlsHmc.lparUri, caPath: join(tlsDir, 'cert.pem') }).run(runRequest('fail'))
      expect(essentials(trusted)).toEqual({ exitStatus: 3, timedOut: false, cancelled: false, infraError: null })
      const unknownCa = await lpar({ url: tlsHmc.url, allowInsecureHttp: false, lparUri: tlsHmc.lparUri }).run(runRequest('fail'))
      expect(unknownCa.infraError).toBe('HMC POST /api/sessions: self-signed certificate')
    } finally {
      await tlsHmc.stop()
      rmSync(tlsDir, { recursive: true, force: true })
    }
  })
})

describe('lpar-hmc driver against the HMC test server', { timeout: 300_000 }, () => {
  it('reports machine and SE level from the CPC properties, finding the LPAR by name', async () => {
    const h = await lpar({ lparUri: undefined, cpcName: 'CPC1', lparName: 'LP01' }).health()
    expect({ ok: h.ok, level: h.level, problems: h.problems }).toEqual({ ok: true, level: '3931-A01 SE 2.16.0', problems: [] })
    expect(h.facts).toMatchObject({ 'lpar.name': 'LP01', 'cpc.machine-type': '3931', 'staging.hostKey': fx.hostKeyFingerprint })
    expect((await lpar({}, 4).health()).problems).toContain('an LPAR runs one kernel at a time: concurrency must be 1 (is 4)')
  })

  it('stages the kernel, loads it from SFTP, follows the OS messages to EXIT, then stops, resets and logs off', async () => {
    hmc.calls.length = 0
    const req = runRequest('selftest')
    const o = await lpar().run(req)
    expect(essentials(o)).toEqual({ exitStatus: 1, timedOut: false, cancelled: false, infraError: null })
    expect(o.log).toContain("INFO: selftest: args: argc 4, boot arguments 'test 123 mem=256'")
    expect(o.log).not.toContain('HCPOLD') // messages of earlier loads are not ours
    expect(req.output.join('')).toBe(o.log)
    const load = hmc.lastLoad as Map<string, Buffer>
    expect([...load.keys()]).toEqual(['kernel.bin', 'parm.txt'])
    expect(load.get('kernel.bin')?.equals(readFileSync(`${KERNELS_DIR}selftest.bin`))).toBe(true)
    expect(load.get('parm.txt')?.toString()).toBe('test 123 mem=256')
    // Job polls repeat as long as the job runs: compare the call sequence with repeats collapsed.
    const calls = hmc.calls.map((c) => c.replace(/[0-9a-f-]{36}/g, 'ID')).filter((c, i, all) => c !== all[i - 1])
    expect(calls.slice(0, 5)).toEqual([
      'POST /api/sessions',
      'GET /api/logical-partitions/ID/operations/list-os-messages',
      'POST /api/logical-partitions/ID/operations/load-from-ftp',
      'GET /api/jobs/ID',
      'DELETE /api/jobs/ID',
    ])
    expect(calls.slice(-7)).toEqual([
      'POST /api/logical-partitions/ID/operations/stop',
      'GET /api/jobs/ID',
      'DELETE /api/jobs/ID',
      'POST /api/logical-partitions/ID/operations/reset-clear',
      'GET /api/jobs/ID',
      'DELETE /api/jobs/ID',
      'DELETE /api/sessions/this-session',
    ])
    expect(o.command + o.log + JSON.stringify(o.facts)).not.toContain(HMC_PASSWORD)
    expect(o.command + o.log + JSON.stringify(o.facts)).not.toContain(SFTP_PASSWORD)
  })

  it('reports lost OS messages (a sequence gap) in the log and as an infra error', async () => {
    // The selftest prints far more than 4 lines: drop two of them from the history.
    const base = await nextSequence()
    hmc.knobs.dropSequence = new Set([base + 3, base + 4])
    const o = await lpar().run(runRequest('selftest'))
    hmc.knobs.dropSequence = new Set()
    expect(o.infraError).toBe(`HMC lost OS messages ${base + 3}..${base + 4} (sequence gap): the console log is incomplete`)
    // The marker stands where the messages went missing: after the three messages base..base+2.
    expect(o.log.split('\n').indexOf(`[labcon: HMC lost OS messages ${base + 3}..${base + 4} (sequence gap)]`)).toBe(3)
    expect(o.facts['hmc.lostMessages']).toBe(`${base + 3}..${base + 4}`)
    expect(o.exitStatus).toBe(1)
  })

  it('maps HMC errors to infra errors with status and reason code', async () => {
    const wrong = await lpar({ passwordEnv: 'LABCON_TEST_SFTP_PASSWORD' }).run(runRequest('fail'))
    expect(wrong.infraError).toBe('HMC POST /api/sessions: HTTP 403 reason 0 (logon refused: check userid and password): logon failed: userid or password not valid')

    hmc.knobs.failRequest = { match: /list-os-messages/, status: 503, reason: 2, message: 'the HMC is busy' }
    const busy = await lpar().run(runRequest('fail'))
    expect(busy.infraError).toMatch(/^HMC GET \/api\/logical-partitions\/[\w-]+\/operations\/list-os-messages: HTTP 503 reason 2 \(HMC temporarily unavailable\): the HMC is busy$/)

    hmc.knobs.failLoadJob = { status: 500, reason: 270, message: 'load failed: IPL device not operational' }
    const failedJob = await lpar().run(runRequest('fail'))
    expect(failedJob.infraError).toMatch(/^HMC load-from-ftp job \/api\/jobs\/[\w-]+ failed: status 500, reason 270: load failed: IPL device not operational$/)

    const noSecret = await lpar({ passwordEnv: 'LABCON_TEST_UNSET_PASSWORD' }).run(runRequest('fail'))
    expect(noSecret.infraError).toBe("environment 'lpar-lp01': HMC password: secret not found (tried environment variable LABCON_TEST_UNSET_PASSWORD)")

    const badSftp = await lpar({ staging: { ...fx.sshConfig(), passwordEnv: 'LABCON_TEST_HMC_PASSWORD' } }).run(runRequest('fail'))
    expect(badSftp.infraError).toMatch(/^HMC load-from-ftp job .* failed: status 500, reason 263: authentication with the FTP server failed$/)
  })

  it('times out a kernel that never ends and still stops and resets the LPAR', async () => {
    hmc.calls.length = 0
    const o = await lpar().run(runRequest('loop', { timeoutMs: 20_000 }))
    expect(essentials(o)).toEqual({ exitStatus: null, timedOut: true, cancelled: false, infraError: null })
    expect(o.log).toContain('loop: started')
    expect(hmc.calls.filter((c) => /operations\/(stop|reset-clear)$/.test(c)).length).toBe(2)
  })

  it('runs one kernel at a time on the LPAR even when asked for two at once', async () => {
    hmc.calls.length = 0
    const t = lpar()
    const [a, b] = await Promise.all([t.run(runRequest('fail')), t.run(runRequest('selftest'))])
    expect([a.exitStatus, b.exitStatus]).toEqual([3, 1])
    const ops = hmc.calls.filter((c) => /operations\/(load-from-ftp|reset-clear)$/.test(c)).map((c) => c.replace(/.*\//, ''))
    expect(ops).toEqual(['load-from-ftp', 'reset-clear', 'load-from-ftp', 'reset-clear'])
  })
})

describe('the fake LPAR runs what was loaded, and its OS messages behave as line mode', { timeout: 300_000 }, () => {
  it('runs the loaded bytes: a patched image shows its patch', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'labcon-patched-'))
    const bin = readFileSync(`${KERNELS_DIR}selftest.bin`)
    const at = bin.indexOf('argc == 4')
    expect(at).toBeGreaterThan(0)
    bin.write('ARGC == 4', at, 'latin1')
    writeFileSync(join(dir, 'selftest.bin'), bin)
    const o = await lpar().run(runRequest('selftest', { flatPath: join(dir, 'selftest.bin') }))
    expect(essentials(o)).toEqual({ exitStatus: 1, timedOut: false, cancelled: false, infraError: null })
    expect(o.log).toContain('PASS: selftest: args: ARGC == 4')
    rmSync(dir, { recursive: true, force: true })
  })

  it('splits lines longer than the line limit into several messages, which the driver joins again', async () => {
    const base = await nextSequence()
    const o = await lpar().run(runRequest('selftest'))
    const line = 'PASS: selftest: facilities: STFLE with 1 doubleword: CC 3, R0 = needed - 1, first doubleword stored'
    expect(o.log.split('\n')).toContain(line)
    const raw = (await osMessages()).filter((m) => m['sequence-number'] >= base).map((m) => m['message-text'])
    const i = raw.indexOf(line.slice(0, 80))
    expect(raw.slice(i, i + 2)).toEqual([line.slice(0, 80), line.slice(80)])
  })

  it('follows the sequence numbers through their wrap to 0', async () => {
    hmc.clearMessages()
    hmc.nextSequence = 2 ** 32 - 12
    hmc.addOsMessage('message of an earlier load')
    const o = await lpar().run(runRequest('selftest'))
    expect(essentials(o)).toEqual({ exitStatus: 1, timedOut: false, cancelled: false, infraError: null })
    expect(o.facts['hmc.sequenceWraps']).toBe('1')
    expect(o.log).toContain("INFO: selftest: args: argc 4, boot arguments 'test 123 mem=256'")
    expect(o.log).not.toContain('earlier load')
    expect(hmc.nextSequence).toBeLessThan(1000)
  })

  it('a history that overflows before the driver reads it is a sequence gap: INFRA', async () => {
    hmc.knobs.historyMax = 5
    try {
      const o = await lpar({ pollMs: 3_000 }).run(runRequest('selftest'))
      expect(verdictOf({ ...o, exitStatus: null, subtests: [] })).toEqual({ verdict: 'INFRA', reason: expect.stringMatching(/^HMC lost OS messages \d+\.\.\d+ \(sequence gap\): the console log is incomplete$/) })
      expect(o.log).toMatch(/^\[labcon: HMC lost OS messages \d+\.\.\d+ \(sequence gap\)\]$/m)
    } finally {
      hmc.knobs.historyMax = 1000
    }
  })
})

describe('faults of the HMC are INFRA with the reason', { timeout: 300_000 }, () => {
  it('409: the LPAR is not in a state for the load', async () => {
    hmc.knobs.conflict = { reason: 1, message: 'LP01 is not operating (test text)' }
    try {
      const o = await lpar().run(runRequest('fail'))
      expect(verdictOf({ ...o, subtests: [] })).toEqual({
        verdict: 'INFRA',
        reason: expect.stringMatching(/^HMC POST \/api\/logical-partitions\/[\w-]+\/operations\/load-from-ftp: HTTP 409 reason 1 \(the LPAR is not in a state that allows this operation\): LP01 is not operating \(test text\)$/),
      })
    } finally {
      hmc.knobs.conflict = null
    }
  })

  it('a session that expires mid-run is renewed once; a second expiry is INFRA', async () => {
    const logons = (): number => hmc.calls.filter((c) => c === 'POST /api/sessions').length
    hmc.calls.length = 0
    const ac = new AbortController()
    const req = runRequest('loop', { timeoutMs: 90_000, signal: ac.signal })
    const p = lpar().run(req)
    await until(() => req.output.join('').includes('loop: started'))
    hmc.expireSessions()
    await until(() => logons() === 2)
    const polls = hmc.calls.length
    await until(() => hmc.calls.slice(polls).some((c) => c.endsWith('/operations/list-os-messages')))
    ac.abort()
    const o = await p
    expect(essentials(o)).toEqual({ exitStatus: null, timedOut: false, cancelled: true, infraError: null })
    expect(o.command).toContain('(session expired: logon again)')

    const req2 = runRequest('loop', { timeoutMs: 90_000 })
    const p2 = lpar().run(req2)
    await until(() => req2.output.join('').includes('loop: started'))
    const before = logons()
    hmc.expireSessions()
    await until(() => logons() === before + 1)
    hmc.expireSessions()
    const o2 = await p2
    expect(verdictOf({ ...o2, subtests: [] })).toEqual({
      verdict: 'INFRA',
      reason: expect.stringMatching(/^HMC GET \/api\/logical-partitions\/[\w-]+\/operations\/list-os-messages: HTTP 403 reason 5 \(session not valid or expired\): the session ID in X-API-Session is not valid$/),
    })
  })

  it('a load job cancelled on the HMC is INFRA; cancelling our run cancels the job', async () => {
    hmc.knobs.cancelLoadJob = true
    const o = await lpar().run(runRequest('fail'))
    expect(verdictOf({ ...o, subtests: [] })).toEqual({ verdict: 'INFRA', reason: expect.stringMatching(/^HMC load-from-ftp job \/api\/jobs\/[\w-]+ was canceled: status 0, reason 0: canceled by an operator$/) })

    hmc.calls.length = 0
    hmc.knobs.jobPolls = 100_000
    try {
      const ac = new AbortController()
      const p = lpar().run(runRequest('fail', { signal: ac.signal }))
      await until(() => hmc.calls.some((c) => /^GET \/api\/jobs\//.test(c)))
      ac.abort()
      const c = await p
      expect({ cancelled: c.cancelled, verdict: verdictOf({ ...c, subtests: [] }).verdict }).toEqual({ cancelled: true, verdict: 'CANCELLED' })
      expect(hmc.calls.some((x) => /^POST \/api\/jobs\/[\w-]+\/operations\/cancel$/.test(x))).toBe(true)
    } finally {
      hmc.knobs.jobPolls = 1
    }
  })
})

/** Waits until `cond` holds; fails the test after 60 s. */
async function until(cond: () => boolean): Promise<void> {
  const end = Date.now() + 60_000
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not reached within 60 s')
    await new Promise((r) => setTimeout(r, 20))
  }
}

/** list-os-messages from 0 (the whole history). */
async function osMessages(): Promise<Array<{ 'sequence-number': number; 'message-text': string }>> {
  const s = await fetch(`${hmc.url}/api/sessions`, { method: 'POST', body: JSON.stringify({ userid: 'labop', password: HMC_PASSWORD }) })
  const token = ((await s.json()) as { 'api-session': string })['api-session']
  const r = await fetch(`${hmc.url}${hmc.lparUri}/operations/list-os-messages?begin-sequence-number=0&max-messages=100000`, { headers: { 'X-API-Session': token } })
  return ((await r.json()) as { 'os-messages': Array<{ 'sequence-number': number; 'message-text': string }> })['os-messages']
}

/** The sequence number the next OS message will get (asks the server through the driver's own API shape). */
async function nextSequence(): Promise<number> {
  const s = await fetch(`${hmc.url}/api/sessions`, { method: 'POST', body: JSON.stringify({ userid: 'labop', password: HMC_PASSWORD }) })
  const token = ((await s.json()) as { 'api-session': string })['api-session']
  const r = await fetch(`${hmc.url}${hmc.lparUri}/operations/list-os-messages?max-messages=100000`, { headers: { 'X-API-Session': token } })
  const list = ((await r.json()) as { 'os-messages': Array<{ 'sequence-number': number }> })['os-messages']
  return (list.at(-1)?.['sequence-number'] ?? 0) + 1
}
