// SIGNAL PROCESSOR between several CPUs of one machine (round-robin in one thread), driven by hand-assembled SIGP
// instructions on CPU 0: CPU addressing with non-linear core ids, not-operational and status-stored answers, the
// order of parameter and state checks, STORE STATUS (at address and the absolute lowcore), STORE ADDITIONAL
// STATUS length codes, RESTART, (conditional) EMERGENCY SIGNAL and EXTERNAL CALL delivery.
import { describe, expect, it } from 'vitest'
import { Machine, defaultConfig, type MachineConfig } from '@core/emulator/machine.ts'
import { configFrom } from '@core/emulator/boot.ts'
import { SIGP } from '@core/emulator/devices/sigp.ts'

const CODE = 0x10000
const TRAP = 0xfff0

/** A machine whose CPUs other than the first are stopped; every new PSW points to `j .` at TRAP. */
function machine(over: Partial<MachineConfig> = {}): Machine {
  const m = new Machine(defaultConfig({ memMiB: 4, cpuAddrs: [0, 1], jit: 'off', ...over }))
  const dv = m.storage.dv
  for (const off of [0x1a0, 0x1b0, 0x1c0, 0x1d0]) {
    dv.setUint32(off, 0x00000001)
    dv.setUint32(off + 4, 0x80000000)
    dv.setUint32(off + 12, TRAP)
  }
  dv.setUint32(TRAP, 0xa7f40000)
  const c = m.cpus[0]!
  c.stopped = false
  c.loadPsw(0x00000001, 0x80000000, CODE)
  for (const o of m.cpus.slice(1)) o.stopped = true
  return m
}

/** Executes `sigp %r2,%r4,order` on CPU 0 with the parameter in R3 and the CPU address in R4. */
function sigp(m: Machine, order: number, target: number, param = 0): { cc: number; status: number } {
  const c = m.cpus[0]!
  m.storage.dv.setUint32(CODE, 0xae240000 | order)
  c.rl[2] = 0x5a5a5a5a
  c.rh[2] = 0x12345678
  c.rl[3] = param
  c.rl[4] = target
  c.loadPsw(c.pswHi(), c.pswLo(), CODE)
  c.run(1)
  if (c.ia === TRAP) throw new Error(`SIGP order ${order} took a program interruption 0x${m.storage.dv.getUint16(0x8e).toString(16)}`)
  // The high word of R1 is never changed; the low word only with CC 1.
  expect(c.rh[2]).toBe(0x12345678)
  return { cc: c.cc, status: c.cc === 1 ? c.rl[2]! >>> 0 : -1 }
}

const ACCEPTED = { cc: 0, status: -1 }
const stored = (status: number): { cc: number; status: number } => ({ cc: 1, status })
const NOT_OPERATIONAL = { cc: 3, status: -1 }

