// Child processes for local drivers: spawn without a shell, stream stdout, stop on timeout / abort (SIGTERM, then
// SIGKILL after a grace period), and never leave an orphan behind when this process exits.
import { spawn, type ChildProcess } from 'node:child_process'
import { accessSync, constants, statSync } from 'node:fs'
import { delimiter, isAbsolute, join, resolve as resolvePath } from 'node:path'
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
  /** Gives a writer to the child's stdin (then a pipe kept open until the child ends; else stdin is /dev/null). */
  onStdin?: (write: (text: string) => void) => void
  /** Once stdout matches, the process is stopped (SIGTERM) as finished: for launchers that never exit by themselves. */
  stopOn?: RegExp
  env?: NodeJS.ProcessEnv
  cwd?: string
  killGraceMs?: number
  /** Linux: the child gets SIGKILL if this process dies, even by SIGKILL (setpriv --pdeathsig). Default true. */
  dieWithParent?: boolean
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
const SETPRIV = ['/usr/bin/setpriv', '/bin/setpriv'].find(isExecutable) ?? null

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK)
    return statSync(path).isFile()
  } catch {
    return false
  }
}

/** Resolves a program name like execvp would (PATH search for bare names); null when not found/executable. */
export function findExecutable(command: string, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string | null {
  if (command.includes('/')) {
    const p = isAbsolute(command) ? command : resolvePath(cwd, command)
    return isExecutable(p) ? p : null
  }
  for (const dir of (env['PATH'] ?? '').split(delimiter)) {
    if (dir && isExecutable(join(dir, command))) return join(dir, command)
  }
  return null
}

function enoent(command: string): NodeJS.ErrnoException {
  const err: NodeJS.ErrnoException = new Error(`spawn ${command} ENOENT`)
  err.code = 'ENOENT'
  err.path = command
  return err
}
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

    // Without a parent-death signal, a SIGKILLed console would leave e.g. a looping qemu running forever.
    let file = opts.command
    let args = opts.args
    if ((opts.dieWithParent ?? true) && SETPRIV !== null && process.platform === 'linux') {
      const resolved = findExecutable(opts.command, opts.env ?? process.env, opts.cwd)
      if (resolved === null) {
        resolve({ stdout, stderr, code: null, signal: null, timedOut, cancelled, stopped, spawnError: enoent(opts.command), durationMs: 0 })
        return
      }
      file = SETPRIV
      args = ['--pdeathsig', 'KILL', '--', resolved, ...opts.args]
    }
    const child = spawn(file, args, {
      stdio: [opts.onStdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
      env: opts.env ?? process.env,
      cwd: opts.cwd,
      shell: false,
    })
    live.add(child)
    if (opts.onStdin) {
      const stdin = child.stdin
      stdin?.on('error', () => undefined) // a write after the child ended: nobody is listening any more
      opts.onStdin((text) => {
        if (stdin && !stdin.destroyed && child.exitCode === null) stdin.write(text)
      })
    }

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
