// The kvm-unit-tests migration protocol (scripts/arch-run.bash run_migration / do_migration), for any place QEMU
// runs: the guest asks on its console ("Now migrate the VM…", lib/migrate.c), a destination QEMU is started with
// `-incoming`, the source is told over QMP to `migrate` there, `query-migrate` is polled until completed or failed,
// the source quits and a key pressed on the destination's console lets the guest go on; repeated as often as the
// guest asks. "Skipped VM migration" (migrate_skip) resumes the source without migrating; "Begin/End continuous
// migration" migrate back to back until the guest says stop. Launching instances is left to the caller (local
// processes, or processes over SSH), so the protocol exists once.
import type { Duplex } from 'node:stream'
import type { CatalogTest } from '@core/domain/catalog'
import { QmpClient, QmpError } from './qmp'
import { makeOutcome, settleWithin, sleep, type ConsoleCapture, type RunWatch } from './run-capture'
import type { TargetRunOutcome } from './target'

/** Console markers printed by upstream lib/migrate.c. */
export const MIGRATION_MARKERS = {
  migrate: 'Now migrate the VM',
  skipped: 'Skipped VM migration',
  beginContinuous: 'Begin continuous migration',
  endContinuous: 'End continuous migration',
} as const

/** The catalog group whose tests run under this protocol (run_tests.sh: MIGRATION=yes). */
export const MIGRATION_GROUP = 'migration'

/** True for tests that must run with the migration harness. */
export const isMigrationTest = (test: Pick<CatalogTest, 'groups'>): boolean => test.groups.includes(MIGRATION_GROUP)

/** QEMU options adding a QMP monitor on a unix socket (as arch-run.bash: server=on,wait=off). */
export function monitorArgs(socketPath: string): string[] {
  return ['-chardev', `socket,id=mon,path=${socketPath},server=on,wait=off`, '-mon', 'chardev=mon,mode=control']
}

/** How one QEMU instance ended. */
export interface InstanceEnd {
  code: number | null
  signal: string | null
  /** QEMU's own messages (stderr). */
  stderr: string
  /** Set when the instance could not be started or its transport broke (not a guest failure). */
  error: string | null
}

/** One running QEMU: its console input, its monitor, its end. */
export interface QemuInstance {
  /** Writes to the guest's console (a key press: `\n`). */
  write(text: string): void
  /** Opens a fresh connection to this instance's QMP socket (rejects while the socket is not there yet). */
  connectQmp(): Promise<Duplex>
  /** Settles once the process is gone. */
  readonly ended: Promise<InstanceEnd>
  /** Stops the process (it is not waited for here; `ended` settles when it is gone). */
  kill(): void
}

/** Starts the QEMU instances of one migration test; instance n > 0 listens at `incomingUri(n)`. */
export interface MigrationLauncher {
  /** `n` counts instances from 0 (the first source); `incoming` is the URI to pass to `-incoming`, or null. */
  start(n: number, incoming: string | null, onOutput: (text: string) => void): QemuInstance
  incomingUri(n: number): string
  /** Where, for messages (`local`, `ssh user@host:22`). */
  readonly where: string
}

/** What a migration run observed; `error` is an infrastructure failure (QEMU's reason), never a guest verdict. */
export interface MigrationResult {
  /** The end of the instance the guest finished on. */
  last: InstanceEnd
  /** Stderr of every instance, in start order, for the log. */
  stderr: string
  migrations: number
  error: string | null
  /** The guest ended before it ever asked to migrate or skip (upstream: "Test exit before migration point", status 3). */
  exitedBeforeMigrationPoint: boolean
}

type Live = { n: number; vm: QemuInstance; out: string; seen: number; end: InstanceEnd | null; qmp: QmpClient | null; idle: boolean }

const POLL_MS = 50
const QMP_CONNECT_MS = 15_000
const MIGRATE_MS = 120_000

