// Local QEMU TCG driver: runs `qemu-system-s390x` with the exact upstream kvm-unit-tests command line (LAB.md).
import { mkdtempSync, rmSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Environment, HealthReport } from '@core/domain/environment'
import { parseConsoleOutput } from '@core/domain/console'
import { splitShellWords } from '@core/domain/shell-words'
import { configDefault } from '@core/domain/env-schema'
import { formatCommand, runProcess, type ProcessRunResult } from './process'
import { isMigrationTest, migrationOutcome, monitorArgs, runMigrationWith, type MigrationLauncher } from './qemu-migration'
import { ConsoleCapture, RunWatch } from './run-capture'
import type { ProcessEnvironment, Target, TargetHost, TargetRunOutcome, TargetRunRequest } from './target'

/** Default QEMU binary, overridable by the environment's `config.binary` or the `QEMU` variable (as upstream). */
export const DEFAULT_QEMU_BINARY: string = configDefault('qemu-tcg', 'binary')

/** The QEMU binary an environment uses: `config.binary`, else `$QEMU` of `processEnv`, else qemu-system-s390x from PATH. */
export function qemuBinary(env: Pick<Environment, 'config'>, processEnv: ProcessEnvironment): string {
  const configured = env.config['binary']
  if (typeof configured === 'string' && configured.trim() !== '') return configured
  return processEnv['QEMU'] || DEFAULT_QEMU_BINARY
}

/** The argv (after the binary) upstream's s390x/run builds for one test under TCG. */
export function qemuTcgArgs(req: Pick<TargetRunRequest, 'kernelPath' | 'smp' | 'args'> & { qemuParams: string }): string[] {
  return [
    '-nodefaults',
    '-nographic',
    '-machine',
    's390-ccw-virtio,accel=tcg',
    '-chardev',
    'stdio,id=con0',
    '-device',
    'sclpconsole,chardev=con0',
    '-kernel',
    req.kernelPath,
    '-smp',
    String(req.smp),
    ...splitShellWords(req.qemuParams),
    '-append',
    req.args,
  ]
}

/** `EXIT: STATUS=n` printed by the guest (the first one, as run_tests.sh takes it), else null. */
export const exitStatusOf = (log: string): number | null => parseConsoleOutput(log).exitStatus

/** Reads `qemu --version` into a level such as `QEMU 7.2.22 (Debian 1:7.2+dfsg-7+deb12u18+b3)`. */
export function qemuLevelOf(versionText: string): string | null {
  const m = /QEMU emulator version (\S+)(?:\s+(\([^)]*\)))?/.exec(versionText)
  if (!m) return null
  return m[2] ? `QEMU ${m[1]} ${m[2]}` : `QEMU ${m[1]}`
}

/** Turns a finished qemu process into what the engine needs; an unstartable or failing qemu is an infra error. */
export function qemuOutcome(res: ProcessRunResult, binary: string, command: string): TargetRunOutcome {
  const exitStatus = exitStatusOf(res.stdout)
  let infraError: string | null = null
  if (res.spawnError) {
    infraError =
      res.spawnError.code === 'ENOENT'
        ? `${binary}: not found (install qemu-system-s390x, or set the environment's binary / $QEMU)`
        : `${binary}: ${res.spawnError.message}`
  } else if (!res.timedOut && !res.cancelled && exitStatus === null && res.code !== 0 && res.signal === null) {
    const message = res.stderr.trim().split('\n').filter(Boolean).join('; ')
    infraError = `qemu exited with code ${res.code}${message ? `: ${message}` : ' without output'}`
  }
  const ourKill = res.timedOut || res.cancelled || res.stopped
  return {
    log: res.stderr ? `${res.stdout}${res.stdout.endsWith('\n') || !res.stdout ? '' : '\n'}${res.stderr}` : res.stdout,
    exitStatus,
    signal: !ourKill && res.signal ? res.signal : null,
    timedOut: res.timedOut,
    cancelled: res.cancelled && !res.timedOut,
    infraError,
    command,
    facts: {},
    durationMs: res.durationMs,
  }
}

