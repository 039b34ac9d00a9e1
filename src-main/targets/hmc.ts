// LPAR through the HMC Web Services API: logon, stage the kernel on an SFTP server, load-from-ftp (sftp), job polling,
// console through list-os-messages with sequence-gap detection, stop + reset-clear, logoff. One kernel at a time.
import { readFile } from 'node:fs/promises'
import http from 'node:http'
import https from 'node:https'
import type { Environment, HealthReport } from '@core/domain/environment'
import { insFile } from './hercules'
import { ConsoleCapture, errorMessage, makeOutcome, RunWatch, sleep } from './run-capture'
import { redact } from './secrets'
import { sshConfigFrom, SshLink } from './ssh'
import type { Target, TargetHost, TargetRunOutcome, TargetRunRequest } from './target'
import { LabError } from '@core/domain/errors'

/** An HMC environment's config is incomplete or malformed. */
export class HmcConfigError extends LabError {
  override name = 'HmcConfigError'
  readonly kind = 'config'
}

/** The HMC answered with an error status; carries the status and the HMC reason code. */
export class HmcHttpError extends LabError {
  override name = 'HmcHttpError'
  readonly kind = 'infra'
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly reason: number | null,
    readonly hmcMessage: string,
  ) {
    super(`HMC ${method} ${path}: HTTP ${status}${reason !== null ? ` reason ${reason}` : ''}${hmcHint(status, reason)}${hmcMessage ? `: ${hmcMessage}` : ''}`)
  }
}

/** The HMC could not be reached or did not answer (refused, timed out, connection dropped). */
export class HmcUnreachableError extends LabError {
  override name = 'HmcUnreachableError'
  readonly kind = 'infra'
}

/** The HMC answered something the Web Services API does not (a missing session token, a malformed list). */
export class HmcProtocolError extends LabError {
  override name = 'HmcProtocolError'
  readonly kind = 'infra'
}

/** An asynchronous HMC job ended unsuccessfully. */
export class HmcJobError extends LabError {
  override name = 'HmcJobError'
  readonly kind = 'infra'
}

/** We stopped waiting for a job (and asked the HMC to cancel it) because the run was cancelled or timed out. */
export class HmcJobAbandoned extends HmcJobError {
  override name = 'HmcJobAbandoned'
}

function hmcHint(status: number, reason: number | null): string {
  if (status === 403 && reason === 0) return ' (logon refused: check userid and password)'
  if (status === 403 && reason === 5) return ' (session not valid or expired)'
  if (status === 409) return ' (the LPAR is not in a state that allows this operation)'
  if (status === 404) return ' (object not found: check the LPAR name/URI)'
  if (status === 503) return ' (HMC temporarily unavailable)'
  if (status >= 500) return ' (HMC internal error)'
  return ''
}

/** Settings of an `lpar-hmc` environment. Secrets are referenced by env var / keychain key, never stored. */
export interface HmcSettings {
  url: URL
  userid: string
  password: { env?: string; key?: string }
  /** `/api/logical-partitions/{id}`, or found by cpcName + lparName. */
  lparUri: string | null
  cpcName: string | null
  lparName: string | null
  rejectUnauthorized: boolean
  caPath: string | null
  pollMs: number
  /** OS message text length at which the HMC splits lines (0: never joined). */
  osMessageLineMax: number
  /** Staging SFTP server the HMC loads from: SSH fields for our upload, plus what the HMC is told. */
  staging: { dir: string; hmcHostName: string; userName: string; password: { env?: string; key?: string } }
}

