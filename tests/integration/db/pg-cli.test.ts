// Issue 13 through the real `labcon` CLI on a real PostgreSQL server: four `labcon run` processes writing one database
// at once store every result; `labcon db copy` moves the lab into SQLite with equal counts; `labcon db check` reports
// a clean database; no message ever shows the password.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { labcon } from '../hardening/labcon'
import { KERNELS } from '../runner/fixture'
import { openAt } from './engines'
import { tempDir } from './helpers'
import { PG_SKIP_REASON, startPgCluster, type PgCluster } from './pg-cluster'

if (PG_SKIP_REASON) console.warn(`[pg cli] skipped: ${PG_SKIP_REASON}`)

describe.skipIf(PG_SKIP_REASON !== null)('labcon on PostgreSQL', () => {
  let cluster: PgCluster
  const t = tempDir()
  beforeAll(async () => {
    cluster = await startPgCluster()
  })
  afterAll(() => {
    cluster?.stop()
    t.cleanup()
  })

  it('four `labcon run` processes on one database store every result; db copy and db check agree', async () => {
    const url = await cluster.createDb()
    const env = { PGPASSWORD: cluster.password }
    const runs = await Promise.all(
      [0, 1, 2, 3].map(() => labcon(['run', '--catalog', KERNELS, '--env', 'builtin', '--test', 'arith', '--repeat', '3', '--json', '--db', url], env)),
    )
    expect({ codes: runs.map((r) => r.code), errors: runs.map((r) => /\w*Error: .*$/m.exec(r.stderr)?.[0] ?? '') }).toEqual({ codes: [0, 0, 0, 0], errors: ['', '', '', ''] })
    const ids = runs.map((r) => (JSON.parse(r.stdout) as { runId: number }).runId).sort((a, b) => a - b)
    const store = await openAt(url, env)
    const summaries = await Promise.all(ids.map((id) => store.getRunSummary(id)))
    const kept = await store.listEnvironments()
    await store.close()
    expect(summaries.map((s) => ({ state: s.state, total: s.total, done: s.done, verdicts: s.verdicts }))).toEqual(
      ids.map(() => ({ state: 'done', total: 3, done: 3, verdicts: { PASS: 3 } })),
    )
    // The default environments were created once, whichever process came first.
    expect(kept.filter((e) => e.name === 'builtin')).toHaveLength(1)

    const copy = await labcon(['db', 'copy', url, t.db, '--json'], env)
    expect({ code: copy.code, stderr: copy.stderr }).toEqual({ code: 0, stderr: '' })
    const report = JSON.parse(copy.stdout) as { from: string; tables: { table: string; from: number; to: number }[] }
    expect(report.tables.find((x) => x.table === 'result')).toEqual({ table: 'result', from: 12, to: 12 })
    expect(report.tables.every((x) => x.from === x.to)).toBe(true)

    const checks = await Promise.all([labcon(['db', 'check', '--db', url, '--json'], env), labcon(['db', 'check', '--db', t.db, '--json'])])
    expect(checks.map((c) => ({ code: c.code, ...(JSON.parse(c.stdout) as { ok: boolean; problems: string[] }) })).map((c) => [c.code, c.ok, c.problems])).toEqual([
      [0, true, []],
      [0, true, []],
    ])
    const again = await labcon(['db', 'copy', url, t.db], env)
    expect({ code: again.code, stderr: again.stderr.trim() }).toEqual({
      code: 3,
      stderr: `labcon db: DbCopyError: db copy: target ${t.db} is not empty (table environment has ${kept.length} rows); copy into a new database`,
    })
  })

  it('a wrong password is reported with the URL redacted, exit 3', async () => {
    const url = (await cluster.createDb()).replace('labcon@', 'labcon:not-the-password@')
    const r = await labcon(['runs', '--db', url])
    expect(r.code).toBe(3)
    expect(r.stderr).toMatch(/^labcon runs: StoreOpenError: postgresql:\/\/labcon:\*\*\*@127\.0\.0\.1:\d+\/\w+: cannot connect: password authentication failed for user "labcon"\n$/)
    expect(r.stderr).not.toContain('not-the-password')
  })
})
