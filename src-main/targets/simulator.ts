// Simulators and anything else: an argv template with typed placeholders, run locally (no shell) or over SSH (each
// element quoted), with the console taken from stdout or from a file.
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import type { Environment, HealthReport } from '@core/domain/environment'
import { decodeEbcdic } from '@core/domain/ebcdic'
import { configDefault } from '@core/domain/env-schema'
import { formatCommand, runProcess } from './process'
import { ConsoleCapture, errorMessage, makeOutcome, RunWatch, sleep } from './run-capture'
import { bindEnvironment, shellJoin, SshConnectionLostError, type SshSession } from './ssh'
import type { Target, TargetHost, TargetRunOutcome, TargetRunRequest } from './target'
import { LabError } from '@core/domain/errors'

/** Placeholders a template may use, with their types: paths, integers, free text. */
export const SIMULATOR_PLACEHOLDERS = {
  kernel: 'path',
  bin: 'path',
  workDir: 'path',
  smp: 'integer',
  memMiB: 'integer',
  timeoutSec: 'integer',
  args: 'text',
} as const
export type SimulatorPlaceholder = keyof typeof SIMULATOR_PLACEHOLDERS

/** A template or its values are wrong; names the environment, the element and the placeholder. */
export class SimulatorTemplateError extends LabError {
  override name = 'SimulatorTemplateError'
  readonly kind = 'config'
}

/** Values for one run. `bin` is null when the kernel has no flat image. */
export type SimulatorValues = Record<Exclude<SimulatorPlaceholder, 'bin'>, string | number> & { bin: string | null }

const PLACEHOLDER_RE = /\{(\w+)\}/g

/** Checks a template: every `{name}` must be a known placeholder. */
export function checkTemplate(what: string, template: readonly string[]): void {
  template.forEach((el, i) => {
    for (const m of el.matchAll(PLACEHOLDER_RE)) {
      const name = m[1] as string
      if (!(name in SIMULATOR_PLACEHOLDERS))
        throw new SimulatorTemplateError(`${what}: element ${i} '${el}': unknown placeholder {${name}} (known: ${Object.keys(SIMULATOR_PLACEHOLDERS).map((k) => `{${k}}`).join(', ')})`)
    }
  })
}

/**
 * Substitutes placeholders inside each element; an element stays exactly one argument whatever the value holds
 * (spaces, quotes, `;`), so nothing is ever re-parsed by a shell.
 */
export function expandTemplate(what: string, template: readonly string[], values: SimulatorValues): string[] {
  checkTemplate(what, template)
  return template.map((el) =>
    el.replace(PLACEHOLDER_RE, (_m, name: SimulatorPlaceholder) => {
      const v = values[name]
      if (v === null) throw new SimulatorTemplateError(`${what}: '${el}' needs {${name}} but the kernel has no flat .bin image`)
      if (SIMULATOR_PLACEHOLDERS[name] === 'integer' && !(typeof v === 'number' && Number.isInteger(v) && v >= 0))
        throw new SimulatorTemplateError(`${what}: {${name}} must be a non-negative integer (got ${JSON.stringify(v)})`)
      return String(v)
    }),
  )
}

/** Settings of a `simulator` environment. */
export interface SimulatorSettings {
  command: string[]
  /** Where the console comes from: the launcher's stdout, or a file (a template, e.g. `{workDir}/console.log`). */
  consoleFile: string | null
  consoleEncoding: 'ascii' | 'ebcdic'
  /** Stop the launcher once `EXIT:` is seen (for simulators that do not end by themselves). */
  stopOnExit: boolean
  /** Command printing the simulator's version (its level), e.g. `["zpdt", "--version"]`. */
  versionCommand: string[] | null
  remote: boolean
}

function stringArray(what: string, v: unknown, key: string): string[] {
  // `labcon env add --config command='["sim","{kernel}"]'` gives the argv as a JSON string.
  if (typeof v === 'string' && v.trim().startsWith('[')) {
    try {
      v = JSON.parse(v)
    } catch {
      throw new SimulatorTemplateError(`${what}: '${key}' is not a valid JSON array: ${v}`)
    }
  }
  if (!Array.isArray(v) || v.length === 0 || !v.every((x) => typeof x === 'string'))
    throw new SimulatorTemplateError(`${what}: '${key}' must be a non-empty array of strings (an argv, one element per argument)`)
  return v as string[]
}