/** Builds the driver for a `qemu-tcg` environment. */
export function createQemuTcgTarget(env: Environment, host: TargetHost): Target {
  const binary = qemuBinary(env, host.env)
  return {
    env,
    async health(): Promise<HealthReport> {
      const checkedAt = new Date().toISOString()
      const res = await runProcess({ command: binary, args: ['--version'], timeoutMs: 10_000, signal: new AbortController().signal })
      if (res.spawnError || res.code !== 0) {
        const why = res.spawnError?.code === 'ENOENT' ? 'not found' : (res.spawnError?.message ?? (res.stderr.trim() || `exit code ${res.code}`))
        return { ok: false, level: null, facts: {}, problems: [`${binary}: ${why}`], checkedAt }
      }
      const level = qemuLevelOf(res.stdout)
      const facts: Record<string, string> = { qemu: binary, 'qemu.version': res.stdout.split('\n')[0]?.trim() ?? '' }
      const problems = level ? [] : [`${binary} --version: unrecognised output '${res.stdout.trim().slice(0, 80)}'`]
      return { ok: level !== null, level, facts, problems, checkedAt }
    },
    async run(req: TargetRunRequest): Promise<TargetRunOutcome> {
      let args: string[]
      try {
        args = qemuTcgArgs({ kernelPath: req.kernelPath, smp: req.smp, args: req.args, qemuParams: req.test.qemuParams })
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err)
        return { log: '', exitStatus: null, signal: null, timedOut: false, cancelled: false, infraError: `qemu_params '${req.test.qemuParams}': ${message}`, command: '', facts: {}, durationMs: 0 }
      }
      const command = formatCommand(binary, args)
      if (isMigrationTest(req.test)) return runLocalMigration(binary, args, command, req)
      const res = await runProcess({ command: binary, args, timeoutMs: req.timeoutMs, signal: req.signal, onStdout: req.onOutput })
      return qemuOutcome(res, binary, command)
    },
    async dispose(): Promise<void> {},
  }
}

/** A migration-group test on this machine: QEMU instances in a private directory holding their sockets. */
async function runLocalMigration(binary: string, args: string[], command: string, req: TargetRunRequest): Promise<TargetRunOutcome> {
  const start = Date.now()
  const dir = mkdtempSync(join(tmpdir(), 'labcon-mig-'))
  const watch = new RunWatch(req)
  const cap = new ConsoleCapture(req.onOutput)
  const launcher: MigrationLauncher = {
    where: 'local',
    incomingUri: (n) => `unix:${join(dir, `incoming-${n}.sock`)}`,
    start(n, incoming, onOutput) {
      const qmpPath = join(dir, `qmp-${n}.sock`)
      const stop = new AbortController()
      let write: (text: string) => void = () => undefined
      const res = runProcess({
        command: binary,
        args: [...args, ...monitorArgs(qmpPath), ...(incoming === null ? [] : ['-incoming', incoming])],
        timeoutMs: req.timeoutMs + 60_000,
        signal: stop.signal,
        onStdout: onOutput,
        onStdin: (w) => (write = w),
      })
      return {
        write: (t) => write(t),
        connectQmp: () =>
          new Promise((resolve, reject) => {
            const sock = connect(qmpPath)
            sock.once('connect', () => resolve(sock))
            sock.once('error', reject)
          }),
        kill: () => stop.abort(),
        ended: res.then((r) => ({
          code: r.code,
          signal: r.signal,
          stderr: r.stderr,
          error: r.spawnError
            ? r.spawnError.code === 'ENOENT'
              ? `${binary}: not found (install qemu-system-s390x, or set the environment's binary / $QEMU)`
              : `${binary}: ${r.spawnError.message}`
            : null,
        })),
      }
    },
  }
  try {
    const result = await runMigrationWith(launcher, watch, cap)
    return migrationOutcome(start, result, cap, watch, `${command} ${monitorArgs(join(dir, 'qmp-N.sock')).join(' ')} (+ -incoming unix:… per migration)`)
  } finally {
    watch.dispose()
    rmSync(dir, { recursive: true, force: true })
  }
}
