// Worker thread of the warm pool: for each start message it boots a fresh machine from the image (or restores one
// from a snapshot), runs it in slices, posts console chunks and a final report, then waits for the next job. Between
// slices it reads the job's control port: characters typed on the console, and a request to snapshot the machine
// and stop (migration: the parent restores the snapshot in another worker). With `ringMs` it keeps a snapshot taken
// every ringMs of run time and posts the newest when the guest did not pass. The parent ends it with terminate()
// (timeout, cancel); an emulator defect is reported with PSW and trace tail.
import { parentPort, receiveMessageOnPort, type MessagePort } from 'node:worker_threads'
import { boot, configFrom, type BootOptions } from '@core/emulator/boot'
import { candidateFrames, restoreMachine, saveMachine } from '@core/emulator/snapshot/machine-state'
import { Storage } from '@core/emulator/mem/storage'
import { parseJitMode } from '@core/emulator/jit/jit'
import { parseInterpLoop } from '@core/emulator/cpu/wasm-loop'
import { defaultConfig, Machine } from '@core/emulator/machine'
import { interpreterProbeMs, warmThread } from '@core/emulator/cpu/interpret'
import { snapshotTransferList, tuneV8ForEmulator } from './emulator-v8'
import { disassemble } from '@core/emulator/isa/disasm'
import { STATUS_SKIP } from '@core/domain/verdict'

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
  /** Restore this snapshot instead of booting `image` (`name` names it in errors). */
  snapshot?: Uint8Array
  /** Typed on the console once the machine runs. */
  input?: string
  /** Control messages from the parent while the machine runs. */
  control?: MessagePort
  /** Snapshot the machine every this many ms of run time; post the newest when the guest ends without passing. */
  ringMs?: number
}
/** Messages the parent sends on the control port. */
export type WorkerControl = { type: 'type'; text: string } | { type: 'migrate' } | { type: 'snapshot-now' }
/** Messages the worker posts. */
export type WorkerMessage =
  | { type: 'console'; text: string }
  /** `migrate`: the machine stopped for migration, continue from these bytes; `failure`: taken before a failed end. */
  | { type: 'snapshot'; reason: 'migrate' | 'failure'; bytes: Uint8Array; instructions: number }
  | { type: 'done'; exitStatus: number | null; ended: string; detail: string; instructions: number; wallMs: number; bootMs: number }
  | { type: 'error'; name: string; message: string; psw: string; traceTail: string[]; instructions: number }
  /** The worker has warmed up (see reportReady); posted once, after its start. `codeCache`: how its entry loaded
   * it (worker-entry.ts: 'used' a code cache; 'deferred' none yet, written once warm; 'none' uncached). */
  | { type: 'ready'; codeCache: string }

const TAIL = 32

function pswText(m: Machine): string {
  return m.cpus.map((c) => `cpu ${c.addr}: ${c.pswHi().toString(16).padStart(8, '0')}${c.pswLo().toString(16).padStart(8, '0')} ${c.ia.toString(16).padStart(16, '0')}${c.stopped ? ' (stopped)' : ''}`).join('; ')
}

/**
 * Storage for the next job, prepared while the worker waits: the last job's storage when the next job (most runs
 * repeat one memory size) has its size, wiped (Storage.wipe of every frame its machine may have written: nothing of
 * an earlier job can be in it), else a new, zeroed buffer. A new buffer for every job cost a page fault for every
 * frame used again, and its external memory made V8 collect garbage about once per job (the 47 short upstream tests
 * at -j 2: 35 full collections, 14 with the wipe; CPU 4.4 -> 4.0 s).
 */
