// `labcon runs`: list runs (filter, sort, page).
import { RUN_STATES } from '@core/api/lab-api'
import { VERDICTS, type Verdict } from '@core/domain/results'
import { EXIT, UsageError, flag, parseCommand, posInt, str } from './args'
import { DB_OPTION, findCatalog, io, json, oneOfOption, table, withService, type Command } from './command'

/** `labcon runs --help`. */
const HELP = `Usage: labcon runs [--limit N] [--offset N] [--catalog C] [--env E] [--state S] [--verdict V]
                   [--sort id|startedAt|catalog|state] [--asc] [--json] [--db file]

Lists runs, newest first (default 20): id, state, catalog, environments, start time, verdict counts.
--catalog (id, name or imported path), --env, --state (${RUN_STATES.join(', ')}) and --verdict (runs with at least one
result of that verdict) filter; --sort/--asc order; --limit/--offset page (the total goes to stderr).
--json prints the runs array.
`

async function cmdRuns(argv: string[]): Promise<number> {
  const p = parseCommand(
    'runs',
    argv,
    {
      ...DB_OPTION,
      limit: { type: 'string' },
      offset: { type: 'string' },
      catalog: { type: 'string' },
      env: { type: 'string' },
      state: { type: 'string' },
      verdict: { type: 'string' },
      sort: { type: 'string' },
      asc: { type: 'boolean' },
      json: { type: 'boolean' },
    },
    0,
  )
  if (flag(p, 'help')) return (io.out(HELP), EXIT.OK)
  const limit = posInt('runs', p, 'limit', 1000) ?? 20
  const offsetText = str(p, 'offset')
  if (offsetText !== undefined && !/^\d+$/.test(offsetText)) throw new UsageError('runs', `--offset expects a whole number, got '${offsetText}'`)
  const state = oneOfOption('runs', p, 'state', RUN_STATES)
  const verdict = oneOfOption('runs', p, 'verdict', VERDICTS)
  const sort = oneOfOption('runs', p, 'sort', ['id', 'startedAt', 'catalog', 'state'] as const)
  return withService(p, async (s) => {
    const catalog = str(p, 'catalog')
    const page = await s.runs.query({
      limit,
      ...(offsetText !== undefined ? { offset: Number(offsetText) } : {}),
      ...(catalog !== undefined ? { catalogId: findCatalog(s, catalog) } : {}),
      ...(str(p, 'env') !== undefined ? { env: str(p, 'env') as string } : {}),
      ...(state !== undefined ? { state } : {}),
      ...(verdict !== undefined ? { verdict } : {}),
      ...(sort !== undefined ? { sort } : {}),
      order: flag(p, 'asc') ? 'asc' : 'desc',
    })
    if (flag(p, 'json')) io.out(json(page.runs))
    else {
      const counts = (v: Partial<Record<Verdict, number>>): string =>
        Object.entries(v)
          .map(([k, n]) => `${n} ${k}`)
          .join(', ') || '-'
      const runs = page.runs
      io.out(table(['ID', 'STATE', 'CATALOG', 'ENVS', 'STARTED', 'DONE', 'VERDICTS'], runs.map((r) => [String(r.id), r.state, r.catalogName, r.envs.join(','), r.startedAt, `${r.done}/${r.total}`, counts(r.verdicts)])))
    }
    io.err(`labcon runs: ${page.runs.length ? `${page.offset + 1}-${page.offset + page.runs.length}` : 'none'} of ${page.total}\n`)
    return EXIT.OK
  })
}

/** The `labcon runs` command. */
export const command: Command = { help: HELP, run: cmdRuns }