describe('SIGP', () => {
  it('addresses CPUs by their core ids, in any configuration order (firq-nonlinear-cpu-ids)', () => {
    const cfg = configFrom({ qemuParams: '-smp 1,maxcpus=3 -cpu qemu -device qemu-s390x-cpu,core-id=2 -device qemu-s390x-cpu,core-id=1' })
    expect(cfg.cpuAddrs).toEqual([0, 2, 1])
    const m = machine({ cpuAddrs: cfg.cpuAddrs, maxCpus: cfg.maxCpus })
    expect([sigp(m, SIGP.SENSE, 0), sigp(m, SIGP.SENSE, 1), sigp(m, SIGP.SENSE, 2), sigp(m, SIGP.SENSE, 3)]).toEqual([ACCEPTED, stored(0x40), stored(0x40), NOT_OPERATIONAL])
    expect(sigp(m, SIGP.SET_PREFIX, 2, 0x40000)).toEqual(ACCEPTED)
    expect(m.cpus.map((c) => c.prefix)).toEqual([0, 0x40000, 0])
  })

  it('answers unknown orders with invalid order and a CPU beyond the configuration with not operational', () => {
    const m = machine()
    expect([sigp(m, 0, 1), sigp(m, 0xff, 1), sigp(m, SIGP.SENSE, 0xffff)]).toEqual([stored(0x02), stored(0x02), NOT_OPERATIONAL])
  })

  it('external call: accepted once, then pending (sense shows it with the stopped state)', () => {
    const m = machine()
    expect([sigp(m, SIGP.EXTERNAL_CALL, 1), sigp(m, SIGP.EXTERNAL_CALL, 1), sigp(m, SIGP.SENSE, 1)]).toEqual([ACCEPTED, stored(0x80), stored(0xc0)])
  })

  it('set prefix: the parameter is checked before the state', () => {
    const m = machine()
    expect([sigp(m, SIGP.SET_PREFIX, 0, 0x7fffe000), sigp(m, SIGP.SET_PREFIX, 0, 0x40000), sigp(m, SIGP.SET_PREFIX, 1, 0x41fff)]).toEqual([
      stored(0x100),
      stored(0x200),
      ACCEPTED,
    ])
    expect(m.cpus[1]!.prefix).toBe(0x40000)
  })

  it('store status at address: only a stopped CPU, 512-byte aligned area inside storage', () => {
    const m = machine()
    const t = m.cpus[1]!
    t.rl[5] = 0x55555555
    t.crl[6] = 0x66666666
    t.prefix = 0x40000
    t.loadPsw(0x00000001, 0x80000000, 0x2468)
    expect([sigp(m, SIGP.STORE_STATUS_AT_ADDRESS, 0, 0x50000), sigp(m, SIGP.STORE_STATUS_AT_ADDRESS, 1, 0x3ffe00), sigp(m, SIGP.STORE_STATUS_AT_ADDRESS, 1, 0x501ff)]).toEqual([
      stored(0x200),
      ACCEPTED,
      ACCEPTED,
    ])
    expect(sigp(m, SIGP.STORE_STATUS_AT_ADDRESS, 1, 0x400000)).toEqual(stored(0x100))
    const dv = m.storage.dv
    // save-area layout relative to 0x1200: GRs +0x80, PSW +0x100, prefix +0x118, CRs +0x180
    expect({ gr5: dv.getUint32(0x50000 + 0x80 + 5 * 8 + 4), psw: dv.getUint32(0x50000 + 0x100 + 12), prefix: dv.getUint32(0x50000 + 0x118), cr6: dv.getUint32(0x50000 + 0x180 + 6 * 8 + 4) }).toEqual({
      gr5: 0x55555555,
      psw: 0x2468,
      prefix: 0x40000,
      cr6: 0x66666666,
    })
    // no architectural-mode byte for the at-address form
    expect(dv.getUint8(0xa3)).toBe(0)
  })

  it('stop and store status of a stopped CPU stores into the absolute lowcore and sets the z/Architecture mode byte', () => {
    const m = machine()
    m.cpus[1]!.rl[7] = 0x77777777
    m.cpus[0]!.prefix = 0x60000
    expect(sigp(m, SIGP.STOP_AND_STORE_STATUS, 1)).toEqual(ACCEPTED)
    expect({ gr7: m.storage.dv.getUint32(0x1280 + 7 * 8 + 4), mode: m.storage.dv.getUint8(0xa3), stopped: m.cpus[1]!.stopped }).toEqual({ gr7: 0x77777777, mode: 1, stopped: true })
  })

  it('store additional status: length codes as QEMU checks them, vector registers stored', () => {
    const m = machine()
    const t = m.cpus[1]!
    t.vr[0] = 0x01020304
    t.vr[127] = 0x7f7f7f7f
    expect(sigp(m, SIGP.STORE_ADDITIONAL_STATUS, 0, 0x50000)).toEqual(stored(0x200))
    expect(sigp(m, SIGP.STORE_ADDITIONAL_STATUS, 1, 0x50200)).toEqual(stored(0x100)) // not 1K aligned
    expect(sigp(m, SIGP.STORE_ADDITIONAL_STATUS, 1, 0x5000a)).toEqual(stored(0x100)) // LC 10 needs guarded storage
    expect(sigp(m, SIGP.STORE_ADDITIONAL_STATUS, 1, 0x50000)).toEqual(ACCEPTED)
    expect([m.storage.dv.getUint32(0x50000), m.storage.dv.getUint32(0x50000 + 508)]).toEqual([0x01020304, 0x7f7f7f7f])

    const gs = machine({ guardedStorage: true })
    expect([sigp(gs, SIGP.STORE_ADDITIONAL_STATUS, 1, 0x5000b), sigp(gs, SIGP.STORE_ADDITIONAL_STATUS, 1, 0x5040b), sigp(gs, SIGP.STORE_ADDITIONAL_STATUS, 1, 0x5000d)]).toEqual([
      ACCEPTED,
      stored(0x100),
      stored(0x100),
    ])

    const none = machine({ vector: false })
    expect(sigp(none, SIGP.STORE_ADDITIONAL_STATUS, 1, 0x50000)).toEqual(stored(0x02))
  })

  it('restart starts a stopped CPU through the restart-new PSW of its own lowcore', () => {
    const m = machine()
    const dv = m.storage.dv
    sigp(m, SIGP.SET_PREFIX, 1, 0x40000)
    dv.setUint32(0x401a0, 0x00000001)
    dv.setUint32(0x401a4, 0x80000000)
    dv.setUint32(0x401ac, 0x3000)
    dv.setUint32(0x3000, 0xa7f40000)
    m.cpus[1]!.loadPsw(0x00000001, 0x80000000, 0x1234)
    expect(sigp(m, SIGP.RESTART, 1)).toEqual(ACCEPTED)
    m.run(10_000)
    expect({ ia: m.cpus[1]!.ia, old: dv.getUint32(0x40120 + 12), stopped: m.cpus[1]!.stopped }).toEqual({ ia: 0x3000, old: 0x1234, stopped: false })
  })

  it('emergency signal and external call reach an enabled CPU with the sender address', () => {
    const m = machine({ cpuAddrs: [0, 5] })
    const t = m.cpus[1]!
    const dv = m.storage.dv
    t.prefix = 0x40000
    dv.setUint32(0x401b0, 0x00000001)
    dv.setUint32(0x401b4, 0x80000000)
    dv.setUint32(0x401bc, 0x3000)
    dv.setUint32(0x3000, 0xa7f40000)
    // enabled wait for external interruptions, CR0 emergency-signal and external-call subclasses
    t.crl[0] = t.crl[0]! | 0x4000 | 0x2000
    t.loadPsw(0x01020001, 0x80000000, 0x2000)
    expect([sigp(m, SIGP.START, 5), sigp(m, SIGP.EMERGENCY_SIGNAL, 5)]).toEqual([ACCEPTED, ACCEPTED])
    m.run(1000)
    // the external old PSW is the PSW as it was, wait bit included (POP ch. 6; QEMU stores it so too)
    expect({ ia: t.ia, code: dv.getUint16(0x40086), from: dv.getUint16(0x40084), oldWait: (dv.getUint32(0x40130) & 0x00020000) !== 0 }).toEqual({ ia: 0x3000, code: 0x1201, from: 0, oldWait: true })
    t.loadPsw(0x01020001, 0x80000000, 0x2000)
    expect(sigp(m, SIGP.EXTERNAL_CALL, 5)).toEqual(ACCEPTED)
    m.run(1000)
    expect({ ia: t.ia, code: dv.getUint16(0x40086) }).toEqual({ ia: 0x3000, code: 0x1202 })
  })

  it('conditional emergency signal: refused only for a stopped, enabled CPU outside the given address space', () => {
    const m = machine()
    const t = m.cpus[1]!
    t.loadPsw(0x03000001, 0x80000000, 0x2000)
    t.crl[4] = 0x0007
    t.crl[3] = 0x0009
    expect([sigp(m, SIGP.COND_EMERGENCY_SIGNAL, 1, 0x0008), sigp(m, SIGP.COND_EMERGENCY_SIGNAL, 1, 0x0007)]).toEqual([stored(0x200), ACCEPTED])
    expect(t.emergencyFrom.has(0)).toBe(true)
    t.emergencyFrom.clear()
    // disabled for I/O: signalled whatever the ASN
    t.loadPsw(0x01000001, 0x80000000, 0x2000)
    expect(sigp(m, SIGP.COND_EMERGENCY_SIGNAL, 1, 0x0008)).toEqual(ACCEPTED)
    expect(t.emergencyFrom.has(0)).toBe(true)
  })

  it('set architecture is refused (z/Architecture only) with invalid parameter', () => {
    const m = machine()
    expect(sigp(m, SIGP.SET_ARCHITECTURE, 0, 2)).toEqual(stored(0x100))
  })
})
