// The HTTP transport of server mode against the real LabService on a temporary database: Reply envelopes,
// method/argument validation, token rules (loopback too), Host checks, static files with CSP, and SSE progress.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { request } from 'node:http'
import { EARLY_ANSWERS_ID, type RunProgress } from '@core/api/lab-api'
import { createLabService, type LabService } from '@main/service/lab-service'
import { embedEarlyAnswers, startLabServer, type LabServer } from '@main/server/http-server'
import { bundledCatalogDir } from '@main/server/bundled-catalog'
import { APP_ROOT } from '@main/server/launch'
import { CONTENT_SECURITY_POLICY } from '@main/server/csp'

let dir: string
let service: LabService
let server: LabServer

interface Answer {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** The loopback server's token header: sent to it unless a test passes its own credentials. */
const auth = (url: string, headers: Record<string, string> = {}): Record<string, string> =>
  server && url.startsWith(server.origin) && !('Cookie' in headers) && !('X-Lab-Token' in headers) ? { 'X-Lab-Token': server.token, ...headers } : headers

/** A raw HTTP request (fetch would refuse a forged Host header). */
function http(url: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: opts.method ?? 'GET', headers: auth(url, opts.headers) }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (c: string) => (body += c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
    })
    req.on('error', reject)
    req.end(opts.body)
  })
}
const call = (base: string, path: string, args: unknown, headers: Record<string, string> = {}): Promise<Answer> =>
  http(`${base}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(args) })

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'labcon-server-'))
  const renderer = join(dir, 'renderer')
  mkdirSync(join(renderer, 'assets'), { recursive: true })
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><head><title>console</title></head><body></body>')
  writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1)')
  writeFileSync(join(dir, 'secret.txt'), 'not served')
  service = createLabService({ dbPath: join(dir, 'lab.sqlite') })
  server = await startLabServer({ api: service, rendererDir: renderer })
})
afterAll(async () => {
  await server?.close()
  await service?.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('server mode on loopback', () => {
  it('binds 127.0.0.1, requires the token there too, and answers LabApi calls with a Reply', async () => {
    expect(server.url).toBe(`${server.origin}/?token=${server.token}`)
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const anonymous = await call(server.origin, '/api/environments/list', [], { 'X-Lab-Token': '' })
    expect(anonymous.status).toBe(401)
    const r = await call(server.origin, '/api/environments/list', [])
    expect(r.status).toBe(200)
    const reply = JSON.parse(r.body) as { ok: boolean; value: { name: string; kind: string }[] }
    expect(reply.ok).toBe(true)
    expect(reply.value.map((e) => e.name)).toContain('builtin')
  })

  it('rejects unknown methods, prototype keys and malformed arguments with a named error', async () => {
    const answers = await Promise.all([
      call(server.origin, '/api/environments/destroyAll', []),
      call(server.origin, '/api/environments/constructor', []),
      call(server.origin, '/api/environments/add', [{ name: 'x', kind: 'mainframe' }]),
      call(server.origin, '/api/catalogs/get', ['1']),
      call(server.origin, '/api/runs/start', [{ catalogId: 1, envs: [] }]),
      call(server.origin, '/api/catalogs/list', { not: 'an array' }),
      call(server.origin, '/api/results/matrix', [{ rows: { offset: 0, limit: 30 }, columns: { offset: -1, limit: 19 } }]),
    ])
    expect(answers.map((a) => [a.status, JSON.parse(a.body)])).toEqual([
      [400, { ok: false, error: { name: 'LabArgumentError', code: 'EINVAL', message: "unknown method 'environments.destroyAll'" } }],
      [400, { ok: false, error: { name: 'LabArgumentError', code: 'EINVAL', message: "unknown method 'environments.constructor'" } }],
      [
        400,
        {
          ok: false,
          error: {
            name: 'LabArgumentError',
            code: 'EINVAL',
            message: 'environments.add argument 1.kind: expected one of builtin, qemu-tcg, qemu-ssh, hercules, lpar-hmc, zvm, simulator, got "mainframe"',
          },
        },
      ],
      [400, { ok: false, error: { name: 'LabArgumentError', code: 'EINVAL', message: 'catalogs.get argument 1: expected a positive integer id, got "1"' } }],
      [400, { ok: false, error: { name: 'LabArgumentError', code: 'EINVAL', message: 'runs.start argument 1.envs: at least one environment is required' } }],
      [400, { ok: false, error: { name: 'LabArgumentError', code: 'EINVAL', message: 'catalogs.list: arguments must be an array' } }],
      [400, { ok: false, error: { name: 'LabArgumentError', code: 'EINVAL', message: 'results.matrix argument 1.columns.offset: expected an integer from 0 to 100000, got -1' } }],
    ])
  })

  it('passes service errors through as Reply data with their name', async () => {
    const r = await call(server.origin, '/api/catalogs/get', [4242])
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { name: 'NotFoundError' } })
    expect(JSON.parse(r.body).error.message).toContain('4242')
  })

  it('refuses non-POST API calls, non-JSON bodies, and forged Host names', async () => {
    const get = await http(`${server.origin}/api/environments/list`)
    const form = await http(`${server.origin}/api/environments/list`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '[]' })
    const badJson = await http(`${server.origin}/api/environments/list`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '[oops' })
    const rebinding = await call(server.origin, '/api/environments/list', [], { Host: 'attacker.example:80' })
    expect([get.status, form.status, badJson.status, rebinding.status]).toEqual([405, 415, 400, 403])
    expect(JSON.parse(badJson.body).error.message).toMatch(/^environments\.list: request body is not JSON/)
  })

  it('serves the renderer with the CSP, falls back to index.html for routes, and never leaves the renderer folder', async () => {
    const index = await http(`${server.origin}/`)
    const route = await http(`${server.origin}/matrix`)
    const asset = await http(`${server.origin}/assets/app.js`)
    const missing = await http(`${server.origin}/assets/nope.js`)
    const dotted = await http(`${server.origin}/%2e%2e/secret.txt`)
    const escape = await http(`${server.origin}/..%2fsecret.txt`)
    expect(index.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY)
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'")
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*unsafe/)
    expect([index.status, route.status, asset.status, missing.status]).toEqual([200, 200, 200, 404])
    expect(route.body).toBe(index.body)
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8')
    expect([dotted.status, escape.status]).toEqual([404, 403])
    expect(dotted.body + escape.body).not.toContain('not served')
  })

  it('embeds the catalog list in the page as JSON data, the same Reply the API answers, with `<` escaped', async () => {
    await call(server.origin, '/api/catalogs/import', [bundledCatalogDir(APP_ROOT)])
    const [page, api] = await Promise.all([http(`${server.origin}/matrix`), call(server.origin, '/api/catalogs/list', [])])
    const m = new RegExp(`<script type="application/json" id="${EARLY_ANSWERS_ID}">(.*?)</script>\\n  </head>`).exec(page.body)
    expect(JSON.parse(m?.[1] ?? 'null')).toEqual({ 'catalogs.list': { body: '[]', reply: JSON.parse(api.body) } })
    expect(JSON.parse(api.body).value.length).toBeGreaterThan(0)
    const hostile = embedEarlyAnswers('<head></head>', { 'catalogs.list': { body: '[]', reply: { ok: true, value: [{ name: '</script><script>alert(1)</script>' }] } } })
    expect(hostile).toBe(
      `<head>  <script type="application/json" id="${EARLY_ANSWERS_ID}">{"catalogs.list":{"body":"[]","reply":{"ok":true,"value":[{"name":"\\u003c/script>\\u003cscript>alert(1)\\u003c/script>"}]}}}</script>\n  </head>`,
    )
    expect(embedEarlyAnswers('<title>no head</title>', {})).toBe('<title>no head</title>')
    // Before the head's first script: an async entry script may run before the rest is parsed.
    expect(embedEarlyAnswers('<head><script type="module" async src="e.js"></script></head>', {})).toBe(
      `<head>  <script type="application/json" id="${EARLY_ANSWERS_ID}">{}</script>\n  <script type="module" async src="e.js"></script></head>`,
    )
  })

  it('streams run progress as Server-Sent Events while a real TCG run executes', async () => {
    const imported = JSON.parse((await call(server.origin, '/api/catalogs/import', [bundledCatalogDir(APP_ROOT)])).body)
    expect(imported.ok).toBe(true)
    const events: RunProgress[] = []
    const finished = new Promise<void>((resolve, reject) => {
      const req = request(`${server.origin}/api/events`, { headers: auth(server.origin) }, (res) => {
        expect(res.headers['content-type']).toBe('text/event-stream')
        let buf = ''
        res.setEncoding('utf8')
        res.on('data', (c: string) => {
          buf += c
          let i
          while ((i = buf.indexOf('\n\n')) >= 0) {
            const frame = buf.slice(0, i)
            buf = buf.slice(i + 2)
            const data = frame.split('\n').find((l) => l.startsWith('data: '))
            if (!data) continue
            const p = JSON.parse(data.slice(6)) as RunProgress
            events.push(p)
            if (p.state === 'done' || p.state === 'cancelled') {
              req.destroy()
              resolve()
            }
          }
        })
      })
      req.on('error', (e) => ((e as NodeJS.ErrnoException).code === 'ECONNRESET' ? resolve() : reject(e)))
      req.end()
    })
    await new Promise((r) => setTimeout(r, 100))
    const started = JSON.parse((await call(server.origin, '/api/runs/start', [{ catalogId: imported.value.id, envs: ['tcg'], tests: ['selftest', 'fail'] }])).body)
    expect(started.ok).toBe(true)
    await finished
    const mine = events.filter((e) => e.runId === started.value)
    const last = mine[mine.length - 1]
    expect(last).toMatchObject({ state: 'done', total: 2, done: 2, perEnv: [{ env: 'tcg', total: 2, done: 2 }] })
    const verdicts = mine.filter((e) => e.result).map((e) => [e.result?.test, e.result?.verdict])
    expect(verdicts.sort()).toEqual([
      ['fail', 'FAIL'],
      ['selftest', 'PASS'],
    ])
    expect(mine.some((e) => e.output?.text.includes('PASS: selftest'))).toBe(true)
  })
})

describe('server mode off loopback', () => {
  let open: LabServer
  beforeAll(async () => {
    open = await startLabServer({ api: service, rendererDir: null, host: '0.0.0.0' })
  })
  afterAll(() => open?.close())

  it('requires the random token: ?token= once (sets the cookie), then cookie or header', async () => {
    expect(open.token).toMatch(/^[A-Za-z0-9_-]{32}$/)
    expect(open.url).toBe(`${open.origin}/?token=${open.token}`)
    const base = open.origin.replace('0.0.0.0', '127.0.0.1')
    const none = await call(base, '/api/environments/list', [])
    const wrong = await call(base, '/api/environments/list', [], { 'X-Lab-Token': 'x'.repeat(32) })
    const query = await call(base, `/api/environments/list?token=${open.token}`, [])
    const cookie = String(query.headers['set-cookie'])
    const viaCookie = await call(base, '/api/environments/list', [], { Cookie: cookie.split(';')[0] ?? '' })
    const viaHeader = await call(base, '/api/environments/list', [], { 'X-Lab-Token': open.token ?? '' })
    const viaBearer = await call(base, '/api/environments/list', [], { Authorization: `Bearer ${open.token}` })
    const sse = await http(`${base}/api/events`)
    expect([none.status, wrong.status, query.status, viaCookie.status, viaHeader.status, viaBearer.status, sse.status]).toEqual([401, 401, 200, 200, 200, 200, 401])
    expect(cookie).toMatch(/^labcon_token=[A-Za-z0-9_-]+; HttpOnly; SameSite=Strict; Path=\//)
    expect(JSON.parse(viaCookie.body).ok).toBe(true)
  })
})
