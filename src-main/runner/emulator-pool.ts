// Pool of emulator workers: one worker per machine, at most `size` at once (default: the host's cores). Timeouts and
// cancellation terminate the worker; a worker crash or emulator defect becomes an infrastructure error.
import { Worker } from 'node:worker_threads'
import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import { dirname, join } from 'node:path'
import type { BootOptions } from '@core/emulator/boot'
import type { WorkerMessage, WorkerStart } from './emulator-worker'

/** One machine run. */
export interface EmuJob {
  image: Uint8Array
  name: string
  opts: BootOptions
  timeoutMs: number
  maxInsns?: number
  signal?: AbortSignal
  onOutput?: (text: string) => void
}

/** What happened to a machine run. */
export interface EmuResult {
  log: string
  exitStatus: number | null
  timedOut: boolean
  cancelled: boolean
  /** Set for emulator defects, worker crashes and unbootable images: never a test failure. */
  infraError: string | null
  ended: string
  instructions: number
  durationMs: number
}

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

/** Runs emulator jobs in worker threads with bounded concurrency. */
export class EmulatorPool {
  private running = 0
  private readonly waiters: Array<() => void> = []

  constructor(readonly size: number = availableParallelism()) {}

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
      return await this.runWorker(job)
    } finally {
      this.release()
    }
  }

  private runWorker(job: EmuJob): Promise<EmuResult> {
    const t0 = performance.now()
    return new Promise<EmuResult>((resolve) => {
      let log = ''
      let settled = false
      const worker = new Worker(join(ROOT, 'src-main', 'runner', 'emulator-worker-boot.mjs'), {
        env: { ...process.env, TSX_TSCONFIG_PATH: process.env['TSX_TSCONFIG_PATH'] ?? join(ROOT, 'tsconfig.base.json') },
      })
      const finish = (r: Omit<EmuResult, 'log' | 'durationMs'>): void => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        job.signal?.removeEventListener('abort', onAbort)
        void worker.terminate()
        resolve({ ...r, log, durationMs: performance.now() - t0 })
      }
      const timer = setTimeout(() => finish({ exitStatus: null, timedOut: true, cancelled: false, infraError: null, ended: 'timeout', instructions: 0 }), job.timeoutMs)
      const onAbort = (): void => finish({ exitStatus: null, timedOut: false, cancelled: true, infraError: null, ended: 'cancelled', instructions: 0 })
      if (job.signal?.aborted) {
        onAbort()
        return
      }
      job.signal?.addEventListener('abort', onAbort)
      worker.on('message', (m: WorkerMessage) => {
        if (m.type === 'console') {
          log += m.text
          job.onOutput?.(m.text)
        } else if (m.type === 'done') {
          const infra = m.ended === 'pgm-loop' ? `emulated machine ended: ${m.detail}` : null
          finish({ exitStatus: m.exitStatus, timedOut: m.ended === 'insn-limit', cancelled: false, infraError: m.exitStatus === null ? infra : null, ended: m.ended + (m.detail ? ` (${m.detail})` : ''), instructions: m.instructions })
        } else {
          const boot = m.psw === '' ? '' : `\nPSW ${m.psw}\ntrace tail:\n${m.traceTail.join('\n')}`
          finish({ exitStatus: null, timedOut: false, cancelled: false, infraError: `${m.name}: ${m.message}${boot}`, ended: 'error', instructions: m.instructions })
        }
      })
      worker.on('error', (e) => finish({ exitStatus: null, timedOut: false, cancelled: false, infraError: `emulator worker crashed: ${e.message}`, ended: 'crash', instructions: 0 }))
      worker.on('exit', (code) => finish({ exitStatus: null, timedOut: false, cancelled: false, infraError: `emulator worker exited with code ${code} before reporting`, ended: 'crash', instructions: 0 }))
      const start: WorkerStart = { type: 'start', image: job.image, name: job.name, opts: job.opts, maxInsns: job.maxInsns ?? 0, traceTail: process.env['LABCON_EMU_TRACE_TAIL'] === '1' }
      worker.postMessage(start)
    })
  }
}

let shared: EmulatorPool | null = null
/** The process-wide pool. */
export function emulatorPool(): EmulatorPool {
  shared ??= new EmulatorPool()
  return shared
}
