// The compiled CLI's first module (out/cli/entry.cjs, CommonJS, loaded by src-main/cli/labcon.cjs). It answers
// `labcon --help` and runs `labcon emu` (out/cli/emu.cjs with V8's code cache) without Node's ES module loader, and
// hands every other command to the dispatcher (out/cli/main.js, ES modules split per command).
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { EXIT } from './args'
import type { Command } from './command'
import { requireWithCodeCache } from './code-cache'
import { asksMainHelp, MAIN_HELP } from './help'
import { exitQuietlyOnEpipe, writeStdoutNow } from './io'
import { reportError } from './report'

/** Runs labcon with `argv` (without node and script); resolves to the process exit code. */
export async function run(argv: string[]): Promise<number> {
  try {
    if (asksMainHelp(argv)) {
      writeStdoutNow(MAIN_HELP)
      return argv.length === 0 ? EXIT.USAGE : EXIT.OK
    }
    exitQuietlyOnEpipe()
    if (argv[0] === 'emu') {
      // The cache is written after the first run, so that it holds the functions a run compiles too.
      const emu = requireWithCodeCache<{ command: Command }>(join(__dirname, 'emu.cjs'), join(__dirname, 'cache'), undefined, 'later')
      try {
        return await emu.exports.command.run(argv.slice(1))
      } finally {
        emu.save()
      }
    }
    const { main } = (await import(pathToFileURL(join(__dirname, 'main.js')).href)) as typeof import('./main')
    return await main(argv)
  } catch (err) {
    return await reportError(err, argv[0])
  }
}
