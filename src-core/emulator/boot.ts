// Builds and boots a machine from an image and run options (shared by the worker, the CLI and the tests).
import { Machine, defaultConfig, type MachineConfig } from './machine.ts'
import type { Storage } from './mem/storage.ts'
import type { JitMode } from './jit/jit.ts'
import type { InterpLoop } from './cpu/wasm-loop.ts'
import { IDENTITIES, type Identity } from './devices/stsi.ts'
import { ipl, type Initrd } from './ipl/elf.ts'
import { WATCHDOG_ACTIONS, type WatchdogAction } from './devices/watchdog.ts'
import { isVirtioCcw, type VirtioCcwName } from './devices/ccw-device.ts'
import { parseQemuParams, TestParamsError } from '../domain/catalog.ts'
import { LabError } from '../domain/errors.ts'
import { seededEntropy } from './ops/crypto.ts'
import { splitShellWords, ShellWordsError } from '../domain/shell-words.ts'

/** Options as the catalog/CLI give them. */
export interface BootOptions {
  memMiB?: number
  smp?: number
  args?: string
  /** Raw `qemu_params` of the catalog entry: -m, -smp N[,maxcpus=M], -name, --uuid, -device ...core-id=N, -device diag288, -device virtio-*-ccw, --watchdog-action, -cpu model,vx=off. */
  qemuParams?: string
  /** Translation tier: on (default), off (interpreter only) or check (every block re-run by the interpreter). */
  jit?: JitMode
  /** The interpreter's inner loop (MachineConfig.interp). */
  interp?: InterpLoop
  /** How the machine names itself in STSI: labcon (default) or qemu-tcg (the answers of QEMU 7.2 TCG). */
  identity?: string
  /** An initial RAM disk for a raw Linux image (QEMU's -initrd). */
  initrd?: Initrd
  /** TRNG bytes from this seed (seededEntropy) instead of the host's randomness: a reproducible run. */
  entropySeed?: number
}

/** Thrown when qemu_params/options cannot be honoured. */
export class BootOptionError extends LabError {
  override name = 'BootOptionError'
  readonly kind = 'config'
}

/** Derives a MachineConfig from options and the QEMU-style parameters of a catalog entry. */
export function configFrom(o: BootOptions): MachineConfig {
  // -m and -smp follow the catalog's rules (one parser for the run engine and the emulator).
  let p: string[]
  let mem: number
  let smp: number
  let maxCpus: number
  try {
    p = splitShellWords(o.qemuParams ?? '')
    const res = parseQemuParams({ name: 'qemu_params', smp: String(o.smp ?? 1), qemuParams: o.qemuParams ?? '' })
    smp = res.smp
    maxCpus = res.maxCpus
    mem = /(^|\s)--?m(\s|$)/.test(o.qemuParams ?? '') ? res.memMiB : (o.memMiB ?? res.memMiB)
  } catch (e) {
    if (e instanceof TestParamsError || e instanceof ShellWordsError) throw new BootOptionError(e.message)
    throw e
  }
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
    if (a === '-m' || a === '-smp') {
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
  const identity = o.identity ?? 'labcon'
  const seed = o.entropySeed
  if (seed !== undefined && (!Number.isSafeInteger(seed) || seed < 0)) throw new BootOptionError(`entropy seed ${seed}: expected an integer from 0 to ${Number.MAX_SAFE_INTEGER}`)
  const entropy = seed === undefined ? undefined : seededEntropy(seed)
  if (!(identity in IDENTITIES)) throw new BootOptionError(`identity '${identity}': expected ${Object.keys(IDENTITIES).join(' or ')}`)
  return defaultConfig({
    identity: identity as Identity, memMiB: mem, cpuAddrs: addrs, maxCpus: Math.max(maxCpus, addrs.length), args: o.args ?? '', vmName, uuid, vector, guardedStorage: gs, watchdog: watchdog ? watchdogAction : undefined, ccwDevices: ccw, jit: o.jit, interp: o.interp, entropy })
}

/** Creates a machine and IPLs the image into it; `storage` as for the Machine constructor (a fresh one made ahead). */
export function boot(img: Uint8Array, name: string, o: BootOptions, storage?: Storage): Machine {
  const cfg = configFrom(o)
  const m = new Machine(cfg, storage)
  ipl(m, img, name, cfg.args, o.initrd)
  return m
}
