// The matrix answered in windows of rows and columns (the console paints the visible rows and columns first, the rest
// streams): every window carries the whole row list and column list and exactly the cells of its rows and columns,
// majority marks included (counted over every column), and the windows together are the whole matrix; for the latest
// results and for one run; bad windows are refused naming the field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseUnittestsCfg } from '@core/domain/catalog'
import type { MatrixCell, MatrixQuery } from '@core/api/lab-api'
import { openStore } from '@main/db/open-store'
import { createLabService, type LabService } from '@main/service/lab-service'

const TESTS = Array.from({ length: 23 }, (_, i) => `t${String(i).padStart(2, '0')}`)
let dir: string
let service: LabService
let catalogId: number
let runIds: number[] = []

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'labcon-matrix-window-'))
  const store = openStore(join(dir, 'lab.sqlite'))
  const catalog = store.upsertCatalog({
    name: 'window',
    source: '/w/unittests.cfg',
    kernelsPresent: new Set(TESTS),
    catalog: parseUnittestsCfg(TESTS.map((t) => `[${t}]\nfile = ${t}.elf\n`).join('\n'), '/w/unittests.cfg'),
  })
  catalogId = catalog.id
  // Level order is not name order: the columns are c (fw-0), a (fw-1), b (fw-2). Environment d never ran.
  const envs = ['a', 'b', 'c'].map((name, i) => store.addEnvironment({ name, kind: 'qemu-tcg', level: `fw-${(i + 1) % 3}` }))
  store.addEnvironment({ name: 'd', kind: 'qemu-tcg', level: 'fw-0' })
  const now = new Date().toISOString()
  // Two runs: the second changes some verdicts, so "latest" and "run 1" differ.
  for (const round of [0, 1]) {
    const run = store.createRun({ catalogId, plan: { catalogId, envs: envs.map((e) => e.name) }, who: 'test', slots: envs.flatMap((e) => TESTS.map((test) => ({ test, envId: e.id, repetition: 1 }))) })
    store.setRunState(run.runId, 'running')
    for (const slot of run.slots) {
      const fail = (Number(slot.test.slice(1)) + slot.envId + round) % 4 === 0
      store.recordResult(slot.id, {
        outcome: { verdict: fail ? 'FAIL' : 'PASS', exitStatus: fail ? 3 : 1, reason: null, subtests: [{ status: fail ? 'FAIL' : 'PASS', name: `${slot.test}: x` }], summary: null, durationMs: 10 },
        level: envs.find((e) => e.id === slot.envId)?.level ?? '',
        startedAt: now,
        finishedAt: now,
        log: '',
        command: '',
        facts: {},
      })
    }
    store.setRunState(run.runId, 'done')
    runIds.push(run.runId)
  }
  store.close()
  service = createLabService({ dbPath: join(dir, 'lab.sqlite'), defaultEnvironments: false })
})
afterAll(async () => {
  await service?.close()
  rmSync(dir, { recursive: true, force: true })
  runIds = []
})

const key = (c: MatrixCell): string => `${c.test}@${c.env}`
const sorted = (cells: MatrixCell[]): MatrixCell[] => [...cells].sort((x, y) => key(x).localeCompare(key(y)))

