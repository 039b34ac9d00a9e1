// `labcon export`: a stored run as TAP 13, JUnit XML or JSON, through the service's exports (the same as the UI's).
import { writeFileSync } from 'node:fs'
import { exportRun } from '@main/service/exports'
import { EXIT, UsageError, flag, parseCommand, posInt, str } from './args'
import { DB_OPTION, io, withService, type Command } from './command'
import { inPlanOrder } from './results'

/** Export formats of `labcon export --format`. */
export const EXPORT_FORMATS = ['tap', 'junit', 'json'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

/** `labcon export --help`. */
const HELP = `Usage: labcon export --run <id> --format tap|junit|json [--out file] [--db file]

TAP 13 keeps XFAIL/XPASS/KFAIL as # TODO / # SKIP directives; JUnit XML keeps them as properties; JSON is the
results --json shape.
Writes to stdout unless --out is given.
`

async function cmdExport(argv: string[]): Promise<number> {
  const p = parseCommand('export', argv, { ...DB_OPTION, run: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' } }, 0)
  if (flag(p, 'help')) return (io.out(HELP), EXIT.OK)
  const runId = posInt('export', p, 'run', Number.MAX_SAFE_INTEGER)
  if (runId === undefined) throw new UsageError('export', 'missing --run <id>')
  const format = str(p, 'format')
  if (format === undefined) throw new UsageError('export', `missing --format (${EXPORT_FORMATS.join(' or ')})`)
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) throw new UsageError('export', `--format '${format}' is not one of ${EXPORT_FORMATS.join(', ')}`)
  return withService(p, async (s) => {
    const detail = await s.runs.get(runId)
    const text = exportRun({ ...detail, results: inPlanOrder(s, detail) }, format as ExportFormat, (id) => s.store.log(id).text)
    const out = str(p, 'out')
    if (out) {
      writeFileSync(out, text)
      io.err(`labcon export: run ${runId} written to ${out} (${format})\n`)
    } else io.out(text)
    return EXIT.OK
  })
}

/** The `labcon export` command. */
export const command: Command = { help: HELP, run: cmdExport }
