// z/VM: over SSH to a controller guest, punch the flat image to the test guest's reader (vmur), XAUTOLOG it, spool
// its console to the controller, IPL 00C CLEAR, and read the console back by closing the spool and `vmur receive -t`.
import type { Environment, HealthReport } from '@core/domain/environment'
import { ConsoleCapture, errorMessage, makeOutcome, RunWatch, sleep } from './run-capture'
import { bindEnvironment, SshConfigError, type SshSession } from './ssh'
import type { Target, TargetRunOutcome, TargetRunRequest } from './target'

/** What each `vmcp` exit code means (s390-tools). */
export const VMCP_EXIT_MEANINGS: Readonly<Record<number, string>> = {
  1: 'CP error',
  2: 'response truncated (the vmcp buffer was too small)',
  3: 'Linux error (is the vmcp module loaded and /dev/vmcp present?)',
  4: 'bad options',
  127: 'vmcp is not installed on the controller (s390-tools)',
}

/** A `vmcp` call failed; carries the CP command, vmcp's exit code and what CP answered. */
export class VmcpError extends Error {
  override name = 'VmcpError'
  constructor(
    readonly cpCommand: string,
    readonly exitCode: number | null,
    readonly response: string,
  ) {
    const meaning = exitCode === null ? 'no exit code' : (VMCP_EXIT_MEANINGS[exitCode] ?? `exit ${exitCode}`)
    super(`vmcp ${cpCommand}: ${meaning}${response ? `: ${response}` : ''}`)
  }
}

/** A `vmur` call failed. */
export class VmurError extends Error {
  override name = 'VmurError'
}

/** Settings of a `zvm` environment (controller SSH fields are read by sshConfigFrom). */
export interface ZvmSettings {
  /** The test guest whose reader gets the kernel and which is IPLed. */
  guest: string
  /** The controller's own userid (console spool target); read with `vmcp q userid` when absent. */
  controller: string | null
  pollMs: number
}

const USERID_RE = /^[A-Z0-9$#@]{1,8}$/

/** Reads and validates a `zvm` environment's config. */
export function zvmSettings(env: Pick<Environment, 'name' | 'config'>): ZvmSettings {
  const what = `environment '${env.name}'`
  const c = env.config
  const guest = typeof c['guest'] === 'string' ? c['guest'].toUpperCase() : ''
  if (!USERID_RE.test(guest)) throw new SshConfigError(`${what}: 'guest' must be a z/VM userid (1-8 of A-Z 0-9 $ # @), got ${JSON.stringify(c['guest'])}`)
  const ctl = c['controller'] === undefined ? null : typeof c['controller'] === 'string' ? c['controller'].toUpperCase() : ''
  if (ctl !== null && !USERID_RE.test(ctl)) throw new SshConfigError(`${what}: 'controller' must be a z/VM userid, got ${JSON.stringify(c['controller'])}`)
  const pollMs = c['pollMs'] ?? 1000
  if (typeof pollMs !== 'number' || pollMs < 10) throw new SshConfigError(`${what}: 'pollMs' must be a number ≥ 10`)
  return { guest, controller: ctl, pollMs }
}

/** One line of `vmur list`. */
export interface ReaderFile {
  origin: string
  spoolid: number
  name: string
  type: string
}

/** Parses `vmur list` (CP's QUERY RDR ALL layout: ORIGINID FILE CLASS RECORDS CPY HOLD DATE TIME NAME TYPE DIST). */
export function parseReaderList(text: string): ReaderFile[] {
  const out: ReaderFile[] = []
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/)
    if (f.length < 11 || f[0] === 'ORIGINID' || !/^\d{1,4}$/.test(f[1] ?? '')) continue
    out.push({ origin: f[0] as string, spoolid: Number(f[1]), name: f[9] as string, type: f[10] as string })
  }
  return out
}

/** The IPL command for the test guest; test_args go into CP's IPL PARM (at most 64 characters). */
export function iplCommand(guest: string, args: string): string[] {
  const base = ['send', 'cp', guest, 'ipl', '00c', 'clear']
  if (args.trim() === '') return base
  if (args.length > 64) throw new VmurError(`test_args of ${args.length} characters do not fit CP's IPL PARM (64 at most): '${args}'`)
  return [...base, 'parm', args]
}

