// The migration protocol on builtin: the machine is snapshotted in the worker that runs it and restored in another
// worker thread when the guest asks. Our migration kernel always (CI too); the upstream migration group through
// `labcon run` when the local kvm-unit-tests build exists (LABCON_KUT_DIR), including the two `accel = kvm` tests
// builtin declares it meets (env config accelTests).
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import type { Environment } from '@core/domain/environment'
import { createBuiltinTarget } from '@main/targets/builtin'
import { detachedHost } from '@main/targets/target'
import { runBuiltinMigration } from '@main/targets/builtin-migration'
import { EmulatorPool } from '@main/runner/emulator-pool'
import { ROOT } from '../runner/fixture'
import { HAVE_UPSTREAM, UPSTREAM_DIR } from '../emulator/upstream-run'
import { essentials } from './kernels'
import { migrationRequest } from './migration-kernel'

const env: Environment = { id: 1, name: 'builtin', kind: 'builtin', level: '', config: {}, facts: {}, concurrency: 1, createdAt: new Date(0).toISOString() }

describe('builtin migration (snapshot in one worker, restore in another)', () => {
  const pool = new EmulatorPool(1)
  afterAll(() => pool.close())

  it('migrates twice when the guest asks; the console is one log and the state survives', async () => {
    const req = migrationRequest('migrate')
    const o = await createBuiltinTarget(env, detachedHost()).run(req)
    expect({ ...essentials(o), migrations: o.facts['migrations'] }).toEqual({ exitStatus: 1, timedOut: false, cancelled: false, infraError: null, migrations: '2' })
    const lines = o.log.split('\n').filter((l) => /^(PASS|FAIL|SUMMARY|Now migrate|INFO)/.test(l))
    expect(lines).toEqual([
      'Now migrate the VM, then press a key to continue...',
      'PASS: migrate: state after migration 1',
      'INFO: migrate: migration 1: console key 0x0a, pattern intact, storage key 0x36, cr0 0x0000000000040000, tod forward',
      'Now migrate the VM, then press a key to continue...',
      'PASS: migrate: state after migration 2',
      'INFO: migrate: migration 2: console key 0x0a, pattern intact, storage key 0x36, cr0 0x0000000000040000, tod forward',
      'SUMMARY: 2 tests',
    ])
    expect(req.output.join('')).toBe(o.log)
  })

  it('runs each destination on another worker thread than its source', async () => {
    const req = migrationRequest('migrate')
    const r = await runBuiltinMigration(pool, { image: readFileSync(req.kernelPath), name: req.kernelPath, opts: { args: req.args }, timeoutMs: 60_000 })
    expect({ exit: r.last.exitStatus, migrations: r.migrations, instances: r.workers.length }).toEqual({ exit: 1, migrations: 2, instances: 3 })
    expect(r.workers[1]).not.toBe(r.workers[0])
    expect(r.workers[2]).not.toBe(r.workers[1])
  })

  it('resumes without migrating when the guest skips', async () => {
    const o = await createBuiltinTarget(env, detachedHost()).run(migrationRequest('migrate-skip'))
    expect({ ...essentials(o), migrations: o.facts['migrations'] }).toEqual({ exitStatus: 1, timedOut: false, cancelled: false, infraError: null, migrations: '0' })
    expect(o.log).toContain('PASS: migrate: migration skipped, machine resumed')
  })

  it('fails a migration-group test that ends without reaching a migration point, as upstream (status 3)', async () => {
    const o = await createBuiltinTarget(env, detachedHost()).run(migrationRequest('migrate-plain'))
    expect(essentials(o)).toEqual({ exitStatus: 3, timedOut: false, cancelled: false, infraError: null })
    expect(o.log).toContain('EXIT: STATUS=1\nERROR: Test exit before migration point.')
  })

  it('a timeout covers the whole run across instances', async () => {
    const o = await createBuiltinTarget(env, detachedHost()).run(migrationRequest('migrate', { timeoutMs: 1 }))
    expect(essentials(o)).toEqual({ exitStatus: null, timedOut: true, cancelled: false, infraError: null })
  })
})

describe.skipIf(!HAVE_UPSTREAM)(`upstream migration group through labcon run on builtin (needs ${UPSTREAM_DIR})`, () => {
  it('selftest-migration-skip, migration, migration-sck, migration-skey-* PASS; selftest-migration and migration-memory run and PASS; migration-cmm SKIPs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'labcon-mig-builtin-'))
    try {
      const r = spawnSync(process.execPath, [join(ROOT, 'src-main', 'cli', 'labcon.mjs'), 'run', '--catalog', UPSTREAM_DIR, '--env', 'builtin', '-g', 'migration', '--json', '--db', join(dir, 'lab.sqlite')], {
        cwd: ROOT,
        env: { ...process.env, TIMEOUT: '' },
        encoding: 'utf8',
        timeout: 600_000,
      })
      const out = JSON.parse(r.stdout) as { results: Array<{ test: string; verdict: string }> }
      const db = new Database(join(dir, 'lab.sqlite'), { readonly: true })
      const facts = new Map((db.prepare('SELECT test, facts FROM result').all() as Array<{ test: string; facts: string }>).map((x) => [x.test, JSON.parse(x.facts) as Record<string, string>]))
      db.close()
      const got = Object.fromEntries(out.results.map((x) => [x.test, { verdict: x.verdict, migrated: Number(facts.get(x.test)?.['migrations'] ?? 0) > 0 }]))
      expect(got, r.stderr).toEqual({
        'selftest-migration': { verdict: 'PASS', migrated: true },
        'selftest-migration-skip': { verdict: 'PASS', migrated: false },
        'migration-memory': { verdict: 'PASS', migrated: true },
        migration: { verdict: 'PASS', migrated: true },
        'migration-cmm': { verdict: 'SKIP', migrated: false },
        'migration-sck': { verdict: 'PASS', migrated: true },
        'migration-skey-sequential': { verdict: 'PASS', migrated: true },
        'migration-skey-parallel': { verdict: 'PASS', migrated: true },
      })
      expect(r.status).toBe(0)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 600_000)
})
