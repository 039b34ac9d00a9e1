// Issue 9 item 3 / issue 8 item 8: a CI gate is honest. `labcon results` of a run that did not complete exits 4
// (EXIT.INCOMPLETE) even when every stored verdict passed; a completed run keeps 0/1.
import { afterAll, describe, expect, it } from 'vitest'
import { openStore } from '@main/db/open-store'
import { catalogOf, record } from '../db/helpers'
import { tempDbDir } from '../runner/fixture'
import { labcon } from './labcon'

const dirs: (() => void)[] = []
afterAll(() => dirs.forEach((c) => c()))

/** A database with one run of two PASS-able slots in the given end state: `recorded` results stored. */
function runInState(state: 'done' | 'cancelled' | 'interrupted' | 'running', recorded: number): { db: string; runId: number } {
  const t = tempDbDir()
  dirs.push(t.cleanup)
  const store = openStore(t.db)
  const env = store.addEnvironment({ name: 'tcg', kind: 'qemu-tcg', level: '7.2.0' })
  const names = ['a', 'b']
  const cat = store.upsertCatalog({ name: 'c', source: '/c/unittests.cfg', catalog: catalogOf('/c/unittests.cfg', names), kernelsPresent: new Set(names) })
  const run = store.createRun({ catalogId: cat.id, plan: { catalogId: cat.id, envs: ['tcg'] }, who: 't', slots: names.map((test) => ({ test, envId: env.id, repetition: 1 })) })
  store.setRunState(run.runId, 'running')
  run.slots.slice(0, recorded).forEach((s) => store.recordResult(s.id, record('PASS')))
  if (state !== 'running') store.setRunState(run.runId, state)
  store.close()
  return { db: t.db, runId: run.runId }
}

describe('labcon results exit code tells whether the run completed', () => {
  it.each([
    ['done, every slot PASS', 'done', 2, 0],
    ['interrupted, the one stored verdict PASS', 'interrupted', 1, 4],
    ['interrupted, every stored verdict PASS', 'interrupted', 2, 4],
    ['cancelled, stored verdicts PASS', 'cancelled', 1, 4],
  ] as const)('%s (state %s, %i stored) -> exit %i', async (_what, state, recorded, code) => {
    const { db, runId } = runInState(state, recorded)
    const r = await labcon(['results', '--run', String(runId), '--db', db])
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code, stderr: '' })
  })
})
