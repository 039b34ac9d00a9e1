// Child process of concurrent-writers.test.ts: one of N writers on the same database file. Imports the shared
// catalog, creates its own run of `slots` slots and records a result for each, printing `recorded <i>` per commit
// and `done <runId>` at the end. Usage: store-writer.ts <db> <slots> <writer index>
import { openStore } from '@main/db/open-store'
import { loopCatalog, loopRecord } from '../db/loop-fixture'

const [dbPath, slotText, writer] = process.argv.slice(2)
if (!dbPath || !slotText || !writer) throw new Error('usage: store-writer.ts <db> <slots> <writer>')
const store = openStore(dbPath)
const envName = `w${writer}`
const env = store.findEnvironment(envName) ?? store.addEnvironment({ name: envName, kind: 'qemu-tcg', level: '7.2.0' })
const catalog = store.upsertCatalog(loopCatalog())
const count = Number(slotText)
const run = store.createRun({
  catalogId: catalog.id,
  plan: { catalogId: catalog.id, envs: [envName], repeat: count / 10 },
  who: envName,
  slots: Array.from({ length: count }, (_, i) => ({ test: `t${i % 10}`, envId: env.id, repetition: Math.floor(i / 10) + 1 })),
})
store.setRunState(run.runId, 'running')
run.slots.forEach((slot, i) => {
  store.recordResult(slot.id, { ...loopRecord(i), log: `writer ${writer} slot ${i}\n` })
  process.stdout.write(`recorded ${i}\n`)
})
store.setRunState(run.runId, 'done')
process.stdout.write(`done ${run.runId}\n`)
store.close()
