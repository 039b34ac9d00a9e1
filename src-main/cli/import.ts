// `labcon import`: parse a kvm-unit-tests catalog and store it.
import { EXIT, UsageError, flag, parseCommand } from './args'
import { DB_OPTION, io, json, withService, type Command } from './command'

/** `labcon import --help`. */
const HELP = `Usage: labcon import <kvm-unit-tests build dir | directory with unittests.cfg | unittests.cfg> [--db file] [--json]
                     [--allow-outside-kernels]

Parses unittests.cfg, finds the kernels next to it (s390x/ in a build directory) and stores the catalog.
Re-importing the same path updates it. Missing kernels are listed on stderr. A 'file =' that leaves the catalog's
directory (../, an absolute path, a symlink out) is refused unless --allow-outside-kernels is given (also for run).
`

async function cmdImport(argv: string[]): Promise<number> {
  const p = parseCommand('import', argv, { ...DB_OPTION, json: { type: 'boolean' }, 'allow-outside-kernels': { type: 'boolean' } }, 1)
  if (flag(p, 'help')) return (io.out(HELP), EXIT.OK)
  const path = p.positionals[0]
  if (path === undefined) throw new UsageError('import', 'missing the catalog path (a kvm-unit-tests build directory or a unittests.cfg)')
  return withService(p, async (s) => {
    const c = await s.catalogs.import(path)
    if (flag(p, 'json')) io.out(json(c))
    else io.out(`catalog ${c.id} '${c.name}': ${c.testCount} tests from ${c.source}\n`)
    if (c.missingKernels.length > 0) io.err(`labcon import: warning: ${c.missingKernels.length} kernel(s) missing: ${c.missingKernels.join(', ')}\n`)
    return EXIT.OK
  }, { allowKernelsOutsideCatalog: flag(p, 'allow-outside-kernels') })
}

/** The `labcon import` command. */
export const command: Command = { help: HELP, run: cmdImport }
