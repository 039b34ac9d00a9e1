// Warm pool of emulator workers: at most `size` jobs at once (default: the host's cores) on worker threads, each
// started once with the compiled emulator (out/worker/emulator-worker.js) and reused for job after job; every job
// boots a fresh machine. A timeout, a cancellation, a crash or an emulator defect retires the worker (terminate).
// Idle workers do not keep the process alive.
//
// A new worker is worth little for its first ~0.5 s: V8 compiles its interpreter loop and translated blocks, and a
// kernel run meanwhile runs mostly in V8's bytecode interpreter. So a job that finds no idle worker starts one only
// when no other worker exists (the first job); otherwise it starts one in the background and takes whichever comes
// first: a busy worker that finishes its job, or the new one once it reports itself warm (emulator-worker.ts
// reportReady). Short tests then run back to back on warm workers; a long one does not hold the others up.
import { MessageChannel, SHARE_ENV, Worker } from 'node:worker_threads'
import { existsSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import { dirname, join } from 'node:path'
import type { BootOptions } from '@core/emulator/boot'
import { LabError } from '@core/domain/errors'
import type { WorkerControl, WorkerMessage, WorkerStart } from './emulator-worker'

/** A job that waits for a worker other than the one it avoids, with the pool's size alive, waits this long for one
 * of them before a worker beyond the size is started for it (EmulatorPool.startForWaiters). */
export const EXTRA_WORKER_AFTER_MS = 500

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
  /** Workers started for a job that then ran on them at once, cold (no other worker existed). */
  coldStarts: number
  jobs: number
  idle: number
  /** Jobs waiting for a worker. */
  waiting: number
  /** Workers whose emulator was loaded from V8's code cache (worker-entry.ts). */
  cachedStarts: number
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
  /** The worker reported itself warm, or was given a job at once. */
  ready: boolean
  /** Listener of the job in flight. */
  onMessage: ((m: WorkerMessage) => void) | null
  onFailure: ((why: string) => void) | null
}

/** Runs emulator jobs on warm worker threads with bounded concurrency. */
export class EmulatorPool {
  private running = 0
  private readonly waiters: Array<() => void> = []
  private readonly idle: Slot[] = []
  /** Every worker not dead: idle, busy or warming up. */
  private readonly live = new Set<Slot>()
  /** The worker started in the background for waiting jobs, until it is ready. */
  private warming: Slot | null = null
  /** Jobs waiting for a worker (see takeSlot), in arrival order. */
  private readonly slotWaiters: Array<{ avoid: number | undefined; take: (s: Slot | Error | null) => void }> = []
  private started = 0
  /** Pending start of a worker beyond `size` for waiting jobs (see startForWaiters). */
  private extraTimer: ReturnType<typeof setTimeout> | null = null
  private coldStarts = 0
  private cachedStarts = 0
  private jobs = 0

  constructor(
    readonly size: number = availableParallelism(),
    private readonly workerPath: string = emulatorWorkerPath(),
  ) {}

  /** Counters: workers started so far, jobs run, idle workers. */
  stats(): PoolStats {
    return { workersStarted: this.started, coldStarts: this.coldStarts, jobs: this.jobs, idle: this.idle.length, waiting: this.slotWaiters.length, cachedStarts: this.cachedStarts }
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
    if (this.extraTimer !== null) clearTimeout(this.extraTimer)
    this.extraTimer = null
    const slots = this.idle.splice(0)
    if (this.warming !== null) slots.push(this.warming)
    this.warming = null
    await Promise.all(slots.map((s) => this.retire(s)))
  }

