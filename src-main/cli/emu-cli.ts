// Entry of out/cli/emu.cjs (the emu command as a CommonJS bundle run with V8's code cache, src-main/cli/code-cache.ts).
// The bundle has its own copy of the error classes, so its failures are reported here, inside it.
import type { Command } from './command'
import { emuCommand } from './emu'
import { reportError } from './report'

/** `labcon emu`, reporting what it throws as the dispatcher would. */
export const command: Command = {
  run: async (argv) => {
    try {
      return await emuCommand(argv)
    } catch (err) {
      return await reportError(err, 'emu')
    }
  },
}
