// A small ssh2 wrapper for the drivers: pinned host keys, argv exec quoted for the remote POSIX shell, SFTP, kill on abort.
import { readFile } from 'node:fs/promises'
import { StringDecoder } from 'node:string_decoder'
import { createRequire } from 'node:module'
import type { Client, ClientChannel, ConnectConfig, SFTPWrapper } from 'ssh2'
import type { Environment } from '@core/domain/environment'
import { configDefault } from '@core/domain/env-schema'
import { checkHostKey, HostKeyMismatchError, type HostKeyCheck } from './host-keys'
import type { ProcessEnvironment, TargetHost } from './target'
import { LabError } from '@core/domain/errors'

/** ssh2 is loaded on the first connection: commands that never use SSH (most CLI calls) do not pay for it. */
let ssh2: typeof import('ssh2') | null = null
const loadSsh2 = (): typeof import('ssh2') => (ssh2 ??= createRequire(import.meta.url)('ssh2') as typeof import('ssh2'))

/** Connection settings of one SSH endpoint, as kept in an environment's config (no secret: keys by path, or the agent). */
export interface SshConfig {
  host: string
  port: number
  username: string
  /** Private key file (OpenSSH or PEM format). */
  privateKeyPath?: string
  /** Use the SSH agent: `true` for $SSH_AUTH_SOCK, or a socket path. */
  agent?: boolean | string
  /** Pinned host key (`SHA256:…`); null/absent = first contact, the fingerprint is returned for pinning. */
  hostKeyFingerprint?: string | null
  readyTimeoutMs?: number
}

/** An environment's SSH settings are incomplete or malformed. */
export class SshConfigError extends LabError {
  override name = 'SshConfigError'
  readonly kind = 'config'
}

/** Connecting, authenticating or talking to the host failed (the environment, not the test). */
export class SshError extends LabError {
  override name = 'SshError'
  readonly kind = 'infra'
}

/** The connection went away while a command was running. */
export class SshConnectionLostError extends SshError {
  override name = 'SshConnectionLostError'
}

/** A remote command that had to succeed exited non-zero. */
export class SshCommandError extends SshError {
  override name = 'SshCommandError'
  constructor(
    readonly command: string,
    readonly code: number | null,
    readonly stderr: string,
  ) {
    super(`remote command failed (exit ${code ?? 'none'}): ${command}${stderr.trim() ? `: ${stderr.trim().split('\n').slice(-3).join(' | ')}` : ''}`)
  }
}

/** Reads SSH settings from a config object (`host`, `port`, `user`, `privateKeyPath`, `agent`, `hostKeyFingerprint`). */
export function sshConfigFrom(what: string, c: Record<string, unknown>): SshConfig {
  const host = c['host']
  if (typeof host !== 'string' || host === '') throw new SshConfigError(`${what}: 'host' is required (got ${JSON.stringify(host)})`)
  const port = c['port'] ?? configDefault('qemu-ssh', 'port')
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535)
    throw new SshConfigError(`${what}: 'port' must be an integer 1..65535 (got ${JSON.stringify(port)})`)
  const username = c['user'] ?? c['username'] ?? configDefault('qemu-ssh', 'user')
  if (typeof username !== 'string' || username === '') throw new SshConfigError(`${what}: 'user' must be a non-empty string`)
  const privateKeyPath = c['privateKeyPath']
  if (privateKeyPath !== undefined && typeof privateKeyPath !== 'string') throw new SshConfigError(`${what}: 'privateKeyPath' must be a path`)
  const agent = c['agent']
  if (agent !== undefined && typeof agent !== 'boolean' && typeof agent !== 'string') throw new SshConfigError(`${what}: 'agent' must be true or a socket path`)
  if (privateKeyPath === undefined && !agent) throw new SshConfigError(`${what}: set 'privateKeyPath' or 'agent' (passwords are not used for SSH)`)
  const fp = c['hostKeyFingerprint']
  if (fp !== undefined && fp !== null && typeof fp !== 'string') throw new SshConfigError(`${what}: 'hostKeyFingerprint' must be a 'SHA256:…' string`)
  return { host, port, username, privateKeyPath, agent: agent as boolean | string | undefined, hostKeyFingerprint: fp ?? null }
}

