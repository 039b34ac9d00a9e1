// Issue 14 item 4: a representative error of each kind gets the HTTP status and Reply code of its kind from the real
// server, and the exit code of its kind from the real `labcon` entry.
import { spawn } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LabApi } from '@core/api/lab-api'
import { DuplicateNameError, NotFoundError } from '@main/db/errors'
import { startLabServer, type LabServer } from '@main/server/http-server'
import { InvalidInputError } from '@main/service/validate'
import { SshError } from '@main/targets/ssh'
import { zvmSettings } from '@main/targets/zvm'
import { ROOT, tempDbDir } from '../runner/fixture'

const post = (origin: string, token: string, path: string, body: unknown[]): Promise<{ status: number; body: unknown }> =>
  new Promise((resolve, reject) => {
    const req = request(`${origin}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Lab-Token': token } }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (c: string) => (text += c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }))
    })
    req.on('error', reject)
    req.end(JSON.stringify(body))
  })

describe('HTTP status and Reply code by kind', () => {
  let server: LabServer
  // runs.get(n) throws the n-th error: one of each kind, as the service and drivers throw them.
  const errors: (() => never)[] = [
    () => {
      throw new InvalidInputError('plan.envs', 'at least one environment is required')
    },
    () => {
      throw new NotFoundError('run', 77)
    },
    () => {
      throw new DuplicateNameError('environment', 'tcg')
    },
    () => zvmSettings({ name: 'z', config: { guest: 'NOT A USERID' } }) as never,
    () => {
      throw new SshError('ssh root@127.0.0.1:22: connection refused')
    },
    () => {
      throw new TypeError("Cannot read properties of undefined (reading 'id')")
    },
  ]
  beforeAll(async () => {
    const api = { runs: { get: async (id: number) => (errors[id - 1] as () => never)(), onProgress: () => () => {} } } as unknown as LabApi
    server = await startLabServer({ api, rendererDir: null })
  })
  afterAll(() => server.close())

  it('answers each kind with its status and code, and the message naming the input', async () => {
    const answers = await Promise.all(errors.map((_, i) => post(server.origin, server.token, '/api/runs/get', [i + 1])))
    expect(answers).toEqual([
      { status: 400, body: { ok: false, error: { name: 'InvalidInputError', code: 'EINVAL', message: 'plan.envs: at least one environment is required' } } },
      { status: 404, body: { ok: false, error: { name: 'NotFoundError', code: 'ENOTFOUND', message: 'run 77 not found' } } },
      { status: 409, body: { ok: false, error: { name: 'DuplicateNameError', code: 'ECONFLICT', message: "environment 'tcg' already exists" } } },
      {
        status: 422,
        body: { ok: false, error: { name: 'ZvmConfigError', code: 'ECONFIG', message: `environment 'z': 'guest' must be a z/VM userid (1-8 of A-Z 0-9 $ # @), got "NOT A USERID"` } },
      },
      { status: 502, body: { ok: false, error: { name: 'SshError', code: 'EINFRA', message: 'ssh root@127.0.0.1:22: connection refused' } } },
      { status: 500, body: { ok: false, error: { name: 'TypeError', code: 'EBUG', message: "Cannot read properties of undefined (reading 'id')" } } },
    ])
  })
})

describe('labcon exit code by kind', () => {
  const d = tempDbDir()
  afterAll(d.cleanup)
  const labcon = (args: string[]): Promise<{ code: number | null; stderr: string }> =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [join(ROOT, 'src-main', 'cli', 'labcon.mjs'), ...args], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] })
      let stderr = ''
      child.stderr.on('data', (b: Buffer) => (stderr += b.toString()))
      child.on('error', reject)
      child.on('close', (code) => resolve({ code, stderr }))
    })

  it('exits 2 for input, 3 for not-found, conflict, config and infra, naming the input', async () => {
    const badCfg = join(d.dir, 'bad')
    mkdirSync(badCfg)
    writeFileSync(join(badCfg, 'unittests.cfg'), '[t]\nfile = t.elf\nsmpp = 2\n')
    const notADb = join(d.dir, 'not-a-db.sqlite')
    writeFileSync(notADb, 'this is not an SQLite database, it is a text file long enough to have a header\n'.repeat(20))
    const runs = await Promise.all([
      labcon(['compare', 'run:x', 'run:1', '--db', d.db]),
      labcon(['env', 'check', 'nosuch', '--db', d.db]),
      labcon(['env', 'add', '--name', 'builtin', '--kind', 'builtin', '--db', d.db]),
      labcon(['import', badCfg, '--db', d.db]),
      labcon(['env', 'list', '--db', notADb]),
    ])
    expect(runs.map((r) => [r.code, r.stderr.split('\n')[0]?.replace(/:.*/s, '')])).toEqual([
      [2, 'labcon compare'],
      [3, 'labcon env'],
      [3, 'labcon env'],
      [3, 'labcon import'],
      [3, 'labcon env'],
    ])
    expect(runs.map((r) => /(\w+Error): /.exec(r.stderr)?.[1])).toEqual(['SideSyntaxError', 'NotFoundError', 'DuplicateNameError', 'CatalogParseError', 'StoreOpenError'])
  })
})
