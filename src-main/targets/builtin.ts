// The `builtin` environment: our s390x emulator (src-core/emulator) in worker threads. Always available.
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import type { Environment, HealthReport } from '@core/domain/environment'
import { EMULATOR_VERSION } from '@core/emulator/version'
import { IDENTITIES, MACHINE_TYPE } from '@core/emulator/devices/stsi'
import { emulatorPool, type EmuJob, type EmuResult } from '@main/runner/emulator-pool'
import { readKernelFile } from './kernel-file'
import { runBuiltinMigration } from './builtin-migration'
import { isMigrationTest } from './qemu-migration'
import type { Target, TargetHost, TargetRunOutcome, TargetRunRequest } from './target'

/** Identity the emulator reports through STSI (see src-core/emulator/devices/stsi.ts). */
export const BUILTIN_FACTS: Record<string, string> = {
  'stsi.1.1.1.manufacturer': IDENTITIES.labcon.manufacturer,
  'stsi.1.1.1.type': MACHINE_TYPE.toString(16),
  'stsi.1.1.1.model': 'LABCON',
  'stsi.3.2.2.cpi': IDENTITIES.labcon.cpi,
  emulator: EMULATOR_VERSION,
}

/** Period of the snapshots a run keeps for its failure (ms of run time): the kept one is at most this old. */
export const FAILURE_SNAPSHOT_MS = 1000

/**
 * Writes a failing run's snapshot to `path` and says so in the log (with the command that replays it) and in the
 * facts (`emu.snapshot`, `emu.snapshot.instructions`); a write that fails is noted, never turned into a verdict.
 */
function keepFailureSnapshot(path: string, snap: { bytes: Uint8Array; instructions: number }, log: string, facts: Record<string, string>): string {
  const nl = log === '' || log.endsWith('\n') ? '' : '\n'
  try {
    mkdirSync(dirname(path), { recursive: true })
    writeFileSync(path, snap.bytes)
  } catch (e) {
    facts['emu.snapshot.error'] = (e as Error).message
    return `${log}${nl}labcon: could not keep the snapshot taken before the failure: ${(e as Error).message}\n`
  }
  facts['emu.snapshot'] = path
  facts['emu.snapshot.instructions'] = String(snap.instructions)
  return `${log}${nl}labcon: snapshot of the machine at ${snap.instructions} instructions, before the failure: ${path}\nlabcon: replay it with: labcon emu --restore ${path} --trace trace.log\n`
}

/** Builds the driver for the `builtin` environment. Config key `identity`: labcon (default) or qemu-tcg (STSI). */
export function createBuiltinTarget(env: Environment, host: TargetHost): Target {
  const identity = typeof env.config['identity'] === 'string' ? env.config['identity'] : undefined
  const facts: Record<string, string> = identity === 'qemu-tcg' ? { ...BUILTIN_FACTS, 'stsi.1.1.1.manufacturer': IDENTITIES['qemu-tcg'].manufacturer, 'stsi.3.2.2.cpi': IDENTITIES['qemu-tcg'].cpi } : BUILTIN_FACTS
  return {
    env,
    async health(): Promise<HealthReport> {
      return { ok: true, level: EMULATOR_VERSION, facts: { ...facts }, problems: [], checkedAt: new Date().toISOString() }
    },
    async run(req: TargetRunRequest): Promise<TargetRunOutcome> {
      const command = `builtin: ${req.kernelPath} smp=${req.smp} mem=${req.memMiB}M append='${req.args}'${req.test.qemuParams ? ` params='${req.test.qemuParams}'` : ''}`
      let image: Uint8Array
      try {
        image = readKernelFile(req.kernelPath)
      } catch (e) {
        return { log: '', exitStatus: null, signal: null, timedOut: false, cancelled: false, infraError: `cannot read kernel ${req.kernelPath}: ${(e as Error).message}`, command, facts: {}, durationMs: 0 }
      }
      const job: EmuJob = {
        image,
        name: req.kernelPath,
        opts: { smp: req.smp, memMiB: req.memMiB, args: req.args, qemuParams: req.test.qemuParams, identity },
        timeoutMs: req.timeoutMs,
        traceTail: host.env['LABCON_EMU_TRACE_TAIL'] === '1',
        signal: req.signal,
        onOutput: req.onOutput,
        ...(req.keepSnapshotAt !== undefined ? { ringMs: FAILURE_SNAPSHOT_MS } : {}),
      }
      let r: EmuResult
      let exitStatus: number | null
      const migrationFacts: Record<string, string> = {}
      if (isMigrationTest(req.test)) {
        // The upstream protocol: snapshot in one worker, restore in another, one console log (builtin-migration.ts).
        const mr = await runBuiltinMigration(emulatorPool(), job)
        r = mr.last
        exitStatus = r.exitStatus
        migrationFacts['migrations'] = String(mr.migrations)
        if (mr.exitedBeforeMigrationPoint) {
          // as upstream run_migration: status 3 when the guest never reached a migration point, whatever it printed
          r = { ...r, log: `${r.log}${r.log.endsWith('\n') || r.log === '' ? '' : '\n'}ERROR: Test exit before migration point.\n` }
          if (exitStatus !== null) exitStatus = 3
        }
      } else {
        r = await emulatorPool().run(job)
        exitStatus = r.exitStatus
      }
      const runFacts: Record<string, string> = {}
      let log = r.log
      if (r.failureSnapshot && req.keepSnapshotAt !== undefined && !r.cancelled) log = keepFailureSnapshot(req.keepSnapshotAt, r.failureSnapshot, log, runFacts)
      return {
        log,
        exitStatus,
        signal: null,
        timedOut: r.timedOut,
        cancelled: r.cancelled,
        infraError: r.infraError,
        guestEnd: r.guestEnd ?? null,
        command,
        facts: { ...facts, 'emu.instructions': String(r.instructions), 'emu.ended': r.ended, ...migrationFacts, ...runFacts },
        durationMs: r.durationMs,
      }
    },
    async dispose(): Promise<void> {},
  }
}