/** Quotes one argument for a POSIX shell: single quotes, with embedded `'` as `'\''`. Everything arrives literally. */
export function shellQuote(arg: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(arg)) return arg
  return `'${arg.replace(/'/g, `'\\''`)}'`
}

/** Joins an argv into one command line for the remote shell, each element quoted. */
export function shellJoin(argv: readonly string[]): string {
  return argv.map(shellQuote).join(' ')
}

/** Live output callbacks and cancellation for one remote command. */
export interface ExecOptions {
  onStdout?: (text: string) => void
  onStderr?: (text: string) => void
  /** Gives a writer to the remote command's stdin (the channel stays open for input until the command ends). */
  onStdin?: (write: (text: string) => void) => void
  /** Aborting kills the remote process group (TERM, then KILL after `killGraceMs`). */
  signal?: AbortSignal
  killGraceMs?: number
  cwd?: string
  /** Extra environment, set with `env NAME=value` (quoted). */
  env?: Record<string, string>
}

/** How a remote command ended. `killed` = we signalled it because of the abort signal. */
export interface ExecResult {
  code: number | null
  signal: string | null
  stdout: string
  stderr: string
  killed: boolean
}

const PID_MARK = '__LABCON_PID='

/** One authenticated SSH connection. Create with SshSession.connect. */
export class SshSession {
  private sftpPromise: Promise<SFTPWrapper> | null = null
  private lostReason: string | null = null
  private readonly pending = new Set<(e: Error) => void>()

  private constructor(
    private readonly client: Client,
    readonly config: SshConfig,
    /** Host key check result: `first-contact` carries the fingerprint to pin. */
    readonly hostKey: HostKeyCheck,
  ) {
    const lost = (why: string): void => {
      if (this.lostReason !== null) return
      this.lostReason = why
      for (const reject of this.pending) reject(new SshConnectionLostError(`ssh ${this.where}: connection lost (${why})`))
      this.pending.clear()
    }
    client.on('error', (e: Error) => lost(e.message))
    client.on('close', () => lost('closed by peer'))
  }

  /** `user@host:port`, for messages. */
  get where(): string {
    return `${this.config.username}@${this.config.host}:${this.config.port}`
  }

  /** True once the connection is gone. */
  get closed(): boolean {
    return this.lostReason !== null
  }

  /** Connects and authenticates, verifying the host key against the pin. */
  static async connect(cfg: SshConfig, env: ProcessEnvironment = {}): Promise<SshSession> {
    const where = `${cfg.username}@${cfg.host}:${cfg.port}`
    const conn: ConnectConfig = {
      host: cfg.host,
      port: cfg.port,
      username: cfg.username,
      readyTimeout: cfg.readyTimeoutMs ?? 15_000,
      keepaliveInterval: 5_000,
      keepaliveCountMax: 3,
    }
    if (cfg.privateKeyPath) {
      try {
        conn.privateKey = await readFile(cfg.privateKeyPath)
      } catch (e) {
        throw new SshConfigError(`ssh ${where}: cannot read private key ${cfg.privateKeyPath}: ${(e as Error).message}`)
      }
    }
    if (cfg.agent) {
      const sock = typeof cfg.agent === 'string' ? cfg.agent : env['SSH_AUTH_SOCK']
      if (!sock) throw new SshConfigError(`ssh ${where}: agent requested but SSH_AUTH_SOCK is not set`)
      conn.agent = sock
    }
    let check: HostKeyCheck | null = null
    conn.hostVerifier = (key: Buffer): boolean => {
      check = checkHostKey(key, cfg.hostKeyFingerprint)
      return check.kind !== 'mismatch'
    }
    const client = new (loadSsh2().Client)()
    await new Promise<void>((resolve, reject) => {
      const onError = (e: Error & { level?: string; code?: string }): void => {
        client.removeListener('ready', onReady)
        client.end()
        const c = check as HostKeyCheck | null
        if (c?.kind === 'mismatch') return reject(new HostKeyMismatchError(`${cfg.host}:${cfg.port}`, c.pinned, c.fingerprint))
        if (e.level === 'client-authentication')
          return reject(new SshError(`ssh ${where}: authentication refused (${cfg.privateKeyPath ? `key ${cfg.privateKeyPath}` : 'agent'})`))
        if (e.code === 'ECONNREFUSED') return reject(new SshError(`ssh ${where}: connection refused`))
        if (/timed out/i.test(e.message)) return reject(new SshError(`ssh ${where}: timed out while connecting`))
        reject(new SshError(`ssh ${where}: ${e.message}`))
      }
      const onReady = (): void => {
        client.removeListener('error', onError)
        resolve()
      }
      client.once('error', onError)
      client.once('ready', onReady)
      client.connect(conn)
    })
    const hk = check as HostKeyCheck | null
    if (hk === null) throw new SshError(`ssh ${where}: host key was not verified`)
    return new SshSession(client, cfg, hk)
  }

  /**
   * Runs argv on the remote host (each element quoted; no remote shell parsing of the arguments). Streams output.
   * Rejects with SshConnectionLostError if the connection drops before the command ends.
   */
  exec(argv: readonly string[], opts: ExecOptions = {}): Promise<ExecResult> {
    if (this.lostReason !== null) return Promise.reject(new SshConnectionLostError(`ssh ${this.where}: connection lost (${this.lostReason})`))
    const envPart = opts.env ? 'env ' + Object.entries(opts.env).map(([k, v]) => shellQuote(`${k}=${v}`)).join(' ') + ' ' : ''
    const cdPart = opts.cwd ? `cd ${shellQuote(opts.cwd)} && ` : ''
    // The login shell of an exec channel leads its own session/process group; `exec` keeps its pid for the command.
    const line = `echo ${PID_MARK}$$ >&2; ${cdPart}exec ${envPart}${shellJoin(argv)}`
    return new Promise<ExecResult>((resolve, reject) => {
      let settled = false
      const fail = (e: Error): void => {
        if (settled) return
        settled = true
        cleanup()
        reject(e)
      }
      this.pending.add(fail)
      let remotePid: number | null = null
      let killed = false
      let killTimer: NodeJS.Timeout | null = null
      const onAbort = (): void => {
        if (killed) return
        killed = true
        void this.killRemote(remotePid, 'TERM')
        killTimer = setTimeout(() => void this.killRemote(remotePid, 'KILL'), opts.killGraceMs ?? 2_000)
      }
      const cleanup = (): void => {
        this.pending.delete(fail)
        opts.signal?.removeEventListener('abort', onAbort)
        if (killTimer) clearTimeout(killTimer)
      }
      this.client.exec(line, (err: Error | undefined, ch: ClientChannel) => {
        if (err) return fail(new SshError(`ssh ${this.where}: cannot start command: ${err.message}`))
        opts.onStdin?.((text) => {
          if (!settled && ch.writable) ch.write(text)
        })
        const out = new StringDecoder('utf8')
        const errDec = new StringDecoder('utf8')
        let stdout = ''
        let stderr = ''
        let errHead = ''
        let code: number | null = null
        let sig: string | null = null
        let sawExit = false
        ch.on('data', (b: Buffer) => {
          const t = out.write(b)
          stdout += t
          if (t) opts.onStdout?.(t)
        })
        ch.stderr.on('data', (b: Buffer) => {
          let t = errDec.write(b)
          if (remotePid === null) {
            errHead += t
            const nl = errHead.indexOf('\n')
            if (nl < 0) return
            const m = new RegExp(`^${PID_MARK}(\\d+)$`).exec(errHead.slice(0, nl))
            remotePid = m?.[1] ? Number(m[1]) : -1
            t = m ? errHead.slice(nl + 1) : errHead
            errHead = ''
            if (killed) void this.killRemote(remotePid, 'TERM')
          }
          stderr += t
          if (t) opts.onStderr?.(t)
        })
        ch.on('exit', (c: number | null, s?: string) => {
          sawExit = true
          code = typeof c === 'number' ? c : null
          sig = s ?? null
        })
        ch.on('close', () => {
          if (settled) return
          const tail = out.end()
          if (tail) {
            stdout += tail
            opts.onStdout?.(tail)
          }
          if (!sawExit) {
            // sshd always reports exit-status or exit-signal; a channel closing without one means the link broke.
            setImmediate(() => fail(new SshConnectionLostError(`ssh ${this.where}: connection lost while running ${argv[0] ?? ''}`)))
            return
          }
          settled = true
          cleanup()
          resolve({ code, signal: sig, stdout, stderr, killed })
        })
      })
      if (opts.signal?.aborted) onAbort()
      else opts.signal?.addEventListener('abort', onAbort, { once: true })
    })
  }

  /** Runs argv and returns stdout; a non-zero exit throws SshCommandError with the stderr tail. */
  async run(argv: readonly string[], opts: ExecOptions = {}): Promise<string> {
    const r = await this.exec(argv, opts)
    if (r.code !== 0) throw new SshCommandError(shellJoin(argv), r.code, r.stderr)
    return r.stdout
  }

  /** Connects to a unix socket on the remote host through the SSH connection (OpenSSH direct-streamlocal). */
  openUnixSocket(path: string): Promise<ClientChannel> {
    if (this.lostReason !== null) return Promise.reject(new SshConnectionLostError(`ssh ${this.where}: connection lost (${this.lostReason})`))
    return this.guard(
      new Promise<ClientChannel>((resolve, reject) =>
        this.client.openssh_forwardOutStreamLocal(path, (err, ch) => (err ? reject(new SshError(`ssh ${this.where}: cannot open ${path}: ${err.message}`)) : resolve(ch))),
      ),
    )
  }

  /** Creates a private temporary directory on the remote host (`mktemp -d`), returns its path. */
  async makeTempDir(prefix = 'labcon'): Promise<string> {
    const dir = (await this.run(['mktemp', '-d', `/tmp/${prefix}.XXXXXXXX`])).trim()
    if (!dir.startsWith('/tmp/')) throw new SshError(`ssh ${this.where}: mktemp returned an unexpected path '${dir}'`)
    return dir
  }

  /** Removes a directory made by makeTempDir (refuses anything outside /tmp). */
  async removeDir(dir: string): Promise<void> {
    if (!/^\/tmp\/[^/]+$/.test(dir)) throw new SshError(`refusing to remove '${dir}': not a per-run temp dir`)
    await this.run(['rm', '-rf', '--', dir])
  }

  private sftp(): Promise<SFTPWrapper> {
    this.sftpPromise ??= new Promise((resolve, reject) =>
      this.client.sftp((err, s) => (err ? reject(new SshError(`ssh ${this.where}: sftp unavailable: ${err.message}`)) : resolve(s))),
    )
    return this.sftpPromise
  }

  /** Uploads a local file over SFTP. */
  async upload(localPath: string, remotePath: string): Promise<void> {
    const s = await this.sftp()
    await this.guard(
      new Promise<void>((resolve, reject) =>
        s.fastPut(localPath, remotePath, (e) => (e ? reject(new SshError(`sftp upload ${localPath} → ${this.config.host}:${remotePath}: ${e.message}`)) : resolve())),
      ),
    )
  }

  /** Writes bytes to a remote file over SFTP. */
  async writeFile(remotePath: string, data: string | Buffer): Promise<void> {
    const s = await this.sftp()
    await this.guard(
      new Promise<void>((resolve, reject) =>
        s.writeFile(remotePath, data, (e) => (e ? reject(new SshError(`sftp write ${this.config.host}:${remotePath}: ${e.message}`)) : resolve())),
      ),
    )
  }

  /** Reads a remote file over SFTP. */
  async readFile(remotePath: string): Promise<Buffer> {
    const s = await this.sftp()
    return this.guard(
      new Promise<Buffer>((resolve, reject) =>
        s.readFile(remotePath, (e: Error | null | undefined, b: Buffer) => (e ? reject(new SshError(`sftp read ${this.config.host}:${remotePath}: ${e.message}`)) : resolve(b))),
      ),
    )
  }

  /** Closes the connection. */
  close(): void {
    this.lostReason ??= 'closed'
    this.client.end()
  }

  private guard<T>(p: Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const fail = (e: Error): void => reject(e)
      this.pending.add(fail)
      p.then(resolve, reject).finally(() => this.pending.delete(fail))
    })
  }

  private async killRemote(pid: number | null, sig: 'TERM' | 'KILL'): Promise<void> {
    if (pid === null || pid <= 1 || this.lostReason !== null) return
    try {
      // `kill -SIG -pid` (dash and bash both take it; dash rejects `--`) = the whole process group the command leads (qemu and anything it started).
      await this.exec(['sh', '-c', `kill -${sig} -${pid} 2>/dev/null || kill -${sig} ${pid} 2>/dev/null; true`])
    } catch {
      // The connection is gone; nothing more can be done from here.
    }
  }
}

/**
 * One lazily opened, reconnecting SSH session for a driver. On first contact it pins the fingerprint in memory (so a
 * key change later in this process is refused) and hands it to the host to persist.
 */
export class SshLink {
  private current: Promise<SshSession> | null = null
  /** Fingerprint learnt on first contact in this process, if any. */
  learntFingerprint: string | null = null

  constructor(
    private readonly host: TargetHost,
    private readonly envId: number,
    /** Where the SSH settings sit in the environment's config (`''` = top level, `'staging'`). */
    private readonly configPath: string,
    private readonly cfg: SshConfig,
  ) {}

  /** An open session, connecting (again) if needed. Throws SshError / HostKeyMismatchError / SshConfigError. */
  async session(): Promise<SshSession> {
    if (this.current) {
      const s = await this.current.catch(() => null)
      if (s && !s.closed) return s
    }
    const pinned = this.cfg.hostKeyFingerprint ?? this.learntFingerprint
    this.current = SshSession.connect({ ...this.cfg, hostKeyFingerprint: pinned }, this.host.env)
    const s = await this.current.catch((e: unknown) => {
      this.current = null
      throw e
    })
    if (s.hostKey.kind === 'first-contact') {
      this.learntFingerprint = s.hostKey.fingerprint
      try {
        this.host.pinHostKey(this.envId, this.configPath, s.hostKey.fingerprint)
      } catch {
        // A failing store never breaks the connection: the pin stays in memory; the next first contact tries again.
      }
    }
    return s
  }

  /**
   * After a dropped connection a remote launcher lives on (no pty, no SIGHUP): reconnect once, kill whatever still runs
   * from the per-run directory (its path is the run's unique tag) and remove the directory. Best effort.
   */
  async reap(dir: string): Promise<void> {
    try {
      const s = await this.session()
      await s.exec(['pkill', '-KILL', '-f', `${dir}/`])
      await s.removeDir(dir)
    } catch {
      // Still unreachable: a remote `timeout` guard (where the driver uses one) ends it.
    }
  }

  /** The fingerprint facts for health reports and results. */
  facts(prefix = 'ssh'): Record<string, string> {
    const fp = this.cfg.hostKeyFingerprint ?? this.learntFingerprint
    return fp ? { [`${prefix}.hostKey`]: fp } : {}
  }

  /** Closes the session, if open. */
  async close(): Promise<void> {
    const s = await this.current?.catch(() => null)
    s?.close()
    this.current = null
  }
}

/** What a driver reads from its environment once: its settings and, when remote, its SSH link; or why it cannot. */
export interface EnvBinding<S> {
  /** null when the config is unusable (`configError` says why; health and run report it). */
  settings: S | null
  link: SshLink | null
  configError: string
  /** `user@host` of a remote environment, else `local`. */
  where: string
}

/** Reads a driver's settings with `read`, and builds the SSH link from the top-level config when `isRemote` says so. */
export function bindEnvironment<S>(env: Environment, host: TargetHost, read: (env: Environment) => S, isRemote: (settings: S) => boolean): EnvBinding<S> {
  try {
    const settings = read(env)
    if (!isRemote(settings)) return { settings, link: null, configError: '', where: 'local' }
    const ssh = sshConfigFrom(`environment '${env.name}'`, env.config)
    return { settings, link: new SshLink(host, env.id, '', ssh), configError: '', where: `${ssh.username}@${ssh.host}` }
  } catch (e) {
    return { settings: null, link: null, configError: e instanceof Error ? e.message : String(e), where: 'local' }
  }
}
