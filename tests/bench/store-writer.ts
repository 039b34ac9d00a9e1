// Child process of the store bench's ingest section: one of N concurrent writers on one database (SQLite file or
// PostgreSQL URL). Creates its own run of <results> slots and records each result as fast as it can, then prints
// `recorded <n> <runId>`. Usage: store-writer.ts <location> <results> <writer index>
import { openStoreAt } from '@main/db/open-store'
import type { ResultRecord } from '@main/db/store'
import { catalogOf } from '../integration/db/helpers'

const [location, countText, writer] = process.argv.slice(2)
if (!location || !countText || !writer) throw new Error('usage: store-writer.ts <location> <results> <writer>')
const count = Number(countText)
const store = await openStoreAt(location)
const names = Array.from({ length: 20 }, (_, i) => `t${i}`)
const catalog = await store.upsertCatalog({ name: 'ingest', source: '/ingest/unittests.cfg', catalog: catalogOf('/ingest/unittests.cfg', names), kernelsPresent: new Set(names) })
const envName = `w${writer}`
const env = (await store.findEnvironment(envName)) ?? (await store.addEnvironment({ name: envName, kind: 'qemu-tcg', level: '7.2.0' }))
const run = await store.createRun({
  catalogId: catalog.id,
  plan: { catalogId: catalog.id, envs: [envName] },
  who: envName,
  slots: Array.from({ length: count }, (_, i) => ({ test: names[i % 20]!, envId: env.id, repetition: Math.floor(i / 20) + 1 })),
})
await store.setRunState(run.runId, 'running')
let recorded = 0
for (const [i, slot] of run.slots.entries()) {
  // ~10 subtests and a 1 KB console, like a typical kvm-unit-tests result.
  const subtests = Array.from({ length: 10 }, (_, k) => ({ status: (i + k) % 97 === 0 ? ('FAIL' as const) : ('PASS' as const), name: `${slot.test}: area ${k % 3}: check ${k}` }))
  const fails = subtests.filter((s) => s.status === 'FAIL').length
  const rec: ResultRecord = {
    outcome: { verdict: fails ? 'FAIL' : 'PASS', exitStatus: fails ? 3 : 1, reason: null, subtests, summary: { tests: 10, unexpectedFailures: fails, knownFailures: 0, expectedFailures: 0, skipped: 0 }, durationMs: 100 },
    level: '7.2.0',
    startedAt: new Date().toISOString(),
    finishedAt: new Date().toISOString(),
    log: subtests.map((s) => `${s.status}: ${s.name}\n`).join('').repeat(3),
    command: `qemu-system-s390x -kernel ${slot.test}.elf`,
    facts: {},
  }
  try {
    await store.recordResult(slot.id, rec)
    recorded++
  } catch (e) {
    process.stderr.write(`writer ${writer}: slot ${i}: ${(e as Error).message}\n`)
  }
}
await store.setRunState(run.runId, 'done')
process.stdout.write(`recorded ${recorded} ${run.runId}\n`)
await store.close()
