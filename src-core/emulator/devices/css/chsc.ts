// CHANNEL SUBSYSTEM CALL (QEMU target/s390x/ioinst.c): store channel-subsystem characteristics and store
// channel-path description.
import type { Cpu } from '../../cpu/cpu.ts'
import { pgm } from '../../cpu/exceptions.ts'
import { PGM_SPECIFICATION } from '../../cpu/constants.ts'
import { VIRTIO_CCW_CHPID_TYPE } from '../ccw-device.ts'
import { PGM_OPERAND, VIRTUAL_CSSID, CHPID } from './subchannel.ts'

/** CHANNEL SUBSYSTEM CALL: store channel-subsystem characteristics (0x0010), store channel-path description
 * (0x0002); other commands answer "command not installed" (0x0004).
 * `pathInstalled`: the channel path exists (some device is configured). */
export function chsc(c: Cpu, a: number, pathInstalled: boolean): number {
  if (a % 4096 !== 0) pgm(PGM_SPECIFICATION)
  c.probe(a, 16, 0)
  const len = c.rd16(a)
  const code = c.rd16(a + 2)
  const p0 = c.rd32(a + 4) >>> 0
  const p1 = c.rd32(a + 8) >>> 0
  const p2 = c.rd32(a + 12) >>> 0
  if (len < 16 || len > 4088 || len % 8 !== 0) pgm(PGM_OPERAND)
  const res = new Uint8Array(4096 - len)
  const dv = new DataView(res.buffer)
  let rlen = 8
  let rcode: number
  let param = 0
  if (code === 0x0010) {
    const cssid = (p0 >>> 8) & 0xff
    if (len !== 16) rcode = 0x0003
    else if (p0 & 0x000f0000) rcode = 0x0007
    else if (cssid !== 0 && (!(p0 & 0x20000000) || cssid !== VIRTUAL_CSSID)) rcode = 0x0008
    else if (p0 & 0xdff000ff || p1 || p2) rcode = 0x0003
    else {
      rcode = 0x0001
      rlen = 4080
      // General characteristics (bits 6, 7, 45, 46, 47, 48, 51, 108) and CHSC characteristics (bits 1, 109).
      dv.setUint32(8, 0x03000000)
      dv.setUint32(12, 0x00079000)
      dv.setUint32(20, 0x00080000)
      dv.setUint32(8 + 510 * 4, 0x40000000)
      dv.setUint32(8 + 510 * 4 + 12, 0x00040000)
    }
  } else if (code === 0x0002) {
    let rfmt = (p0 >>> 8) & 0xf
    if (rfmt === 0 || rfmt === 1) rfmt = p0 & 0x10000000 ? 1 : 0
    param = rfmt
    const cssid = (p0 >>> 16) & 0xff
    if (len !== 16 || p0 & 0xc000f000 || p1 & 0xffffff00 || p2) rcode = 0x0003
    else if (p0 & 0x0f000000) rcode = 0x0007
    else if (cssid !== 0 && (!(p0 & 0x20000000) || cssid !== VIRTUAL_CSSID)) rcode = 0x0008
    else if ((p1 & 0xff) < (p0 & 0xff)) rcode = 0x0003
    else {
      rcode = 0x0001
      let off = 8
      if (pathInstalled && (p0 & 0xff) <= CHPID && CHPID <= (p1 & 0xff) && rfmt <= 1) {
        dv.setUint32(off, (0x80000000 | (VIRTIO_CCW_CHPID_TYPE << 8) | CHPID) >>> 0)
        off += rfmt === 0 ? 8 : 32
      }
      rlen = off
    }
  } else {
    rcode = 0x0004
  }
  dv.setUint16(0, rlen)
  dv.setUint16(2, rcode)
  dv.setUint32(4, param)
  c.probe(a + len, rlen, 1)
  for (let i = 0; i < rlen; i += 4) c.wr32(a + len + i, dv.getInt32(i))
  return 0
}