describe('matrix in row windows', () => {
  for (const [label, q] of [
    ['latest results of a catalog', (): MatrixQuery => ({ catalogId })],
    ['one run', (): MatrixQuery => ({ catalogId, runId: runIds[0]! })],
    ['latest results without a catalog', (): MatrixQuery => ({})],
  ] as const) {
    it(`${label}: each window has all rows and only its cells; together they are the whole matrix`, async () => {
      const whole = await service.results.matrix(q())
      const windows = await Promise.all([0, 10, 20].map((offset) => service.results.matrix({ ...q(), rows: { offset, limit: 10 } })))
      expect(windows.map((w) => w.tests)).toEqual([whole.tests, whole.tests, whole.tests])
      expect(windows.map((w) => [...new Set(w.cells.map((c) => c.test))].sort())).toEqual([TESTS.slice(0, 10), TESTS.slice(10, 20), TESTS.slice(20)])
      expect(sorted(windows.flatMap((w) => w.cells))).toEqual(sorted(whole.cells))
      expect(whole.cells.length).toBe(TESTS.length * 3)
      expect(whole.cells.some((c) => c.differsFromMajority)).toBe(true)
    })
  }

  for (const [label, q] of [
    ['latest results of a catalog', (): MatrixQuery => ({ catalogId })],
    ['one run', (): MatrixQuery => ({ catalogId, runId: runIds[0]! })],
    ['latest results without a catalog', (): MatrixQuery => ({})],
  ] as const) {
    it(`${label}: column windows count in level-then-name order and hold only their columns' cells, marks as in the whole`, async () => {
      const whole = await service.results.matrix(q())
      const rows = { offset: 5, limit: 10 }
      const parts = await Promise.all(
        [
          { offset: 0, limit: 1 },
          { offset: 1, limit: 5 },
        ].map((columns) => service.results.matrix({ ...q(), rows, columns })),
      )
      expect(parts.map((p) => p.columns)).toEqual([
        ['c', 'a', 'b'],
        ['c', 'a', 'b'],
      ])
      expect(whole.columns).toEqual(['c', 'a', 'b'])
      expect(parts.map((p) => [...new Set(p.cells.map((c) => c.env))].sort())).toEqual([['c'], ['a', 'b']])
      const inRows = whole.cells.filter((c) => TESTS.indexOf(c.test) >= 5 && TESTS.indexOf(c.test) < 15)
      expect(sorted(parts.flatMap((p) => p.cells))).toEqual(sorted(inRows))
      expect(inRows.filter((c) => c.env === 'c').some((c) => c.differsFromMajority)).toBe(true)
      // Past the last column: the lists and no cells.
      const past = await service.results.matrix({ ...q(), rows, columns: { offset: 3, limit: 10 } })
      expect({ columns: past.columns, tests: past.tests.length, cells: past.cells.length }).toEqual({ columns: ['c', 'a', 'b'], tests: TESTS.length, cells: 0 })
    })
  }

  it('refuses a malformed column window, naming the field', async () => {
    const bad = (columns: unknown): Promise<unknown> => service.results.matrix({ catalogId, columns } as unknown as MatrixQuery)
    await expect(bad({ offset: -1, limit: 10 })).rejects.toThrow(/query\.columns\.offset/)
    await expect(bad({ offset: 0, limit: 0 })).rejects.toThrow(/query\.columns\.limit/)
    await expect(bad({ offset: 0 })).rejects.toThrow(/query\.columns\.limit/)
    await expect(bad({ offset: 1.5, limit: 3 })).rejects.toThrow(/query\.columns\.offset/)
    await expect(bad('0-10')).rejects.toThrow(/query\.columns/)
    await expect(bad({ offset: 0, limit: 3, envs: ['a'] })).rejects.toThrow(/query\.columns.*envs/)
  })

  it('answers an empty window past the last row with the row list and no cells', async () => {
    const w = await service.results.matrix({ catalogId, rows: { offset: 100, limit: 10 } })
    expect({ tests: w.tests.length, cells: w.cells.length }).toEqual({ tests: TESTS.length, cells: 0 })
  })

  it('refuses a malformed window, naming the field', async () => {
    await expect(service.results.matrix({ catalogId, rows: { offset: -1, limit: 10 } })).rejects.toThrow(/query\.rows\.offset/)
    await expect(service.results.matrix({ catalogId, rows: { offset: 0, limit: 0 } })).rejects.toThrow(/query\.rows\.limit/)
    await expect(service.results.matrix({ catalogId, rows: { offset: 0 } } as unknown as MatrixQuery)).rejects.toThrow(/query\.rows\.limit/)
  })
})
