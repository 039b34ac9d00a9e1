// Store benchmark: builds a result database of ≥ 1,000,000 subtest rows through the real write path (recordResult),
// then times the queries the UI and the CLI gate depend on. Prints figures; asserts nothing.
// Options: --store-runs N (default 100), --store-db <path> (keep the database there instead of a temp file; a database
// that already has runs is reused as is).
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseUnittestsCfg } from '@core/domain/catalog'
import { compareSides } from '@core/domain/compare'
import type { SubtestResult } from '@core/domain/results'
import { openStore } from '@main/db/open-store'
import type { ResultRecord, Store } from '@main/db/store'

const TESTS = 200
const ENVS = 50
const ENVS_PER_RUN = 5
const REPS = 5

/** Entry point called by tests/bench/bench.ts. */
export async function runStoreBench(argv: string[]): Promise<void> {
  const opt = (name: string): string | undefined => {
    const i = argv.indexOf(name)
    return i >= 0 ? argv[i + 1] : undefined
  }
  const runs = Number(opt('--store-runs') ?? 100)
  const keep = opt('--store-db')
  const dir = keep ? null : mkdtempSync(join(tmpdir(), 'labcon-bench-'))
  const path = keep ?? join(dir!, 'bench.sqlite')
  try {
    const store = openStore(path)
    const reuse = store.listRuns(1).length > 0
    const t0 = performance.now()
    const { results, subtests } = reuse ? { results: 0, subtests: 0 } : generate(store, runs)
    const genMs = performance.now() - t0
    store.close()
    const size = statSync(path).size
    if (reuse) console.log(`store: reusing ${path} (${(size / 2 ** 20).toFixed(1)} MiB)`)
    else console.log(
      `store: generated ${runs} runs, ${results.toLocaleString('en')} results, ` +
        `${subtests.toLocaleString('en')} subtest rows in ` +
        `${(genMs / 1000).toFixed(1)} s (${Math.round(results / (genMs / 1000))} results/s via recordResult); ` +
        `file ${(size / 2 ** 20).toFixed(1)} MiB`,
    )
    const o = performance.now()
    const s = openStore(path)
    console.log(`store: openStore (pragmas, version check, crash recovery)          ${(performance.now() - o).toFixed(1)} ms`)
    const catalogId = s.listCatalogs()[0]!.id
    const lastRun = s.listRuns(1)[0]!.id
    const time = (label: string, fn: () => unknown): void => {
      const ms: number[] = []
      let size = ''
      for (let i = 0; i < REPS; i++) {
        const a = performance.now()
        const out = fn()
        ms.push(performance.now() - a)
        size = describe(out)
      }
      ms.sort((a, b) => a - b)
      const median = ms[REPS >> 1]!.toFixed(1).padStart(7)
      console.log(`store: ${label.padEnd(50)} median ${median} ms  (min ${ms[0]!.toFixed(1)}) ${size}`)
    }
    time('matrix (all 50 envs, latest per cell)', () => s.matrix({}))
    time('matrix (catalog scope)', () => s.matrix({ catalogId }))
    time('matrix (one run)', () => s.matrix({ runId: lastRun }))
    time('sideResults env e00', () => s.sideResults({ kind: 'env', env: 'e00' }))
    time('sideResults env e01', () => s.sideResults({ kind: 'env', env: 'e01' }))
    time('sideResults level fw-2', () => s.sideResults({ kind: 'level', level: 'fw-2' }))
    const lastRunEnv = s.getRunSummary(lastRun).envs[0]!
    time('sideResults run (last, one env)', () => s.sideResults({ kind: 'run', runId: lastRun, env: lastRunEnv }))
    time('compare env e00 vs e01 (2 sides + compareSides)', () =>
      compareSides(s.sideResults({ kind: 'env', env: 'e00' }), s.sideResults({ kind: 'env', env: 'e01' })),
    )
    time('history test t042 (50 runs)', () => s.history({ test: 't042' }))
    time('history test t042 on e03', () => s.history({ test: 't042', env: 'e03' }))
    time('history all tests (10 runs)', () => s.history({ limit: 10 }))
    time('verdictTallies (flaky input)', () => s.verdictTallies())
    time('getRun (last, 1000 results)', () => s.getRun(lastRun))
    s.close()
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true })
  }
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

function generate(store: Store, runs: number): { results: number; subtests: number } {
  const rand = rng(390)
  const names = Array.from({ length: TESTS }, (_, i) => `t${String(i).padStart(3, '0')}`)
  const catalog = store.upsertCatalog({
    name: 'bench',
    source: '/bench/unittests.cfg',
    kernelsPresent: new Set(names),
    catalog: parseUnittestsCfg(names.map((n) => `[${n}]\nfile = ${n}.elf\n`).join('\n'), '/bench/unittests.cfg'),
  })
  const kinds = ['qemu-tcg', 'qemu-ssh', 'hercules', 'lpar-hmc', 'zvm'] as const
  const envs = Array.from({ length: ENVS }, (_, i) =>
    store.addEnvironment({ name: `e${String(i).padStart(2, '0')}`, kind: kinds[i % kinds.length]!, level: `fw-${i % 4}` }),
  )
  // Subtest names per test: 5..16 (10.5 on average), so ~2,000 distinct interned names.
  const subNames = names.map((n, i) => Array.from({ length: 5 + (i % 12) }, (_, k) => `${n}: area ${k % 3}: check ${k}`))
  let results = 0
  let subtests = 0
  for (let r = 0; r < runs; r++) {
    const runEnvs = Array.from({ length: ENVS_PER_RUN }, (_, k) => envs[(r * ENVS_PER_RUN + k) % ENVS]!)
    const run = store.createRun({
      catalogId: catalog.id,
      plan: { catalogId: catalog.id, envs: runEnvs.map((e) => e.name) },
      who: 'bench',
      slots: runEnvs.flatMap((e) => names.map((test) => ({ test, envId: e.id, repetition: 1 }))),
    })
    store.setRunState(run.runId, 'running')
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
      store.recordResult(slot.id, rec)
      results += 1
      subtests += subs.length
    }
    store.setRunState(run.runId, 'done')
  }
  return { results, subtests }
}
