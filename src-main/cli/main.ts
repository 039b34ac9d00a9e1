// labcon: the headless command line (CI use). A stable contract documented in README.md ("CLI"): commands, options,
// JSON shapes and exit codes. Every command goes through the one LabService. This file only dispatches: each command
// is a module (./import.ts, ./env.ts, ...) with its help text and options, loaded when it is invoked, so `--help`
// and usage errors load nothing else.
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { errorReportOf } from '@core/domain/errors'
import { EXIT, UsageError } from './args'
import type { Command } from './command'
import { io } from './io'

/** One entry of the command table: the synopsis and summary `labcon --help` shows, and the module to load. */
interface CommandEntry {
  name: string
  synopsis: string
  summary: string
  load: () => Promise<{ command: Command }>
}

/** Every command, in `labcon --help` order. Registering a command is one line here. */
const COMMANDS: readonly CommandEntry[] = [
  { name: 'import', synopsis: '<build dir | dir | unittests.cfg>', summary: 'import a kvm-unit-tests catalog', load: () => import('./import') },
  { name: 'env', synopsis: 'list|add|remove|check', summary: 'manage environments', load: () => import('./env') },
  { name: 'run', synopsis: '--catalog <dir|cfg> --env <names>', summary: 'run tests, store and print the results', load: () => import('./run') },
  { name: 'results', synopsis: '--run <id>', summary: 'show the results of a run', load: () => import('./results') },
  { name: 'runs', synopsis: '[--limit N] [filters]', summary: 'list runs (filter, sort, page)', load: () => import('./runs') },
  { name: 'compare', synopsis: '<sideA> <sideB>', summary: 'compare two sides (exit 1 on regressions)', load: () => import('./compare') },
  { name: 'regressions', synopsis: '[--catalog C] [--env E]', summary: 'tests failing now: last good and first bad run', load: () => import('./regressions') },
  { name: 'export', synopsis: '--run <id> --format tap|junit|json', summary: 'export a run as TAP 13, JUnit XML or JSON', load: () => import('./export') },
  { name: 'start', synopsis: '[--browser|--electron] [--port N]', summary: 'start the console (Electron, or the web server)', load: () => import('./start') },
  { name: 'emu', synopsis: '...', summary: "the built-in emulator's tools", load: () => loadEmu() },
  { name: 'db', synopsis: 'copy <from> <to> | check', summary: 'copy a lab between SQLite and PostgreSQL; check a database', load: () => import('./db') },
]

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
  return import('./emu')
}

/** `labcon --help`: the command table, then what every command shares. */
const MAIN_HELP = `Usage: labcon <command> [options]

Commands:
${COMMANDS.map((c) => `  ${`${c.name} ${c.synopsis}`.padEnd(43)}${c.summary}\n`).join('')}
Every command takes --db <file | postgresql://user@host/db> (default: $LABCON_DB, else the user data directory)
and --help.
Exit codes: 0 ok, 1 failing verdicts / regressions, 2 usage error, 3 error (missing file, unknown name, ...),
4 run incomplete (interrupted, cancelled, unfinished tests), 130 interrupted.
`

/** `labcon help <command>`: that command's help, or the main help for no, an unknown or a self-documenting command. */
async function helpOf(name: string | undefined): Promise<string> {
  const entry = COMMANDS.find((c) => c.name === name)
  return (entry && (await entry.load()).command.help) ?? MAIN_HELP
}

/** Runs labcon with `argv` (without node and script); resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  try {
    if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
      io.out(await helpOf(rest[0]))
      return command === undefined ? EXIT.USAGE : EXIT.OK
    }
    const entry = COMMANDS.find((c) => c.name === command)
    if (!entry) throw new UsageError('labcon', `unknown command '${command}' (commands: ${COMMANDS.map((c) => c.name).join(', ')})`)
    return await (await entry.load()).command.run(rest)
  } catch (err) {
    return await reportError(err, command)
  }
}

/** Prints a failure and gives its exit code; the escaping of messages is loaded only here, never for `--help`. */
async function reportError(err: unknown, command: string | undefined): Promise<number> {
  if (err instanceof UsageError) {
    io.err(`labcon ${err.message}\nRun 'labcon ${err.command === 'labcon' ? '' : `${err.command.replace(/^labcon /, '')} `}--help' for usage.\n`.replace('labcon labcon', 'labcon'))
    return errorReportOf(err).exit
  }
  const e = err instanceof Error ? err : new Error(String(err))
  const { printable } = await import('@core/domain/catalog')
  // Messages can quote input (file names, catalog lines): never let them send escape sequences to the terminal.
  const message = e.message || `unexpected error with no message (rerun with LABCON_DEBUG=1 for where it came from)`
  io.err(`labcon${command ? ` ${command}` : ''}: ${e.name}: ${message.split('\n').map((l) => printable(l, 4000)).join('\n')}\n`)
  if (process.env['LABCON_DEBUG']) io.err(`${e.stack ?? ''}\n`)
  return errorReportOf(e).exit
}