let spare: Storage | null = null
let spareMiB = defaultConfig().memMiB
/** The machine of the job that ended last, until its storage is wiped or dropped. */
let used: Machine | null = null
/** A refresh of the spare is due (prepareSpare) and has not run yet. */
let refreshDue = false
function prepareSpare(): void {
  if (refreshDue) return
  refreshDue = true
  setImmediate(refreshSpare)
}
/**
 * Makes the spare storage of spareMiB, once per prepareSpare: the last job's, wiped, when it has that size, else a new
 * buffer. Between jobs, or at the next job's start when that came first (a pool that posts it as soon as it hears of
 * the last one's end can be quicker than this thread's setImmediate).
 */
function refreshSpare(): void {
  if (!refreshDue) return
  refreshDue = false
  const size = spareMiB * 1024 * 1024
  const m = used
  used = null
  if (spare !== null && spare.size === size) return
  if (m !== null && m.storage.size === size) {
    m.storage.wipe(candidateFrames(m))
    spare = m.storage
  } else spare = new Storage(size)
}
/** The spare storage when it has the size of this configuration; it is handed out once. */
function takeSpare(memMiB: number): Storage | undefined {
  spareMiB = memMiB
  refreshSpare()
  const s = spare
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
    const opts: BootOptions = { ...msg.opts, jit: msg.opts.jit ?? parseJitMode(process.env['LABCON_EMU_JIT']), interp: msg.opts.interp ?? parseInterpLoop(process.env['LABCON_EMU_INTERP']) }
    m = msg.snapshot ? restoreMachine(msg.snapshot, msg.name, { jit: opts.jit }) : boot(msg.image, msg.name, opts, takeSpare(configFrom(opts).memMiB))
  } catch (e) {
    const err = e as Error
    post({ type: 'error', name: err.name, message: err.message, psw: '', traceTail: [], instructions: 0 })
    return
  }
  used = m
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
  if (msg.input) m.sclp.type(msg.input)
  const sleeper = new Int32Array(new SharedArrayBuffer(4))
  const t0 = performance.now()
  const bootMs = t0 - b0
  let kept: { bytes: Uint8Array; instructions: number } | null = null
  let keptAt = t0
  /** Wait before the next periodic snapshot: ringMs, or 20 times what the last one cost (at most 5% of run time). */
  let keepGap = msg.ringMs ?? 0
  const keep = (): void => {
    const t = performance.now()
    kept = snap()
    keptAt = performance.now()
    keepGap = Math.max(msg.ringMs ?? 0, 20 * (keptAt - t))
  }
  const snap = (): { bytes: Uint8Array; instructions: number } => ({ bytes: saveMachine(m), instructions: m.instructions })
  // Copied, or transferred when large (a snapshot can be hundreds of MiB): see snapshotTransferList.
  const postSnapshot = (reason: 'migrate' | 'failure', s: { bytes: Uint8Array; instructions: number }): void =>
    port.postMessage({ type: 'snapshot', reason, bytes: s.bytes, instructions: s.instructions } satisfies WorkerMessage, snapshotTransferList(s.bytes))
  try {
    for (;;) {
      let migrate = false
      for (let c = msg.control && receiveMessageOnPort(msg.control); c; c = receiveMessageOnPort(msg.control!)) {
        const ctl = c.message as WorkerControl
        if (ctl.type === 'type') m.sclp.type(ctl.text)
        else if (ctl.type === 'migrate') migrate = true
        // The run timed out: the machine as it hangs is the most useful replay point.
        else if (ctl.type === 'snapshot-now') postSnapshot('failure', snap())
      }
      if (migrate) {
        postSnapshot('migrate', snap())
        post({ type: 'done', exitStatus: m.exitStatus, ended: 'migrated', detail: '', instructions: m.instructions, wallMs: performance.now() - t0, bootMs })
        return
      }
      if (msg.ringMs !== undefined && performance.now() - keptAt >= keepGap) keep()
      const budget = msg.maxInsns > 0 ? Math.min(1_000_000, msg.maxInsns - m.instructions) : 1_000_000
      if (budget <= 0) {
        flush()
        post({ type: 'done', exitStatus: m.exitStatus, ended: 'insn-limit', detail: `instruction limit ${msg.maxInsns} reached; ${pswText(m)}`, instructions: m.instructions, wallMs: performance.now() - t0, bootMs })
        return
      }
      // The first ring snapshot is taken at the start (the machine as booted or restored), before any work.
      if (msg.ringMs !== undefined && kept === null) keep()
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
    if (kept !== null) postSnapshot('failure', kept)
    post({ type: 'error', name: err.name, message: `${err.message}${err.stack ? `\n${err.stack.split('\n').slice(1, 4).join('\n')}` : ''}`, psw: pswText(m), traceTail: tail, instructions: m.instructions })
    return
  }
  // PASS (1) and SKIP (77) need no replay; anything else (a failure, an abort, an end without EXIT) keeps the snapshot.
  if (kept !== null && m.exitStatus !== 1 && m.exitStatus !== STATUS_SKIP) postSnapshot('failure', kept)
  post({ type: 'done', exitStatus: m.exitStatus, ended: m.ended ?? 'stopped', detail: m.endDetail, instructions: m.instructions, wallMs: performance.now() - t0, bootMs })
}

