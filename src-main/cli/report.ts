// How labcon reports a failure on stderr and which exit code it gives. Used by the dispatcher (main.ts) and by the
// emu bundle (emu-cli.ts), each with its own copy of the error classes, so that `instanceof` holds in both.
import { errorReportOf } from '@core/domain/errors'
import { UsageError } from './args'
import { io } from './io'

/** Prints a failure and gives its exit code; the escaping of messages is loaded only here, never for `--help`. */
export async function reportError(err: unknown, command: string | undefined): Promise<number> {
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
