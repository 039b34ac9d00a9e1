// Start-up and per-test figures (`npm run bench -- startup`): the compiled CLI's `--help`, `env list` and `emu` of
// our selftest kernel as separate processes; per-test wall time inside a run on builtin (warm worker pool) and on
// tcg (a qemu process per test), for a kernel that stops at its first instruction (builtin only: the pure overhead)
// and for selftest; the five small bundled tests and the bench kernel on both; with --kut <kvm-unit-tests build dir>
// the whole upstream catalog on each at -j 2 and the wall-time ratio. Prints figures; asserts nothing.
// Options: --startup-runs N (CLI repetitions, default 7), --startup-repeat N (tests per run, default 20), --cli-only
// (the three CLI rows only), --catalog-only (the upstream catalog only; with --kut-tests a,b its tests a and b only, with
// --kut-envs builtin on builtin only, with --kut-slowest N the N slowest tests listed). The emu row runs once first
// without the code cache (as right after a build), then N times.
import { spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { importCatalog } from '@main/catalogs/import'
import { openStore } from '@main/db/open-store'
import type { SyncStore as Store } from '@main/db/store'
import { asyncStore } from '@main/db/async-store'
import { RunEngine } from '@main/runner/engine'
import { EmulatorPool, emulatorPool } from '@main/runner/emulator-pool'
import { boot } from '@core/emulator/boot'
import { ensureNodeBuild, ROOT } from '../../scripts/build-node.mjs'

const KERNELS = fileURLToPath(new URL('../../resources/kernels/', import.meta.url))
const LABCON = join(ROOT, 'src-main', 'cli', 'labcon.cjs')
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null

/** A flat image whose first instruction stops its CPU (SIGP 0,2,STOP with r2 = 0): a run with no guest work. */
function stopImage(): Uint8Array {
  const img = new Uint8Array(0x210)
  const dv = new DataView(img.buffer)
  dv.setUint32(0, 0x00080000)
  dv.setUint32(4, 0x80000200)
  img.set([0xae, 0x02, 0x00, 0x05, 0xa7, 0xf4, 0x00, 0x00], 0x200)
  return img
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2
}
const ms = (x: number): string => `${x.toFixed(0)} ms`

/** Runs the CLI `n` times; wall times (ms) and, with GNU time, user+system CPU seconds. */
function cli(args: string[], n: number, env: NodeJS.ProcessEnv): { wall: number[]; cpu: number[]; code: number | null } {
  const wall: number[] = []
  const cpu: number[] = []
  let code: number | null = null
  for (let i = 0; i < n; i++) {
    const t0 = performance.now()
    const r = TIME
      ? spawnSync(TIME, ['-f', '%U %S', process.execPath, LABCON, ...args], { env, encoding: 'utf8' })
      : spawnSync(process.execPath, [LABCON, ...args], { env, encoding: 'utf8' })
    wall.push(performance.now() - t0)
    code = r.status
    const m = TIME ? /(\d+\.\d+) (\d+\.\d+)\s*$/.exec(r.stderr) : null
    if (m) cpu.push(Number(m[1]) + Number(m[2]))
  }
  return { wall, cpu, code }
}

function catalogIn(store: Store, dir: string): number {
  const imp = importCatalog(dir)
  return store.upsertCatalog({ name: imp.name, source: imp.source, catalog: imp.catalog, kernelsPresent: imp.kernelsPresent }).id
}

async function timedRun(engine: RunEngine, store: Store, plan: Parameters<RunEngine['start']>[0]): Promise<{ wallMs: number; results: { test: string; durationMs: number; verdict: string; id: number }[] }> {
  const t0 = performance.now()
  const runId = await engine.start(plan)
  await engine.wait(runId)
  const wallMs = performance.now() - t0
  return { wallMs, results: store.getRun(runId).results.map((r) => ({ test: r.test, durationMs: r.durationMs, verdict: r.verdict, id: r.id })) }
}

/**
 * The upstream catalog (--kut <kvm-unit-tests build dir>) on each environment at -j 2, one after the other; with
 * --kut-tests a,b only those tests, with --kut-envs builtin only those environments (to iterate on a few tests).
 */
async function upstreamCatalog(engine: RunEngine, store: Store, allEnvs: string[], argv: string[]): Promise<void> {
  const value = (name: string): string | undefined => {
    const i = argv.indexOf(name)
    return i >= 0 ? argv[i + 1] : undefined
  }
  const kutDir = value('--kut')
  if (kutDir === undefined || kutDir.startsWith('--')) throw new Error('--kut: expected a kvm-unit-tests build directory after it')
  const list = (name: string): string[] | undefined => value(name)?.split(',').filter((x) => x !== '')
  const tests = list('--kut-tests')
  const envs = list('--kut-envs') ?? allEnvs
  for (const e of envs) if (!allEnvs.includes(e)) throw new Error(`--kut-envs: unknown environment '${e}' (have ${allEnvs.join(', ')})`)
  const slowestN = Number(value('--kut-slowest') ?? 5)
  const upstream = catalogIn(store, existsSync(join(kutDir, 's390x', 'unittests.cfg')) ? join(kutDir, 's390x') : kutDir)
  const walls: Record<string, number> = {}
  const verdicts: Record<string, Map<string, string>> = {}
  const durations: Record<string, Map<string, number>> = {}
  for (const e of envs) {
    const workersBefore = emulatorPool().stats().workersStarted
    const r = await timedRun(engine, store, { catalogId: upstream, envs: [e], jobs: 2, ...(tests ? { tests } : {}) })
    walls[e] = r.wallMs
    verdicts[e] = new Map(r.results.map((x) => [x.test, x.verdict]))
    durations[e] = new Map(r.results.map((x) => [x.test, x.durationMs]))
    const count = (v: string): number => r.results.filter((x) => x.verdict === v).length
    const slowest = [...r.results].sort((a, b) => b.durationMs - a.durationMs).slice(0, slowestN).map((x) => `${x.test} ${ms(x.durationMs)}`).join(', ')
    const pool = e === 'builtin' ? `, emulator workers started ${emulatorPool().stats().workersStarted - workersBefore}` : ''
    console.log(`startup: upstream catalog on ${e.padEnd(7)} ${ms(r.wallMs)} wall (-j 2; ${r.results.length} tests: ${count('PASS')} PASS, ${count('SKIP')} SKIP, ${count('FAIL')} FAIL${pool}; slowest ${slowest})`)
  }
  if (walls['builtin'] !== undefined && walls['tcg'] !== undefined) {
    const differ = [...verdicts['builtin']!].filter(([t, v]) => verdicts['tcg']!.get(t) !== v).map(([t, v]) => `${t} ${v}/${verdicts['tcg']!.get(t) ?? '-'}`)
    console.log(`startup: upstream catalog builtin/tcg wall ratio ${(walls['builtin'] / walls['tcg']).toFixed(2)} (verdicts that differ, builtin/tcg: ${differ.join(', ') || 'none'})`)
    // Test by test (each test's duration in its -j 2 run): the short tests are where start-up and warm-up show. Only
    // tests with the same verdict on both compare: one that runs to PASS on builtin and is skipped at once on tcg
    // (migration, which our QEMU driver does not do) measures different work.
    const pairs = [...durations['builtin']!].flatMap(([t, b]) => {
      const q = durations['tcg']!.get(t)
      return q === undefined || verdicts['tcg']!.get(t) !== verdicts['builtin']!.get(t) ? [] : [{ t, b, q }]
    })
    const slower = pairs.filter((x) => x.b > x.q).sort((x, y) => y.b / y.q - x.b / x.q)
    const short = pairs.filter((x) => x.q < 1000)
    const sum = (xs: typeof pairs, k: 'b' | 'q'): number => xs.reduce((a, x) => a + x[k], 0)
    console.log(
      `startup: upstream tests slower on builtin than on tcg: ${slower.length} of ${pairs.length} with the same verdict` +
        `${slower.length > 0 ? ` (${slower.slice(0, slowestN).map((x) => `${x.t} ${ms(x.b)} vs ${ms(x.q)}`).join(', ')})` : ''}; ` +
        `the ${short.length} under 1 s on tcg: ${ms(sum(short, 'b'))} on builtin vs ${ms(sum(short, 'q'))} on tcg in all`,
    )
  }
}

/** Entry point called by tests/bench/bench.ts. */
export async function runStartupBench(argv: string[]): Promise<void> {
  const opt = (name: string, d: number): number => {
    const i = argv.indexOf(name)
    return i >= 0 ? Number(argv[i + 1]) : d
  }
  const runs = opt('--startup-runs', 7)
  const catalogOnly = argv.includes('--catalog-only')
  if (catalogOnly && !argv.includes('--kut')) throw new Error('--catalog-only: needs --kut <kvm-unit-tests build dir>')
  const repeat = opt('--startup-repeat', 20)
  await ensureNodeBuild()
  const dir = mkdtempSync(join(tmpdir(), 'labcon-startup-bench-'))
  const load = loadavg().map((x) => x.toFixed(2)).join(' ')
  console.log(`startup: node ${process.version}, ${availableParallelism()} CPUs, load average ${load} (figures are medians; the machine may be shared)`)
  try {
    // 1. The CLI as a user calls it: a new process each time, compiled JavaScript from out/cli.
    const env = { ...process.env, LABCON_DB: join(dir, 'cli.sqlite') }
    cli(['env', 'list'], 1, env) // creates the database and the default environments
    const rows: [string, string[]][] = [
      ['labcon --help', ['--help']],
      ['labcon env list', ['env', 'list']],
      ['labcon emu selftest.elf', ['emu', join(KERNELS, 'selftest.elf'), '--append', 'test 123 mem=128']],
    ]
    for (const [label, args] of catalogOnly ? [] : rows) {
      if (args[0] === 'emu') {
        // The first emu start after a build compiles the emulator and writes its V8 code cache (out/cli/cache).
        rmSync(join(ROOT, 'out', 'cli', 'cache'), { recursive: true, force: true })
        const first = cli(args, 1, env)
        const cpu = first.cpu.length ? `, CPU ${ms(first.cpu[0]! * 1000)}` : ''
        console.log(`startup: ${'labcon emu, no code cache'.padEnd(26)} wall ${ms(first.wall[0]!)}${cpu} (the first start after a build, exit ${first.code})`)
      }
      const r = cli(args, runs, env)
      const cpu = r.cpu.length ? `, CPU median ${ms(median(r.cpu) * 1000)}` : ''
      console.log(`startup: ${label.padEnd(26)} wall median ${ms(median(r.wall))}, min ${ms(Math.min(...r.wall))}${cpu} (${runs} runs, exit ${r.code})`)
    }
    if (argv.includes('--cli-only')) return

    // 2. Per test inside a run: the engine, the store and the target, one test at a time (-j 1).
    const store = openStore(join(dir, 'run.sqlite'))
    const engine = new RunEngine({ store: asyncStore(store), timeout: '' })
    try {
      store.addEnvironment({ name: 'builtin', kind: 'builtin', concurrency: 1 })
      const haveQemu = spawnSync('qemu-system-s390x', ['--version']).status === 0
      if (haveQemu) store.addEnvironment({ name: 'tcg', kind: 'qemu-tcg', concurrency: 1 })
      const envs = haveQemu ? ['builtin', 'tcg'] : ['builtin']
      if (catalogOnly) return await upstreamCatalog(engine, store, envs, argv)
      const stopDir = join(dir, 'stop')
      mkdirSync(stopDir)
      writeFileSync(join(stopDir, 'stop.bin'), stopImage())
      writeFileSync(join(stopDir, 'unittests.cfg'), '[stop]\nfile = stop.bin\n')
      const stopCatalog = catalogIn(store, stopDir)
      const kernelsDir = join(dir, 'kernels')
      mkdirSync(kernelsDir)
      for (const f of ['selftest', 'pgm', 'arith', 'sclp-sigp', 'fail', 'bench']) copyFileSync(join(KERNELS, `${f}.elf`), join(kernelsDir, `${f}.elf`))
      copyFileSync(join(KERNELS, 'unittests.cfg'), join(kernelsDir, 'unittests.cfg'))
      const bundled = catalogIn(store, kernelsDir)

      // Warm-up: the first builtin test starts the worker thread and loads the emulator (once per process).
      const warm = await timedRun(engine, store, { catalogId: stopCatalog, envs: ['builtin'], jobs: 1 })
      console.log(`startup: first builtin test of a process (starts the worker, loads the emulator)   ${ms(warm.wallMs)}`)
      const stop = await timedRun(engine, store, { catalogId: stopCatalog, envs: ['builtin'], jobs: 1, repeat })
      console.log(`startup: per-test overhead on builtin, kernel stopping at once, in a run   ${ms(stop.wallMs / repeat)} per test (${repeat} tests, -j 1)`)

      // For comparison: selftest booted and run in this process (no worker, no store, no console parsing).
      const image = readFileSync(join(KERNELS, 'selftest.elf'))
      const guest: number[] = []
      for (let i = 0; i < 5; i++) {
        const t0 = performance.now()
        const m = boot(image, 'selftest.elf', { memMiB: 256, args: 'test 123 mem=256', qemuParams: '-m 256' })
        while (!m.run(5_000_000).ended);
        guest.push(performance.now() - t0)
      }
      for (const e of envs) {
        const r = await timedRun(engine, store, { catalogId: bundled, envs: [e], tests: ['selftest'], jobs: 1, repeat })
        const per = r.wallMs / repeat
        const split = e === 'builtin' ? ` (boot + run of a fresh machine in this process, no worker or store: ${ms(median(guest))})` : ' (a qemu process per test)'
        console.log(`startup: selftest per test in a run on ${e.padEnd(7)} ${ms(per)}${split}`)
      }
      for (const e of envs) {
        const r = await timedRun(engine, store, { catalogId: bundled, envs: [e], tests: ['selftest', 'pgm', 'arith', 'sclp-sigp', 'fail'], jobs: 1 })
        console.log(`startup: the five small bundled tests on ${e.padEnd(7)} ${ms(r.wallMs)} wall (-j 1; ${r.results.map((x) => `${x.test} ${ms(x.durationMs)}`).join(', ')})`)
      }
      for (const e of envs) {
        const r = await timedRun(engine, store, { catalogId: bundled, envs: [e], tests: ['bench'], jobs: 1 })
        const res = r.results[0]
        const parts = res ? [...store.log(res.id).text.matchAll(/bench: time (\S+) (\d+) ms/g)].map((m) => `${m[1]} ${m[2]} ms`).join(', ') : ''
        console.log(`startup: bench kernel on ${e.padEnd(7)} ${res ? `${ms(res.durationMs)} ${res.verdict}` : 'no result'}${parts ? ` (${parts})` : ''}`)
      }
      if (argv.includes('--kut')) await upstreamCatalog(engine, store, envs, argv)
      // The pool alone: job after job on one warm worker, the kernel stopping at once.
      const pool = new EmulatorPool(1)
      const img = stopImage()
      await pool.run({ image: img, name: 'stop.bin', opts: {}, timeoutMs: 30_000 })
      const jobs: number[] = []
      const boots: number[] = []
      for (let i = 0; i < repeat; i++) {
        const r = await pool.run({ image: img, name: 'stop.bin', opts: {}, timeoutMs: 30_000 })
        jobs.push(r.durationMs)
        boots.push(r.bootMs ?? NaN)
      }
      // The same with the pause a run leaves between two tests (store, console parsing): the worker prepares the next
      // machine's storage in it.
      const pausedJobs: number[] = []
      const pausedBoots: number[] = []
      for (let i = 0; i < repeat; i++) {
        await new Promise((res) => setTimeout(res, 20))
        const r = await pool.run({ image: img, name: 'stop.bin', opts: {}, timeoutMs: 30_000 })
        pausedJobs.push(r.durationMs)
        pausedBoots.push(r.bootMs ?? NaN)
      }
      await pool.close()
      const f = (xs: number[]): string => (xs.length ? median(xs).toFixed(1) : '-')
      console.log(`startup: warm pool job (post, boot a fresh 128 MiB machine, stop, report)        median ${f(jobs)} ms (boot ${f(boots)} ms)`)
      console.log(`startup: warm pool job 20 ms after the previous one (as in a run)                 median ${f(pausedJobs)} ms (boot ${f(pausedBoots)} ms)`)
    } finally {
      await engine.close()
      store.close()
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
