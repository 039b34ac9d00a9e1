// The warm emulator pool with the compiled worker (out/worker): one worker thread runs job after job, each on a
// fresh machine, so a kernel that wrecks its machine leaves nothing behind for the next one; timeouts retire the
// worker; an idle pool does not keep the process alive.
import { describe, expect, it } from 'vitest'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'
import { EmulatorPool, EXTRA_WORKER_AFTER_MS, emulatorWorkerPath, type EmuControl, type EmuJob } from '@main/runner/emulator-pool'

const KERNELS = fileURLToPath(new URL('../../../resources/kernels/', import.meta.url))
const kernel = (file: string): Uint8Array => readFileSync(KERNELS + file)

/**
 * A flat image that destroys its own machine: it overwrites the program-new PSW with all ones, then executes an
 * invalid opcode, so the interruption loads a PSW that cannot be used (the machine ends in a program-check loop).
 */
function wreckingImage(): Uint8Array {
  const img = new Uint8Array(0x300)
  const dv = new DataView(img.buffer)
  dv.setUint32(0, 0x00080000) // short IPL PSW: 31-bit addressing
  dv.setUint32(4, 0x80000200) // start at 0x200
  const code = [0xa7, 0x19, 0xff, 0xff, /* LGHI 1,-1 */ 0xe3, 0x10, 0x01, 0xd0, 0x00, 0x24, /* STG 1,0x1d0 */ 0xe3, 0x10, 0x01, 0xd8, 0x00, 0x24, /* STG 1,0x1d8 */ 0x00, 0x00 /* invalid */]
  img.set(code, 0x200)
  return img
}

/** A flat image (31-bit, code at 0x200) that stops its CPU after `code` (SIGP STOP to CPU 0, then a loop). */
function flatImage(code: number[]): Uint8Array {
  const img = new Uint8Array(0x300)
  const dv = new DataView(img.buffer)
  dv.setUint32(0, 0x00080000)
  dv.setUint32(4, 0x80000200)
  img.set([...code, 0xa7, 0x28, 0x00, 0x00 /* LHI 2,0 */, 0xae, 0x02, 0x00, 0x05 /* SIGP 0,2,STOP */, 0xa7, 0xf4, 0x00, 0x00 /* J * */], 0x200)
  return img
}
/** Stores 0xdeadbeef at absolute 0x100000 and stops. */
const markerWriter = (): Uint8Array => flatImage([0xc0, 0x19, 0xde, 0xad, 0xbe, 0xef /* IILF 1 */, 0xc0, 0x2f, 0x00, 0x10, 0x00, 0x00 /* LLILF 2,0x100000 */, 0x50, 0x10, 0x20, 0x00 /* ST 1,0(2) */])
/** Stops when the word at absolute 0x100000 is zero; otherwise runs into an invalid opcode (a program-check loop). */
const markerReader = (): Uint8Array =>
  flatImage([0xc0, 0x2f, 0x00, 0x10, 0x00, 0x00 /* LLILF 2,0x100000 */, 0x58, 0x10, 0x20, 0x00 /* L 1,0(2) */, 0x12, 0x11 /* LTR 1,1 */, 0xa7, 0x84, 0x00, 0x06 /* JZ +12 */, 0, 0, 0, 0, 0, 0, 0, 0])

const job = (image: Uint8Array, name: string, args = ''): EmuJob => ({ image, name, opts: { memMiB: 128, smp: 1, args }, timeoutMs: 60_000 })

/** What a user sees of a run: exit status, infrastructure error and the result lines. */
const outcome = (r: { exitStatus: number | null; infraError: string | null; log: string }): { exit: number | null; infra: boolean; results: string[] } => ({
  exit: r.exitStatus,
  infra: r.infraError !== null,
  results: r.log.split('\n').filter((l) => /^(PASS|FAIL|SKIP|XFAIL|KFAIL|XPASS):/.test(l)),
})

