// `labcon regressions`: tests failing now, with the last good and the first bad run.
import { formatSide } from '@core/domain/side'
import { EXIT, flag, parseCommand, str } from './args'
import { DB_OPTION, findCatalog, io, json, table, withService, type Command } from './command'

/** `labcon regressions --help`. */
const HELP = `Usage: labcon regressions [--catalog C] [--env E] [--test T] [--never-passed] [--json] [--db file]

Per test x environment failing now (latest FAIL, TIMEOUT or SIGNAL): the last run where it passed, the first run of
the failing streak ("failing since") with its level, and the compare command for exactly those two. SKIP, INFRA,
CANCELLED and NOTRUN neither break nor start a streak. Scoped to one catalog (default: that of the most recent run).
--never-passed also lists tests that never passed there. Exit code 1 when there is at least one regression, else 0.
`

async function cmdRegressions(argv: string[]): Promise<number> {
  const p = parseCommand(
    'regressions',
    argv,
    { ...DB_OPTION, catalog: { type: 'string' }, env: { type: 'string' }, test: { type: 'string' }, 'never-passed': { type: 'boolean' }, json: { type: 'boolean' } },
    0,
  )
  if (flag(p, 'help')) return (io.out(HELP), EXIT.OK)
  return withService(p, async (s) => {
    const catalog = str(p, 'catalog')
    const list = await s.results.regressions({
      ...(catalog !== undefined ? { catalogId: findCatalog(s, catalog) } : {}),
      ...(str(p, 'env') !== undefined ? { env: str(p, 'env') as string } : {}),
      ...(str(p, 'test') !== undefined ? { test: str(p, 'test') as string } : {}),
      ...(flag(p, 'never-passed') ? { includeNeverPassed: true } : {}),
    })
    if (flag(p, 'json')) io.out(json(list))
    else if (list.length === 0) io.out('no regressions\n')
    else {
      const at = (r: { runId: number; level: string } | null): string => (r ? `run ${r.runId} (${r.level || '-'})` : 'never passed')
      io.out(
        table(
          ['TEST', 'ENV', 'LAST GOOD', 'FIRST BAD', 'LATEST', 'FAILURES', 'COMPARE'],
          list.map((r) => [
            r.test,
            r.env,
            at(r.lastGood),
            `${at(r.firstBad)} ${r.firstBad.verdict}`,
            `run ${r.latest.runId} ${r.latest.verdict}`,
            String(r.failures),
            r.compare ? `labcon compare ${formatSide(r.compare.a)} ${formatSide(r.compare.b)}` : '-',
          ]),
        ),
      )
    }
    return list.some((r) => r.lastGood !== null) ? EXIT.FAILED : EXIT.OK
  })
}

/** The `labcon regressions` command. */
export const command: Command = { help: HELP, run: cmdRegressions }