/** Runs a migration test to its end. `signal` (timeout or cancel) kills every instance. */
export async function runMigration(launcher: MigrationLauncher, opts: { signal: AbortSignal; onOutput: (text: string) => void }): Promise<MigrationResult> {
  const all: Live[] = []
  const start = (incoming: boolean): Live => {
    const n = all.length
    const live: Live = { n, vm: null as unknown as QemuInstance, out: '', seen: 0, end: null, qmp: null, idle: incoming }
    live.vm = launcher.start(n, incoming ? launcher.incomingUri(n) : null, (t) => {
      live.out += t
      opts.onOutput(t)
    })
    void live.vm.ended.then((e) => (live.end = e))
    all.push(live)
    return live
  }
  const killAll = (): void => all.forEach((l) => l.end === null && l.vm.kill())
  opts.signal.addEventListener('abort', killAll, { once: true })

  let src = start(false)
  // As upstream: the first destination starts with the source (a migration is expected), later ones on demand.
  let ready: Live | null = start(true)
  let migrations = 0
  let skipped = false
  let continuous = false
  let askedEver = false
  let error: string | null = null
  try {
    for (;;) {
      if (opts.signal.aborted) break
      if (src.end !== null) break
      const marker = nextMarker(src, skipped, continuous)
      if (marker === null) {
        await sleep(POLL_MS, opts.signal)
        continue
      }
      askedEver = true
      if (marker === 'skipped') {
        skipped = true
        ready?.vm.kill() // no migration today: the waiting destination goes, as upstream's `quit`
        ready = null
        src.vm.write('\n')
        continue
      }
      if (marker === 'beginContinuous') {
        continuous = true
        src.vm.write('\n')
      }
      // One migration: src → a fresh destination.
      const dst = ready ?? start(true)
      ready = null
      dst.idle = false
      try {
        await migrate(launcher, src, dst, opts.signal)
      } catch (e) {
        error = e instanceof Error ? e.message : String(e)
        break
      }
      migrations++
      await src.qmp?.execute('quit').catch(() => undefined)
      src.qmp?.close()
      src.qmp = null
      const old = src
      src = dst
      if (continuous && [old, src].some((l) => l.out.includes(MIGRATION_MARKERS.endContinuous, l.seen))) {
        continuous = false
        for (const l of [old, src]) l.seen = Math.max(l.seen, endOf(l.out, MIGRATION_MARKERS.endContinuous))
      }
      if (!continuous) src.vm.write('\n')
      await settleWithin(old.vm.ended, 10_000, opts.signal)
      if (old.end === null) old.vm.kill()
    }
  } finally {
    opts.signal.removeEventListener('abort', killAll)
    if (error !== null || opts.signal.aborted) killAll()
    for (const l of all) l.qmp?.close()
  }
  const last = await src.vm.ended
  // Leftovers (a destination started for a migration that failed) must not outlive the run.
  killAll()
  const ends = await Promise.all(all.map((l) => l.vm.ended))
  // A destination that never received the guest and that we stopped says only "terminating on signal 15": left out.
  const stderr = ends
    .filter((e, i) => !(all[i]?.idle && e.error === null && e.signal !== null))
    .map((e) => e.stderr.trim())
    .filter(Boolean)
    .join('\n')
  if (error === null && last.error !== null && !opts.signal.aborted) error = last.error
  return { last, stderr, migrations, error, exitedBeforeMigrationPoint: !askedEver && !opts.signal.aborted && error === null }
}

function endOf(text: string, marker: string): number {
  const i = text.lastIndexOf(marker)
  return i < 0 ? 0 : i + marker.length
}

/** The next request in a source's console not handled yet (and marks it handled). */
function nextMarker(src: Live, skipped: boolean, continuous: boolean): keyof typeof MIGRATION_MARKERS | null {
  if (continuous) return 'migrate'
  const tail = src.out.slice(src.seen)
  const found = (['migrate', 'beginContinuous', 'skipped'] as const)
    .filter((k) => !(k === 'skipped' && skipped))
    .map((k) => ({ k, at: tail.indexOf(MIGRATION_MARKERS[k]) }))
    .filter((f) => f.at >= 0)
    .sort((a, b) => a.at - b.at)[0]
  if (!found) return null
  // A marker line is complete once its newline arrived (the guest then waits in getchar).
  const nl = tail.indexOf('\n', found.at)
  if (nl < 0) return null
  src.seen += nl + 1
  return found.k
}

async function connectQmp(l: Live, where: string, signal: AbortSignal): Promise<QmpClient> {
  if (l.qmp) return l.qmp
  const deadline = Date.now() + QMP_CONNECT_MS
  let last = ''
  for (;;) {
    if (l.end !== null) throw new QmpError(`QEMU instance ${l.n} (${where}) ended before its monitor answered${why(l.end)}`)
    if (signal.aborted) throw new QmpError('cancelled')
    try {
      l.qmp = await QmpClient.open(await l.vm.connectQmp(), `QMP of instance ${l.n} (${where})`)
      return l.qmp
    } catch (e) {
      last = e instanceof Error ? e.message : String(e)
    }
    if (Date.now() > deadline) throw new QmpError(`QMP of instance ${l.n} (${where}): not reachable within ${QMP_CONNECT_MS} ms (${last})`)
    await sleep(POLL_MS, signal)
  }
}

