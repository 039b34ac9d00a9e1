// Server mode: the same LabApi over HTTP for a browser. POST /api/<group>/<method> with a JSON array of arguments
// answers a Reply; GET /api/events streams RunProgress as Server-Sent Events; everything else serves the built
// renderer. Every request needs the random token, on loopback too (any local account can reach 127.0.0.1): the
// browser opens the printed URL once (?token=), gets an HttpOnly SameSite=Strict cookie and is redirected to the
// address without the token; scripts send it as `Authorization: Bearer` or `X-Lab-Token`.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { readFileSync, statSync, type Stats } from 'node:fs'
import { extname, join, normalize, sep } from 'node:path'
import type { AddressInfo } from 'node:net'
import { EARLY_ANSWERS_ID, type LabApi, type RunProgress } from '@core/api/lab-api'
import { ERROR_KINDS, errorKindOfReplyCode } from '@core/domain/errors'
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
  /** A fixed token (tests, a token the caller keeps); default: 32 random base64url characters per start. */
  token?: string
  /** Event-stream clients served at once (default 16); more get 503. */
  maxEventClients?: number
  /** Bytes a slow event-stream client may have queued before it is disconnected (default 1 MiB). */
  maxEventBacklog?: number
}

/** A running server: its URL (with ?token=), the token, and close(). */
export interface LabServer {
  url: string
  origin: string
  token: string
  /** Event-stream clients connected now. */
  eventClients(): number
  close(): Promise<void>
}

