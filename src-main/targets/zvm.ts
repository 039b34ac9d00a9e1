// z/VM: over SSH to a controller guest, XAUTOLOG the test guest, empty its reader, punch a reader IPL deck built from
// the flat image (src-core/emulator/ipl/reader-deck.ts) to it (vmur), spool its console to the controller, IPL 00C
// CLEAR with the test_args as CP's IPL PARM, and read the console back by closing the spool and `vmur receive -t`.
// Facts and sources: docs/zvm-reader-ipl.md.
import { readFile } from 'node:fs/promises'
import type { Environment, HealthReport } from '@core/domain/environment'
import { buildReaderDeck, CP_PARM_MAX } from '@core/emulator/ipl/reader-deck'
import { ConsoleCapture, errorMessage, makeOutcome, RunWatch, sleep } from './run-capture'
import { bindEnvironment, type SshSession } from './ssh'
import type { Target, TargetHost, TargetRunOutcome, TargetRunRequest } from './target'
import { LabError } from '@core/domain/errors'

/** What each `vmcp` exit code means (s390-tools). */
export const VMCP_EXIT_MEANINGS: Readonly<Record<number, string>> = {
  1: 'CP error',
  2: 'response truncated (the vmcp buffer was too small)',
  3: 'Linux error (is the vmcp module loaded and /dev/vmcp present?)',
  4: 'bad options',
  127: 'vmcp is not installed on the controller (s390-tools)',
}

