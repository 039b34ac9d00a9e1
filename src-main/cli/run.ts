// `labcon run`: import the catalog, run tests x environments, store and print the results.
import type { RunProgress } from '@core/api/lab-api'
import { EXIT, UsageError, flag, list, parseCommand, posInt, str } from './args'
import { DB_OPTION, NotFoundCliError, dbPathOf, io, openService, type Command } from './command'
import { exitFor, printRun, resultLine } from './results'

/** `labcon run --help`. */
const HELP = `Usage: labcon run --catalog <dir|cfg> --env <name>[,<name>...] [--group g]... [--test t]... [-j N] [--repeat N]
                  [--all] [--retries N] [-v] [--db file] [--json] [--allow-outside-kernels]

Imports (or refreshes) the catalog, then runs tests x environments x repetitions, filtered like run_tests.sh:
--group/-g and --test select (repeatable, comma lists allowed); nodefault tests only with --all, a group or a name;
arch/accel rules and missing kernels are recorded as SKIP with the reason. -j overrides each environment's
concurrency. Timeouts come from the catalog (default 90 s); the TIMEOUT variable overrides them (e.g. TIMEOUT=30s).
INFRA verdicts are retried (--retries, default 1). Progress goes to stderr; -v adds the console output there.
--json prints { "runId", "results": [ { "test", "env", "verdict", "durationMs", "summary", "subtests": [ { "status", "name" } ] } ] }.
Exit code 0 when the run completed and no result is FAIL, TIMEOUT, SIGNAL or INFRA; 1 otherwise; 4 when the run
did not complete (a database error interrupted it, tests left unfinished); 130 when interrupted (Ctrl-C).
`

async function cmdRun(argv: string[]): Promise<number> {
  const p = parseCommand(
    'run',
    argv,
    {
      ...DB_OPTION,
      catalog: { type: 'string' },
      env: { type: 'string', multiple: true },
      group: { type: 'string', multiple: true, short: 'g' },
      test: { type: 'string', multiple: true, short: 't' },
      jobs: { type: 'string', short: 'j' },
      repeat: { type: 'string' },
      retries: { type: 'string' },
      all: { type: 'boolean', short: 'a' },
      json: { type: 'boolean' },
      verbose: { type: 'boolean', short: 'v' },
      who: { type: 'string' },
      'allow-outside-kernels': { type: 'boolean' },
    },
    0,
  )
  if (flag(p, 'help')) return (io.out(HELP), EXIT.OK)
  const catalogPath = str(p, 'catalog')
  if (!catalogPath) throw new UsageError('run', 'missing --catalog <kvm-unit-tests build dir | unittests.cfg>')
  const envs = list(p, 'env').filter(Boolean)
  if (envs.length === 0) throw new UsageError('run', 'missing --env <name>[,<name>...] (see labcon env list)')
  const jobs = posInt('run', p, 'jobs', 256)
  const repeat = posInt('run', p, 'repeat', 1000)
  const retriesText = str(p, 'retries')
  if (retriesText !== undefined && !/^\d+$/.test(retriesText)) throw new UsageError('run', `--retries expects a whole number, got '${retriesText}'`)
  const groups = list(p, 'group').filter(Boolean)
  const tests = list(p, 'test').filter(Boolean)
  const wantJson = flag(p, 'json')

  const service = await openService({
    dbPath: await dbPathOf(p),
    engine: { ...(retriesText !== undefined ? { infraRetries: Number(retriesText) } : {}), allowKernelsOutsideCatalog: flag(p, 'allow-outside-kernels') },
  })
  let interrupted = false
  let runId: number | null = null
  const onSignal = (): void => {
    if (interrupted) return
    interrupted = true
    io.err('\nlabcon run: interrupted, stopping the running tests...\n')
    if (runId !== null) void service.runs.cancel(runId)
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  try {
    const catalog = await service.catalogs.import(catalogPath)
    if (catalog.missingKernels.length > 0) io.err(`labcon run: warning: ${catalog.missingKernels.length} kernel(s) missing: ${catalog.missingKernels.join(', ')}\n`)
    const known = await service.environments.list()
    for (const name of envs) {
      if (!known.some((e) => e.name === name)) throw new NotFoundCliError(`environment '${name}' not found (known: ${known.map((e) => e.name).join(', ')})`)
    }
    const plan = {
      catalogId: catalog.id,
      envs,
      ...(groups.length ? { groups } : {}),
      ...(tests.length ? { tests } : {}),
      ...(flag(p, 'all') ? { all: true } : {}),
      ...(repeat !== undefined ? { repeat } : {}),
      ...(jobs !== undefined ? { jobs } : {}),
      ...(str(p, 'who') !== undefined ? { who: str(p, 'who') as string } : {}),
    }
    // One run per process: every event is about it (results can arrive before start() has returned its id).
    const verbose = flag(p, 'verbose')
    const partial = new Map<string, string>()
    const unsubscribe = service.runs.onProgress((ev: RunProgress) => {
      if (verbose && ev.output) {
        const o = ev.output
        const key = `${o.env} ${o.test}${(repeat ?? 1) > 1 ? `#${o.repetition}` : ''}`
        const lines = ((partial.get(key) ?? '') + o.text).split(/\r?\n/)
        partial.set(key, lines.pop() ?? '')
        for (const line of lines) io.err(`[${key}] ${line}\n`)
      }
      if (!ev.result) return
      io.err(`[${ev.done}/${ev.total}] ${resultLine(ev.result, (repeat ?? 1) > 1)}`)
    })
    runId = await service.runs.start(plan)
    io.err(`labcon run: run ${runId}: catalog '${catalog.name}' on ${envs.join(', ')}\n`)
    if (interrupted) void service.runs.cancel(runId)
    await service.engine.wait(runId)
    unsubscribe()
    const detail = await service.runs.get(runId)
    printRun(service, detail, wantJson, (repeat ?? 1) > 1)
    if (interrupted) return EXIT.INTERRUPTED
    return exitFor(detail)
  } finally {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
    await service.close()
  }
}

/** The `labcon run` command. */
export const command: Command = { help: HELP, run: cmdRun }
