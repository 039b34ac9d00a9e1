// The command table as `labcon --help` shows it: names, synopses and summaries only, no code to load. Shared by the
// dispatcher (main.ts, which adds each command's module) and the CommonJS fast path (entry.ts), which prints this
// help without loading the dispatcher.

/** One command as `labcon --help` lists it. */
export interface CommandSummary {
  name: string
  synopsis: string
  summary: string
}

/** Every command, in `labcon --help` order. Registering a command: a line here and its module in main.ts. */
export const COMMAND_SUMMARIES = [
  { name: 'import', synopsis: '<build dir | dir | unittests.cfg>', summary: 'import a kvm-unit-tests catalog' },
  { name: 'env', synopsis: 'list|add|remove|check', summary: 'manage environments' },
  { name: 'run', synopsis: '--catalog <dir|cfg> --env <names>', summary: 'run tests, store and print the results' },
  { name: 'results', synopsis: '--run <id>', summary: 'show the results of a run' },
  { name: 'runs', synopsis: '[--limit N] [filters]', summary: 'list runs (filter, sort, page)' },
  { name: 'compare', synopsis: '<sideA> <sideB>', summary: 'compare two sides (exit 1 on regressions)' },
  { name: 'regressions', synopsis: '[--catalog C] [--env E]', summary: 'tests failing now: last good and first bad run' },
  { name: 'export', synopsis: '--run <id> --format tap|junit|json', summary: 'export a run as TAP 13, JUnit XML or JSON' },
  { name: 'start', synopsis: '[--browser|--electron] [--port N]', summary: 'start the console (Electron, or the web server)' },
  { name: 'emu', synopsis: '...', summary: "the built-in emulator's tools" },
  { name: 'db', synopsis: 'copy <from> <to> | check', summary: 'copy a lab between SQLite and PostgreSQL; check a database' },
] as const satisfies readonly CommandSummary[]

/** A command name of the table. */
export type CommandName = (typeof COMMAND_SUMMARIES)[number]['name']

/** `labcon --help`: the command table, then what every command shares. */
export const MAIN_HELP = `Usage: labcon <command> [options]

Commands:
${COMMAND_SUMMARIES.map((c) => `  ${`${c.name} ${c.synopsis}`.padEnd(43)}${c.summary}\n`).join('')}
Every command takes --db <file | postgresql://user@host/db> (default: $LABCON_DB, else the user data directory)
and --help.
Exit codes: 0 ok, 1 failing verdicts / regressions, 2 usage error, 3 error (missing file, unknown name, ...),
4 run incomplete (interrupted, cancelled, unfinished tests), 130 interrupted.
`

/** Whether `argv` asks for the main help: no command, or -h, --help or help without a command name after it. */
export function asksMainHelp(argv: readonly string[]): boolean {
  const [command, topic] = argv
  if (command === undefined) return true
  return (command === '-h' || command === '--help' || command === 'help') && !COMMAND_SUMMARIES.some((c) => c.name === topic)
}
