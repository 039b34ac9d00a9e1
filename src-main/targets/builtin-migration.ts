// The kvm-unit-tests migration protocol on the built-in emulator (the QEMU side is qemu-migration.ts): the guest
// asks on its console ("Now migrate the VM…", lib/migrate.c); its machine is snapshotted in the worker that runs it
// and restored in another worker thread, where a key on the console lets the guest go on. "Skipped VM migration"
// only presses the key; "Begin/End continuous migration" migrate back to back until the guest says stop. The console
// of every instance is one log.
import type { EmulatorPool, EmuControl, EmuJob, EmuResult } from '@main/runner/emulator-pool'
import { MIGRATION_MARKERS } from './qemu-migration'

/** What a migration run on builtin observed. */
export interface BuiltinMigrationResult {
  /** The job the guest finished on; its `log` is the whole console and `durationMs` the whole run, across instances. */
  last: EmuResult
  migrations: number
  /** Worker thread of each instance, in order (every destination runs on another thread than its source). */
  workers: number[]
  /** The guest ended before it ever asked to migrate or skip (upstream: "Test exit before migration point"). */
  exitedBeforeMigrationPoint: boolean
}

/**
 * Run time a destination gets in a continuous-migration window before it migrates again: at least this many ms, and
 * at least as long as the last migration took, so the guest runs at least half of the window's wall time.
 */
const CONTINUOUS_GAP_MS = 250

/** Runs `job` to its end under the migration protocol; `job.timeoutMs` bounds the whole run, across instances. */
export async function runBuiltinMigration(pool: EmulatorPool, job: EmuJob): Promise<BuiltinMigrationResult> {
  const t0 = performance.now()
  const deadline = t0 + job.timeoutMs
  let log = ''
  /** Start of the console line not looked at yet. */
  let lineStart = 0
  let migrations = 0
  let asked = false
  let continuous = false
  let snapshot: Uint8Array | undefined
  let input: string | undefined
  let lastWorker: number | undefined
  const workers: number[] = []
  /** Wall time of the last migration: from the request to the start of the destination job. */
  let lastMigrationMs = 0
  let requestedAt = 0
  for (;;) {
    /** A key the destination must get once it runs (the guest asked for it during or before the migration). */
    let keyAfter = false
    let control: EmuControl | null = null
    let migrating = false
    let gap: ReturnType<typeof setTimeout> | null = null
    const migrate = (): void => {
      if (migrating || control === null) return
      migrating = true
      requestedAt = performance.now()
      control.migrate()
    }
    const scheduleContinuous = (): void => {
      if (continuous && gap === null) gap = setTimeout(migrate, Math.max(CONTINUOUS_GAP_MS, lastMigrationMs))
    }
    const onOutput = (text: string): void => {
      log += text
      job.onOutput?.(text)
      // Complete lines only: a marker's line ends before the guest waits for its key.
      for (let nl = log.indexOf('\n', lineStart); nl >= 0; nl = log.indexOf('\n', lineStart)) {
        const line = log.slice(lineStart, nl)
        lineStart = nl + 1
        if (line.startsWith(MIGRATION_MARKERS.migrate)) {
          asked = true
          keyAfter = true
          migrate()
        } else if (line.startsWith(MIGRATION_MARKERS.skipped)) {
          asked = true
          control?.type('\n')
        } else if (line.startsWith(MIGRATION_MARKERS.beginContinuous)) {
          asked = true
          continuous = true
          control?.type('\n')
          scheduleContinuous()
        } else if (line.trim() === MIGRATION_MARKERS.endContinuous) {
          // The guest prints this line twice (plain and "(quiet)") and waits for one key.
          continuous = false
          if (gap !== null) clearTimeout(gap)
          // While a migration is under way the key goes to the destination: typed here it could reach both.
          if (migrating) keyAfter = true
          else control?.type('\n')
        }
      }
    }
    const remaining = Math.max(1, deadline - performance.now())
    const r = await pool.run({
      ...job,
      timeoutMs: remaining,
      snapshot,
      input,
      avoidWorker: lastWorker,
      onOutput,
      onControl: (c) => {
        control = c
        if (requestedAt > 0) lastMigrationMs = performance.now() - requestedAt
        // A destination in a continuous window migrates again after a short run.
        scheduleContinuous()
      },
    })
    if (gap !== null) clearTimeout(gap)
    workers.push(r.workerId)
    if (r.ended !== 'migrated' || r.migrated === undefined) {
      return { last: { ...r, log, durationMs: performance.now() - t0 }, migrations, workers, exitedBeforeMigrationPoint: !asked && !r.timedOut && !r.cancelled && r.infraError === null }
    }
    migrations++
    snapshot = r.migrated
    lastWorker = r.workerId
    // The key that lets the guest go on is pressed on the destination (in a continuous window it already was).
    input = keyAfter ? '\n' : undefined
  }
}
