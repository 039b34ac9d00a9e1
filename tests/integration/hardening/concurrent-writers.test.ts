// Issue 9 item 2: N processes writing to one SQLite file lose no result. Four writer processes each import the same
// catalog, create a run and record 600 results as fast as they can; every process must finish, every reported result
// must be stored, and the database must pass integrity_check. Then the same through three real `labcon run`s.
import Database from 'better-sqlite3'
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { KERNELS, ROOT, tempDbDir } from '../runner/fixture'
import { labcon } from './labcon'

const WRITERS = 4
const SLOTS = 600
const child = fileURLToPath(new URL('./store-writer.ts', import.meta.url))
const t = tempDbDir()
afterAll(() => t.cleanup())

function writer(i: number): Promise<{ code: number | null; reported: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', child, t.db, String(SLOTS), String(i)], {
      cwd: ROOT,
      env: { ...process.env, TSX_TSCONFIG_PATH: `${ROOT}/tsconfig.base.json` },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let reported = 0
    let stderr = ''
    p.stdout.on('data', (d: Buffer) => (reported += (d.toString().match(/^recorded /gm) ?? []).length))
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    p.on('error', reject)
    p.on('close', (code) => resolve({ code, reported, stderr }))
  })
}

describe('concurrent writers on one database', () => {
  it(`${WRITERS} processes x ${SLOTS} results: all stored, all runs done, integrity ok`, async () => {
    const ran = await Promise.all(Array.from({ length: WRITERS }, (_, i) => writer(i)))
    expect(ran.map((r) => ({ code: r.code, stderr: /\w*Error: .*$/m.exec(r.stderr)?.[0] ?? '' }))).toEqual(Array.from({ length: WRITERS }, () => ({ code: 0, stderr: '' })))
    const db = new Database(t.db, { readonly: true })
    const stored = db.prepare('SELECT count(*) FROM result').pluck().get()
    const runs = db.prepare("SELECT state, count(*) AS n FROM run GROUP BY state").all()
    const integrity = db.pragma('integrity_check', { simple: true })
    db.close()
    expect({ reported: ran.reduce((n, r) => n + r.reported, 0), stored, runs, integrity }).toEqual({
      reported: WRITERS * SLOTS,
      stored: WRITERS * SLOTS,
      runs: [{ state: 'done', n: WRITERS }],
      integrity: 'ok',
    })
  })
})

describe('concurrent labcon run processes on one database', () => {
  it('three `labcon run` on a fresh file: each exits 0 and every result is stored', async () => {
    const d = tempDbDir()
    try {
      const runs = await Promise.all([0, 1, 2].map(() => labcon(['run', '--catalog', KERNELS, '--env', 'builtin', '--test', 'arith', '--repeat', '4', '--json', '--db', d.db])))
      const db = new Database(d.db, { readonly: true })
      const perRun = db.prepare("SELECT r.state, count(x.id) AS n FROM run r LEFT JOIN result x ON x.run_id = r.id GROUP BY r.id ORDER BY r.id").all()
      db.close()
      expect({ codes: runs.map((r) => r.code), errors: runs.map((r) => /\w*Error: .*$/m.exec(r.stderr)?.[0] ?? ''), perRun }).toEqual({
        codes: [0, 0, 0],
        errors: ['', '', ''],
        perRun: [0, 1, 2].map(() => ({ state: 'done', n: 4 })),
      })
    } finally {
      d.cleanup()
    }
  })
})