parentPort?.on('message', (msg: WorkerStart) => {
  if (msg.type === 'start') start(msg)
})
/**
 * A worker runs test after test: its interpreter loop is warmed up once, as it starts, with a CPU of a 1 MiB machine
 * that runs nothing (see warmThread), rather than by each short kernel's first runs of cases not seen before.
 */
function warmInterpreter(): void {
  warmThread(new Machine(defaultConfig({ memMiB: 1 })).cpus[0]!)
}

/** A probe this many times faster than the first one after the warm-up: V8's optimized interpreter loop has arrived. */
const READY_SPEEDUP = 8
/** A probe this fast is optimized code whatever the first one took (PROBE_INSNS at 40 MIPS or more). */
const READY_PROBE_MS = 0.05
const READY_POLL_MS = 20
/** Ready at the latest this long after the warm-up. */
const READY_CAP_MS = 1500

/**
 * Tells the pool once the worker is warm: V8 compiles the interpreter loop for ~300 ms after the warm-up, and a kernel
 * run before then runs in V8's bytecode interpreter, ~20 times slower, on a core the compile also needs. The pool
 * gives a new worker its first job only then, unless a busy worker is free first (emulator-pool.ts takeSlot). The
 * probe times the warm-up's hot loop, between jobs.
 */
function reportReady(): void {
  const first = interpreterProbeMs()
  const t0 = performance.now()
  const poll = (): void => {
    const p = interpreterProbeMs()
    if (p <= READY_PROBE_MS || p * READY_SPEEDUP <= first || performance.now() - t0 >= READY_CAP_MS) {
      parentPort!.postMessage({ type: 'ready', codeCache } satisfies WorkerMessage)
      warm = true
      // (after the ready message: the pool may hand out the first job meanwhile, which then waits for this call only)
      for (const f of onWarm.splice(0)) f()
    } else setTimeout(poll, READY_POLL_MS)
  }
  setTimeout(poll, READY_POLL_MS)
}

let warm = false
const onWarm: Array<() => void> = []
/** How the entry loaded this module (see WorkerMessage 'ready'): 'none' when it was loaded some other way. */
let codeCache = 'none'
/** What the worker's entry (worker-entry.ts) sees of this module. */
export interface WorkerModule {
  /** Tells how the code cache was used (before the worker reports itself ready). */
  loadedWith(cache: string): void
  /** Calls `f` once the worker has reported itself warm (at once if it has): the entry then writes its code cache. */
  afterWarm(f: () => void): void
}
export function loadedWith(cache: string): void {
  codeCache = cache
}
export function afterWarm(f: () => void): void {
  if (warm) f()
  else onWarm.push(f)
}

if (parentPort) {
  tuneV8ForEmulator()
  warmInterpreter()
  prepareSpare()
  reportReady()
}