  private spawn(ready: boolean): Slot {
    if (!existsSync(this.workerPath)) {
      throw new EmulatorWorkerMissingError(`the compiled emulator worker ${this.workerPath} is missing: run 'node scripts/build-node.mjs' (npm ci does it)`)
    }
    const slot: Slot = { worker: new Worker(this.workerPath, { env: SHARE_ENV }), dead: false, ready, onMessage: null, onFailure: null }
    this.started++
    this.live.add(slot)
    slot.worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'ready') {
        if (m.codeCache === 'used') this.cachedStarts++
        this.onReady(slot)
      }
      else slot.onMessage?.(m)
    })
    slot.worker.on('error', (e) => {
      this.lost(slot, `emulator worker crashed: ${e.message}`)
      slot.onFailure?.(`emulator worker crashed: ${e.message}`)
    })
    slot.worker.on('exit', (code) => {
      this.lost(slot, `emulator worker exited with code ${code} before reporting`)
      slot.onFailure?.(`emulator worker exited with code ${code} before reporting`)
    })
    return slot
  }

  /**
   * A worker exited or was retired (`why`: it failed): jobs that waited for it may need another. One that died while
   * it warmed up fails the first waiting job with its reason rather than being started again (a worker that cannot
   * start would otherwise be restarted for as long as jobs wait).
   */
  private lost(slot: Slot, why?: string): void {
    if (slot.dead && !this.live.has(slot)) return
    slot.dead = true
    this.live.delete(slot)
    const i = this.idle.indexOf(slot)
    if (i >= 0) this.idle.splice(i, 1)
    if (this.warming === slot) {
      this.warming = null
      if (why !== undefined) this.slotWaiters.shift()?.take(new Error(`${why} (while warming up)`))
    }
    this.startForWaiters()
  }

  private async retire(slot: Slot): Promise<void> {
    this.lost(slot)
    slot.onMessage = null
    slot.onFailure = null
    await slot.worker.terminate()
  }

  private onReady(slot: Slot): void {
    if (slot.ready || slot.dead) return
    slot.ready = true
    if (this.warming === slot) this.warming = null
    this.offer(slot)
  }

  /** A ready worker with no job: the first waiting job that may run on it takes it, else it goes idle. */
  private offer(slot: Slot): void {
    const i = this.slotWaiters.findIndex((w) => w.avoid !== slot.worker.threadId)
    if (i >= 0) this.slotWaiters.splice(i, 1)[0]!.take(slot)
    else {
      slot.worker.unref()
      this.idle.push(slot)
    }
    // jobs left waiting (a migration's destination avoids this worker) need another
    this.startForWaiters()
  }

  /**
   * Starts a worker in the background while jobs wait and none is warming up. With `size` workers alive already,
   * only after EXTRA_WORKER_AFTER_MS: a job can wait then only because it avoids a worker (a migration's destination
   * avoids its source), and the other busy worker usually finishes sooner than an extra worker warms up (~1 s of CPU,
   * on a machine whose every core the running jobs use).
   */
  private startForWaiters(): void {
    if (this.warming !== null || this.slotWaiters.length === 0) return
    if (this.live.size >= this.size) {
      if (this.extraTimer === null) {
        this.extraTimer = setTimeout(() => {
          this.extraTimer = null
          if (this.warming === null && this.slotWaiters.length > 0) this.spawnForWaiters()
        }, EXTRA_WORKER_AFTER_MS)
        this.extraTimer.unref()
      }
      return
    }
    this.spawnForWaiters()
  }

  private spawnForWaiters(): void {
    try {
      this.warming = this.spawn(false)
    } catch (e) {
      // the worker script is missing: the waiting jobs report it
      for (const w of this.slotWaiters.splice(0)) w.take(e as Error)
    }
  }

  /**
   * A worker for a job (not `avoid`, a migration's source): an idle one; a new one at once when no other worker exists;
   * else the first of a busy worker that finishes and a new one started in the background once it is warm. Null
   * when the job was cancelled while it waited; an Error when no worker can start.
   */
  private takeSlot(avoid: number | undefined, signal: AbortSignal | undefined): Slot | Promise<Slot | Error | null> {
    for (let i = this.idle.length - 1; i >= 0; i--) {
      const s = this.idle[i]!
      if (s.dead) this.idle.splice(i, 1)
      else if (s.worker.threadId !== avoid) {
        this.idle.splice(i, 1)
        return s
      }
    }
    if (![...this.live].some((s) => s.worker.threadId !== avoid)) {
      this.coldStarts++
      return this.spawn(true)
    }
    return new Promise<Slot | Error | null>((resolve) => {
      const waiter = {
        avoid,
        take: (s: Slot | Error | null): void => {
          signal?.removeEventListener('abort', onAbort)
          resolve(s)
        },
      }
      const onAbort = (): void => {
        const i = this.slotWaiters.indexOf(waiter)
        if (i >= 0) this.slotWaiters.splice(i, 1)
        resolve(null)
      }
      signal?.addEventListener('abort', onAbort)
      this.slotWaiters.push(waiter)
      this.startForWaiters()
    })
  }

  private async runOn(job: EmuJob): Promise<EmuResult> {
    const t0 = performance.now()
    this.jobs++
    const empty = { log: '', instructions: 0, durationMs: 0, workerId: 0 }
    const cancelled: EmuResult = { ...empty, exitStatus: null, timedOut: false, cancelled: true, infraError: null, ended: 'cancelled' }
    if (job.signal?.aborted) return cancelled
    let slot: Slot | Error | null
    try {
      slot = await this.takeSlot(job.avoidWorker, job.signal)
    } catch (e) {
      slot = e as Error
    }
    if (slot instanceof Error) return { ...empty, exitStatus: null, timedOut: false, cancelled: false, infraError: slot.message, ended: 'error' }
    if (slot === null) return cancelled
    if (job.signal?.aborted) {
      this.offer(slot)
      return cancelled
    }
    return this.runOnSlot(job, slot, t0)
  }

  private runOnSlot(job: EmuJob, s: Slot, t0: number): Promise<EmuResult> {
    s.ready = true
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
        if (reuse && !s.dead) this.offer(s)
        else void this.retire(s)
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
        } else if (m.type === 'error') {
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
