// `npm run soak [-- --kills N] [--seed S] [--keep]`: kill -9 at random moments of real `labcon run`s. Each round starts
// two writers on one database (builtin and tcg, in opposite orders), waits a random time, SIGKILLs one or both, and
// lets a survivor finish. Afterwards every result a writer reported must be stored, the database must pass
// integrity_check and foreign_key_check, every killed run must be recovered as interrupted with its unfinished slots
// listed, and no qemu may be left behind. Prints those figures; exits 1 when one of them is wrong.
import Database from 'better-sqlite3'
import { spawn, type ChildProcess } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { openStore } from '@main/db/open-store'
import { Rng } from '../fuzz/prop'
import { processesMentioning } from '../integration/runner/fixture'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const LABCON = join(ROOT, 'src-main', 'cli', 'labcon.mjs')
const KERNELS = join(ROOT, 'resources', 'kernels')

const { values } = parseArgs({ options: { kills: { type: 'string' }, seed: { type: 'string' }, keep: { type: 'boolean' } } })
const KILLS = Number(values.kills ?? 100)
const SEED = values.seed !== undefined ? Number(values.seed) : Math.floor(Math.random() * 2 ** 32)
if (!Number.isSafeInteger(KILLS) || KILLS < 1) throw new Error(`--kills expects a positive whole number, got '${values.kills}'`)
const rng = new Rng(SEED)

const dir = mkdtempSync(join(tmpdir(), 'labcon-soak-'))
const db = join(dir, 'lab.sqlite')
const kernels = join(dir, 'kernels')
mkdirSync(kernels)
for (const f of readdirSync(KERNELS)) if (f.endsWith('.elf') || f.endsWith('.bin')) copyFileSync(join(KERNELS, f), join(kernels, f))
// Quick tests, so a kill lands at every phase: between results, inside a commit, while qemu and workers start.
writeFileSync(join(kernels, 'unittests.cfg'), '[selftest]\nfile = selftest.elf\nqemu_params = -m 256\ntest_args = test 123 mem=256\n[arith]\nfile = arith.elf\n[fail]\nfile = fail.elf\n')

interface Writer {
  proc: ChildProcess
  runId: number | null
  /** Resolves when the writer has created its run (or exited). */
  started: Promise<void>
  reported: Set<string>
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  killed: boolean
}

function startWriter(envs: string): Writer {
  const proc = spawn(process.execPath, [LABCON, 'run', '--catalog', kernels, '--env', envs, '--repeat', '2', '-j', '2', '--db', db], {
    cwd: ROOT,
    env: { ...process.env, TIMEOUT: '60' },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let markStarted = (): void => {}
  const started = new Promise<void>((r) => (markStarted = r))
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => proc.on('close', (code, signal) => r({ code, signal })))
  void exit.then(() => markStarted())
  const w: Writer = { proc, runId: null, started, reported: new Set(), exit, killed: false }
  let buf = ''
  proc.stderr?.on('data', (d: Buffer) => {
    buf += d.toString()
    const lines = buf.split('\n')
    buf = lines.pop() ?? ''
    for (const line of lines) {
      const run = /^labcon run: run (\d+):/.exec(line)
      if (run) {
        w.runId = Number(run[1])
        markStarted()
      }
      const res = /^\[\d+\/\d+\] \S+\s+(\S+?)(?:#(\d+))? \[(\S+)\]/.exec(line)
      if (res) w.reported.add(`${res[1]}#${res[2] ?? '1'}@${res[3]}`)
    }
  })
  return w
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))
const t0 = Date.now()
let kills = 0
let rounds = 0
const writers: Writer[] = []
process.stdout.write(`soak: seed ${SEED}, ${KILLS} kills, database ${db}\n`)
// One import first, so the writers race on runs and results rather than on creating the catalog.
await new Promise<void>((resolve, reject) => {
  const p = spawn(process.execPath, [LABCON, 'import', kernels, '--db', db], { cwd: ROOT, stdio: 'ignore' })
  p.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`labcon import exited ${code}`))))
})
while (kills < KILLS) {
  rounds++
  const pair = [startWriter('builtin,tcg'), startWriter('tcg,builtin')]
  writers.push(...pair)
  // Each writer dies at its own random moment, counted from when its run exists so a loaded machine does not turn
  // every kill into a kill at startup (one in ten still lands during startup); now and then one is spared and
  // finishes, so recovery is also checked next to a run that completed on the same file.
  await Promise.all(
    pair.map(async (w) => {
      const spare = rng.chance(0.15)
      const early = rng.chance(0.1)
      const at = early ? rng.int(200, 3000) : rng.int(0, 12_000)
      if (!early) await w.started
      const ended = await Promise.race([w.exit.then(() => true), sleep(spare ? 300_000 : at).then(() => false)])
      if (!ended && kills < KILLS) {
        w.proc.kill('SIGKILL')
        w.killed = true
        kills++
      } else if (!ended) w.proc.kill('SIGKILL')
      await w.exit
    }),
  )
  if (rounds % 10 === 0) process.stdout.write(`  round ${rounds}: ${kills} kills so far\n`)
}
await sleep(500)
const orphans = processesMentioning(kernels).length

// Opening the store is what recovers runs whose process died.
openStore(db).close()
const raw = new Database(db, { readonly: true })
const integrity = raw.pragma('integrity_check', { simple: true })
const fkProblems = (raw.pragma('foreign_key_check') as unknown[]).length
const storedOf = raw.prepare(`SELECT t.name || '#' || s.repetition || '@' || e.name FROM result r JOIN run_slot s ON s.id = r.slot_id
  JOIN catalog_test t ON t.id = s.test_id JOIN environment e ON e.id = s.env_id WHERE r.run_id = ?`).pluck()
const stateOf = raw.prepare('SELECT state FROM run WHERE id = ?').pluck()
const unfinishedOf = raw.prepare('SELECT count(*) FROM run_slot s LEFT JOIN result r ON r.slot_id = s.id WHERE s.run_id = ? AND r.id IS NULL').pluck()
let reported = 0
let stored = 0
let lost = 0
let killedRuns = 0
let recovered = 0
let unfinishedSlots = 0
let cleanExits = 0
for (const w of writers) {
  if (w.runId === null) continue // killed before it created its run
  const have = new Set(storedOf.all(w.runId) as string[])
  reported += w.reported.size
  stored += have.size
  for (const k of w.reported) if (!have.has(k)) lost++
  const state = stateOf.get(w.runId) as string
  if (w.killed) {
    killedRuns++
    const open = unfinishedOf.get(w.runId) as number
    unfinishedSlots += open
    // A run killed after its last result may be done already; any other must now be interrupted.
    if (state === 'interrupted' || (state === 'done' && open === 0)) recovered++
  } else if (state === 'done') cleanExits++
}
raw.close()
const secs = ((Date.now() - t0) / 1000).toFixed(0)
process.stdout.write(
  [
    `soak: ${kills} kills (SIGKILL) in ${rounds} rounds of two writers on builtin+tcg, ${secs} s`,
    `  results reported ${reported}, stored for those runs ${stored}, reported but lost ${lost}`,
    `  killed runs recovered ${recovered}/${killedRuns} (interrupted, ${unfinishedSlots} unfinished slots listed); survivors done ${cleanExits}`,
    `  integrity_check ${String(integrity)}, foreign key problems ${fkProblems}, orphan processes ${orphans}`,
  ].join('\n') + '\n',
)
if (!values.keep) rmSync(dir, { recursive: true, force: true })
process.exitCode = lost === 0 && integrity === 'ok' && fkProblems === 0 && recovered === killedRuns && orphans === 0 ? 0 : 1
