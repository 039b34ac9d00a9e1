// The `builtin` environment: our s390x emulator (src-core/emulator) in worker threads. Always available.
import type { Environment, HealthReport } from '@core/domain/environment'
import { EMULATOR_VERSION } from '@core/emulator/version'
import { IDENTITIES } from '@core/emulator/devices/stsi'
import { emulatorPool } from '@main/runner/emulator-pool'
import { readKernelFile } from './kernel-file'
import type { Target, TargetHost, TargetRunOutcome, TargetRunRequest } from './target'

/** Identity the emulator reports through STSI (see src-core/emulator/devices/stsi.ts). */
export const BUILTIN_FACTS: Record<string, string> = {
  'stsi.1.1.1.manufacturer': IDENTITIES.labcon.manufacturer,
  'stsi.1.1.1.type': '2964',
  'stsi.1.1.1.model': 'LABCON',
  'stsi.3.2.2.cpi': IDENTITIES.labcon.cpi,
  emulator: EMULATOR_VERSION,
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
      const r = await emulatorPool().run({
        image,
        name: req.kernelPath,
        opts: { smp: req.smp, memMiB: req.memMiB, args: req.args, qemuParams: req.test.qemuParams, identity },
        timeoutMs: req.timeoutMs,
        traceTail: host.env['LABCON_EMU_TRACE_TAIL'] === '1',
        signal: req.signal,
        onOutput: req.onOutput,
      })
      return {
        log: r.log,
        exitStatus: r.exitStatus,
        signal: null,
        timedOut: r.timedOut,
        cancelled: r.cancelled,
        infraError: r.infraError,
        guestEnd: r.guestEnd ?? null,
        command,
        facts: { ...facts, 'emu.instructions': String(r.instructions), 'emu.ended': r.ended },
        durationMs: r.durationMs,
      }
    },
    async dispose(): Promise<void> {},
  }
}
