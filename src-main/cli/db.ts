// `labcon db copy <from> <to>` and `labcon db check`: moving a lab between SQLite and PostgreSQL, and checking a
// database. Locations are SQLite files or postgresql:// URLs; every message shows URLs without their password.
import { EXIT, UsageError, flag, parseCommand, str } from './args'
import { DB_OPTION, dbPathOf, io, json, table, type Command } from './command'

/** `labcon db --help`. */
const HELP = `Usage: labcon db copy <from> <to> [--json]
       labcon db check [--db file|url] [--json]

copy   copies every row of the database <from> into the empty database <to>, keeping ids (links, exports and run
       numbers stay valid), then compares the row counts of every table; either side may be an SQLite file or a
       postgresql://user@host[:port]/database URL (password from the URL, PGPASSWORD or, in the app, the keychain).
       Both are created or migrated to the current schema first. Exit 3 when <to> is not empty or a count differs.
check  reports the schema version, the rows per table and integrity problems (SQLite: integrity_check and
       foreign_key_check; both engines: results without a log, results whose run differs from their slot's,
       finished runs without a finish time). Exit 0 when clean, 3 otherwise.
`

async function cmdDb(argv: string[]): Promise<number> {
  const p = parseCommand('db', argv, { ...DB_OPTION, json: { type: 'boolean' } }, 3)
  if (flag(p, 'help')) return (io.out(HELP), EXIT.OK)
  const [sub, ...args] = p.positionals
  const { copyDb, checkDb } = await import('@main/db/copy')
  const { redactUrl } = await import('@main/db/pg/connect')
  switch (sub) {
    case 'copy': {
      if (args.length !== 2) throw new UsageError('db copy', 'expects <from> <to> (SQLite files or postgresql:// URLs)')
      if (str(p, 'db') !== undefined) throw new UsageError('db copy', '--db does not apply: name both databases')
      const [from, to] = args as [string, string]
      const { dbLocation } = await import('@main/db/location')
      let last = ''
      const report = await copyDb(dbLocation(from), dbLocation(to), {}, (t, n) => {
        if (!flag(p, 'json') && process.stderr.isTTY && t !== last) io.err(`copying ${t}…\n`)
        last = t
        void n
      })
      if (flag(p, 'json')) io.out(json(report))
      else {
        io.out(`copied ${report.from} → ${report.to}: ${report.rows} rows, counts equal\n`)
        io.out(table(['TABLE', 'FROM', 'TO'], report.tables.map((t) => [t.table, String(t.from), String(t.to)])))
      }
      return EXIT.OK
    }
    case 'check': {
      if (args.length !== 0) throw new UsageError('db check', `unexpected argument '${redactUrl(args[0] as string)}' (use --db)`)
      const report = await checkDb(await dbPathOf(p))
      if (flag(p, 'json')) io.out(json(report))
      else {
        io.out(`${report.location} (${report.engine}): schema version ${report.schemaVersion} (this program: ${report.supportedVersion})\n`)
        io.out(table(['TABLE', 'ROWS'], Object.entries(report.tables).map(([t, n]) => [t, String(n)])))
        io.out(report.ok ? 'integrity: ok\n' : `integrity: ${report.problems.length} problem(s)\n${report.problems.map((x) => `  ${x}\n`).join('')}`)
      }
      return report.ok ? EXIT.OK : EXIT.ERROR
    }
    case undefined:
      throw new UsageError('db', 'missing subcommand (copy or check)')
    default:
      throw new UsageError('db', `unknown subcommand '${sub}' (copy or check)`)
  }
}

/** The `labcon db` command. */
export const command: Command = { help: HELP, run: cmdDb }