describe('warm emulator pool', () => {
  it('loads the compiled worker from out/worker', () => {
    expect(emulatorWorkerPath()).toMatch(/[\\/]out[\\/]worker[\\/]emulator-worker\.js$/)
    expect(emulatorWorkerPath('file:///opt/app/resources/app.asar/out/main/index.js')).toBe('/opt/app/resources/app.asar.unpacked/out/worker/emulator-worker.js')
  })

  it('runs job after job on one worker, and a machine wrecked by its kernel does not affect the next job', async () => {
    const fresh = new EmulatorPool(1)
    const reference = { selftest: outcome(await fresh.run(job(kernel('selftest.elf'), 'selftest.elf', 'test 123 mem=128'))) }
    const arithFresh = outcome(await new EmulatorPool(1).run(job(kernel('arith.elf'), 'arith.elf')))
    await fresh.close()

    const pool = new EmulatorPool(1)
    const first = await pool.run(job(kernel('selftest.elf'), 'selftest.elf', 'test 123 mem=128'))
    const wrecked = await pool.run(job(wreckingImage(), 'wrecking.bin'))
    const arith = await pool.run(job(kernel('arith.elf'), 'arith.elf'))
    const again = await pool.run(job(kernel('selftest.elf'), 'selftest.elf', 'test 123 mem=128'))
    await pool.close()

    // The kernel's own doing: a test failure naming the loop, not an infrastructure error.
    expect({ infra: wrecked.infraError, end: wrecked.guestEnd }).toEqual({ infra: null, end: expect.stringMatching(/^program interruption loop: .*program-new PSW/) })
    expect(new Set([first.workerId, wrecked.workerId, arith.workerId, again.workerId]).size).toBe(1)
    expect(pool.stats()).toEqual({ workersStarted: 1, coldStarts: 1, jobs: 4, idle: 0, waiting: 0, cachedStarts: expect.any(Number) })
    expect(reference.selftest.exit).toBe(1)
    expect(reference.selftest.results.length).toBeGreaterThan(10)
    expect({ first: outcome(first), arith: outcome(arith), again: outcome(again) }).toEqual({ first: reference.selftest, arith: arithFresh, again: reference.selftest })
  })

  it("loads the emulator from V8's code cache once a worker of this build has warmed up", async () => {
    const cacheDir = join(dirname(emulatorWorkerPath()), 'cache')
    const first = new EmulatorPool(1)
    expect(outcome(await first.run(job(kernel('selftest.elf'), 'selftest.elf', 'test 123 mem=128'))).exit).toBe(1)
    // (written once the worker has reported itself warm)
    const t0 = Date.now()
    while (!readdirSync(cacheDir, { withFileTypes: true }).some((e) => /^emulator\.cjs-[0-9a-f]+-node.*\.v8$/.test(e.name)) && Date.now() - t0 < 10_000) await sleep(50)
    await first.close()
    const second = new EmulatorPool(1)
    expect(outcome(await second.run(job(kernel('arith.elf'), 'arith.elf'))).exit).toBe(1)
    while (second.stats().cachedStarts === 0 && Date.now() - t0 < 20_000) await sleep(50)
    await second.close()
    expect(second.stats()).toMatchObject({ workersStarted: 1, cachedStarts: 1 })
  })

  it('gives every job zeroed storage: what a job stored is gone for the next one on the same worker', async () => {
    const pool = new EmulatorPool(1)
    const runs = []
    for (const [image, name] of [[markerWriter(), 'writer.bin'], [markerReader(), 'reader.bin'], [markerWriter(), 'writer.bin'], [markerReader(), 'reader.bin']] as const) {
      runs.push(await pool.run(job(image, name)))
    }
    await pool.close()
    expect(runs.map((r) => r.ended.split(' ')[0])).toEqual(['stopped', 'stopped', 'stopped', 'stopped'])
    expect(new Set(runs.map((r) => r.workerId)).size).toBe(1)
  })

  it('retires a worker that timed out and runs the next job on a new one', async () => {
    const pool = new EmulatorPool(1)
    const loop = await pool.run({ ...job(kernel('loop.elf'), 'loop.elf'), timeoutMs: 500 })
    const after = await pool.run(job(kernel('arith.elf'), 'arith.elf'))
    await pool.close()
    expect({ timedOut: loop.timedOut, exit: after.exitStatus, workers: pool.stats().workersStarted }).toEqual({ timedOut: true, exit: 1, workers: 2 })
    expect(after.workerId).not.toBe(loop.workerId)
  })

  /** Starts loop.elf (it never ends by itself) on `pool`; resolves its control once the job runs on a worker. */
  function spin(pool: EmulatorPool): { result: ReturnType<EmulatorPool['run']>; control: Promise<EmuControl> } {
    let got: (c: EmuControl) => void = () => {}
    const control = new Promise<EmuControl>((res) => (got = res))
    return { result: pool.run({ ...job(kernel('loop.elf'), 'loop.elf'), onControl: got }), control }
  }

  it('gives a job that finds every worker busy a warm one, never a cold start: a busy worker that finishes first, or a new one once it is warm', async () => {
    const pool = new EmulatorPool(2)
    const a = spin(pool)
    const b = pool.run(job(markerWriter(), 'marker'))
    // b waits: the pool started a second worker in the background
    ;(await a.control).migrate()
    const [ra, rb] = await Promise.all([a.result, b])
    await pool.close()
    expect({ a: ra.ended, b: rb.ended.split(' ')[0], b_infra: rb.infraError }).toEqual({ a: 'migrated', b: 'stopped', b_infra: null })
    expect(pool.stats()).toMatchObject({ workersStarted: 2, coldStarts: 1, waiting: 0 })
  })

  it('starts no worker beyond its size for a migration destination when the other busy worker frees first', async () => {
    const pool = new EmulatorPool(2)
    const a = spin(pool)
    const b = spin(pool)
    // b runs once a second worker is warm; then a's worker is freed
    const bc = await b.control
    ;(await a.control).migrate()
    const ra = await a.result
    // c must avoid a's worker (idle now); b's worker is busy: c waits for it rather than for a third worker
    const c = pool.run({ ...job(markerWriter(), 'c'), avoidWorker: ra.workerId })
    bc.migrate()
    const [rb, rc] = await Promise.all([b.result, c])
    await pool.close()
    expect({ b: rb.ended, c: rc.ended.split(' ')[0], c_infra: rc.infraError, c_on_b: rc.workerId === rb.workerId }).toEqual({ b: 'migrated', c: 'stopped', c_infra: null, c_on_b: true })
    expect(pool.stats()).toMatchObject({ workersStarted: 2, waiting: 0 })
  })

  it(`starts a worker beyond its size for a migration destination after ${EXTRA_WORKER_AFTER_MS} ms when the other stays busy`, async () => {
    const pool = new EmulatorPool(2)
    const a = spin(pool)
    const b = spin(pool)
    // b runs once a second worker is warm; then a's worker is freed
    const bc = await b.control
    ;(await a.control).migrate()
    const ra = await a.result
    const rc = await pool.run({ ...job(markerWriter(), 'c'), avoidWorker: ra.workerId })
    bc.migrate()
    const rb = await b.result
    await pool.close()
    expect({ c: rc.ended.split(' ')[0], c_infra: rc.infraError, elsewhere: rc.workerId !== ra.workerId && rc.workerId !== rb.workerId }).toEqual({ c: 'stopped', c_infra: null, elsewhere: true })
    expect(pool.stats()).toMatchObject({ workersStarted: 3, coldStarts: 1, waiting: 0 })
  })

  it('ends a waiting job at once when it is cancelled, and forgets it', async () => {
    const pool = new EmulatorPool(2)
    const a = spin(pool)
    const stop = new AbortController()
    const b = pool.run({ ...job(markerWriter(), 'marker'), signal: stop.signal })
    const control = await a.control
    stop.abort()
    const rb = await b
    expect({ cancelled: rb.cancelled, ended: rb.ended }).toEqual({ cancelled: true, ended: 'cancelled' })
    expect(pool.stats().waiting).toBe(0)
    control.migrate()
    expect((await a.result).ended).toBe('migrated')
    await pool.close()
  })

  it('fails the waiting job when the worker started for it dies while warming up, rather than starting workers forever', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'labcon-pool-'))
    const broken = join(dir, 'broken-worker.mjs')
    writeFileSync(broken, "throw new Error('cannot start')\n")
    const pool = new EmulatorPool(2, broken)
    const [a, b] = await Promise.all([pool.run(job(markerWriter(), 'a')), pool.run(job(markerWriter(), 'b'))])
    await pool.close()
    rmSync(dir, { recursive: true, force: true })
    expect(a.infraError).toMatch(/emulator worker crashed: cannot start/)
    expect(b.infraError).toMatch(/emulator worker crashed: cannot start \(while warming up\)/)
    expect(pool.stats()).toMatchObject({ workersStarted: 2, coldStarts: 1, waiting: 0 })
  })

  it('names the missing compiled worker instead of failing obscurely', async () => {
    const pool = new EmulatorPool(1, '/nonexistent/out/worker/emulator-worker.js')
    const r = await pool.run(job(kernel('arith.elf'), 'arith.elf'))
    expect(r.infraError).toMatch(/compiled emulator worker \/nonexistent\/out\/worker\/emulator-worker\.js is missing: run 'node scripts\/build-node\.mjs'/)
  })
})