function why(end: InstanceEnd): string {
  const msg = end.error ?? end.stderr.trim().split('\n').filter(Boolean).join('; ')
  const code = end.signal ? `signal ${end.signal}` : `code ${end.code}`
  return ` (${code}${msg ? `: ${msg}` : ''})`
}

/** Moves the guest from src to dst; throws with QEMU's reason when it cannot. */
async function migrate(launcher: MigrationLauncher, src: Live, dst: Live, signal: AbortSignal): Promise<void> {
  const where = launcher.where
  const dstQmp = await connectQmp(dst, where, signal)
  const status = (await dstQmp.execute('query-status')) as { status?: string }
  if (status.status !== 'inmigrate') throw new QmpError(`destination QEMU (${where}) is '${status.status}', not waiting for an incoming migration`)
  const srcQmp = await connectQmp(src, where, signal)
  await srcQmp.execute('migrate', { uri: launcher.incomingUri(dst.n) })
  const deadline = Date.now() + MIGRATE_MS
  for (;;) {
    if (signal.aborted) throw new QmpError('cancelled')
    const q = (await srcQmp.execute('query-migrate')) as { status?: string; 'error-desc'?: string }
    if (q.status === 'completed') return awaitRunning(dst, dstQmp, where, signal)
    if (q.status === 'failed' || q.status === 'cancelled')
      throw new QmpError(`migration ${src.n} → ${dst.n} ${q.status} (${where}): ${q['error-desc'] ?? 'QEMU gave no reason'}${dst.end ? why(dst.end) : ''}`)
    if (dst.end !== null) throw new QmpError(`destination QEMU (${where}) ended during the migration${why(dst.end)}`)
    if (Date.now() > deadline) throw new QmpError(`migration ${src.n} → ${dst.n} (${where}) not completed after ${MIGRATE_MS} ms (status ${q.status})`)
    await sleep(POLL_MS, signal)
  }
}

/** Runs the protocol under a run's timeout/cancel watch, feeding the console capture (one log across instances). */
export function runMigrationWith(launcher: MigrationLauncher, watch: RunWatch, cap: ConsoleCapture): Promise<MigrationResult> {
  return runMigration(launcher, { signal: watch.signal, onOutput: (t) => cap.push(t) }).finally(() => cap.finish())
}

/** The test outcome of a migration run: a failed migration or a broken instance is INFRA with QEMU's reason. */
export function migrationOutcome(startMs: number, r: MigrationResult, cap: ConsoleCapture, watch: RunWatch, command: string): TargetRunOutcome {
  let log = cap.log
  const nl = (): string => (log.endsWith('\n') || log === '' ? '' : '\n')
  if (r.exitedBeforeMigrationPoint) log += `${nl()}ERROR: Test exit before migration point.\n`
  if (r.stderr) log += `${nl()}${r.stderr}\n`
  const ourKill = watch.timedOut || watch.cancelled
  let infraError = ourKill ? null : r.error
  if (!ourKill && infraError === null && cap.exitStatus === null && r.last.signal === null && r.last.code !== 0)
    infraError = `qemu exited with code ${r.last.code}${r.stderr ? `: ${r.stderr.split('\n').join('; ')}` : ' without output'}`
  return makeOutcome(startMs, {
    log,
    // upstream run_migration returns 3 when the guest never reached a migration point, whatever it printed
    exitStatus: r.exitedBeforeMigrationPoint && cap.exitStatus !== null ? 3 : cap.exitStatus,
    signal: !ourKill && r.last.signal ? r.last.signal : null,
    timedOut: watch.timedOut,
    cancelled: watch.cancelled && !watch.timedOut,
    infraError,
    command,
    facts: { migrations: String(r.migrations) },
  })
}

/**
 * Waits until the destination runs the guest. A key sent before it has loaded the incoming state is lost with the
 * console device's pre-migration state (seen with QEMU 7.2: the guest then waits in getchar forever).
 */
async function awaitRunning(dst: Live, qmp: QmpClient, where: string, signal: AbortSignal): Promise<void> {
  const deadline = Date.now() + QMP_CONNECT_MS
  for (;;) {
    const st = (await qmp.execute('query-status')) as { status?: string }
    if (st.status === 'running') return
    if (st.status !== 'inmigrate' && st.status !== 'postmigrate' && st.status !== 'prelaunch' && st.status !== 'finish-migrate')
      throw new QmpError(`destination QEMU (${where}) is '${st.status}' after the migration, not running`)
    if (Date.now() > deadline) throw new QmpError(`destination QEMU (${where}) not running ${QMP_CONNECT_MS} ms after the migration (status ${st.status})`)
    if (signal.aborted) throw new QmpError('cancelled')
    await sleep(POLL_MS, signal)
  }
}
