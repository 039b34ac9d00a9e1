// Issue 9 item 4: an HMC whose failed-logon answer echoes the password. The password (and the staging SFTP password)
// must not appear in a health problem or a run's infraError — what the CLI prints and the store keeps as the reason.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Environment } from '@core/domain/environment'
import { createHmcTarget } from '@main/targets/hmc'
import { startSshd, type SshdFixture } from '../../fixtures/sshd/sshd'
import { runRequest } from '../targets/kernels'
import { detachedHost } from '@main/targets/target'

const HMC_PASSWORD = 'echoed-Hmc-pw-7731'
const SFTP_PASSWORD = 'echoed-Sftp-pw-5512'
let server: Server
let url = ''
let fx: SshdFixture

beforeAll(async () => {
  fx = await startSshd()
  // A careless HMC: the logon error repeats the request body, password included.
  server = createServer((req, res) => {
    let body = ''
    req.on('data', (d: Buffer) => (body += d.toString()))
    req.on('end', () => {
      res.writeHead(403, { 'Content-Type': 'application/json' })
      res.end(JSON.stringify({ 'http-status': 403, reason: 0, message: `logon failed for request ${body}` }))
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  process.env['LABCON_TEST_ECHO_HMC_PW'] = HMC_PASSWORD
  process.env['LABCON_TEST_ECHO_SFTP_PW'] = SFTP_PASSWORD
})
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()))
  await fx.stop()
})

function target(): ReturnType<typeof createHmcTarget> {
  const env: Environment = {
    id: 91,
    name: 'lpar-echo',
    kind: 'lpar-hmc',
    level: '',
    config: {
      url,
      allowInsecureHttp: true,
      userid: 'labop',
      passwordEnv: 'LABCON_TEST_ECHO_HMC_PW',
      lparUri: '/api/logical-partitions/lp01',
      staging: { ...fx.sshConfig(), passwordEnv: 'LABCON_TEST_ECHO_SFTP_PW' },
    },
    facts: {},
    concurrency: 1,
    createdAt: new Date().toISOString(),
  }
  return createHmcTarget(env, detachedHost(process.env))
}

describe('HMC secrets when the logon fails', () => {
  it('health() names the refused logon without the password', async () => {
    const t = target()
    const report = await t.health()
    await t.dispose()
    const hmcProblem = report.problems.find((p) => p.startsWith('HMC POST /api/sessions'))
    expect(hmcProblem).toBe('HMC POST /api/sessions: HTTP 403 reason 0 (logon refused: check userid and password): logon failed for request {"userid":"labop","password":"***"}')
  })

  it('run() reports the refused logon as infraError without either password', async () => {
    const t = target()
    const out = await t.run({ ...runRequest('selftest'), timeoutMs: 30_000 })
    await t.dispose()
    expect(out.infraError).toBe('HMC POST /api/sessions: HTTP 403 reason 0 (logon refused: check userid and password): logon failed for request {"userid":"labop","password":"***"}')
    expect(JSON.stringify(out)).not.toMatch(new RegExp(`${HMC_PASSWORD}|${SFTP_PASSWORD}`))
  })
})