/** Builds the driver for a `zvm` environment. */
export function createZvmTarget(env: Environment): Target {
  const { settings, link, configError } = bindEnvironment(env, zvmSettings, () => true)
  let queue: Promise<unknown> = Promise.resolve()

  async function vmcp(s: SshSession, words: string[], trail?: string[]): Promise<string> {
    const cp = words.join(' ')
    trail?.push(`vmcp ${cp}`)
    const r = await s.exec(['vmcp', ...words])
    if (r.code === 0) return r.stdout
    throw new VmcpError(cp.toUpperCase(), r.code, [r.stdout.trim(), r.stderr.trim()].filter(Boolean).join(' | '))
  }
  async function vmur(s: SshSession, args: string[], trail?: string[]): Promise<string> {
    trail?.push(`vmur ${args.join(' ')}`)
    const r = await s.exec(['vmur', ...args])
    if (r.code === 0) return r.stdout
    if (r.code === 127) throw new VmurError('vmur is not installed on the controller (s390-tools)')
    throw new VmurError(`vmur ${args.join(' ')}: exit ${r.code}${r.stderr.trim() ? `: ${r.stderr.trim()}` : ''}`)
  }

  return {
    env,
    async health(): Promise<HealthReport> {
      const checkedAt = new Date().toISOString()
      if (!settings || !link) return { ok: false, level: null, facts: {}, problems: [configError], checkedAt }
      const problems: string[] = []
      const facts: Record<string, string> = { guest: settings.guest }
      let level: string | null = null
      try {
        const s = await link.session()
        Object.assign(facts, link.facts())
        level = (await vmcp(s, ['q', 'cplevel'])).split('\n')[0]?.trim() || null
        facts['controller'] = (await vmcp(s, ['q', 'userid'])).trim().split(/\s+/)[0] ?? ''
        await vmur(s, ['list'])
      } catch (e) {
        problems.push(errorMessage(e))
      }
      return { ok: problems.length === 0, level, facts, problems, checkedAt }
    },

    run(req: TargetRunRequest): Promise<TargetRunOutcome> {
      // One test guest runs one kernel at a time.
      const p = queue.then(
        () => runOnce(req),
        () => runOnce(req),
      )
      queue = p.catch(() => undefined)
      return p
    },

    async dispose(): Promise<void> {
      await link?.close()
    },
  }

  async function runOnce(req: TargetRunRequest): Promise<TargetRunOutcome> {
    const start = Date.now()
    if (!settings || !link) return makeOutcome(start, { command: '', infraError: configError })
    if (!req.flatPath) return makeOutcome(start, { command: '', infraError: `z/VM IPLs the flat image from the reader: no .bin next to ${req.kernelPath}` })
    const st = settings
    const g = st.guest
    const watch = new RunWatch(req)
    const cap = new ConsoleCapture(req.onOutput)
    const done = new AbortController()
    watch.signal.addEventListener('abort', () => done.abort(), { once: true })
    cap.whenExit(() => done.abort())
    const trail: string[] = []
    const facts: Record<string, string> = { guest: g }
    let s: SshSession | null = null
    let dir: string | null = null
    let ipled = false
    const collect = async (): Promise<void> => {
      if (!s) return
      const files = parseReaderList(await vmur(s, ['list'])).filter((f) => f.origin === g && f.type === 'CONSOLE')
      for (const f of files.sort((a, b) => a.spoolid - b.spoolid)) {
        const text = await vmur(s, ['receive', '-t', '-O', String(f.spoolid)])
        await vmur(s, ['purge', '-f', String(f.spoolid)])
        cap.push(text.endsWith('\n') || text === '' ? text : `${text}\n`)
      }
    }
    try {
      const iplWords = iplCommand(g, req.args)
      s = await link.session()
      Object.assign(facts, link.facts())
      const ctl = st.controller ?? ((await vmcp(s, ['q', 'userid'], trail)).trim().split(/\s+/)[0] as string)
      facts['controller'] = ctl
      dir = await s.makeTempDir('labcon-zvm')
      await s.upload(req.flatPath, `${dir}/kernel.bin`)
      await vmur(s, ['punch', '-r', '-u', g, '-N', 'KUT.BIN', `${dir}/kernel.bin`], trail)
      try {
        await vmcp(s, ['xautolog', g], trail)
      } catch (e) {
        // HCPLGA054E: the guest is logged on already (left from an earlier run) — the IPL CLEAR resets it anyway.
        if (!(e instanceof VmcpError && /HCPLGA054E|already logged on/i.test(e.response))) throw e
      }
      await vmcp(s, ['send', 'cp', g, 'spool', 'console', 'start', 'to', ctl], trail)
      await vmcp(s, iplWords, trail)
      ipled = true
      while (!done.signal.aborted) {
        await sleep(st.pollMs, done.signal)
        if (done.signal.aborted) break
        await vmcp(s, ['send', 'cp', g, 'spool', 'console', 'close'])
        await collect()
      }
      if (watch.signal.aborted) await vmcp(s, ['send', 'cp', g, 'system', 'reset'], trail)
      await vmcp(s, ['send', 'cp', g, 'spool', 'console', 'stop', 'close'], trail)
      await collect()
      cap.finish()
      return makeOutcome(start, {
        log: cap.log,
        exitStatus: cap.exitStatus,
        timedOut: watch.timedOut,
        cancelled: watch.cancelled && !watch.timedOut,
        command: `ssh ${s.where}: ${trail.join('; ')}`,
        facts,
      })
    } catch (e) {
      cap.finish()
      if (ipled) {
        // Do not leave the guest running the kernel: reset it (over a new connection if the old one dropped).
        const again = s && !s.closed ? s : await link.session().catch(() => null)
        if (again) await vmcp(again, ['send', 'cp', g, 'system', 'reset']).catch(() => undefined)
      }
      return makeOutcome(start, {
        log: cap.log,
        exitStatus: cap.exitStatus,
        timedOut: watch.timedOut,
        cancelled: watch.cancelled && !watch.timedOut,
        infraError: errorMessage(e),
        command: `ssh ${s?.where ?? String(env.config['host'])}: ${trail.join('; ')}`,
        facts,
      })
    } finally {
      watch.dispose()
      if (dir && s && !s.closed) await s.removeDir(dir).catch(() => undefined)
    }
  }
}
