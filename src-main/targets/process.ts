// Child processes for local drivers: spawn without a shell, stream stdout, stop on timeout / abort (SIGTERM, then
// SIGKILL after a grace period), and never leave an orphan behind when this process exits.
import { spawn, type ChildProcess } from 'node:child_process'
import { StringDecoder } from 'node:string_decoder'

/** How long a process gets between SIGTERM and SIGKILL. */
export const KILL_GRACE_MS = 2000

/** Options of one process run. */
export interface ProcessRunOptions {
  command: string
  args: string[]
  timeoutMs: number
  signal: AbortSignal
  onStdout?: (text: string) => void
  /** Once stdout matches, the process is stopped (SIGTERM) as finished: for launchers that never exit by themselves. */
  stopOn?: RegExp
  env?: NodeJS.ProcessEnv
  cwd?: string
  killGraceMs?: number
}

/** What a process run produced. `spawnError` is set when the program could not be started at all. */
export interface ProcessRunResult {
  stdout: string
  stderr: string
  code: number | null
  /** Signal that ended the process (including ours). */
  signal: NodeJS.Signals | null
  timedOut: boolean
  cancelled: boolean
  /** The process was stopped by us because `stopOn` matched. */
  stopped: boolean
  spawnError: NodeJS.ErrnoException | null
  durationMs: number
}

const live = new Set<ChildProcess>()
let exitHookInstalled = false

/** Number of processes started by runProcess that have not exited yet (for tests and diagnostics). */
export const liveProcessCount = (): number => live.size

function installExitHook(): void {
  if (exitHookInstalled) return
  exitHookInstalled = true
  process.on('exit', () => {
    for (const child of live) child.kill('SIGKILL')
  })
}

/** Runs a program to completion; never rejects (spawn failures are reported in `spawnError`). */
export function runProcess(opts: ProcessRunOptions): Promise<ProcessRunResult> {
  installExitHook()
  const started = performance.now()
  return new Promise((resolve) => {
    let stdout = ''
    let stderr = ''
    let timedOut = false
    let cancelled = false
    let stopped = false
    let spawnError: NodeJS.ErrnoException | null = null
    let killTimer: NodeJS.Timeout | undefined
    let finished = false

    if (opts.signal.aborted) {
      resolve({ stdout, stderr, code: null, signal: null, timedOut, cancelled: true, stopped, spawnError, durationMs: 0 })
      return
    }

    const child = spawn(opts.command, opts.args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: opts.env ?? process.env,
      cwd: opts.cwd,
      shell: false,
    })
    live.add(child)

    const stop = (): void => {
      if (child.exitCode !== null || child.signalCode !== null) return
      child.kill('SIGTERM')
      killTimer ??= setTimeout(() => child.kill('SIGKILL'), opts.killGraceMs ?? KILL_GRACE_MS)
    }
    const onAbort = (): void => {
      if (finished) return
      cancelled = true
      stop()
    }
    opts.signal.addEventListener('abort', onAbort, { once: true })
    const timer = setTimeout(() => {
      timedOut = true
      stop()
    }, opts.timeoutMs)

    const outDecoder = new StringDecoder('utf8')
    const errDecoder = new StringDecoder('utf8')
    child.stdout?.on('data', (chunk: Buffer) => {
      const text = outDecoder.write(chunk)
      if (!text) return
      stdout += text
      opts.onStdout?.(text)
      if (opts.stopOn && !stopped && opts.stopOn.test(stdout)) {
        stopped = true
        stop()
      }
    })
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += errDecoder.write(chunk)
    })
    child.on('error', (err: NodeJS.ErrnoException) => {
      spawnError = err
    })
    child.on('close', (code, signal) => {
      finished = true
      live.delete(child)
      clearTimeout(timer)
      clearTimeout(killTimer)
      opts.signal.removeEventListener('abort', onAbort)
      const tail = outDecoder.end()
      if (tail) {
        stdout += tail
        opts.onStdout?.(tail)
      }
      stderr += errDecoder.end()
      resolve({
        stdout,
        stderr,
        code,
        signal,
        timedOut,
        cancelled,
        stopped,
        spawnError,
        durationMs: Math.round(performance.now() - started),
      })
    })
  })
}

/** Quotes an argv for display in logs (`command` of a result): POSIX shell style, for humans to copy. */
export function formatCommand(command: string, args: readonly string[]): string {
  const quote = (s: string): string => (s !== '' && /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`)
  return [command, ...args].map(quote).join(' ')
}