function reqString(what: string, c: Record<string, unknown>, key: string): string {
  const v = c[key]
  if (typeof v !== 'string' || v === '') throw new HmcConfigError(`${what}: '${key}' is required (got ${JSON.stringify(v)})`)
  return v
}
function optString(c: Record<string, unknown>, key: string): string | null {
  const v = c[key]
  return typeof v === 'string' && v !== '' ? v : null
}
function secretRef(what: string, c: Record<string, unknown>, envKey: string, keyKey: string): { env?: string; key?: string } {
  const env = optString(c, envKey) ?? undefined
  const key = optString(c, keyKey) ?? undefined
  if ('password' in c) throw new HmcConfigError(`${what}: a plain 'password' must not be stored in the config; use '${envKey}' (environment variable) or '${keyKey}' (keychain)`)
  if (!env && !key) throw new HmcConfigError(`${what}: set '${envKey}' (environment variable holding the password) or '${keyKey}'`)
  return { env, key }
}

/** The staging server's settings: the `staging` object, plus flat `staging.<key>` entries (as `labcon env add --config` gives them). */
export function stagingConfig(c: Record<string, unknown>): Record<string, unknown> {
  const nested = typeof c['staging'] === 'object' && c['staging'] !== null ? (c['staging'] as Record<string, unknown>) : {}
  const flat = Object.entries(c).filter(([k]) => k.startsWith('staging.')).map(([k, v]) => [k.slice('staging.'.length), v] as const)
  return { ...nested, ...Object.fromEntries(flat) }
}

/** Reads and validates an `lpar-hmc` environment's config. */
export function hmcSettings(env: Pick<Environment, 'name' | 'config'>): HmcSettings {
  const what = `environment '${env.name}'`
  const c = env.config
  let url: URL
  try {
    url = new URL(reqString(what, c, 'url'))
  } catch (e) {
    if (e instanceof HmcConfigError) throw e
    throw new HmcConfigError(`${what}: 'url' is not a URL (${JSON.stringify(c['url'])})`)
  }
  if (url.protocol === 'http:' && c['allowInsecureHttp'] !== true)
    throw new HmcConfigError(`${what}: 'url' ${url.href} is plain http; the HMC speaks https (set allowInsecureHttp: true only for a test server)`)
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new HmcConfigError(`${what}: 'url' must be https://host:6794`)
  const lparUri = optString(c, 'lparUri')
  if (lparUri && !/^\/api\/logical-partitions\/[^/]+$/.test(lparUri)) throw new HmcConfigError(`${what}: 'lparUri' must look like /api/logical-partitions/{id}`)
  const cpcName = optString(c, 'cpcName')
  const lparName = optString(c, 'lparName')
  if (!lparUri && !(cpcName && lparName)) throw new HmcConfigError(`${what}: set 'lparUri', or 'cpcName' and 'lparName'`)
  const s = stagingConfig(c)
  if (Object.keys(s).length === 0) throw new HmcConfigError(`${what}: 'staging' (the SFTP server the HMC loads from) is required`)
  const sw = `${what}: staging`
  const dir = optString(s, 'dir') ?? '/tmp'
  if (!dir.startsWith('/')) throw new HmcConfigError(`${sw}: 'dir' must be an absolute path`)
  const pollMs = c['pollMs'] ?? 1000
  if (typeof pollMs !== 'number' || pollMs < 10) throw new HmcConfigError(`${what}: 'pollMs' must be a number ≥ 10`)
  const lineMax = c['osMessageLineMax'] ?? OS_MESSAGE_LINE_MAX
  if (typeof lineMax !== 'number' || !Number.isInteger(lineMax) || lineMax < 0) throw new HmcConfigError(`${what}: 'osMessageLineMax' must be a whole number ≥ 0 (0: do not join split messages), got ${JSON.stringify(lineMax)}`)
  return {
    url,
    userid: reqString(what, c, 'userid'),
    password: secretRef(what, c, 'passwordEnv', 'passwordKey'),
    lparUri,
    cpcName,
    lparName,
    rejectUnauthorized: c['rejectUnauthorized'] !== false,
    caPath: optString(c, 'caPath'),
    pollMs,
    osMessageLineMax: lineMax,
    staging: {
      dir,
      hmcHostName: optString(s, 'hmcHostName') ?? reqString(sw, s, 'host'),
      userName: optString(s, 'hmcUser') ?? optString(s, 'user') ?? 'root',
      password: secretRef(sw, s, 'passwordEnv', 'passwordKey'),
    },
  }
}

