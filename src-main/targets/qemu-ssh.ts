// QEMU/KVM on a remote s390x host over SSH (also remote TCG, and nested KVM: the same with a flag).
import { basename } from 'node:path'
import type { Environment, HealthReport } from '@core/domain/environment'
import { configDefault } from '@core/domain/env-schema'
import { qemuLevelOf, qemuTcgArgs } from './qemu-tcg'
import { isMigrationTest, migrationOutcome, monitorArgs, runMigrationWith, type MigrationLauncher } from './qemu-migration'
import { ConsoleCapture, errorMessage, makeOutcome, RunWatch } from './run-capture'
import { bindEnvironment, shellJoin, SshConfigError, SshConnectionLostError, type SshSession } from './ssh'
import type { Target, TargetHost, TargetRunOutcome, TargetRunRequest } from './target'

/** Accelerators a remote QEMU host can be asked for. */
export const QEMU_SSH_ACCELS = ['kvm', 'tcg'] as const
export type QemuSshAccel = (typeof QEMU_SSH_ACCELS)[number]

/** Settings of a `qemu-ssh` environment (the SSH fields are read by sshConfigFrom). */
export interface QemuSshSettings {
  binary: string
  accel: QemuSshAccel
  /** The host is itself a guest (nested KVM): recorded as a fact, the command line is the same. */
  nested: boolean
}

/** Reads and validates the kind-specific settings of a `qemu-ssh` environment. */
export function qemuSshSettings(env: Pick<Environment, 'name' | 'config'>): QemuSshSettings {
  const c = env.config
  const binary = c['binary'] ?? configDefault('qemu-ssh', 'binary')
  if (typeof binary !== 'string' || binary === '') throw new SshConfigError(`environment '${env.name}': 'binary' must be a program name or path`)
  const accel = c['accel'] ?? configDefault('qemu-ssh', 'accel')
  if (!QEMU_SSH_ACCELS.includes(accel as QemuSshAccel))
    throw new SshConfigError(`environment '${env.name}': 'accel' must be one of ${QEMU_SSH_ACCELS.join(', ')} (got ${JSON.stringify(accel)})`)
  const nested = c['nested'] ?? configDefault('qemu-ssh', 'nested')
  if (typeof nested !== 'boolean') throw new SshConfigError(`environment '${env.name}': 'nested' must be true or false`)
  return { binary, accel: accel as QemuSshAccel, nested }
}

/** The upstream command line for one test on the remote host, with the requested accelerator. */
export function qemuSshArgv(s: QemuSshSettings, req: Pick<TargetRunRequest, 'smp' | 'args' | 'timeoutMs'> & { remoteKernel: string; qemuParams: string }): string[] {
  const args = qemuTcgArgs({ kernelPath: req.remoteKernel, smp: req.smp, args: req.args, qemuParams: req.qemuParams }).map((a) =>
    a === 's390-ccw-virtio,accel=tcg' ? `s390-ccw-virtio,accel=${s.accel}` : a,
  )
  // A remote `timeout` ends qemu even if our connection dies and the kill request can no longer be sent.
  const guardSec = Math.ceil(req.timeoutMs / 1000) + 30
  return ['timeout', '-k', '5', String(guardSec), s.binary, ...args]
}

