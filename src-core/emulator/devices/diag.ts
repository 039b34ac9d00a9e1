// DIAGNOSE (hypervisor calls) as a KVM/QEMU host answers them: 0x44/0x9c yield, 0x10 release pages,
// 0x288 watchdog, 0x308 IPL functions, 0x318 control-program name, 0x500 KVM hypercall (virtio-ccw notify).
import type { Cpu } from '../cpu/cpu.ts'
import { pgm } from '../cpu/exceptions.ts'
import { PGM_ADDRESSING, PGM_SPECIFICATION } from '../cpu/constants.ts'

/** Executes DIAGNOSE code `code` (second-operand address bits 48-63). */
export function diag(c: Cpu, code: number): void {
  switch (code) {
    case 0x44:
    case 0x9c:
      return
    case 0x10: {
      // As KVM checks it: page-aligned start and end, start below end, not in the first two pages.
      const start = c.rnum(c.r1)
      const end = c.rnum(c.r3)
      if (start % 4096 !== 0 || end % 4096 !== 0 || start >= end || start < 0x2000) pgm(PGM_SPECIFICATION)
      if (end >= c.mem.size) pgm(PGM_ADDRESSING)
      return
    }
    case 0x288:
      c.m.watchdog(c)
      return
    case 0x308:
      c.m.diag308(c)
      return
    case 0x500:
      return diag500(c)
    default:
      pgm(PGM_SPECIFICATION)
  }
}

/** DIAG 0x500 subcode (GR1) of the virtio-ccw queue notification, the only one QEMU 7.2 registers. */
const DIAG500_VIRTIO_CCW_NOTIFY = 3n
/** Queues per virtio device (QEMU's VIRTIO_QUEUE_MAX). */
const VIRTIO_QUEUE_MAX = 1024n
const EINVAL = 22n

/**
 * DIAGNOSE 0x500, the KVM hypercall: subcode in GR1 (another subcode: specification, as QEMU answers it); for the
 * virtio-ccw notification GR2 holds the subchannel id (bits 32-63), GR3 the queue index, and GR2 receives 0 when
 * they name a virtio-ccw subchannel and a queue below 1024, else -EINVAL. Virtqueues are not modelled: a valid
 * notification has nothing to process.
 */
function diag500(c: Cpu): void {
  if (c.r64(1) !== DIAG500_VIRTIO_CCW_NOTIFY) pgm(PGM_SPECIFICATION)
  const ok = c.m.css.isVirtioSubchannel(c.rl[2]! >>> 0) && c.r64(3) < VIRTIO_QUEUE_MAX
  c.setR64(2, ok ? 0n : -EINVAL)
}
