// Server mode: the same LabApi over HTTP for a browser. POST /api/<group>/<method> with a JSON array of arguments
// answers a Reply; GET /api/events streams RunProgress as Server-Sent Events; everything else serves the built
// renderer. Loopback binds need no token; any other bind requires the token (?token= once, then cookie or header).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { readFile, stat } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'
import type { AddressInfo } from 'node:net'
import type { LabApi, RunProgress } from '@core/api/lab-api'
import { dispatchLab } from '../ipc/dispatch'
import { CONTENT_SECURITY_POLICY } from './csp'

/** Options of the HTTP transport. */
export interface LabServerOptions {
  api: LabApi
  /** Directory with the built renderer (index.html); null serves the API only. */
  rendererDir: string | null
  /** Default 127.0.0.1. */
  host?: string
  /** Default 0: any free port. */
  port?: number
  /** Force a token even on loopback, or provide a fixed one. Default: required only off loopback. */
  token?: string
  requireToken?: boolean
}

/** A running server: its URL (with ?token= when one is required), the token, and close(). */
export interface LabServer {
  url: string
  origin: string
  token: string | null
  close(): Promise<void>
}

const MAX_BODY = 1 << 20
const TOKEN_COOKIE = 'labcon_token'
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
}

/** True for 127.0.0.0/8, ::1 and localhost. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host)
}

class HttpError extends Error {
  override readonly name = 'HttpError'
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

/** Starts the HTTP transport on `host:port` around one LabApi implementation. */
export async function startLabServer(opts: LabServerOptions): Promise<LabServer> {
  const host = opts.host ?? '127.0.0.1'
  const needToken = opts.requireToken ?? (opts.token !== undefined || !isLoopback(host))
  const token = needToken ? (opts.token ?? randomBytes(24).toString('base64url')) : null
  const sse = new Set<ServerResponse>()
  // A comment frame now and then keeps idle event streams open through proxies and tells us about dead clients.
  const keepalive = setInterval(() => {
    for (const res of sse) res.write(': keepalive\n\n')
  }, 25_000)
  keepalive.unref()
  const unsubscribe = opts.api.runs.onProgress((p: RunProgress) => {
    const frame = `event: progress\ndata: ${JSON.stringify(p)}\n\n`
    for (const res of sse) res.write(frame)
  })

  const tokenOk = (req: IncomingMessage, url: URL): boolean => {
    if (!token) return true
    const candidates = [
      url.searchParams.get('token'),
      req.headers['x-lab-token'],
      req.headers.authorization?.replace(/^Bearer /, ''),
      parseCookies(req.headers.cookie)[TOKEN_COOKIE],
    ]
    return candidates.some((c) => typeof c === 'string' && safeEqual(c, token))
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      const status = e instanceof HttpError ? e.status : 500
      if (!res.headersSent) send(res, status, 'text/plain; charset=utf-8', `${status} ${(e as Error).message}\n`)
      else res.end()
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost')
    if (!tokenOk(req, url)) throw new HttpError(401, 'token required: open the URL printed by labcon start')
    // Without a token only loopback Host names are served, so a rebinding DNS name cannot reach the API.
    if (!token && !isLoopback(hostName(req.headers.host))) throw new HttpError(403, `host ${req.headers.host ?? '(none)'} not allowed`)
    if (token && url.searchParams.get('token')) {
      res.setHeader('Set-Cookie', `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`)
    }
    if (url.pathname === '/api/events') return events(req, res)
    const m = /^\/api\/([A-Za-z]+)\/([A-Za-z]+)$/.exec(url.pathname)
    if (m) return api(req, res, m[1] ?? '', m[2] ?? '')
    if (url.pathname.startsWith('/api/')) throw new HttpError(404, `no such API path ${url.pathname}`)
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, `method ${req.method} not allowed`)
    return serveStatic(res, url.pathname)
  }

  async function api(req: IncomingMessage, res: ServerResponse, group: string, method: string): Promise<void> {
    if (req.method !== 'POST') throw new HttpError(405, 'API calls are POST')
    // application/json forces a CORS preflight, so other sites cannot call the API from a browser.
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) throw new HttpError(415, 'content-type must be application/json')
    const body = await readBody(req)
    let args: unknown
    try {
      args = body.length === 0 ? [] : JSON.parse(body)
    } catch (e) {
      args = undefined
      const reply = { ok: false, error: { name: 'LabArgumentError', message: `${group}.${method}: request body is not JSON: ${(e as Error).message}`, code: 'EINVAL' } }
      return send(res, 400, 'application/json', JSON.stringify(reply))
    }
    const reply = await dispatchLab(opts.api, group, method, args)
    const status = reply.ok ? 200 : reply.error.code === 'EINVAL' ? 400 : 200
    send(res, status, 'application/json', JSON.stringify(reply))
  }

  function events(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive', 'X-Content-Type-Options': 'nosniff' })
    res.write(': connected\n\n')
    sse.add(res)
    req.on('close', () => sse.delete(res))
  }

  async function serveStatic(res: ServerResponse, pathname: string): Promise<void> {
    if (!opts.rendererDir) throw new HttpError(404, 'no renderer build: run `npx electron-vite build`')
    const root = normalize(opts.rendererDir)
    let rel = decodeURIComponent(pathname)
    if (rel.endsWith('/')) rel += 'index.html'
    let file = normalize(join(root, rel))
    if (file !== root && !file.startsWith(root + sep)) throw new HttpError(403, 'path outside the renderer')
    const st = await stat(file).catch(() => null)
    if (!st?.isFile()) {
      if (extname(rel) !== '' && extname(rel) !== '.html') throw new HttpError(404, `not found: ${pathname}`)
      file = join(root, 'index.html')
    }
    const data = await readFile(file)
    const type = MIME[extname(file)] ?? 'application/octet-stream'
    res.setHeader('Cache-Control', file.endsWith('.html') ? 'no-store' : 'public, max-age=3600')
    send(res, 200, type, data)
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, host, () => resolve())
  })
  const addr = server.address() as AddressInfo
  const shownHost = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address
  const origin = `http://${shownHost}:${addr.port}`
  return {
    origin,
    url: `${origin}/${token ? `?token=${token}` : ''}`,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe()
        clearInterval(keepalive)
        for (const res of sse) res.end()
        sse.clear()
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
  })
  res.end(body)
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > MAX_BODY) {
        reject(new HttpError(413, `request body larger than ${MAX_BODY} bytes`))
        req.destroy()
      } else chunks.push(c)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

function hostName(header: string | undefined): string {
  const h = header ?? ''
  if (h.startsWith('[')) return h.slice(1, h.indexOf(']'))
  return h.split(':')[0] ?? ''
}

function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=')
    if (i > 0) out[part.slice(0, i).trim()] = part.slice(i + 1).trim()
  }
  return out
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}
