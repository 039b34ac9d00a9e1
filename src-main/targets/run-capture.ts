// Shared run bookkeeping for the environment drivers: console capture with EXIT detection, timeout/cancel watch, outcomes.
import { ConsoleParser, type ConsoleEvent } from '@core/domain/console'
import type { TargetRunOutcome, TargetRunRequest } from './target'

/** Collects console text in arrival order, forwards it live, and notices the `EXIT: STATUS=` line (domain parser). */
export class ConsoleCapture {
  log = ''
  exitStatus: number | null = null
  private readonly parser = new ConsoleParser()
  private onExit: (() => void) | null = null
  constructor(private readonly onOutput: (text: string) => void) {}

  /** Appends a chunk of console text (any split; only a completed EXIT line counts). */
  push(text: string): void {
    if (text.length === 0) return
    this.log += text
    this.onOutput(text)
    this.note(this.parser.push(text))
  }

  /** Ends the stream: an EXIT line without a line end still counts. */
  finish(): void {
    this.note(this.parser.end())
  }

  /** Registers a callback run once when EXIT is seen (to stop launchers that never exit by themselves). */
  whenExit(cb: () => void): void {
    this.onExit = cb
    if (this.exitStatus !== null) cb()
  }

  private note(events: ConsoleEvent[]): void {
    if (this.exitStatus !== null) return
    const exit = events.find((e) => e.type === 'exit')
    if (exit?.type !== 'exit') return
    this.exitStatus = exit.status
    this.onExit?.()
  }
}

/** Combines the request's cancellation with its timeout into one signal, remembering which fired. */
export class RunWatch {
  readonly controller = new AbortController()
  timedOut = false
  cancelled = false
  private readonly timer: NodeJS.Timeout
  private readonly onAbort = (): void => {
    this.cancelled = true
    this.controller.abort(new Error('cancelled'))
  }
  constructor(private readonly req: Pick<TargetRunRequest, 'signal' | 'timeoutMs'>) {
    this.timer = setTimeout(() => {
      this.timedOut = true
      this.controller.abort(new Error(`timeout after ${req.timeoutMs} ms`))
    }, req.timeoutMs)
    if (req.signal.aborted) this.onAbort()
    else req.signal.addEventListener('abort', this.onAbort, { once: true })
  }
  /** Fires on cancel or timeout. */
  get signal(): AbortSignal {
    return this.controller.signal
  }
  /** Stops the timer and detaches from the request's signal. */
  dispose(): void {
    clearTimeout(this.timer)
    this.req.signal.removeEventListener('abort', this.onAbort)
  }
}

/** Builds a complete outcome with defaults (nothing observed, no error). */
export function makeOutcome(startMs: number, o: Partial<TargetRunOutcome> & { command: string }): TargetRunOutcome {
  return {
    log: '',
    exitStatus: null,
    signal: null,
    timedOut: false,
    cancelled: false,
    infraError: null,
    facts: {},
    durationMs: Date.now() - startMs,
    ...o,
  }
}

/** Message of any thrown value. */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e)
}

/**
 * Resolves when `p` settles, after `ms`, or when the signal aborts, whichever is first; unlike a race with sleep(),
 * leaves no timer behind (a pending 10 s timer kept `labcon run` alive after its last test).
 */
export async function settleWithin(p: Promise<unknown>, ms: number, signal?: AbortSignal): Promise<void> {
  const stop = new AbortController()
  const onAbort = (): void => stop.abort()
  signal?.addEventListener('abort', onAbort, { once: true })
  try {
    await Promise.race([p.then(() => undefined, () => undefined), sleep(ms, stop.signal)])
  } finally {
    stop.abort()
    signal?.removeEventListener('abort', onAbort)
  }
}

/** Resolves after `ms`, or early when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve()
    const t = setTimeout(done, ms)
    function done(): void {
      clearTimeout(t)
      signal?.removeEventListener('abort', done)
      resolve()
    }
    signal?.addEventListener('abort', done, { once: true })
  })
}