/** One HMC OS message as list-os-messages returns it. */
export interface HmcOsMessage {
  'sequence-number': number
  'message-text': string
}

/** A minimal HMC WS API client over node:https (or http for a test server). */
export class HmcClient {
  private session: string | null = null
  /** Kept for one re-logon when the HMC expires the session mid-run (never logged or returned). */
  private password: string | null = null
  private relogons = 0
  /** Every call made, for the outcome's `command` (no bodies, no secrets). */
  readonly trail: string[] = []

  constructor(
    private readonly s: HmcSettings,
    private readonly ca: Buffer | null,
  ) {}

  /**
   * Sends one request; JSON in and out; non-2xx → HmcHttpError with status and reason code. A session the HMC no
   * longer knows (403 reason 5: expired or timed out) is renewed once per client by logging on again.
   */
  async request(method: string, path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown>; headers: http.IncomingHttpHeaders }> {
    try {
      return await this.send(method, path, body)
    } catch (e) {
      const expired = e instanceof HmcHttpError && e.status === 403 && e.reason === 5
      if (!expired || this.password === null || path === '/api/sessions' || this.relogons > 0) throw e
      this.relogons++
      this.trail.push('(session expired: logon again)')
      this.session = null
      await this.logon(this.password)
      return this.send(method, path, body)
    }
  }

