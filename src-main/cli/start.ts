// `labcon start`: the console as the Electron app, or the same UI and API served to a browser.
import { EXIT, UsageError, flag, parseCommand, str } from './args'
import { DB_OPTION, dbPathOf, io, type Command } from './command'

/** `labcon start --help`. */
const HELP = `Usage: labcon start [--browser | --electron] [--port N] [--host H] [--db file]

Starts the console: the Electron app when its binary is installed, otherwise the same UI and API served on
http://127.0.0.1:<port> (printed). Stops on Ctrl-C. A missing Electron binary is downloaded once; when that fails,
later starts serve the browser UI at once. --browser always serves the browser UI; --electron insists on the
Electron app (downloading it again if needed) and fails when it cannot start.
`

async function cmdStart(argv: string[]): Promise<number> {
  const p = parseCommand('start', argv, { ...DB_OPTION, port: { type: 'string' }, host: { type: 'string' }, browser: { type: 'boolean' }, electron: { type: 'boolean' } }, 0)
  if (flag(p, 'help')) return (io.out(HELP), EXIT.OK)
  if (flag(p, 'browser') && flag(p, 'electron')) throw new UsageError('start', '--browser and --electron exclude each other')
  const portText = str(p, 'port')
  if (portText !== undefined && (!/^\d+$/.test(portText) || Number(portText) > 65535)) throw new UsageError('start', `--port expects 0..65535, got '${portText}'`)
  const launch = await import('../server/launch')
  const handle = await launch.startConsole({
    dbPath: await dbPathOf(p),
    ...(flag(p, 'browser') ? { electron: false } : flag(p, 'electron') ? { electron: true } : {}),
    ...(portText !== undefined ? { port: Number(portText) } : {}),
    ...(str(p, 'host') !== undefined ? { host: str(p, 'host') as string } : {}),
  })
  await handle.done
  return EXIT.OK
}

/** The `labcon start` command. */
export const command: Command = { help: HELP, run: cmdStart }
