// Worker thread of the warm pool: for each start message it boots a fresh machine from the image, runs it in slices,
// posts console chunks and a final report, then waits for the next job. The parent ends it with terminate()
// (timeout, cancel); an emulator defect is reported with PSW and trace tail.
import { parentPort } from 'node:worker_threads'
import { boot, configFrom, type BootOptions } from '@core/emulator/boot'
import { Storage } from '@core/emulator/mem/storage'
import { parseJitMode } from '@core/emulator/jit/jit'
import { defaultConfig, type Machine } from '@core/emulator/machine'
import { disassemble } from '@core/emulator/isa/disasm'

/** Message that starts the machine. */
export interface WorkerStart {
  type: 'start'
  image: Uint8Array
  name: string
  opts: BootOptions
  /** Stop after this many guest instructions (0 = unlimited). */
  maxInsns: number
  /** Keep a ring of the last 32 instruction addresses (interpreter only) for emulator-defect reports. */
  traceTail: boolean
}
/** Messages the worker posts. */
export type WorkerMessage =
  | { type: 'console'; text: string }
  | { type: 'done'; exitStatus: number | null; ended: string; detail: string; instructions: number; wallMs: number; bootMs: number }
  | { type: 'error'; name: string; message: string; psw: string; traceTail: string[]; instructions: number }

const TAIL = 32

function pswText(m: Machine): string {
  return m.cpus.map((c) => `cpu ${c.addr}: ${c.pswHi().toString(16).padStart(8, '0')}${c.pswLo().toString(16).padStart(8, '0')} ${c.ia.toString(16).padStart(16, '0')}${c.stopped ? ' (stopped)' : ''}`).join('; ')
}

/**
 * Storage for the next job, allocated while the worker waits (a never used, zeroed buffer: nothing of an earlier job
 * can be in it). Allocating 128 MiB or more also makes V8 collect the previous machine; done between jobs, neither
 * cost falls on the next test. Its size is the last job's (most runs repeat one memory size), first the default.
 */
let spare: Storage | null = null
let spareMiB = defaultConfig().memMiB
function prepareSpare(): void {
  setImmediate(() => {
    if (spare === null || spare.size !== spareMiB * 1024 * 1024) spare = new Storage(spareMiB * 1024 * 1024)
  })
}
/** The spare storage when it has the size of this configuration; it is handed out once. */
function takeSpare(memMiB: number): Storage | undefined {
  const s = spare
  spareMiB = memMiB
  if (s === null || s.size !== memMiB * 1024 * 1024) return undefined
  spare = null
  return s
}

function start(msg: WorkerStart): void {
  const port = parentPort!
  const post = (m: WorkerMessage): void => {
    port.postMessage(m)
    if (m.type !== 'console') prepareSpare()
  }
  let m: Machine
  const b0 = performance.now()
  try {
    const opts: BootOptions = { ...msg.opts, jit: msg.opts.jit ?? parseJitMode(process.env['LABCON_EMU_JIT']) }
    m = boot(msg.image, msg.name, opts, takeSpare(configFrom(opts).memMiB))
  } catch (e) {
    const err = e as Error
    post({ type: 'error', name: err.name, message: err.message, psw: '', traceTail: [], instructions: 0 })
    return
  }
  // Ring of the last instruction addresses for the infrastructure report. It forces the interpreter (a tracer
  // disables translated code), so it is on only with LABCON_EMU_TRACE_TAIL=1; otherwise the report shows the
  // instruction at each CPU's PSW.
  const ring = new Float64Array(TAIL)
  const ringCpu = new Int32Array(TAIL)
  let k = 0
  if (msg.traceTail) {
    m.tracer = (c) => {
      ring[k & (TAIL - 1)] = c.ia
      ringCpu[k & (TAIL - 1)] = c.addr
      k++
    }
  }
  let pending = ''
  m.onConsole = (s) => {
    pending += s
  }
  const flush = (): void => {
    if (pending) {
      post({ type: 'console', text: pending })
      pending = ''
    }
  }
  const sleeper = new Int32Array(new SharedArrayBuffer(4))
  const t0 = performance.now()
  const bootMs = t0 - b0
  try {
    for (;;) {
      const budget = msg.maxInsns > 0 ? Math.min(1_000_000, msg.maxInsns - m.instructions) : 1_000_000
      if (budget <= 0) {
        flush()
        post({ type: 'done', exitStatus: m.exitStatus, ended: 'insn-limit', detail: `instruction limit ${msg.maxInsns} reached; ${pswText(m)}`, instructions: m.instructions, wallMs: performance.now() - t0, bootMs })
        return
      }
      const r = m.run(budget)
      flush()
      if (r.ended) break
      if (r.idleMs > 0) Atomics.wait(sleeper, 0, 0, Math.min(r.idleMs, 20))
    }
  } catch (e) {
    flush()
    const err = e instanceof Error ? e : new Error(String(e))
    const tail: string[] = []
    const points: Array<[number, number]> = []
    for (let i = Math.max(0, k - TAIL); i < k; i++) points.push([ring[i & (TAIL - 1)]!, ringCpu[i & (TAIL - 1)]!])
    if (points.length === 0) for (const c of m.cpus) points.push([c.ia, c.addr])
    for (const [ia, addr] of points) {
      const cpu = m.cpuByAddr(addr)
      let text = '?'
      try {
        const h0 = cpu!.fetch16(ia)
        text = disassemble(h0, cpu!.fetch16(ia + 2), cpu!.fetch16(ia + 4), ia)
      } catch {
        text = '<unreadable>'
      }
      tail.push(`cpu ${addr} 0x${ia.toString(16).padStart(16, '0')}: ${text}`)
    }
    post({ type: 'error', name: err.name, message: `${err.message}${err.stack ? `\n${err.stack.split('\n').slice(1, 4).join('\n')}` : ''}`, psw: pswText(m), traceTail: tail, instructions: m.instructions })
    return
  }
  post({ type: 'done', exitStatus: m.exitStatus, ended: m.ended ?? 'stopped', detail: m.endDetail, instructions: m.instructions, wallMs: performance.now() - t0, bootMs })
}

parentPort?.on('message', (msg: WorkerStart) => {
  if (msg.type === 'start') start(msg)
})
if (parentPort) prepareSpare()