/** Largest API request body; larger ones get 413. */
export const MAX_BODY = 1 << 20
/** A body this much larger than MAX_BODY is not read to its end: the connection is closed after the 413. */
const MAX_DRAIN = 16 * MAX_BODY
const TOKEN_COOKIE = 'labcon_token'
/** Calls (without arguments) whose answers every page carries: the matrix's first request needs the catalog list. */
const EARLY_CALLS = [['catalogs', 'list']] as const
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
  const token = opts.token ?? randomBytes(24).toString('base64url')
  const maxEventClients = opts.maxEventClients ?? 16
  const maxEventBacklog = opts.maxEventBacklog ?? 1 << 20
  const sse = new Set<ServerResponse>()
  const files = new Map<string, { mtimeMs: number; size: number; data: Buffer }>()
  // A client that does not read its event stream is dropped once its queue passes the cap: the server's memory stays
  // bounded whatever the clients do (the browser's EventSource reconnects by itself).
  const push = (res: ServerResponse, frame: string): void => {
    if (res.writableLength > maxEventBacklog) {
      sse.delete(res)
      res.destroy()
    } else res.write(frame)
  }
  // A comment frame now and then keeps idle event streams open through proxies and tells us about dead clients.
  const keepalive = setInterval(() => {
    for (const res of sse) push(res, ': keepalive\n\n')
  }, 25_000)
  keepalive.unref()
  const unsubscribe = opts.api.runs.onProgress((p: RunProgress) => {
    const frame = `event: progress\ndata: ${JSON.stringify(p)}\n\n`
    for (const res of sse) push(res, frame)
  })

  const tokenOk = (req: IncomingMessage, url: URL): boolean => {
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
      // After a refused body the connection is not reused: the rest of that body may still be on its way.
      if (status === 413 && !res.headersSent) res.setHeader('Connection', 'close')
      if (!res.headersSent) send(res, status, 'text/plain; charset=utf-8', `${status} ${(e as Error).message}\n`)
      else res.end()
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let url: URL
    try {
      url = new URL(req.url ?? '/', 'http://localhost')
      decodeURIComponent(url.pathname)
    } catch {
      throw new HttpError(400, `malformed request URL ${quote(req.url ?? '')}`)
    }
    // On a loopback bind only loopback Host names are served, so a rebinding DNS name cannot reach the API.
    if (isLoopback(host) && !isLoopback(hostName(req.headers.host))) throw new HttpError(403, `host ${quote(req.headers.host ?? '(none)')} not allowed`)
    if (!tokenOk(req, url)) throw new HttpError(401, 'token required: open the URL printed by labcon start')
    if (url.searchParams.get('token')) {
      res.setHeader('Set-Cookie', `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`)
      // A page opened with the token: keep it out of the address bar and history.
      if (req.method === 'GET' && !url.pathname.startsWith('/api/')) {
        url.searchParams.delete('token')
        res.writeHead(303, { Location: `${url.pathname}${url.search}`, 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' })
        return void res.end()
      }
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
    const status = reply.ok ? 200 : ERROR_KINDS[errorKindOfReplyCode(reply.error.code)].http
    send(res, status, 'application/json', JSON.stringify(reply))
  }

  function events(req: IncomingMessage, res: ServerResponse): void {
    if (sse.size >= maxEventClients) throw new HttpError(503, `too many event streams open (${maxEventClients}); close another console tab`)
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
    let st = statOrNull(file)
    if (!st?.isFile()) {
      if (extname(rel) !== '' && extname(rel) !== '.html') throw new HttpError(404, `not found: ${pathname}`)
      file = join(root, 'index.html')
      st = statOrNull(file)
      if (!st?.isFile()) throw new HttpError(404, `not found: ${pathname}`)
    }
    // Answered from memory without yielding: the page's code then leaves before an API call queued behind it (the
    // store answers synchronously) instead of after it. Read again when the build changed the file.
    let cached = files.get(file)
    if (!cached || cached.mtimeMs !== st.mtimeMs || cached.size !== st.size) {
      cached = { mtimeMs: st.mtimeMs, size: st.size, data: readFileSync(file) }
      files.set(file, cached)
    }
    const data = extname(file) === '.html' ? await withEarlyAnswers(cached.data) : cached.data
    const type = MIME[extname(file)] ?? 'application/octet-stream'
    res.setHeader('Cache-Control', file.endsWith('.html') ? 'no-store' : 'public, max-age=3600')
    send(res, 200, type, data)
  }

  /** The page with the answers of EARLY_CALLS embedded. */
  async function withEarlyAnswers(html: Buffer): Promise<Buffer> {
    const answers: Record<string, { body: string; reply: unknown }> = {}
    for (const [group, method] of EARLY_CALLS) answers[`${group}.${method}`] = { body: '[]', reply: await dispatchLab(opts.api, group, method, []) }
    return Buffer.from(embedEarlyAnswers(html.toString('utf8'), answers))
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
    url: `${origin}/?token=${token}`,
    token,
    eventClients: () => sse.size,
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe()
        clearInterval(keepalive)
        for (const res of sse) res.destroy()
        sse.clear()
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

/** `html` with `answers` (`{ "group.method": { body, reply } }`) as a JSON data block (not a script: the CSP stays as
 *  it is) before the head's first script, which may run before the rest of the page is parsed, else before `</head>`:
 *  the page's first screen does not wait a round trip before it can ask for its data. A page without `</head>` is left
 *  as it is. */
export function embedEarlyAnswers(html: string, answers: Record<string, { body: string; reply: unknown }>): string {
  const end = html.indexOf('</head>')
  if (end < 0) return html
  const script = html.indexOf('<script')
  const at = script >= 0 && script < end ? script : end
  // `<` escaped: no text in the data (a catalog's name) can close the element.
  const json = JSON.stringify(answers).replace(/</g, '\\u003c')
  return `${html.slice(0, at)}  <script type="application/json" id="${EARLY_ANSWERS_ID}">${json}</script>\n  ${html.slice(at)}`
}

function statOrNull(file: string): Stats | null {
  try {
    return statSync(file)
  } catch {
    return null
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

/**
 * Reads a request body of at most MAX_BODY bytes. A larger one (by Content-Length or as it arrives) is refused with
 * 413; the rest is read and dropped, so the client sees the answer instead of a reset, up to MAX_DRAIN bytes.
 */
function readBody(req: IncomingMessage): Promise<string> {
  const tooLarge = (): HttpError => new HttpError(413, `request body larger than ${MAX_BODY} bytes`)
  const declared = Number(req.headers['content-length'] ?? 0)
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let refused = declared > MAX_BODY
    if (refused) reject(tooLarge())
    req.on('data', (c: Buffer) => {
      size += c.length
      if (refused) {
        if (size > MAX_DRAIN) req.destroy()
      } else if (size > MAX_BODY) {
        refused = true
        chunks.length = 0
        reject(tooLarge())
      } else chunks.push(c)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

/** Text from a request shown in an answer: at most 200 characters, control characters escaped. */
function quote(text: string): string {
  const shown = text.length > 200 ? `${text.slice(0, 200)}…` : text
  return JSON.stringify(shown)
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