/** Reads and validates a `simulator` environment's config. */
export function simulatorSettings(env: Pick<Environment, 'name' | 'config'>): SimulatorSettings {
  const what = `environment '${env.name}'`
  const c = env.config
  const command = stringArray(what, c['command'], 'command')
  checkTemplate(`${what}: command`, command)
  const consoleFile = c['consoleFile'] ?? null
  if (consoleFile !== null && typeof consoleFile !== 'string') throw new SimulatorTemplateError(`${what}: 'consoleFile' must be a path template`)
  if (consoleFile) checkTemplate(`${what}: consoleFile`, [consoleFile])
  const enc = c['consoleEncoding'] ?? configDefault('simulator', 'consoleEncoding')
  if (enc !== 'ascii' && enc !== 'ebcdic') throw new SimulatorTemplateError(`${what}: 'consoleEncoding' must be 'ascii' or 'ebcdic'`)
  const stopOnExit = c['stopOnExit'] ?? configDefault('simulator', 'stopOnExit')
  if (typeof stopOnExit !== 'boolean') throw new SimulatorTemplateError(`${what}: 'stopOnExit' must be true or false`)
  const versionCommand = c['versionCommand'] === undefined ? null : stringArray(what, c['versionCommand'], 'versionCommand')
  return { command, consoleFile, consoleEncoding: enc, stopOnExit, versionCommand, remote: typeof c['host'] === 'string' }
}

/** How one launch ended. */
interface LaunchResult {
  stdout: string
  code: number | null
  signal: string | null
  stderr: string
  startError: string | null
}

