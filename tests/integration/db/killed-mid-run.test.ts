// A process recording results is SIGKILLed mid-run: the database must be intact, every committed result complete,
// the run marked interrupted and the never-finished slots listed.
import Database from 'better-sqlite3'
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { openStore } from '@main/db/open-store'
import { tempDir } from './helpers'
import { loopRecord } from './loop-fixture'

const root = fileURLToPath(new URL('../../..', import.meta.url))
const child = fileURLToPath(new URL('./record-loop.ts', import.meta.url))
const SLOTS = 5000
const KILL_AFTER = 150

let cleanup = (): void => {}
afterEach(() => cleanup())

/** Starts the recording child and SIGKILLs it once it has reported KILL_AFTER results; resolves with what it reported. */
function recordThenKill(db: string): Promise<{ runId: number; reported: number; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', child, db, String(SLOTS)], {
      cwd: root,
      env: { ...process.env, TSX_TSCONFIG_PATH: `${root}/tsconfig.base.json` },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    let stderr = ''
    let runId = -1
    let reported = 0
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    proc.stdout.on('data', (d: Buffer) => {
      out += d.toString()
      const lines = out.split('\n')
      out = lines.pop() ?? ''
      for (const line of lines) {
        const m = /^(run|recorded) (\d+)$/.exec(line)
        if (m?.[1] === 'run') runId = Number(m[2])
        if (m?.[1] === 'recorded') reported = Number(m[2]) + 1
      }
      if (reported >= KILL_AFTER && proc.exitCode === null && !proc.killed) proc.kill('SIGKILL')
    })
    proc.on('error', reject)
    proc.on('close', (_code, signal) => resolve({ runId, reported, signal, stderr }))
  })
}

describe('killed mid-run', () => {
  it('keeps every committed result intact and shows the run as interrupted with its unfinished slots', async () => {
    const t = tempDir()
    cleanup = t.cleanup
    const { runId, reported, signal, stderr } = await recordThenKill(t.db)
    expect({ signal, stderr }).toEqual({ signal: 'SIGKILL', stderr: '' })
    expect(reported).toBeGreaterThanOrEqual(KILL_AFTER)

    const raw = new Database(t.db)
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(raw.pragma('foreign_key_check')).toEqual([])
    raw.close()

    const store = openStore(t.db)
    try {
      expect(store.recoveredRuns).toEqual([runId])
      const run = store.getRun(runId)
      // Results reach the file as they are committed: at most the one in flight is missing from what was reported.
      const n = run.results.length
      expect(n).toBeGreaterThanOrEqual(reported)
      expect(n).toBeLessThan(SLOTS)
      expect({ state: run.state, total: run.total, done: run.done, unfinished: run.unfinished.length }).toEqual({
        state: 'interrupted',
        total: SLOTS,
        done: n,
        unfinished: SLOTS - n,
      })
      expect(run.unfinished[0]).toEqual({ test: `t${n % 10}`, env: 'tcg', repetition: Math.floor(n / 10) + 1 })
      run.results.forEach((r, i) => {
        const want = loopRecord(i)
        const got = { test: r.test, repetition: r.repetition, verdict: r.verdict, subtests: r.subtests, durationMs: r.durationMs }
        expect(got).toEqual({
          test: `t${i % 10}`,
          repetition: Math.floor(i / 10) + 1,
          verdict: want.outcome.verdict,
          subtests: want.outcome.subtests,
          durationMs: want.outcome.durationMs,
        })
        const log = store.log(r.id)
        expect({ text: log.text, command: log.command, facts: log.facts }).toEqual({
          text: want.log,
          command: want.command,
          facts: want.facts,
        })
      })
    } finally {
      store.close()
    }
  })
})
