// Builds and boots a machine from an image and run options (shared by the worker, the CLI and the tests).
import { Machine, defaultConfig, type MachineConfig } from './machine.ts'
import { ipl } from './ipl/elf.ts'
import { WATCHDOG_ACTIONS, type WatchdogAction } from './devices/watchdog.ts'
import { isVirtioCcw, type VirtioCcwName } from './devices/ccw-device.ts'

/** Options as the catalog/CLI give them. */
export interface BootOptions {
  memMiB?: number
  smp?: number
  args?: string
  /** Raw `qemu_params` of the catalog entry: -m, -smp N[,maxcpus=M], -name, --uuid, -device ...core-id=N, -device diag288, -device virtio-*-ccw, --watchdog-action, -cpu model,vx=off. */
  qemuParams?: string
}

/** Thrown when qemu_params/options cannot be honoured. */
export class BootOptionError extends Error {
  override name = 'BootOptionError'
}

/** Derives a MachineConfig from options and the QEMU-style parameters of a catalog entry. */
export function configFrom(o: BootOptions): MachineConfig {
  const p = (o.qemuParams ?? '').split(/\s+/).filter(Boolean)
  let mem = o.memMiB ?? 128
  let smp = o.smp ?? 1
  let maxCpus = 0
  let vmName: string | undefined
  let uuid: string | undefined
  let vector = true
  let gs = false
  let watchdog = false
  let watchdogAction: WatchdogAction = 'reset'
  const extra: number[] = []
  const ccw: VirtioCcwName[] = []
  for (let i = 0; i < p.length; i++) {
    const a = p[i]!
    const v = p[i + 1] ?? ''
    if (a === '-m') {
      const m = /^(\d+)([MGmg]?)$/.exec(v)
      if (!m) throw new BootOptionError(`qemu_params: -m ${v}: expected a size like 1G or 512M`)
      mem = Number(m[1]) * (m[2]?.toUpperCase() === 'G' ? 1024 : 1)
      i++
    } else if (a === '-smp') {
      const [n, ...kv] = v.split(',')
      smp = Number(n)
      for (const x of kv) if (x.startsWith('maxcpus=')) maxCpus = Number(x.slice(8))
      i++
    } else if (a === '-name') {
      vmName = v
      i++
    } else if (a === '--uuid' || a === '-uuid') {
      uuid = v
      i++
    } else if (a === '-device') {
      const m = /core-id=(\d+)/.exec(v)
      if (m && /s390x-cpu/.test(v)) extra.push(Number(m[1]))
      const dev = v.split(',')[0]!
      if (dev === 'diag288') watchdog = true
      else if (isVirtioCcw(dev)) ccw.push(dev)
      i++
    } else if (a === '--watchdog-action' || a === '-watchdog-action') {
      if (!(WATCHDOG_ACTIONS as readonly string[]).includes(v)) {
        throw new BootOptionError(`qemu_params: ${a} ${v}: expected one of ${WATCHDOG_ACTIONS.join(', ')}`)
      }
      watchdogAction = v as WatchdogAction
      i++
    } else if (a === '-cpu') {
      if (/vx=off/.test(v)) vector = false
      if (/gs=on/.test(v)) gs = true
      i++
    }
  }
  if (!Number.isInteger(smp) || smp < 1 || smp > 248) throw new BootOptionError(`smp ${smp}: expected 1..248 CPUs`)
  const addrs = Array.from({ length: smp }, (_, k) => k).concat(extra)
  return defaultConfig({ memMiB: mem, cpuAddrs: addrs, maxCpus: Math.max(maxCpus, addrs.length), args: o.args ?? '', vmName, uuid, vector, guardedStorage: gs, watchdog: watchdog ? watchdogAction : undefined, ccwDevices: ccw })
}

/** Creates a machine and IPLs the image into it. */
export function boot(img: Uint8Array, name: string, o: BootOptions): Machine {
  const cfg = configFrom(o)
  const m = new Machine(cfg)
  ipl(m, img, name, cfg.args)
  return m
}
