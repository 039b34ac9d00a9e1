// Child process for killed-mid-run.test.ts: creates a run of many slots and records results as fast as it can,
// printing `recorded <slot index>` after each commit, until it is killed. Usage: record-loop.ts <db> <slots>
import { openStore } from '@main/db/open-store'
import { loopCatalog, loopRecord } from './loop-fixture'

const [dbPath, slotCount] = process.argv.slice(2)
if (!dbPath || !slotCount) throw new Error('usage: record-loop.ts <db> <slots>')
const store = openStore(dbPath)
const env = store.addEnvironment({ name: 'tcg', kind: 'qemu-tcg', level: '7.2.0' })
const catalog = store.upsertCatalog(loopCatalog())
const count = Number(slotCount)
const run = store.createRun({
  catalogId: catalog.id,
  plan: { catalogId: catalog.id, envs: ['tcg'], repeat: count / 10 },
  who: 'loop',
  slots: Array.from({ length: count }, (_, i) => ({ test: `t${i % 10}`, envId: env.id, repetition: Math.floor(i / 10) + 1 })),
})
store.setRunState(run.runId, 'running')
process.stdout.write(`run ${run.runId}\n`)
run.slots.forEach((slot, i) => {
  store.recordResult(slot.id, loopRecord(i))
  process.stdout.write(`recorded ${i}\n`)
})
store.setRunState(run.runId, 'done')
