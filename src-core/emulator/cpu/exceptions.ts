// Guest program exceptions and emulator defects: a leaf module, so instruction handlers, devices and the CPU can
// all raise them without importing the CPU (which imports the decoder, which imports the handlers).
import { LabError } from '../../domain/errors.ts'

/** A program-interruption condition raised by an instruction; caught by the loop and delivered through lowcore. */
export class ProgramException {
  constructor(
    readonly code: number,
    /** Overrides the instruction length code (0 for exceptions recognized at PSW load). */
    readonly ilc: number = -1,
    /** Overrides nullification: false makes a normally nullifying code suppress (old PSW past the instruction). */
    readonly nullify: boolean | null = null,
  ) {}
}

/** An emulator defect (not a guest condition): ends the run as an infrastructure error; reported as a bug of ours. */
export class EmulatorError extends LabError {
  override name = 'EmulatorError'
  readonly kind = 'bug'
}

/** Throws a program exception; typed `never` so handlers can `return pgm(...)`. */
export function pgm(code: number): never {
  throw new ProgramException(code)
}