  private async send(method: string, path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown>; headers: http.IncomingHttpHeaders }> {
    this.trail.push(`${method} ${path.replace(/\?.*$/, '')}`)
    const url = new URL(path, this.s.url)
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body))
    const headers: Record<string, string> = { Accept: 'application/json' }
    if (payload) headers['Content-Type'] = 'application/json'
    if (this.session) headers['X-API-Session'] = this.session
    const mod = url.protocol === 'https:' ? https : http
    return new Promise((resolve, reject) => {
      const req = mod.request(
        url,
        { method, headers, timeout: 30_000, ...(url.protocol === 'https:' ? { rejectUnauthorized: this.s.rejectUnauthorized, ca: this.ca ?? undefined } : {}) },
        (res) => {
          const chunks: Buffer[] = []
          res.on('data', (c: Buffer) => chunks.push(c))
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8')
            let parsed: Record<string, unknown> = {}
            if (text.trim()) {
              try {
                parsed = JSON.parse(text) as Record<string, unknown>
              } catch {
                parsed = { message: text.slice(0, 200) }
              }
            }
            const status = res.statusCode ?? 0
            if (status < 200 || status > 299) {
              const reason = typeof parsed['reason'] === 'number' ? parsed['reason'] : null
              return reject(new HmcHttpError(method, url.pathname, status, reason, typeof parsed['message'] === 'string' ? parsed['message'] : ''))
            }
            resolve({ status, body: parsed, headers: res.headers })
          })
        },
      )
      req.on('timeout', () => req.destroy(new Error('no answer within 30 s')))
      req.on('error', (e: NodeJS.ErrnoException) =>
        reject(new HmcUnreachableError(`HMC ${method} ${url.pathname}: ${e.code === 'ECONNREFUSED' ? `connection refused by ${url.host}` : e.message}`)),
      )
      req.end(payload)
    })
  }

  /** POST /api/sessions; keeps the X-API-Session token. */
  async logon(password: string): Promise<void> {
    const r = await this.request('POST', '/api/sessions', { userid: this.s.userid, password })
    const token = (typeof r.body['api-session'] === 'string' ? r.body['api-session'] : null) ?? (r.headers['x-api-session'] as string | undefined) ?? null
    if (!token) throw new HmcProtocolError('HMC POST /api/sessions: no api-session in the answer')
    this.session = token
    this.password = password
  }

  /** DELETE /api/sessions/this-session (errors ignored: the session may be gone already). */
  async logoff(): Promise<void> {
    if (!this.session) return
    await this.send('DELETE', '/api/sessions/this-session').catch(() => undefined)
    this.session = null
    this.password = null
  }

  /** The LPAR's object URI: configured, or looked up by CPC and LPAR name. */
  async lparUri(): Promise<string> {
    if (this.s.lparUri) return this.s.lparUri
    const cpcs = (await this.request('GET', `/api/cpcs?name=${encodeURIComponent(this.s.cpcName ?? '')}`)).body['cpcs']
    const cpc = Array.isArray(cpcs) ? (cpcs[0] as Record<string, unknown> | undefined) : undefined
    if (!cpc || typeof cpc['object-uri'] !== 'string') throw new HmcConfigError(`HMC has no CPC named '${this.s.cpcName}'`)
    const lpars = (await this.request('GET', `${cpc['object-uri']}/logical-partitions?name=${encodeURIComponent(this.s.lparName ?? '')}`)).body['logical-partitions']
    const lpar = Array.isArray(lpars) ? (lpars[0] as Record<string, unknown> | undefined) : undefined
    if (!lpar || typeof lpar['object-uri'] !== 'string') throw new HmcConfigError(`CPC '${this.s.cpcName}' has no LPAR named '${this.s.lparName}'`)
    return lpar['object-uri']
  }

  /** Starts an operation; a 202 answer's job is polled to completion, a failed job throws HmcJobError. */
  async operation(uri: string, op: string, body: unknown, signal?: AbortSignal): Promise<void> {
    const r = await this.request('POST', `${uri}/operations/${op}`, body)
    const job = r.body['job-uri']
    if (r.status !== 202 || typeof job !== 'string') return
    for (;;) {
      const j = (await this.request('GET', job)).body
      const status = j['status']
      if (status === 'complete' || status === 'canceled') {
        const code = typeof j['job-status-code'] === 'number' ? j['job-status-code'] : 200
        await this.request('DELETE', job).catch(() => undefined)
        if (code >= 200 && code <= 299 && status === 'complete') return
        const results = (j['job-results'] ?? {}) as Record<string, unknown>
        const msg = typeof results['message'] === 'string' ? results['message'] : ''
        throw new HmcJobError(`HMC ${op} job ${job} ${status === 'canceled' ? 'was canceled' : 'failed'}: status ${code}, reason ${String(j['job-reason-code'] ?? 'none')}${msg ? `: ${msg}` : ''}`)
      }
      if (signal?.aborted) {
        // Cancel Job: the HMC stops the operation if it still can; the LPAR is stopped and reset afterwards anyway.
        await this.request('POST', `${job}/operations/cancel`).catch(() => undefined)
        throw new HmcJobAbandoned(`HMC ${op} job ${job}: cancelled (run cancelled or timed out)`)
      }
      await sleep(this.s.pollMs, signal)
    }
  }

  /** list-os-messages from a sequence number (or the newest history when null). */
  async osMessages(uri: string, begin: number | null, max = 200): Promise<HmcOsMessage[]> {
    const q = `${begin === null ? '' : `begin-sequence-number=${begin}&`}max-messages=${max}`
    const list = (await this.request('GET', `${uri}/operations/list-os-messages?${q}`)).body['os-messages']
    if (!Array.isArray(list)) throw new HmcProtocolError(`HMC list-os-messages: answer has no 'os-messages' array`)
    return (list as HmcOsMessage[]).filter((m) => typeof m['sequence-number'] === 'number').sort((a, b) => a['sequence-number'] - b['sequence-number'])
  }
}

/**
 * A message this far below the next expected sequence number can only come after a wrap of the numbers: an HMC keeps
 * a limited history, far shorter than this.
 */
export const SEQUENCE_WRAP_DISTANCE = 1_000_000

