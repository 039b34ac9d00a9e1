// A failing result on builtin keeps a snapshot taken shortly before the failure, next to the database
// (<db name>-snapshots/run-<id>/), named in the result's facts and log with the command that replays it; the
// snapshot restores and runs to the same end. Passing results keep none; a timeout keeps the machine as it hung.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { Environment } from '@core/domain/environment'
import { restoreMachine } from '@core/emulator/snapshot/machine-state'
import { createBuiltinTarget } from '@main/targets/builtin'
import { detachedHost } from '@main/targets/target'
import { ROOT } from '../runner/fixture'
import { runRequest } from '../targets/kernels'

const env: Environment = { id: 1, name: 'builtin', kind: 'builtin', level: '', config: {}, facts: {}, concurrency: 1, createdAt: new Date(0).toISOString() }
const dir = mkdtempSync(join(tmpdir(), 'labcon-failsnap-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Runs a restored machine to its end; returns its console and exit status. */
function replay(path: string): { console: string; exit: number | null; ended: string | null; from: number } {
  const m = restoreMachine(readFileSync(path), path, { jit: 'off' })
  const from = m.instructions
  let out = ''
  m.onConsole = (s) => void (out += s)
  while (m.ended === null && m.instructions < from + 50_000_000) m.run(1_000_000)
  return { console: out, exit: m.exitStatus, ended: m.ended, from }
}

describe('failure snapshots on builtin', () => {
  it('a FAIL keeps one; it replays to the same end', async () => {
    const path = join(dir, 'fail', 'fail.builtin.1.1.snap')
    const o = await createBuiltinTarget(env, detachedHost()).run(runRequest('fail', { keepSnapshotAt: path }))
    expect({ exit: o.exitStatus, kept: o.facts['emu.snapshot'] }).toEqual({ exit: 3, kept: path })
    expect(o.log).toContain(`labcon: snapshot of the machine at ${o.facts['emu.snapshot.instructions']} instructions, before the failure: ${path}\nlabcon: replay it with: labcon emu --restore ${path} --trace trace.log\n`)
    const r = replay(path)
    expect({ exit: r.exit, ended: r.ended, from: String(r.from) }).toEqual({ exit: 3, ended: 'stopped', from: o.facts['emu.snapshot.instructions'] })
    expect(o.log).toContain(r.console)
  })

  it('a PASS keeps none', async () => {
    const path = join(dir, 'pass.snap')
    const o = await createBuiltinTarget(env, detachedHost()).run(runRequest('selftest', { keepSnapshotAt: path }))
    expect({ exit: o.exitStatus, kept: o.facts['emu.snapshot'], file: existsSync(path) }).toEqual({ exit: 1, kept: undefined, file: false })
  })

  it('a timeout keeps the machine as it hung', async () => {
    const path = join(dir, 'loop.snap')
    const o = await createBuiltinTarget(env, detachedHost()).run(runRequest('loop', { keepSnapshotAt: path, timeoutMs: 2000 }))
    expect({ timedOut: o.timedOut, kept: o.facts['emu.snapshot'] }).toEqual({ timedOut: true, kept: path })
    expect(Number(o.facts['emu.snapshot.instructions'])).toBeGreaterThan(1_000_000)
    const m = restoreMachine(readFileSync(path), path)
    expect(m.run(1_000_000)).toEqual({ executed: 1_000_000, idleMs: 0, ended: null })
  })

  it('labcon run keeps them in <db name>-snapshots/run-<id>/', () => {
    const db = join(dir, 'lab.sqlite')
    const r = spawnSync(process.execPath, [join(ROOT, 'src-main', 'cli', 'labcon.mjs'), 'run', '--catalog', join(ROOT, 'resources', 'kernels'), '--env', 'builtin', '-g', 'fail', '--db', db], { cwd: ROOT, env: { ...process.env, TIMEOUT: '' }, encoding: 'utf8' })
    expect(r.status, r.stderr).toBe(1)
    // fail (FAIL) and fail-abort (ABORT, status 127) keep one; fail-skip (SKIP) does not.
    expect(readdirSync(join(dir, 'lab-snapshots', 'run-1')).sort()).toEqual(['fail-abort.builtin.1.1.snap', 'fail.builtin.1.1.snap'])
  })
})
