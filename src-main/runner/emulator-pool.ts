// Warm pool of emulator workers: at most `size` worker threads (default: the host's cores), each started once with
// the compiled emulator (out/worker/emulator-worker.js) and reused for job after job; every job boots a fresh
// machine. A timeout, a cancellation, a crash or an emulator defect retires the worker (terminate) and the next job
// starts a new one. Idle workers do not keep the process alive.
import { MessageChannel, SHARE_ENV, Worker } from 'node:worker_threads'
import { existsSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import { dirname, join } from 'node:path'
import type { BootOptions } from '@core/emulator/boot'
import { LabError } from '@core/domain/errors'
import type { WorkerControl, WorkerMessage, WorkerStart } from './emulator-worker'

/** The compiled emulator worker (out/worker) is not there: the installation is incomplete. */
export class EmulatorWorkerMissingError extends LabError {
  override name = 'EmulatorWorkerMissingError'
  readonly kind = 'infra'
}

/** One machine run. */
export interface EmuJob {
  image: Uint8Array
  name: string
  opts: BootOptions
  timeoutMs: number
  maxInsns?: number
  /** Keep a tail of executed instructions for a crash report (slow: disables translated code); LABCON_EMU_TRACE_TAIL=1. */
  traceTail?: boolean
  signal?: AbortSignal
  onOutput?: (text: string) => void
  /** Restore this snapshot (emulator snapshot file bytes) instead of booting `image`; `name` names it in errors. */
  snapshot?: Uint8Array
  /** Typed on the guest's console once the machine runs. */
  input?: string
  /** Receives the handle to type on the console and to stop the machine for migration while it runs. */
  onControl?: (control: EmuControl) => void
  /** Run on another worker thread than this one (a migration's destination), spawning one if none is idle. */
  avoidWorker?: number
  /** Keep a snapshot every this many ms of run time; the newest comes back when the guest does not pass. */
  ringMs?: number
}

/** Acts on a running job. */
export interface EmuControl {
  /** Types text on the guest's ASCII console. */
  type(text: string): void
  /** Snapshots the machine at the next slice boundary and ends the job with `ended: 'migrated'` and the snapshot. */
  migrate(): void
}

/** What happened to a machine run. */
export interface EmuResult {
  log: string
  exitStatus: number | null
  timedOut: boolean
  cancelled: boolean
  /** Set for emulator defects, worker crashes and unbootable images: never a test failure. */
  infraError: string | null
  /** The guest's own failure to end (an interruption loop), without an EXIT line: a test failure, not infrastructure. */
  guestEnd?: string | null
  ended: string
  instructions: number
  /** Time the worker took to build and IPL the machine (absent when the job did not get that far). */
  bootMs?: number
  durationMs: number
  /** Thread id of the worker that ran the job (0 when none was needed). */
  workerId: number
  /** `ended === 'migrated'`: the machine's state, to restore elsewhere. */
  migrated?: Uint8Array
  /** The newest periodic snapshot (EmuJob.ringMs) of a run whose guest did not pass, and its instruction count. */
  failureSnapshot?: { bytes: Uint8Array; instructions: number }
}

/** Counters for benchmarks and tests. */
export interface PoolStats {
  workersStarted: number
  jobs: number
  idle: number
}

/**
 * The compiled worker script. From source (src-main/runner) and from every bundle (out/cli, out/main) the app root
 * is two directories up; in a packaged app the worker is unpacked next to app.asar (electron-builder asarUnpack).
 */
export function emulatorWorkerPath(moduleUrl: string = import.meta.url): string {
  const p = join(dirname(fileURLToPath(moduleUrl)), '..', '..', 'out', 'worker', 'emulator-worker.js')
  return p.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2')
}

/** How long a timed-out run that keeps failure snapshots waits for the worker's last one. */
const SNAPSHOT_GRACE_MS = 5000

interface Slot {
  worker: Worker
  /** Set when the worker exited or was retired: it takes no more jobs. */
  dead: boolean
  /** Listener of the job in flight. */
  onMessage: ((m: WorkerMessage) => void) | null
  onFailure: ((why: string) => void) | null
}

/** Runs emulator jobs on warm worker threads with bounded concurrency. */
export class EmulatorPool {
  private running = 0
  private readonly waiters: Array<() => void> = []
  private readonly idle: Slot[] = []
  private started = 0
  private jobs = 0

  constructor(
    readonly size: number = availableParallelism(),
    private readonly workerPath: string = emulatorWorkerPath(),
  ) {}

  /** Counters: workers started so far, jobs run, idle workers. */
  stats(): PoolStats {
    return { workersStarted: this.started, jobs: this.jobs, idle: this.idle.length }
  }

  private async acquire(): Promise<void> {
    if (this.running < this.size) {
      this.running++
      return
    }
    await new Promise<void>((res) => this.waiters.push(res))
    this.running++
  }
  private release(): void {
    this.running--
    this.waiters.shift()?.()
  }

  /** Runs one job to completion (never rejects for guest or emulator problems). */
  async run(job: EmuJob): Promise<EmuResult> {
    await this.acquire()
    try {
      return await this.runOn(job)
    } finally {
      this.release()
    }
  }

  /** Terminates the idle workers (busy ones are retired when their job ends). */
  async close(): Promise<void> {
    const slots = this.idle.splice(0)
    await Promise.all(slots.map((s) => this.retire(s)))
  }

  private spawn(): Slot {
    if (!existsSync(this.workerPath)) {
      throw new EmulatorWorkerMissingError(`the compiled emulator worker ${this.workerPath} is missing: run 'node scripts/build-node.mjs' (npm ci does it)`)
    }
    const slot: Slot = { worker: new Worker(this.workerPath, { env: SHARE_ENV }), dead: false, onMessage: null, onFailure: null }
    this.started++
    slot.worker.on('message', (m: WorkerMessage) => slot.onMessage?.(m))
    slot.worker.on('error', (e) => {
      slot.dead = true
      slot.onFailure?.(`emulator worker crashed: ${e.message}`)
    })
    slot.worker.on('exit', (code) => {
      slot.dead = true
      const i = this.idle.indexOf(slot)
      if (i >= 0) this.idle.splice(i, 1)
      slot.onFailure?.(`emulator worker exited with code ${code} before reporting`)
    })
    return slot
  }

  private async retire(slot: Slot): Promise<void> {
    slot.dead = true
    slot.onMessage = null
    slot.onFailure = null
    await slot.worker.terminate()
  }

  private takeSlot(avoid?: number): Slot {
    for (let i = this.idle.length - 1; i >= 0; i--) {
      const s = this.idle[i]!
      if (s.dead) this.idle.splice(i, 1)
      else if (s.worker.threadId !== avoid) {
        this.idle.splice(i, 1)
        return s
      }
    }
    return this.spawn()
  }

  private runOn(job: EmuJob): Promise<EmuResult> {
    const t0 = performance.now()
    this.jobs++
    const empty = { log: '', instructions: 0, durationMs: 0, workerId: 0 }
    if (job.signal?.aborted) return Promise.resolve({ ...empty, exitStatus: null, timedOut: false, cancelled: true, infraError: null, ended: 'cancelled' })
    let slot: Slot
    try {
      slot = this.takeSlot(job.avoidWorker)
    } catch (e) {
      return Promise.resolve({ ...empty, exitStatus: null, timedOut: false, cancelled: false, infraError: (e as Error).message, ended: 'error' })
    }
    const s = slot
    s.worker.ref()
    return new Promise<EmuResult>((resolve) => {
      let log = ''
      let settled = false
      let migrated: Uint8Array | undefined
      let failureSnapshot: EmuResult['failureSnapshot']
      const channel = job.onControl || job.ringMs !== undefined ? new MessageChannel() : null
      /** Ends the job; `reuse` puts the worker back in the pool, otherwise it is terminated. */
      const finish = (r: Omit<EmuResult, 'log' | 'durationMs' | 'workerId'>, reuse: boolean): void => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        if (timeoutGrace !== null) clearTimeout(timeoutGrace)
        channel?.port1.close()
        job.signal?.removeEventListener('abort', onAbort)
        s.onMessage = null
        s.onFailure = null
        if (reuse && !s.dead) {
          s.worker.unref()
          this.idle.push(s)
        } else void this.retire(s)
        resolve({ ...r, log, durationMs: performance.now() - t0, workerId: s.worker.threadId, ...(migrated ? { migrated } : {}), ...(failureSnapshot ? { failureSnapshot } : {}) })
      }
      const timedOut = (): void => finish({ exitStatus: null, timedOut: true, cancelled: false, infraError: null, ended: 'timeout', instructions: 0 }, false)
      let timeoutGrace: ReturnType<typeof setTimeout> | null = null
      // A run that keeps failure snapshots asks its worker for one of the machine as it hangs (answered between
      // slices), waiting at most SNAPSHOT_GRACE_MS before the worker is terminated anyway.
      const timer = setTimeout(() => {
        if (channel === null || job.ringMs === undefined) return timedOut()
        channel.port1.postMessage({ type: 'snapshot-now' } satisfies WorkerControl)
        timeoutGrace = setTimeout(timedOut, SNAPSHOT_GRACE_MS)
      }, job.timeoutMs)
      const onAbort = (): void => finish({ exitStatus: null, timedOut: false, cancelled: true, infraError: null, ended: 'cancelled', instructions: 0 }, false)
      job.signal?.addEventListener('abort', onAbort)
      s.onFailure = (why) => finish({ exitStatus: null, timedOut: false, cancelled: false, infraError: why, ended: 'crash', instructions: 0 }, false)
      s.onMessage = (m) => {
        if (m.type === 'console') {
          log += m.text
          job.onOutput?.(m.text)
        } else if (m.type === 'snapshot') {
          if (m.reason === 'migrate') migrated = m.bytes
          else {
            failureSnapshot = { bytes: m.bytes, instructions: m.instructions }
            if (timeoutGrace !== null) timedOut()
          }
        } else if (m.type === 'done') {
          const guestEnd = m.ended === 'pgm-loop' && m.exitStatus === null ? `program interruption loop: ${m.detail}` : null
          finish({ exitStatus: m.exitStatus, timedOut: m.ended === 'insn-limit', cancelled: false, infraError: null, guestEnd, ended: m.ended + (m.detail ? ` (${m.detail})` : ''), instructions: m.instructions, bootMs: m.bootMs }, true)
        } else {
          // An image that does not boot leaves the worker clean; an emulator defect mid-run retires it.
          const boot = m.psw === '' ? '' : `\nPSW ${m.psw}\ntrace tail:\n${m.traceTail.join('\n')}`
          finish({ exitStatus: null, timedOut: false, cancelled: false, infraError: `${m.name}: ${m.message}${boot}`, ended: 'error', instructions: m.instructions }, m.psw === '')
        }
      }
      const start: WorkerStart = { type: 'start', image: job.image, name: job.name, opts: job.opts, maxInsns: job.maxInsns ?? 0, traceTail: job.traceTail ?? false }
      if (job.snapshot) start.snapshot = job.snapshot
      if (job.input) start.input = job.input
      if (job.ringMs !== undefined) start.ringMs = job.ringMs
      if (channel) {
        start.control = channel.port2
        const send = (c: WorkerControl): void => {
          if (!settled) channel.port1.postMessage(c)
        }
        job.onControl?.({ type: (text) => send({ type: 'type', text }), migrate: () => send({ type: 'migrate' }) })
      }
      s.worker.postMessage(start, channel ? [channel.port2] : [])
    })
  }
}

let shared: EmulatorPool | null = null
/** The process-wide pool. */
export function emulatorPool(): EmulatorPool {
  shared ??= new EmulatorPool()
  return shared
}