/** Follows list-os-messages: hands out messages in order and records every sequence gap (lost messages). */
export class OsMessageCursor {
  /** Next sequence number expected; null until the first message is seen. */
  next: number | null
  readonly gaps: Array<{ from: number; to: number }> = []
  /** How often the sequence numbers wrapped during this run. */
  wraps = 0
  constructor(after: number | null) {
    this.next = after === null ? null : after + 1
  }
  /** Messages of `batch` numbered after a wrap (far below `next`), in order; empty when none. */
  wrapped(batch: readonly HmcOsMessage[]): HmcOsMessage[] {
    const next = this.next
    if (next === null) return []
    return batch.filter((m) => m['sequence-number'] + SEQUENCE_WRAP_DISTANCE < next)
  }
  /** Continues after a wrap: the numbering restarts, the next message is taken as the one after the last. */
  wrap(): void {
    this.wraps++
    this.next = null
  }
  /** Accepts one batch (sorted); returns the new messages and notes any gap before or between them. */
  accept(batch: readonly HmcOsMessage[]): { messages: HmcOsMessage[]; gaps: Array<{ from: number; to: number }> } {
    const messages: HmcOsMessage[] = []
    const gaps: Array<{ from: number; to: number }> = []
    for (const m of batch) {
      const n = m['sequence-number']
      if (this.next !== null && n < this.next) continue // already seen
      if (this.next !== null && n > this.next + SEQUENCE_WRAP_DISTANCE) continue // still in the history from before a wrap
      if (this.next !== null && n > this.next) gaps.push({ from: this.next, to: n - 1 })
      messages.push(m)
      this.next = n + 1
    }
    this.gaps.push(...gaps)
    return { messages, gaps }
  }
}

/** The sequence number of the newest message of a history snapshot, also when its numbers wrapped to 0 inside it. */
export function newestSequence(history: readonly HmcOsMessage[]): number | null {
  const seqs = history.map((m) => m['sequence-number']).sort((a, b) => a - b)
  const lowest = seqs[0]
  if (lowest === undefined) return null
  // After a wrap the newest messages have the low numbers: the newest is the top of the group that starts at the bottom.
  let newest = lowest
  for (const n of seqs) if (n - newest <= SEQUENCE_WRAP_DISTANCE) newest = n
  return newest
}

/** OS message text longer than this arrives split into several messages (assumed limit: docs/zvm-reader-ipl.md). */
export const OS_MESSAGE_LINE_MAX = 80

/** Joins OS messages the HMC split at `lineMax`: a message of exactly that length continues in the next one. */
export class OsMessageJoiner {
  private carry = ''
  constructor(private readonly lineMax: number) {}
  /** Returns the complete line this message ends, or null when it continues. */
  push(text: string): string | null {
    if (this.lineMax > 0 && text.length === this.lineMax) {
      this.carry += text
      return null
    }
    const line = this.carry + text
    this.carry = ''
    return line
  }
  /** The unfinished line at the end of the run, if any. */
  flush(): string | null {
    const line = this.carry
    this.carry = ''
    return line === '' ? null : line
  }
}

/** Formats gaps as `12..15, 20`. */
export const formatGaps = (gaps: ReadonlyArray<{ from: number; to: number }>): string => gaps.map((g) => (g.from === g.to ? `${g.from}` : `${g.from}..${g.to}`)).join(', ')

