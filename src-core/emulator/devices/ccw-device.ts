// I/O devices attached to the channel subsystem. The only model is a virtio-ccw device as QEMU presents it to a
// guest that does not speak virtio: control-unit type 0x3832, control-unit model = virtio device id, device type and
// model 0, no command-information words. Virtio-specific channel commands are not modelled (command reject).

/** Virtio device ids by QEMU `-device` name (the control-unit model in SENSE ID data). */
export const VIRTIO_CCW_IDS = {
  'virtio-net-ccw': 1,
  'virtio-blk-ccw': 2,
  'virtio-serial-ccw': 3,
  'virtio-rng-ccw': 4,
  'virtio-balloon-ccw': 5,
  'virtio-scsi-ccw': 8,
  'virtio-9p-ccw': 9,
  'virtio-gpu-ccw': 16,
  'virtio-input-ccw': 18,
  'virtio-crypto-ccw': 20,
} as const

/** A `-device` name that creates a virtio-ccw device. */
export type VirtioCcwName = keyof typeof VIRTIO_CCW_IDS

/** Control-unit type of every virtio-ccw device. */
export const VIRTIO_CCW_CU_TYPE = 0x3832
/** Channel-path type of the virtual channel path virtio-ccw devices hang on. */
export const VIRTIO_CCW_CHPID_TYPE = 0x32

// Format-0 CCW command codes and flags (Principles of Operation, "Channel-Command Word"), for the IPL channel
// program the card reader executes and the reader deck that carries one.
export const CCW_READ = 0x02
export const CCW_TIC = 0x08
export const CCW_FLAG_CD = 0x80
export const CCW_FLAG_CC = 0x40
export const CCW_FLAG_SLI = 0x20

/** Result of a device-specific channel command: transferred, or rejected with a unit check. */
export type CcwResult = 'ok' | 'reject'

/** A device on a subchannel. */
export interface CcwDevice {
  readonly name: string
  readonly devno: number
  /** The 256 bytes a SENSE ID command transfers (byte 0 is set by the channel subsystem). */
  senseId(): Uint8Array
  /** Device-specific commands (everything but NOP, BASIC SENSE, SENSE ID and TIC). */
  command(code: number): CcwResult
  /** Media a snapshot must carry (a reader's deck and the next card); absent: the configuration recreates the device. */
  saveState?(): { data: Uint8Array; position: number }
}

/** True when `name` is a virtio-ccw `-device` name. */
export function isVirtioCcw(name: string): name is VirtioCcwName {
  return Object.hasOwn(VIRTIO_CCW_IDS, name)
}

/** A virtio-ccw device seen through the channel subsystem only. */
export class VirtioCcwDevice implements CcwDevice {
  readonly name: string
  readonly devno: number
  private readonly id: number

  constructor(name: VirtioCcwName, devno: number) {
    this.name = name
    this.devno = devno
    this.id = VIRTIO_CCW_IDS[name]
  }

  senseId(): Uint8Array {
    const b = new Uint8Array(256)
    b[0] = 0xff
    b[1] = VIRTIO_CCW_CU_TYPE >>> 8
    b[2] = VIRTIO_CCW_CU_TYPE & 0xff
    b[3] = this.id
    return b
  }

  command(): CcwResult {
    return 'reject'
  }
}