/** Builds the driver for a `qemu-ssh` environment. */
export function createQemuSshTarget(env: Environment, host: TargetHost): Target {
  const { settings, link, configError, where } = bindEnvironment(env, host, qemuSshSettings, () => true)

  return {
    env,
    async health(): Promise<HealthReport> {
      const checkedAt = new Date().toISOString()
      if (!link || !settings) return { ok: false, level: null, facts: {}, problems: [configError], checkedAt }
      const problems: string[] = []
      const facts: Record<string, string> = { accel: settings.accel, nested: String(settings.nested) }
      let level: string | null = null
      try {
        const s = await link.session()
        Object.assign(facts, link.facts())
        const v = await s.exec([settings.binary, '--version'])
        if (v.code !== 0) {
          problems.push(v.code === 127 ? `${settings.binary}: not installed on ${where}` : `${settings.binary} --version failed on ${where}: ${v.stderr.trim()}`)
        } else {
          level = qemuLevelOf(v.stdout)
          facts['qemu.version'] = v.stdout.split('\n')[0]?.trim() ?? ''
          if (!level) problems.push(`${settings.binary} --version on ${where}: unrecognised output`)
          const accels = await s.exec([settings.binary, '-accel', 'help'])
          if (!new RegExp(`^${settings.accel}$`, 'm').test(accels.stdout)) problems.push(`${settings.binary} on ${where} does not offer accel ${settings.accel}`)
          if (settings.accel === 'kvm') {
            const arch = (await s.exec(['uname', '-m'])).stdout.trim()
            facts['host.arch'] = arch
            const kvm = await s.exec(['test', '-w', '/dev/kvm'])
            if (arch !== 's390x') problems.push(`${where} is ${arch}, not s390x: KVM cannot run s390x guests there (use accel tcg)`)
            else if (kvm.code !== 0) problems.push(`/dev/kvm is missing or not writable on ${where}: KVM is not available`)
          }
        }
      } catch (e) {
        problems.push(errorMessage(e))
      }
      return { ok: problems.length === 0, level, facts, problems, checkedAt }
    },

    async run(req: TargetRunRequest): Promise<TargetRunOutcome> {
      const start = Date.now()
      if (!link || !settings) return makeOutcome(start, { command: '', infraError: configError })
      const watch = new RunWatch(req)
      const cap = new ConsoleCapture(req.onOutput)
      let command = `ssh ${where}: ${settings.binary} …`
      let dir: string | null = null
      const s = await link.session().catch((e: unknown) => e as Error)
      try {
        if (s instanceof Error) return makeOutcome(start, { command, infraError: s.message })
        dir = await s.makeTempDir('labcon-qemu')
        const remoteKernel = `${dir}/${basename(req.kernelPath)}`
        await s.upload(req.kernelPath, remoteKernel)
        const argv = qemuSshArgv(settings, { ...req, remoteKernel, qemuParams: req.test.qemuParams })
        command = `ssh ${where}: ${shellJoin(argv)}`
        if (isMigrationTest(req.test)) {
          const result = await runMigrationWith(remoteLauncher(s, where, dir, argv), watch, cap)
          const o = migrationOutcome(start, result, cap, watch, `${command} ${shellJoin(monitorArgs(`${dir}/qmp-N.sock`))} (+ -incoming unix:… per migration)`)
          return { ...o, facts: { ...link.facts(), accel: settings.accel, nested: String(settings.nested), ...o.facts } }
        }
        const r = await s.exec(argv, { onStdout: (t) => cap.push(t), signal: watch.signal })
        cap.finish()
        const exitStatus = cap.exitStatus
        let infraError: string | null = null
        if (!r.killed) {
          if (r.code === 127) infraError = `${settings.binary}: not installed on ${where} (remote exit 127: ${r.stderr.trim()})`
          else if (r.code === 126) infraError = `${settings.binary}: not executable on ${where}`
          else if (r.code === 124) infraError = `remote guard timeout ended qemu on ${where}`
          else if (exitStatus === null && r.code !== 0 && r.signal === null)
            infraError = `qemu exited with code ${r.code} on ${where}${r.stderr.trim() ? `: ${r.stderr.trim().split('\n').join('; ')}` : ''}`
        }
        const log = r.stderr ? `${cap.log}${cap.log.endsWith('\n') || !cap.log ? '' : '\n'}${r.stderr}` : cap.log
        return makeOutcome(start, {
          log,
          exitStatus,
          signal: !r.killed && r.signal ? r.signal : null,
          timedOut: watch.timedOut,
          cancelled: watch.cancelled && !watch.timedOut,
          infraError,
          command,
          facts: { ...link.facts(), accel: settings.accel, nested: String(settings.nested) },
        })
      } catch (e) {
        cap.finish()
        if (e instanceof SshConnectionLostError && dir) await link.reap(dir)
        return makeOutcome(start, {
          log: cap.log,
          exitStatus: cap.exitStatus,
          timedOut: watch.timedOut,
          cancelled: watch.cancelled && !watch.timedOut,
          infraError: errorMessage(e),
          command,
        })
      } finally {
        watch.dispose()
        if (dir && !(s instanceof Error) && !s.closed) await s.removeDir(dir).catch(() => undefined)
      }
    },

    async dispose(): Promise<void> {
      await link?.close()
    },
  }
}

/**
 * QEMU instances of one migration test on the remote host: each is its own exec channel (console on its stdin and
 * stdout), with its QMP and incoming sockets in the run's remote temp dir; QMP is reached through the SSH
 * connection (direct-streamlocal), so the remote needs nothing but qemu and sshd.
 */
function remoteLauncher(s: SshSession, where: string, dir: string, argv: string[]): MigrationLauncher {
  return {
    where: `ssh ${where}`,
    incomingUri: (n) => `unix:${dir}/incoming-${n}.sock`,
    start(n, incoming, onOutput) {
      const qmpPath = `${dir}/qmp-${n}.sock`
      const stop = new AbortController()
      let write: (text: string) => void = () => undefined
      const r = s.exec([...argv, ...monitorArgs(qmpPath), ...(incoming === null ? [] : ['-incoming', incoming])], {
        onStdout: onOutput,
        onStdin: (w) => (write = w),
        signal: stop.signal,
      })
      return {
        write: (t) => write(t),
        connectQmp: () => s.openUnixSocket(qmpPath),
        kill: () => stop.abort(),
        ended: r.then(
          (x) => ({
            code: x.code,
            signal: x.signal ?? (x.killed ? 'SIGTERM' : null),
            stderr: x.stderr,
            error: x.code === 127 ? `${argv[4] ?? 'qemu'}: not installed on ${where}` : x.code === 124 ? `remote guard timeout ended qemu on ${where}` : null,
          }),
          (e: unknown) => ({ code: null, signal: null, stderr: '', error: errorMessage(e) }),
        ),
      }
    },
  }
}
