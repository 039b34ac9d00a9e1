// Issue 13, many writers on one PostgreSQL database: a retried result write lands once, a client that dies leaves its
// run interrupted when its lease expires (while a live client's lease is renewed), and another process's changes
// arrive through LISTEN/NOTIFY.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openPgStore, type PgStore } from '@main/db/pg-store'
import { StoreOpenError } from '@main/db/errors'
import type { StoreChange } from '@main/db/pg/base'
import { catalogOf, record } from './helpers'
import { PG_SKIP_REASON, startPgCluster, type PgCluster } from './pg-cluster'

if (PG_SKIP_REASON) console.warn(`[pg shared] skipped: ${PG_SKIP_REASON}`)

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

describe.skipIf(PG_SKIP_REASON !== null)('PostgreSQL: many writers', () => {
  let cluster: PgCluster
  const open: PgStore[] = []
  const env = (): NodeJS.ProcessEnv => ({ ...process.env, PGPASSWORD: cluster.password })
  const openStore = async (url: string, leaseMs?: number): Promise<PgStore> => {
    const s = await openPgStore(url, { env: env(), ...(leaseMs ? { leaseMs } : {}) })
    open.push(s)
    return s
  }
  beforeAll(async () => {
    cluster = await startPgCluster()
  })
  afterAll(async () => {
    for (const s of open) await s.close()
    cluster?.stop()
  })

  async function oneRun(s: PgStore, slots = 2): Promise<{ runId: number; slots: number[] }> {
    const c = await s.upsertCatalog({ name: 'k', source: '/k', catalog: catalogOf('/k/unittests.cfg', ['a']), kernelsPresent: new Set(['a']) })
    const e = (await s.findEnvironment('tcg')) ?? (await s.addEnvironment({ name: 'tcg', kind: 'qemu-tcg' }))
    const run = await s.createRun({ catalogId: c.id, plan: { catalogId: c.id, envs: ['tcg'] }, who: 'w', slots: Array.from({ length: slots }, (_, i) => ({ test: 'a', envId: e.id, repetition: i + 1 })) })
    await s.setRunState(run.runId, 'running')
    return { runId: run.runId, slots: run.slots.map((x) => x.id) }
  }

  it('a retried result write returns the stored row once; a different second result is a conflict', async () => {
    const s = await openStore(await cluster.createDb())
    const run = await oneRun(s)
    const rec = record('FAIL', [{ status: 'FAIL', name: 'x' }])
    const first = await s.recordResult(run.slots[0]!, rec)
    const again = await s.recordResult(run.slots[0]!, rec)
    expect(again).toEqual(first)
    await expect(s.recordResult(run.slots[0]!, record('PASS'))).rejects.toThrow(/already has a result/)
    expect((await s.getRunSummary(run.runId)).done).toBe(1)
  })

  it('concurrent writes of one process with new subtest names all land (ids cached only once committed)', async () => {
    const s = await openStore(await cluster.createDb())
    const run = await oneRun(s, 40)
    // Every slot introduces names the others share: writers race to intern them on four pooled connections.
    const subs = (i: number) => Array.from({ length: 12 }, (_, k) => ({ status: 'PASS' as const, name: `shared ${(i + k) % 16}` }))
    await Promise.all(run.slots.map((slot, i) => s.recordResult(slot, record('PASS', subs(i)))))
    const rows = await s.resultsByRun(run.runId)
    // Results commit in any order: line them up by slot (repetition i + 1).
    expect(rows.sort((a, b) => a.repetition - b.repetition).map((r) => r.subtests)).toEqual(run.slots.map((_, i) => subs(i)))
  })

  it('a dead client’s run becomes interrupted when its lease expires; a live client’s run stays running', async () => {
    const url = await cluster.createDb()
    const dead = await openPgStore(url, { env: env(), leaseMs: 1500 })
    const alive = await openStore(url, 1500)
    const gone = await oneRun(dead)
    const kept = await oneRun(alive)
    await dead.close() // stops renewing, as a killed process would
    await sleep(2500)
    // The live client's lease clock (or any store opening now) marks the dead one's run.
    const watcher = await openStore(url, 1500)
    expect({ gone: (await watcher.getRunSummary(gone.runId)).state, kept: (await watcher.getRunSummary(kept.runId)).state }).toEqual({
      gone: 'interrupted',
      kept: 'running',
    })
  })

  it('another process’s run changes and results arrive through LISTEN/NOTIFY', async () => {
    const url = await cluster.createDb()
    const writer = await openStore(url)
    const reader = await openStore(url)
    const seen: StoreChange[] = []
    const stop = await reader.watch((c) => seen.push(c))
    const run = await oneRun(writer, 1)
    const row = await writer.recordResult(run.slots[0]!, record('PASS'))
    await writer.setRunState(run.runId, 'done')
    for (let i = 0; i < 100 && seen.length < 4; i++) await sleep(50)
    stop()
    expect(seen.map((c) => ({ runId: c.runId, resultId: c.resultId ?? null }))).toEqual([
      { runId: run.runId, resultId: null }, // created
      { runId: run.runId, resultId: null }, // running
      { runId: run.runId, resultId: row.id },
      { runId: run.runId, resultId: null }, // done
    ])
  })

  it('a wrong password is refused naming the URL without any password', async () => {
    const url = (await cluster.createDb()).replace('labcon@', 'labcon:hunter2secret@')
    const err = await openPgStore(url, { env: { PATH: process.env['PATH'] ?? '' } }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(StoreOpenError)
    expect((err as Error).message).toMatch(/^postgresql:\/\/labcon:\*\*\*@127\.0\.0\.1:\d+\/t\w+: cannot connect: password authentication failed for user "labcon"$/)
    expect((err as Error).message).not.toContain('hunter2secret')
  })
})
