// labcon: the headless command line (CI use). A stable contract documented in README.md ("CLI"): commands, options,
// JSON shapes and exit codes. Every command goes through the one LabService. This file only dispatches: each command
// is a module (./import.ts, ./env.ts, ...) with its help text and options, loaded when it is invoked, so `--help`
// and usage errors load nothing else.
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { EXIT, UsageError } from './args'
import type { Command } from './command'
import { COMMAND_SUMMARIES, MAIN_HELP, type CommandName } from './help'
import { io } from './io'
import { reportError } from './report'

/** The module of each command, loaded when the command is invoked (the table itself is in help.ts). */
const LOADERS: Record<CommandName, () => Promise<{ command: Command }>> = {
  import: () => import('./import'),
  env: () => import('./env'),
  run: () => import('./run'),
  results: () => import('./results'),
  runs: () => import('./runs'),
  compare: () => import('./compare'),
  regressions: () => import('./regressions'),
  export: () => import('./export'),
  start: () => import('./start'),
  emu: () => loadEmu(),
  db: () => import('./db'),
}

/** Set by scripts/build-node.mjs: the compiled CLI runs `emu` from out/cli/emu.cjs with V8's code cache. */
declare const LABCON_EMU_CJS: boolean | undefined

/**
 * The emu command. Compiled: the CommonJS bundle next to this file through the code cache (the emulator is most of
 * what `labcon emu` compiles, and Node 20 caches no ES module code); from sources (tsx): the module itself.
 */
async function loadEmu(): Promise<{ command: Command }> {
  if (typeof LABCON_EMU_CJS !== 'undefined' && LABCON_EMU_CJS) {
    const { requireWithCodeCache } = await import('./code-cache')
    const here = fileURLToPath(new URL('.', import.meta.url))
    return requireWithCodeCache<{ command: Command }>(join(here, 'emu.cjs'), join(here, 'cache')).exports
  }
  return import('./emu-cli')
}

const commandNamed = (name: string | undefined): CommandName | undefined => COMMAND_SUMMARIES.find((c) => c.name === name)?.name

/** `labcon help <command>`: that command's help, or the main help for no, an unknown or a self-documenting command. */
async function helpOf(name: string | undefined): Promise<string> {
  const known = commandNamed(name)
  return (known && (await LOADERS[known]()).command.help) ?? MAIN_HELP
}

/** Runs labcon with `argv` (without node and script); resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  try {
    if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
      io.out(await helpOf(rest[0]))
      return command === undefined ? EXIT.USAGE : EXIT.OK
    }
    const known = commandNamed(command)
    if (!known) throw new UsageError('labcon', `unknown command '${command}' (commands: ${COMMAND_SUMMARIES.map((c) => c.name).join(', ')})`)
    return await (await LOADERS[known]()).command.run(rest)
  } catch (err) {
    return await reportError(err, command)
  }
}