/** A `vmcp` call failed; carries the CP command, vmcp's exit code and what CP answered. */
export class VmcpError extends LabError {
  override name = 'VmcpError'
  readonly kind = 'infra'
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
export class VmurError extends LabError {
  override name = 'VmurError'
  readonly kind = 'infra'
}

/** A `zvm` environment's settings are incomplete or malformed (guest, controller, pollMs). */
export class ZvmConfigError extends LabError {
  override name = 'ZvmConfigError'
  readonly kind = 'config'
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
  if (!USERID_RE.test(guest)) throw new ZvmConfigError(`${what}: 'guest' must be a z/VM userid (1-8 of A-Z 0-9 $ # @), got ${JSON.stringify(c['guest'])}`)
  const ctl = c['controller'] === undefined ? null : typeof c['controller'] === 'string' ? c['controller'].toUpperCase() : ''
  if (ctl !== null && !USERID_RE.test(ctl)) throw new ZvmConfigError(`${what}: 'controller' must be a z/VM userid, got ${JSON.stringify(c['controller'])}`)
  const pollMs = c['pollMs'] ?? 1000
  if (typeof pollMs !== 'number' || pollMs < 10) throw new ZvmConfigError(`${what}: 'pollMs' must be a number ≥ 10`)
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

/**
 * The IPL command for the test guest, for `vmcp -k` (vmcp upper-cases the whole line without -k, which would change
 * the PARM): test_args of up to 64 characters go into CP's IPL PARM; longer ones travel on the deck instead.
 */
export function iplCommand(guest: string, args: string): string[] {
  const base = ['SEND', 'CP', guest, 'IPL', '00C', 'CLEAR']
  if (args.trim() === '' || args.length > CP_PARM_MAX) return base
  return [...base, 'PARM', args]
}

/** Console spool record length: lines longer than this arrive as several records (see docs/zvm-reader-ipl.md). */
export const CONSOLE_RECORD_MAX = 132

/** Rejoins console lines CP split into records: a record of exactly CONSOLE_RECORD_MAX characters continues. */
export function joinConsoleRecords(text: string, max = CONSOLE_RECORD_MAX): string {
  const lines = text.split('\n')
  const out: string[] = []
  let carry = ''
  for (const [i, line] of lines.entries()) {
    if (line.length === max && i < lines.length - 1) {
      carry += line
      continue
    }
    out.push(carry + line)
    carry = ''
  }
  if (carry) out.push(carry)
  return out.join('\n')
}

/** Builds the driver for a `zvm` environment. */
export function createZvmTarget(env: Environment, host: TargetHost): Target {
  const { settings, link, configError } = bindEnvironment(env, host, zvmSettings, () => true)
  let queue: Promise<unknown> = Promise.resolve()

  /** Runs `vmcp -k`: the words are sent as given (CP words upper case, a PARM in its own case). */
  async function vmcp(s: SshSession, words: string[], trail?: string[]): Promise<string> {
    const cp = words.join(' ')
    trail?.push(`vmcp -k ${cp}`)
    const r = await s.exec(['vmcp', '-k', ...words])
    if (r.code === 0) return r.stdout
    throw new VmcpError(cp, r.code, [r.stdout.trim(), r.stderr.trim()].filter(Boolean).join(' | '))
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
        level = (await vmcp(s, ['QUERY', 'CPLEVEL'])).split('\n')[0]?.trim() || null
        facts['controller'] = (await vmcp(s, ['QUERY', 'USERID'])).trim().split(/\s+/)[0] ?? ''
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
    // The kernel is done at EXIT: the time to close and read the last console spool does not count against it.
    cap.whenExit(() => {
      watch.dispose()
      done.abort()
    })
    const trail: string[] = []
    const facts: Record<string, string> = { guest: g }
    let s: SshSession | null = null
    let dir: string | null = null
    let ipled = false
    // Console records arrive split at CONSOLE_RECORD_MAX; a full-length last record may continue in the next file.
    let pending = ''
    const collect = async (final = false): Promise<void> => {
      if (!s) return
      const files = parseReaderList(await vmur(s, ['list'])).filter((f) => f.origin === g && f.type === 'CONSOLE')
      for (const f of files.sort((a, b) => a.spoolid - b.spoolid)) {
        const text = await vmur(s, ['receive', '-t', '-O', String(f.spoolid)])
        await vmur(s, ['purge', '-f', String(f.spoolid)])
        const joined = joinConsoleRecords(pending + (text.endsWith('\n') || text === '' ? text : `${text}\n`))
        const cut = /(?:^|\n)([^\n]*)\n$/.exec(joined)
        pending = cut && cut[1]!.length === CONSOLE_RECORD_MAX ? cut[1]! : ''
        cap.push(pending ? joined.slice(0, joined.length - pending.length - 1) : joined)
      }
      if (final && pending) cap.push(`${pending}\n`)
    }
    try {
      const iplWords = iplCommand(g, req.args)
      const image = await readFile(req.flatPath)
      const deck = buildReaderDeck(image, { args: req.args.length > CP_PARM_MAX ? req.args : '', name: req.flatPath })
      facts['zvm.deck'] = `${deck.cards} cards, loader at 0x${deck.loaderAddr.toString(16)}`
      s = await link.session()
      Object.assign(facts, link.facts())
      const ctl = st.controller ?? ((await vmcp(s, ['QUERY', 'USERID'], trail)).trim().split(/\s+/)[0] as string)
      facts['controller'] = ctl
      dir = await s.makeTempDir('labcon-zvm')
      await s.writeFile(`${dir}/kut.deck`, Buffer.from(deck.bytes))
      try {
        await vmcp(s, ['XAUTOLOG', g], trail)
      } catch (e) {
        // HCPLGA054E: the guest is logged on already (left from an earlier run) — the IPL CLEAR resets it anyway.
        if (!(e instanceof VmcpError && /HCPLGA054E|already logged on/i.test(e.response))) throw e
      }
      // IPL 00C reads the first file in the reader: leave only ours there.
      await vmcp(s, ['SEND', 'CP', g, 'PURGE', 'READER', 'ALL'], trail)
      await vmur(s, ['punch', '-r', '-u', g, '-N', 'KUT.DECK', `${dir}/kut.deck`], trail)
      await vmcp(s, ['SEND', 'CP', g, 'SPOOL', 'CONSOLE', 'START', 'TO', ctl], trail)
      await vmcp(s, iplWords, trail)
      ipled = true
      while (!done.signal.aborted) {
        await sleep(st.pollMs, done.signal)
        if (done.signal.aborted) break
        await vmcp(s, ['SEND', 'CP', g, 'SPOOL', 'CONSOLE', 'CLOSE'])
        await collect()
      }
      if (watch.signal.aborted) await vmcp(s, ['SEND', 'CP', g, 'SYSTEM', 'RESET'], trail)
      await vmcp(s, ['SEND', 'CP', g, 'SPOOL', 'CONSOLE', 'STOP', 'CLOSE'], trail)
      await collect(true)
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
        if (again) await vmcp(again, ['SEND', 'CP', g, 'SYSTEM', 'RESET']).catch(() => undefined)
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
