// Store benchmark: builds a result database of ≥ 1,000,000 subtest rows through the real write path (recordResult),
// then times the queries the UI and the CLI gate depend on; then ingest: 4 writer processes recording at once (results
// per second, results lost). Prints figures; asserts nothing.
// Options: --store-runs N (default 100), --store-db <path> (keep the SQLite database there instead of a temp file; a
// database that already has runs is reused as is), --db postgresql://… (also run everything on that PostgreSQL
// database, side by side with SQLite; it must be empty or hold an earlier bench's data), --ingest N (results per
// writer, default 2500).
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseUnittestsCfg } from '@core/domain/catalog'
import { compareSides } from '@core/domain/compare'
import type { Environment } from '@core/domain/environment'
import type { SubtestResult } from '@core/domain/results'
import { openStoreAt } from '@main/db/open-store'
import { isPostgresUrl, redactUrl } from '@main/db/pg/connect'
import type { Store, ResultRecord } from '@main/db/store'

const TESTS = 200
const ENVS = 50
const ENVS_PER_RUN = 5
const REPS = 5
const WRITERS = 4

/** Entry point called by tests/bench/bench.ts. */
export async function runStoreBench(argv: string[]): Promise<void> {
  const opt = (name: string): string | undefined => {
    const i = argv.indexOf(name)
    return i >= 0 ? argv[i + 1] : undefined
  }
  const runs = Number(opt('--store-runs') ?? 100)
  const perWriter = Number(opt('--ingest') ?? 2500)
  const keep = opt('--store-db')
  const pgUrl = opt('--db')
  if (pgUrl !== undefined && !isPostgresUrl(pgUrl)) throw new Error(`--db ${pgUrl}: expected a postgresql:// URL (SQLite always runs; --store-db keeps its file)`)
  const dir = mkdtempSync(join(tmpdir(), 'labcon-bench-'))
  try {
    const sqlitePath = keep ?? join(dir, 'bench.sqlite')
    await queryBench('sqlite', sqlitePath, runs)
    if (pgUrl) await queryBench('postgresql', pgUrl, runs)
    await ingestBench('sqlite', join(dir, 'ingest.sqlite'), perWriter)
    if (pgUrl) await ingestBench('postgresql', pgUrl, perWriter)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

async function queryBench(engine: string, location: string, runs: number): Promise<void> {
  const tag = `store[${engine}]:`
  const store = await openStoreAt(location)
  const reuse = (await store.listRuns(1)).length > 0
  const t0 = performance.now()
  const { results, subtests } = reuse ? { results: 0, subtests: 0 } : await generate(store, runs)
  const genMs = performance.now() - t0
  await store.close()
  const where = isPostgresUrl(location) ? redactUrl(location) : `${location} (${(statSync(location).size / 2 ** 20).toFixed(1)} MiB)`
  if (reuse) console.log(`${tag} reusing ${where}`)
  else console.log(
    `${tag} generated ${runs} runs, ${results.toLocaleString('en')} results, ${subtests.toLocaleString('en')} subtest rows in ` +
      `${(genMs / 1000).toFixed(1)} s (${Math.round(results / (genMs / 1000))} results/s via recordResult, four runs at a time in one process); ${where}`,
  )
  const o = performance.now()
  const s = await openStoreAt(location)
  console.log(`${tag} open (version check, migrations, crash recovery)            ${(performance.now() - o).toFixed(1)} ms`)
  const catalogId = (await s.listCatalogs()).find((c) => c.name === 'bench')!.id
  const lastRun = (await s.queryRuns({ catalogId, limit: 1 })).runs[0]!.id
  const time = async (label: string, fn: () => Promise<unknown>): Promise<void> => {
    const ms: number[] = []
    let size = ''
    for (let i = 0; i < REPS; i++) {
      const a = performance.now()
      const out = await fn()
      ms.push(performance.now() - a)
      size = describe(out)
    }
    ms.sort((a, b) => a - b)
    const median = ms[REPS >> 1]!.toFixed(1).padStart(7)
    console.log(`${tag} ${label.padEnd(50)} median ${median} ms  (min ${ms[0]!.toFixed(1)}) ${size}`)
  }
  await time('matrix (all 50 envs, latest per cell)', () => s.matrix({}))
  await time('matrix (catalog scope)', () => s.matrix({ catalogId }))
  await time('matrix (one run)', () => s.matrix({ runId: lastRun }))
  await time('sideResults env e00', () => s.sideResults({ kind: 'env', env: 'e00' }))
  await time('sideResults env e01', () => s.sideResults({ kind: 'env', env: 'e01' }))
  await time('sideResults level fw-2', () => s.sideResults({ kind: 'level', level: 'fw-2' }))
  const lastRunEnv = (await s.getRunSummary(lastRun)).envs[0]!
  await time('sideResults run (last, one env)', () => s.sideResults({ kind: 'run', runId: lastRun, env: lastRunEnv }))
  await time('compare env e00 vs e01 (2 sides + compareSides)', async () =>
    compareSides(await s.sideResults({ kind: 'env', env: 'e00' }), await s.sideResults({ kind: 'env', env: 'e01' })),
  )
  await time('history test t042 (50 runs)', () => s.history({ test: 't042' }))
  await time('history test t042 on e03', () => s.history({ test: 't042', env: 'e03' }))
  await time('history all tests (10 runs)', () => s.history({ limit: 10 }))
  await time('verdictTallies (flaky input)', () => s.verdictTallies())
  await time('getRun (last, 1000 results)', () => s.getRun(lastRun))
  await s.close()
}

/** WRITERS processes each record `perWriter` results into one database at once; prints results/s and how many were lost. */
async function ingestBench(engine: string, location: string, perWriter: number): Promise<void> {
  const child = fileURLToPath(new URL('./store-writer.ts', import.meta.url))
  const root = fileURLToPath(new URL('../..', import.meta.url))
  // Schema first, so the timed part is only the writers.
  await (await openStoreAt(location)).close()
  const t0 = performance.now()
  const out = await Promise.all(
    Array.from({ length: WRITERS }, (_, i) =>
      new Promise<{ recorded: number; runId: number; errors: number }>((resolve, reject) => {
        const p = spawn(process.execPath, ['--import', 'tsx', child, location, String(perWriter), String(i)], {
          cwd: root,
          env: { ...process.env, TSX_TSCONFIG_PATH: `${root}/tsconfig.base.json` },
          stdio: ['ignore', 'pipe', 'pipe'],
        })
        let stdout = ''
        let errors = 0
        p.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
        p.stderr.on('data', (d: Buffer) => (errors += (d.toString().match(/\n/g) ?? []).length))
        p.on('error', reject)
        p.on('close', () => {
          const m = /recorded (\d+) (\d+)/.exec(stdout)
          resolve({ recorded: m ? Number(m[1]) : 0, runId: m ? Number(m[2]) : -1, errors })
        })
      }),
    ),
  )
  const ms = performance.now() - t0
  const s = await openStoreAt(location)
  let stored = 0
  for (const w of out) if (w.runId > 0) stored += (await s.getRunSummary(w.runId)).done
  await s.close()
  const expected = WRITERS * perWriter
  console.log(
    `store[${engine}]: ingest ${WRITERS} writer processes × ${perWriter} results at once: ${(ms / 1000).toFixed(1)} s, ` +
      `${Math.round(stored / (ms / 1000))} results/s stored, ${expected - stored} lost (${out.reduce((n, w) => n + w.errors, 0)} writer errors)`,
  )
}

function describe(out: unknown): string {
  const o = out as { cells?: unknown[]; tests?: unknown[]; points?: unknown[]; results?: unknown[]; rows?: unknown[] }
  if (Array.isArray(out)) return `[${out.length} rows]`
  if (o.rows) return `[${o.rows.length} compare rows]`
  if (o.cells) return `[${o.cells.length} cells]`
  if (o.points) return `[${o.points.length} points]`
  if (o.results) return `[${o.results.length} results]`
  if (o.tests) return `[${o.tests.length} tests]`
  return ''
}

/** Deterministic pseudo-random numbers (mulberry32), so every run of the benchmark builds the same database. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

async function generate(store: Store, runs: number): Promise<{ results: number; subtests: number }> {
  const names = Array.from({ length: TESTS }, (_, i) => `t${String(i).padStart(3, '0')}`)
  const catalog = await store.upsertCatalog({
    name: 'bench',
    source: '/bench/unittests.cfg',
    kernelsPresent: new Set(names),
    catalog: parseUnittestsCfg(names.map((n) => `[${n}]\nfile = ${n}.elf\n`).join('\n'), '/bench/unittests.cfg'),
  })
  const kinds = ['qemu-tcg', 'qemu-ssh', 'hercules', 'lpar-hmc', 'zvm'] as const
  const envs: Environment[] = []
  for (let i = 0; i < ENVS; i++) {
    envs.push(await store.addEnvironment({ name: `e${String(i).padStart(2, '0')}`, kind: kinds[i % kinds.length]!, level: `fw-${i % 4}` }))
  }
  // Subtest names per test: 5..16 (10.5 on average), so ~2,000 distinct interned names.
  const subNames = names.map((n, i) => Array.from({ length: 5 + (i % 12) }, (_, k) => `${n}: area ${k % 3}: check ${k}`))
  let results = 0
  let subtests = 0
  // Four runs at a time (the PostgreSQL pool has four connections; SQLite is synchronous underneath either way).
  let nextRun = 0
  const worker = async (): Promise<void> => {
  for (let r = nextRun++; r < runs; r = nextRun++) {
    // One generator per run: the data does not depend on how the runs interleave.
    const rand = rng(390 + r)
    const runEnvs = Array.from({ length: ENVS_PER_RUN }, (_, k) => envs[(r * ENVS_PER_RUN + k) % ENVS]!)
    const run = await store.createRun({
      catalogId: catalog.id,
      plan: { catalogId: catalog.id, envs: runEnvs.map((e) => e.name) },
      who: 'bench',
      slots: runEnvs.flatMap((e) => names.map((test) => ({ test, envId: e.id, repetition: 1 }))),
    })
    await store.setRunState(run.runId, 'running')
    for (const slot of run.slots) {
      const ti = Number(slot.test.slice(1))
      // Mostly passing; some tests fail on some environments; a few flip randomly (flaky).
      const envFail = (ti * 7 + slot.envId) % 23 === 0
      const subs: SubtestResult[] = subNames[ti]!.map((name, k) => ({
        status: (envFail && k === 0) || rand() < 0.002 ? 'FAIL' : k === 4 ? 'SKIP' : 'PASS',
        name,
      }))
      const fails = subs.filter((x) => x.status === 'FAIL').length
      const rec: ResultRecord = {
        outcome: {
          verdict: fails ? 'FAIL' : 'PASS',
          exitStatus: fails ? 3 : 1,
          reason: fails ? 'exit status 3' : null,
          subtests: subs,
          summary: { tests: subs.length, unexpectedFailures: fails, knownFailures: 0, expectedFailures: 0, skipped: 1 },
          durationMs: Math.round(50 + rand() * 500),
        },
        level: runEnvs.find((e) => e.id === slot.envId)!.level,
        startedAt: new Date().toISOString(),
        finishedAt: new Date().toISOString(),
        log: subs.map((x) => `${x.status}: ${x.name}\n`).join('') + `SUMMARY: ${subs.length} tests, ${fails} failures\n`,
        command: `qemu-system-s390x -kernel ${slot.test}.elf`,
        facts: {},
      }
      await store.recordResult(slot.id, rec)
      results += 1
      subtests += subs.length
    }
    await store.setRunState(run.runId, 'done')
  }
  }
  await Promise.all(Array.from({ length: 4 }, worker))
  return { results, subtests }
}
