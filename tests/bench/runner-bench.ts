// Run-engine figures: per-slot overhead of the engine + store (slots recorded without running anything), and wall
// time of the bundled catalog on local QEMU TCG at concurrency 1 and 2. Prints figures; never asserts.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { importCatalog } from '@main/catalogs/import'
import { openStore } from '@main/db/open-store'
import type { SyncStore as Store } from '@main/db/store'
import { asyncStore } from '@main/db/async-store'
import { RunEngine } from '@main/runner/engine'

const KERNELS = fileURLToPath(new URL('../../resources/kernels', import.meta.url))

function catalogIn(store: Store, dir: string): number {
  const imp = importCatalog(dir)
  return store.upsertCatalog({ name: imp.name, source: imp.source, catalog: imp.catalog, kernelsPresent: imp.kernelsPresent }).id
}

async function timed(engine: RunEngine, plan: Parameters<RunEngine['start']>[0]): Promise<{ ms: number; runId: number }> {
  const t0 = performance.now()
  const runId = await engine.start(plan)
  await engine.wait(runId)
  return { ms: performance.now() - t0, runId }
}

/** `npm run bench -- runner`. */
export async function runRunnerBench(_argv: string[]): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'labcon-runner-bench-'))
  const store = openStore(join(dir, 'lab.sqlite'))
  try {
    const engine = new RunEngine({ store: asyncStore(store), timeout: '' })
    store.addEnvironment({ name: 'tcg', kind: 'qemu-tcg', concurrency: 2 })

    // 1. Engine + store overhead: 200 tests whose kernels are missing (recorded as SKIP) × 5 repetitions.
    const skipDir = join(dir, 'skips')
    const cfg = Array.from({ length: 200 }, (_, i) => `[t${i}]\nfile = missing-${i}.elf\n`).join('')
    mkdirSync(skipDir)
    writeFileSync(join(skipDir, 'unittests.cfg'), cfg)
    const skipCatalog = catalogIn(store, skipDir)
    const skip = await timed(engine, { catalogId: skipCatalog, envs: ['tcg'], repeat: 5 })
    const slots = store.getRunSummary(skip.runId).done
    console.log(`runner: ${slots} recorded slots (no execution) in ${skip.ms.toFixed(0)} ms = ${((skip.ms / slots) * 1000).toFixed(0)} µs/slot`)

    // 2. The bundled catalog on local QEMU TCG (default tests; `loop` times out by design after its 3 s).
    const bundled = catalogIn(store, KERNELS)
    for (const jobs of [1, 2]) {
      const r = await timed(engine, { catalogId: bundled, envs: ['tcg'], jobs })
      const run = store.getRun(r.runId)
      const busy = run.results.reduce((a, x) => a + x.durationMs, 0)
      console.log(`runner: bundled catalog on tcg -j ${jobs}: ${run.results.length} tests in ${(r.ms / 1000).toFixed(2)} s wall (${(busy / 1000).toFixed(2)} s in qemu)`)
    }
    await engine.close()
  } finally {
    store.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