/** Builds the driver for an `lpar-hmc` environment. Runs are serialized: an LPAR runs one kernel at a time. */
export function createHmcTarget(env: Environment, host: TargetHost): Target {
  let settings: HmcSettings | null = null
  let staging: SshLink | null = null
  let configError: string | null = null
  try {
    settings = hmcSettings(env)
    staging = new SshLink(host, env.id, 'staging', sshConfigFrom(`environment '${env.name}': staging`, stagingConfig(env.config)))
  } catch (e) {
    configError = errorMessage(e)
  }
  let queue: Promise<unknown> = Promise.resolve()
  const serialize = <T>(fn: () => Promise<T>): Promise<T> => {
    const p = queue.then(fn, fn)
    queue = p.catch(() => undefined)
    return p
  }
  // The password joins `secrets` before the first request: an HMC answer that echoes it (a failed logon's message)
  // is redacted like any later one.
  const client = async (st: HmcSettings, secrets: string[]): Promise<HmcClient> => {
    const ca = st.caPath ? await readFile(st.caPath) : null
    const pw = await host.resolveSecret(`environment '${env.name}': HMC password`, st.password)
    secrets.push(pw)
    const c = new HmcClient(st, ca)
    await c.logon(pw)
    return c
  }

  return {
    env,
    async health(): Promise<HealthReport> {
      const checkedAt = new Date().toISOString()
      if (!settings || !staging) return { ok: false, level: null, facts: {}, problems: [configError ?? 'invalid configuration'], checkedAt }
      const st = settings
      const problems: string[] = []
      const facts: Record<string, string> = {}
      let level: string | null = null
      if (env.concurrency !== 1) problems.push(`an LPAR runs one kernel at a time: concurrency must be 1 (is ${env.concurrency})`)
      const secrets: string[] = []
      let c: HmcClient | null = null
      try {
        c = await client(st, secrets)
        const uri = await c.lparUri()
        const lpar = (await c.request('GET', uri)).body
        facts['lpar.name'] = String(lpar['name'] ?? '')
        facts['lpar.status'] = String(lpar['status'] ?? '')
        if (typeof lpar['parent'] === 'string') {
          const cpc = (await c.request('GET', lpar['parent'])).body
          for (const k of ['name', 'machine-type', 'machine-model', 'se-version']) if (cpc[k] !== undefined) facts[`cpc.${k}`] = String(cpc[k])
          level = `${String(cpc['machine-type'] ?? '?')}-${String(cpc['machine-model'] ?? '?')} SE ${String(cpc['se-version'] ?? '?')}`
        }
      } catch (e) {
        problems.push(redact(errorMessage(e), secrets))
      } finally {
        await c?.logoff()
      }
      try {
        const s = await staging.session()
        Object.assign(facts, staging.facts('staging'))
        await s.run(['test', '-d', st.staging.dir])
      } catch (e) {
        problems.push(`staging SFTP server: ${errorMessage(e)}`)
      }
      return { ok: problems.length === 0, level, facts, problems, checkedAt }
    },

    run(req: TargetRunRequest): Promise<TargetRunOutcome> {
      return serialize(() => runOnce(req))
    },

    async dispose(): Promise<void> {
      await staging?.close()
    },
  }

  async function runOnce(req: TargetRunRequest): Promise<TargetRunOutcome> {
    const start = Date.now()
    if (!settings || !staging) return makeOutcome(start, { command: '', infraError: configError ?? 'invalid configuration' })
    if (!req.flatPath) return makeOutcome(start, { command: '', infraError: `an LPAR loads the flat image: no .bin next to ${req.kernelPath}` })
    const st = settings
    const watch = new RunWatch(req)
    const cap = new ConsoleCapture(req.onOutput)
    const stopPolling = new AbortController()
    watch.signal.addEventListener('abort', () => stopPolling.abort(), { once: true })
    cap.whenExit(() => stopPolling.abort())
    const secrets: string[] = []
    let c: HmcClient | null = null
    let uri = ''
    let dir: string | null = null
    let cursor: OsMessageCursor | null = null
    let loaded = false
    const facts: Record<string, string> = {}
    const summary = (): string => `HMC ${st.url.host}: ${c ? c.trail.join(', ') : ''}`
    try {
      // Stage .bin, parm and .ins on the SFTP server.
      const s = await staging.session()
      dir = await s.makeTempDir('labcon-lpar')
      await s.upload(req.flatPath, `${dir}/kernel.bin`)
      await s.writeFile(`${dir}/parm.txt`, req.args)
      await s.writeFile(`${dir}/kernel.ins`, insFile('kernel.bin', 'parm.txt'))
      Object.assign(facts, staging.facts('staging'))
      const sftpPassword = await host.resolveSecret(`environment '${env.name}': staging SFTP password`, st.staging.password)
      secrets.push(sftpPassword)
      c = await client(st, secrets)
      uri = await c.lparUri()
      // Messages already in the history belong to earlier loads: start after the newest one.
      cursor = new OsMessageCursor(newestSequence(await c.osMessages(uri, null)))
      await c.operation(uri, 'load-from-ftp', { 'host-name': st.staging.hmcHostName, 'user-name': st.staging.userName, password: sftpPassword, 'file-path': `${dir}/kernel.ins`, protocol: 'sftp' }, watch.signal)
      loaded = true
      const cur = cursor
      const hmc = c
      const joiner = new OsMessageJoiner(st.osMessageLineMax)
      // One message at a time through the cursor, so a gap marker lands exactly where the messages went missing.
      const drain = async (): Promise<void> => {
        let batch = await hmc.osMessages(uri, cur.next)
        if (batch.length === 0 && cur.next !== null && cur.next >= SEQUENCE_WRAP_DISTANCE) {
          // Nothing at or after `next`: the numbers may have wrapped to 0. Look from the bottom.
          const low = cur.wrapped(await hmc.osMessages(uri, 0))
          if (low.length > 0) {
            cur.wrap()
            batch = low
          }
        }
        for (const msg of batch) {
          const { messages, gaps } = cur.accept([msg])
          for (const g of gaps) cap.push(`[labcon: HMC lost OS messages ${formatGaps([g])} (sequence gap)]\n`)
          for (const m of messages) {
            const line = joiner.push(m['message-text'])
            if (line !== null) cap.push(`${line}\n`)
          }
        }
      }
      while (!stopPolling.signal.aborted) {
        await drain()
        if (stopPolling.signal.aborted) break
        await sleep(st.pollMs, stopPolling.signal)
      }
      // Whatever arrived between the last poll and EXIT.
      if (!watch.signal.aborted) await drain()
      const rest = joiner.flush()
      if (rest !== null) cap.push(`${rest}\n`)
      if (cur.wraps > 0) facts['hmc.sequenceWraps'] = String(cur.wraps)
      cap.finish()
      if (cur.gaps.length > 0) facts['hmc.lostMessages'] = formatGaps(cur.gaps)
      return makeOutcome(start, {
        log: cap.log,
        exitStatus: cap.exitStatus,
        timedOut: watch.timedOut,
        cancelled: watch.cancelled && !watch.timedOut,
        infraError: cursor.gaps.length ? `HMC lost OS messages ${formatGaps(cursor.gaps)} (sequence gap): the console log is incomplete` : null,
        command: summary(),
        facts,
      })
    } catch (e) {
      cap.finish()
      if (cursor?.gaps.length) facts['hmc.lostMessages'] = formatGaps(cursor.gaps)
      return makeOutcome(start, {
        log: cap.log,
        exitStatus: cap.exitStatus,
        timedOut: watch.timedOut,
        cancelled: watch.cancelled && !watch.timedOut,
        // A job we abandoned for the run's own timeout or cancellation is that verdict, not an environment failure.
        infraError: e instanceof HmcJobAbandoned && watch.signal.aborted ? null : redact(errorMessage(e), secrets),
        command: summary(),
        facts,
      })
    } finally {
      watch.dispose()
      if (c && loaded) {
        // Leave the LPAR clean for the next kernel whatever happened.
        await c.operation(uri, 'stop', {}).catch(() => undefined)
        await c.operation(uri, 'reset-clear', { force: true }).catch(() => undefined)
      }
      await c?.logoff()
      if (dir) {
        const s = await staging.session().catch(() => null)
        await s?.removeDir(dir).catch(() => undefined)
      }
    }
  }
}
