// Issue 13, "live for everyone": two consoles (services, as two processes would open them) on one PostgreSQL
// database. A run started by one shows up in the other's onProgress — the events the UI consumes over IPC and SSE —
// with every result as it lands and the final state, although the watching console never ran it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunProgress } from '@core/api/lab-api'
import { openStoreAt } from '@main/db/open-store'
import { createLabService, type LabService } from '@main/service/lab-service'
import { PG_SKIP_REASON, startPgCluster, type PgCluster } from '../db/pg-cluster'
import { kernelCopy } from '../runner/fixture'

if (PG_SKIP_REASON) console.warn(`[pg live progress] skipped: ${PG_SKIP_REASON}`)

describe.skipIf(PG_SKIP_REASON !== null)('PostgreSQL: another console sees a run live', () => {
  let cluster: PgCluster
  let runner: LabService
  let watcher: LabService
  const cleanups: (() => void)[] = []

  beforeAll(async () => {
    cluster = await startPgCluster()
    const url = await cluster.createDb()
    const env = { ...process.env, PGPASSWORD: cluster.password }
    runner = createLabService({ store: await openStoreAt(url, { env }), dbPath: url, engine: { timeout: '' } })
    watcher = createLabService({ store: await openStoreAt(url, { env }), dbPath: url, defaultEnvironments: false })
  }, 120_000)
  afterAll(async () => {
    await runner?.close()
    await watcher?.close()
    cluster?.stop()
    cleanups.forEach((c) => c())
  })

  it('the watcher gets each result and the final state of a run it did not start', async () => {
    const seen: RunProgress[] = []
    const off = watcher.runs.onProgress((p) => seen.push(p))
    // Let the watcher's LISTEN connection open before the run starts.
    await new Promise((r) => setTimeout(r, 500))
    const k = kernelCopy()
    cleanups.push(k.cleanup)
    const catalogId = (await runner.catalogs.import(k.dir)).id
    const id = await runner.runs.start({ catalogId, envs: ['builtin'], tests: ['selftest', 'arith'] })
    await runner.engine.wait(id)
    await expect.poll(() => seen.filter((p) => p.runId === id && p.state === 'done').length, { timeout: 20_000 }).toBeGreaterThan(0)
    off()
    const mine = seen.filter((p) => p.runId === id)
    const results = mine.flatMap((p) => (p.result ? [`${p.result.test}:${p.result.verdict}`] : [])).sort()
    expect({ results, total: mine.at(-1)?.total, done: mine.at(-1)?.done }).toEqual({ results: ['arith:PASS', 'selftest:PASS'], total: 2, done: 2 })
    // The same run, read back through the watcher, is the runner's.
    expect((await watcher.runs.get(id)).state).toBe('done')
  }, 180_000)
})
