// Issue 9 items 1 and 8: server mode as a real HTTP client sees it. Loopback needs the token too (the attacks from
// the issue: reading /etc/shadow through catalogs.import, adding a simulator that runs a shell); ?token= is
// exchanged for an HttpOnly SameSite=Strict cookie; oversized bodies get 413, malformed URLs 400; event streams are
// capped and a client that stops reading is dropped.
import { connect, type Socket } from 'node:net'
import { request } from 'node:http'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LabApi, RunProgress } from '@core/api/lab-api'
import { createLabService, type LabService } from '@main/service/lab-service'
import { MAX_BODY, startLabServer, type LabServer } from '@main/server/http-server'

interface Answer {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

function http(url: string, opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer; chunked?: boolean } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (c: string) => (body += c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
    })
    req.on('error', reject)
    if (opts.chunked && opts.body) {
      // No Content-Length: the server learns the size only as the body arrives.
      const b = Buffer.from(opts.body)
      for (let i = 0; i < b.length; i += 64 << 10) req.write(b.subarray(i, i + (64 << 10)))
      req.end()
    } else req.end(opts.body)
  })
}

let dir: string
let service: LabService
let server: LabServer
const json = { 'Content-Type': 'application/json' }

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'labcon-server-hard-'))
  service = createLabService({ dbPath: join(dir, 'lab.sqlite') })
  server = await startLabServer({ api: service, rendererDir: null })
})
afterAll(async () => {
  await server.close()
  await service.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('token on loopback', () => {
  it('refuses every API call without the token, including the attacks from the issue', async () => {
    const shadow = await http(`${server.origin}/api/catalogs/import`, { method: 'POST', headers: json, body: '["/etc/shadow"]' })
    const sim = await http(`${server.origin}/api/environments/add`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify([{ name: 'sh', kind: 'simulator', config: { command: ['/bin/sh', '-c', 'id > /tmp/pwned'] } }]),
    })
    const events = await http(`${server.origin}/api/events`)
    const page = await http(`${server.origin}/`)
    const wrong = await http(`${server.origin}/api/environments/list`, { method: 'POST', headers: { ...json, 'X-Lab-Token': 'x'.repeat(32) }, body: '[]' })
    expect([shadow, sim, events, page, wrong].map((a) => [a.status, a.body])).toEqual(
      Array.from({ length: 5 }, () => [401, '401 token required: open the URL printed by labcon start\n']),
    )
    expect((await service.environments.list()).map((e) => e.name)).not.toContain('sh')
  })

  it('exchanges ?token= for an HttpOnly SameSite=Strict cookie and a redirect without the token; the cookie then works', async () => {
    expect(server.url).toBe(`${server.origin}/?token=${server.token}`)
    const open = await http(server.url)
    const cookie = String(open.headers['set-cookie'])
    expect({ status: open.status, location: open.headers['location'], cookie }).toEqual({
      status: 303,
      location: '/',
      cookie: `labcon_token=${server.token}; HttpOnly; SameSite=Strict; Path=/`,
    })
    const viaCookie = await http(`${server.origin}/api/environments/list`, { method: 'POST', headers: { ...json, Cookie: cookie.split(';')[0] ?? '' }, body: '[]' })
    const viaBearer = await http(`${server.origin}/api/environments/list`, { method: 'POST', headers: { ...json, Authorization: `Bearer ${server.token}` }, body: '[]' })
    expect([viaCookie.status, JSON.parse(viaCookie.body).ok, viaBearer.status]).toEqual([200, true, 200])
  })
})

describe('HTTP edges', () => {
  const auth = (): Record<string, string> => ({ ...json, 'X-Lab-Token': server.token })

  it('answers 413 (not a reset) to a body over the limit, with or without Content-Length', async () => {
    const big = `["${'a'.repeat(MAX_BODY + 10)}"]`
    const declared = await http(`${server.origin}/api/catalogs/import`, { method: 'POST', headers: auth(), body: big })
    const streamed = await http(`${server.origin}/api/catalogs/import`, { method: 'POST', headers: auth(), body: big, chunked: true })
    const expected = [413, `413 request body larger than ${MAX_BODY} bytes\n`]
    expect([[declared.status, declared.body], [streamed.status, streamed.body]]).toEqual([expected, expected])
    // The server still answers afterwards.
    expect((await http(`${server.origin}/api/environments/list`, { method: 'POST', headers: auth(), body: '[]' })).status).toBe(200)
  })

  it('answers 400 to a malformed URL', async () => {
    const r = await http(`${server.origin}/%E0%A4%A`, { headers: auth() })
    expect([r.status, r.body]).toEqual([400, '400 malformed request URL "/%E0%A4%A"\n'])
  })
})

describe('event streams', () => {
  let emit: (p: RunProgress) => void = () => {}
  let small: LabServer
  beforeAll(async () => {
    const api = { runs: { onProgress: (l: (p: RunProgress) => void) => ((emit = l), () => {}) } } as unknown as LabApi
    small = await startLabServer({ api, rendererDir: null, maxEventClients: 3, maxEventBacklog: 256 << 10 })
  })
  afterAll(() => small.close())

  /** A raw event-stream client; `read: false` never reads what the server sends. */
  function stream(read: boolean): Promise<{ socket: Socket; head: string; received: () => number }> {
    return new Promise((resolve, reject) => {
      const socket = connect(Number(new URL(small.origin).port), '127.0.0.1')
      let head = ''
      let received = 0
      socket.once('error', reject)
      socket.write(`GET /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Lab-Token: ${small.token}\r\n\r\n`)
      const onData = (d: Buffer): void => {
        received += d.length
        if (head.includes('\r\n\r\n')) return
        head += d.toString('latin1')
        if (!head.includes('\r\n\r\n')) return
        if (!read) {
          socket.off('data', onData)
          socket.pause()
        }
        resolve({ socket, head: head.split('\r\n')[0] ?? '', received: () => received })
      }
      socket.on('data', onData)
    })
  }
  async function until(cond: () => boolean): Promise<void> {
    for (let i = 0; i < 500 && !cond(); i++) await new Promise((r) => setTimeout(r, 10))
  }
  const progress = (text: string): RunProgress => ({ runId: 1, state: 'running', total: 1, done: 0, perEnv: [], output: { test: 't', env: 'e', repetition: 1, text } }) as RunProgress

  it('caps concurrent streams (503) and drops a client that stops reading while a reading one stays', async () => {
    const reader = await stream(true)
    const stalled = await stream(false)
    const third = await stream(true)
    const fourth = await stream(true)
    expect([reader.head, stalled.head, third.head, fourth.head]).toEqual(['HTTP/1.1 200 OK', 'HTTP/1.1 200 OK', 'HTTP/1.1 200 OK', 'HTTP/1.1 503 Service Unavailable'])
    third.socket.destroy()
    fourth.socket.destroy()
    await until(() => small.eventClients() === 2)
    // 32 MiB of progress: far beyond socket buffers plus the 256 KiB backlog allowed to the stalled client.
    const chunk = 'x'.repeat(256 << 10)
    for (let i = 0; i < 128; i++) {
      emit(progress(chunk))
      // The reading client keeps up (slowly); the stalled one never reads.
      while (reader.received() < (i + 1) * chunk.length) await new Promise((r) => setTimeout(r, 1))
    }
    expect(small.eventClients()).toBe(1)
    reader.socket.destroy()
    stalled.socket.destroy()
  })
})