/** Builds the driver for a `simulator` environment. */
export function createSimulatorTarget(env: Environment, host: TargetHost): Target {
  const { settings, link, configError, where } = bindEnvironment(env, host, simulatorSettings, (s) => s.remote)

  async function launch(s: SshSession | null, argv: string[], onStdout: (t: string) => void, signal: AbortSignal): Promise<LaunchResult & { killed: boolean }> {
    if (s) {
      const r = await s.exec(argv, { onStdout, signal })
      return { stdout: r.stdout, code: r.code, signal: r.signal, stderr: r.stderr, startError: r.code === 127 ? `${argv[0]}: not found on ${where}` : null, killed: r.killed }
    }
    const [cmd, ...args] = argv as [string, ...string[]]
    const r = await runProcess({ command: cmd, args, timeoutMs: 2 ** 31 - 1, signal, onStdout })
    const startError = r.spawnError ? (r.spawnError.code === 'ENOENT' ? `${cmd}: not found` : `${cmd}: ${r.spawnError.message}`) : null
    return { stdout: r.stdout, code: r.code, signal: r.signal, stderr: r.stderr, startError, killed: r.cancelled }
  }

  return {
    env,
    async health(): Promise<HealthReport> {
      const checkedAt = new Date().toISOString()
      if (!settings) return { ok: false, level: null, facts: {}, problems: [configError], checkedAt }
      const problems: string[] = []
      const facts: Record<string, string> = { where }
      let level: string | null = null
      try {
        const s = link ? await link.session() : null
        if (link) Object.assign(facts, link.facts())
        if (settings.versionCommand) {
          const r = await launch(s, settings.versionCommand, () => undefined, new AbortController().signal)
          if (r.startError || r.code !== 0) problems.push(r.startError ?? `${settings.versionCommand.join(' ')}: exit ${r.code}: ${r.stderr.trim()}`)
          else level = r.stdout.trim().split('\n')[0] || null
        }
      } catch (e) {
        problems.push(errorMessage(e))
      }
      return { ok: problems.length === 0, level, facts, problems, checkedAt }
    },

    async run(req: TargetRunRequest): Promise<TargetRunOutcome> {
      const start = Date.now()
      if (!settings) return makeOutcome(start, { command: '', infraError: configError })
      const st = settings
      const watch = new RunWatch(req)
      const cap = new ConsoleCapture(req.onOutput)
      const stop = new AbortController()
      watch.signal.addEventListener('abort', () => stop.abort(), { once: true })
      let stoppedByUs = false
      if (st.stopOnExit)
        cap.whenExit(() => {
          stoppedByUs = true
          stop.abort()
        })
      let command = ''
      let s: SshSession | null = null
      let workDir: string | null = null
      let done = false
      try {
        s = link ? await link.session() : null
        let kernel = req.kernelPath
        let bin = req.flatPath
        if (s) {
          workDir = await s.makeTempDir('labcon-sim')
          kernel = `${workDir}/${basename(req.kernelPath)}`
          await s.upload(req.kernelPath, kernel)
          if (req.flatPath) {
            bin = `${workDir}/${basename(req.flatPath)}`
            await s.upload(req.flatPath, bin)
          }
        } else {
          workDir = await mkdtemp(join(tmpdir(), 'labcon-sim-'))
        }
        const values: SimulatorValues = { kernel, bin, workDir, smp: req.smp, memMiB: req.memMiB, timeoutSec: Math.ceil(req.timeoutMs / 1000), args: req.args }
        const argv = expandTemplate(`environment '${env.name}': command`, st.command, values)
        const consolePath = st.consoleFile ? (expandTemplate(`environment '${env.name}': consoleFile`, [st.consoleFile], values)[0] as string) : null
        command = s ? `ssh ${where}: ${shellJoin(argv)}` : formatCommand(argv[0] as string, argv.slice(1))
        if (consolePath) command += ` (console: ${consolePath})`

        const readConsole = async (): Promise<Buffer | null> => {
          try {
            return s ? await s.readFile(consolePath as string) : await readFile(consolePath as string)
          } catch {
            return null // not created yet
          }
        }
        let consumed = 0
        const pull = async (): Promise<void> => {
          const b = await readConsole()
          if (!b || b.length <= consumed) return
          const fresh = b.subarray(consumed)
          consumed = b.length
          cap.push(st.consoleEncoding === 'ebcdic' ? decodeEbcdic(fresh).replace(/\u0085/g, '\n') : fresh.toString('utf8'))
        }
        const poller = consolePath
          ? (async () => {
              while (!done) {
                await sleep(300, stop.signal)
                if (done) break
                await pull()
                if (stop.signal.aborted) break
              }
            })()
          : Promise.resolve()
        const r = await launch(s, argv, consolePath ? () => undefined : (t) => cap.push(t), stop.signal)
        done = true
        await poller
        if (consolePath) await pull()
        cap.finish()
        let infraError: string | null = r.startError
        if (!infraError && consolePath && consumed === 0 && !watch.timedOut && !watch.cancelled) infraError = `console file ${consolePath} was never written on ${where}`
        if (!infraError && !r.killed && cap.exitStatus === null && r.code !== 0 && r.signal === null)
          infraError = `${argv[0]} exited with code ${r.code} on ${where} without an EXIT line${r.stderr.trim() ? `: ${r.stderr.trim().split('\n').slice(-3).join('; ')}` : ''}`
        return makeOutcome(start, {
          log: r.stderr && !stoppedByUs ? `${cap.log}${cap.log.endsWith('\n') || !cap.log ? '' : '\n'}${r.stderr}` : cap.log,
          exitStatus: cap.exitStatus,
          signal: !r.killed && r.signal ? r.signal : null,
          timedOut: watch.timedOut,
          cancelled: watch.cancelled && !watch.timedOut,
          infraError,
          command,
          facts: link ? link.facts() : {},
        })
      } catch (e) {
        done = true
        cap.finish()
        if (e instanceof SshConnectionLostError && link && workDir) await link.reap(workDir)
        return makeOutcome(start, {
          log: cap.log,
          exitStatus: cap.exitStatus,
          timedOut: watch.timedOut,
          cancelled: watch.cancelled && !watch.timedOut,
          infraError: e instanceof SshConnectionLostError ? `${e.message} (simulator run on ${where})` : errorMessage(e),
          command,
        })
      } finally {
        done = true
        watch.dispose()
        if (workDir) {
          if (s && !s.closed) await s.removeDir(workDir).catch(() => undefined)
          else if (!s) await rm(workDir, { recursive: true, force: true })
        }
      }
    },

    async dispose(): Promise<void> {
      await link?.close()
    },
  }
}
