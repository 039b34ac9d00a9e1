// labcon: the headless command line (CI use). A stable contract documented in README.md ("CLI"): commands, options,
// JSON shapes and exit codes. Every command goes through the one LabService.
import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { ResultRow, RunDetail, RunProgress } from '@core/api/lab-api'
import { RUN_STATES } from '@core/api/lab-api'
import { hasRegressions, type Comparison, type Side } from '@core/domain/compare'
import { VERDICTS } from '@core/domain/results'
import { formatSide } from '@core/domain/side'
import { ENVIRONMENT_KINDS, type EnvironmentKind } from '@core/domain/environment'
import { parseConfigText } from '@core/domain/env-schema'
import { printable } from '@core/domain/catalog'
import type { Verdict } from '@core/domain/results'
import { isFailingVerdict } from '@core/domain/verdict'
import { newlyPinned } from '@main/secrets/pin-report'
import { terminalSecretPrompt } from '@main/secrets/terminal-prompt'
import type { LabService, LabServiceOptions } from '@main/service/lab-service'
import { setSecretPrompt } from '@main/targets/secrets'
import { EXIT, UsageError, flag, keyValues, list, parseCommand, posInt, str, type Parsed } from './args'
import { cliResult, inPlanOrder as planOrder } from '@main/service/exports'
import { exportRun, EXPORT_FORMATS, type ExportFormat } from './export'
import { SIDE_FORMS, parseSide, resolveLevel } from './side'
import { LabError, errorReportOf } from '@core/domain/errors'

/** Verdicts that make `labcon run` exit 1: test failures (FAIL, TIMEOUT, SIGNAL) and INFRA. */
export const exitFailing = (v: Verdict): boolean => isFailingVerdict(v) || v === 'INFRA'

interface Io {
  out: (s: string) => void
  err: (s: string) => void
}
const io: Io = {
  out: (s) => void process.stdout.write(s),
  err: (s) => void process.stderr.write(s),
}

const DB_OPTION = { db: { type: 'string' } } as const

const HELP: Record<string, string> = {
  main: `Usage: labcon <command> [options]

Commands:
  import <build dir | dir | unittests.cfg>   import a kvm-unit-tests catalog
  env list|add|remove|check                  manage environments
  run --catalog <dir|cfg> --env <names>      run tests, store and print the results
  results --run <id>                         show the results of a run
  runs [--limit N] [filters]                 list runs (filter, sort, page)
  compare <sideA> <sideB>                    compare two sides (exit 1 on regressions)
  regressions [--catalog C] [--env E]        tests failing now: last good and first bad run
  export --run <id> --format tap|junit|json  export a run as TAP 13, JUnit XML or JSON
  start [--browser|--electron] [--port N]    start the console (Electron, or the web server)
  emu ...                                    the built-in emulator's tools

Every command takes --db <file> (default: $LABCON_DB, else the user data directory) and --help.
Exit codes: 0 ok, 1 failing verdicts / regressions, 2 usage error, 3 error (missing file, unknown name, ...),
4 run incomplete (interrupted, cancelled, unfinished tests), 130 interrupted.
`,
  import: `Usage: labcon import <kvm-unit-tests build dir | directory with unittests.cfg | unittests.cfg> [--db file] [--json]
                     [--allow-outside-kernels]

Parses unittests.cfg, finds the kernels next to it (s390x/ in a build directory) and stores the catalog.
Re-importing the same path updates it. Missing kernels are listed on stderr. A 'file =' that leaves the catalog's
directory (../, an absolute path, a symlink out) is refused unless --allow-outside-kernels is given (also for run).
`,
  env: `Usage: labcon env list [--json]
       labcon env add --name <name> --kind <kind> [--level <level>] [--config key=value]... [--fact key=value]...
                      [--concurrency N]
       labcon env remove <name>
       labcon env check <name> [--json]         health check (reads the level, e.g. qemu --version)

Kinds: ${ENVIRONMENT_KINDS.join(', ')}. The 'builtin' environment always exists; 'tcg' is created when
qemu-system-s390x is installed. --config values true/false/numbers become JSON booleans/numbers.
`,
  run: `Usage: labcon run --catalog <dir|cfg> --env <name>[,<name>...] [--group g]... [--test t]... [-j N] [--repeat N]
                  [--all] [--retries N] [-v] [--db file] [--json] [--allow-outside-kernels]

Imports (or refreshes) the catalog, then runs tests x environments x repetitions, filtered like run_tests.sh:
--group/-g and --test select (repeatable, comma lists allowed); nodefault tests only with --all, a group or a name;
arch/accel rules and missing kernels are recorded as SKIP with the reason. -j overrides each environment's
concurrency. Timeouts come from the catalog (default 90 s); the TIMEOUT variable overrides them (e.g. TIMEOUT=30s).
INFRA verdicts are retried (--retries, default 1). Progress goes to stderr; -v adds the console output there.
--json prints { "runId", "results": [ { "test", "env", "verdict", "durationMs", "summary", "subtests": [ { "status", "name" } ] } ] }.
Exit code 0 when the run completed and no result is FAIL, TIMEOUT, SIGNAL or INFRA; 1 otherwise; 4 when the run
did not complete (a database error interrupted it, tests left unfinished); 130 when interrupted (Ctrl-C).
`,
  results: `Usage: labcon results --run <id> [--json] [--db file]

Prints the results of a run (the same JSON shape as run --json, plus "state" and "unfinished").
Exit code as for run: 1 when a result is FAIL, TIMEOUT, SIGNAL or INFRA; 4 when the run is not done (interrupted,
cancelled, still running, or with unfinished tests), even if every stored verdict passed.
`,
  runs: `Usage: labcon runs [--limit N] [--offset N] [--catalog C] [--env E] [--state S] [--verdict V]
                   [--sort id|startedAt|catalog|state] [--asc] [--json] [--db file]

Lists runs, newest first (default 20): id, state, catalog, environments, start time, verdict counts.
--catalog (id, name or imported path), --env, --state (${RUN_STATES.join(', ')}) and --verdict (runs with at least one
result of that verdict) filter; --sort/--asc order; --limit/--offset page (the total goes to stderr).
--json prints the runs array.
`,
  compare: `Usage: labcon compare <sideA> <sideB> [--catalog C | --all-catalogs] [--tolerance T] [--json] [--all] [--db file]

A side is ${SIDE_FORMS}.
  run:12              the results of run 12         env:tcg        the latest real verdict per test on tcg
  level:7.2.22        the latest real verdict per test at that level (a unique part of a level such as
                      'QEMU 7.2.22 (Debian ...)' is enough)
  env:tcg@level:X     the latest real verdict per test on tcg at level X
CANCELLED and NOTRUN results are never the latest. env/level sides are scoped to one catalog: --catalog (id, name or
imported path), --all-catalogs, @catalog:<id> in the side, or by default the catalog of side A's most recent result.
Prints the transition counts (README: one table for every status pair), the changed rows, the facts that differ
(INFO lines: what the kernel saw; environment level and facts) and the measurements with their ratio B/A, flagged
(!) beyond the tolerance (default 0.2 = 20 %). --all: every row, fact and measurement.
Exit code 1 when there is at least one regression or new failure (test or subtest level), else 0.
`,
  regressions: `Usage: labcon regressions [--catalog C] [--env E] [--test T] [--never-passed] [--json] [--db file]

Per test x environment failing now (latest FAIL, TIMEOUT or SIGNAL): the last run where it passed, the first run of
the failing streak ("failing since") with its level, and the compare command for exactly those two. SKIP, INFRA,
CANCELLED and NOTRUN neither break nor start a streak. Scoped to one catalog (default: that of the most recent run).
--never-passed also lists tests that never passed there. Exit code 1 when there is at least one regression, else 0.
`,
  export: `Usage: labcon export --run <id> --format tap|junit|json [--out file] [--db file]

TAP 13 keeps XFAIL/XPASS/KFAIL as # TODO / # SKIP directives; JUnit XML keeps them as properties; JSON is the
results --json shape.
Writes to stdout unless --out is given.
`,
  start: `Usage: labcon start [--browser | --electron] [--port N] [--host H] [--db file]

Starts the console: the Electron app when its binary is installed, otherwise the same UI and API served on
http://127.0.0.1:<port> (printed). Stops on Ctrl-C. A missing Electron binary is downloaded once; when that fails,
later starts serve the browser UI at once. --browser always serves the browser UI; --electron insists on the
Electron app (downloading it again if needed) and fails when it cannot start.
`,
}

const helpOf = (cmd: string): string => HELP[cmd] ?? HELP['main'] ?? ''

/** Runs labcon with `argv` (without node and script); resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  try {
    switch (command) {
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        io.out(helpOf(rest[0] ?? 'main'))
        return command === undefined ? EXIT.USAGE : EXIT.OK
      case 'import':
        return await cmdImport(rest)
      case 'env':
        return await cmdEnv(rest)
      case 'run':
        return await cmdRun(rest)
      case 'results':
        return await cmdResults(rest)
      case 'runs':
        return await cmdRuns(rest)
      case 'compare':
        return await cmdCompare(rest)
      case 'regressions':
        return await cmdRegressions(rest)
      case 'export':
        return await cmdExport(rest)
      case 'start':
        return await cmdStart(rest)
      case 'emu':
        return await cmdEmu(rest)
      default:
        throw new UsageError('labcon', `unknown command '${command}' (commands: import, env, run, results, runs, compare, regressions, export, start, emu)`)
    }
  } catch (err) {
    return reportError(err, command)
  }
}

function reportError(err: unknown, command: string | undefined): number {
  if (err instanceof UsageError) {
    io.err(`labcon ${err.message}\nRun 'labcon ${err.command === 'labcon' ? '' : `${err.command.replace(/^labcon /, '')} `}--help' for usage.\n`.replace('labcon labcon', 'labcon'))
    return errorReportOf(err).exit
  }
  const e = err instanceof Error ? err : new Error(String(err))
  // Messages can quote input (file names, catalog lines): never let them send escape sequences to the terminal.
  const message = e.message || `unexpected error with no message (rerun with LABCON_DEBUG=1 for where it came from)`
  io.err(`labcon${command ? ` ${command}` : ''}: ${e.name}: ${message.split('\n').map((l) => printable(l, 4000)).join('\n')}\n`)
  if (process.env['LABCON_DEBUG']) io.err(`${e.stack ?? ''}\n`)
  return errorReportOf(e).exit
}

async function dbPathOf(p: Parsed): Promise<string> {
  const given = str(p, 'db') ?? process.env['LABCON_DB']
  if (given) return resolve(given)
  const { defaultDbPath } = await import('@main/db/open-store')
  return resolve(defaultDbPath())
}

/** The service, loaded on demand: `--help` and usage errors never load SQLite, the drivers or the emulator. */
async function openService(opts: LabServiceOptions): Promise<LabService> {
  const { createLabService } = await import('@main/service/lab-service')
  return createLabService(opts)
}

async function withService<T>(p: Parsed, fn: (s: LabService) => Promise<T>, engine: { allowKernelsOutsideCatalog?: boolean } = {}): Promise<T> {
  const service = await openService({ dbPath: await dbPathOf(p), engine })
  // A secret missing from its environment variable is asked for on the terminal (no echo), or refused naming the variable.
  setSecretPrompt(terminalSecretPrompt({ input: process.stdin, output: process.stderr }))
  try {
    return await fn(service)
  } finally {
    setSecretPrompt(null)
    await service.close()
  }
}

const json = (v: unknown): string => `${JSON.stringify(v, null, 2)}\n`

async function cmdImport(argv: string[]): Promise<number> {
  const p = parseCommand('import', argv, { ...DB_OPTION, json: { type: 'boolean' }, 'allow-outside-kernels': { type: 'boolean' } }, 1)
  if (flag(p, 'help')) return (io.out(helpOf('import')), EXIT.OK)
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

async function cmdEnv(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv
  if (sub === undefined || sub === '--help' || sub === '-h') return (io.out(helpOf('env')), sub === undefined ? EXIT.USAGE : EXIT.OK)
  switch (sub) {
    case 'list': {
      const p = parseCommand('env list', rest, { ...DB_OPTION, json: { type: 'boolean' } }, 0)
      if (flag(p, 'help')) return (io.out(helpOf('env')), EXIT.OK)
      return withService(p, async (s) => {
        const envs = await s.environments.list()
        if (flag(p, 'json')) io.out(json(envs))
        else {
          const rows = envs.map((e) => [e.name, e.kind, String(e.concurrency), e.level || '-'])
          io.out(table(['NAME', 'KIND', 'JOBS', 'LEVEL'], rows))
        }
        return EXIT.OK
      })
    }
    case 'add': {
      const p = parseCommand(
        'env add',
        rest,
        {
          ...DB_OPTION,
          name: { type: 'string' },
          kind: { type: 'string' },
          level: { type: 'string' },
          config: { type: 'string', multiple: true },
          fact: { type: 'string', multiple: true },
          concurrency: { type: 'string' },
          json: { type: 'boolean' },
        },
        0,
      )
      if (flag(p, 'help')) return (io.out(helpOf('env')), EXIT.OK)
      const name = str(p, 'name')
      const kind = str(p, 'kind')
      if (!name) throw new UsageError('env add', 'missing --name')
      if (!kind) throw new UsageError('env add', `missing --kind (one of ${ENVIRONMENT_KINDS.join(', ')})`)
      if (!(ENVIRONMENT_KINDS as readonly string[]).includes(kind)) throw new UsageError('env add', `--kind '${kind}' is not one of ${ENVIRONMENT_KINDS.join(', ')}`)
      const input = {
        name,
        kind: kind as EnvironmentKind,
        level: str(p, 'level') ?? '',
        // Typed by the environment schema: `port=22` a number, `cpuSerial=000001` text, `nested=true` a boolean.
        config: Object.fromEntries(Object.entries(keyValues('env add', p, 'config', false)).map(([k, v]) => [k, parseConfigText(kind as EnvironmentKind, k, String(v))])),
        facts: keyValues('env add', p, 'fact', false) as Record<string, string>,
        ...(posInt('env add', p, 'concurrency', 256) !== undefined ? { concurrency: posInt('env add', p, 'concurrency', 256) as number } : {}),
      }
      return withService(p, async (s) => {
        const env = await s.environments.add(input)
        if (flag(p, 'json')) io.out(json(env))
        else io.out(`environment '${env.name}' (${env.kind}) added, concurrency ${env.concurrency}\n`)
        return EXIT.OK
      })
    }
    case 'remove':
    case 'check': {
      const p = parseCommand(`env ${sub}`, rest, { ...DB_OPTION, name: { type: 'string' }, json: { type: 'boolean' } }, 1)
      if (flag(p, 'help')) return (io.out(helpOf('env')), EXIT.OK)
      const name = p.positionals[0] ?? str(p, 'name')
      if (!name) throw new UsageError(`env ${sub}`, 'missing the environment name')
      return withService(p, async (s) => {
        const envs = await s.environments.list()
        const env = envs.find((e) => e.name === name)
        if (!env) throw new NotFoundCliError(`environment '${name}' not found (known: ${envs.map((e) => e.name).join(', ')})`)
        if (sub === 'remove') {
          await s.environments.remove(env.id)
          io.out(`environment '${name}' removed (its results are kept)\n`)
          return EXIT.OK
        }
        const report = await s.environments.health(env.id)
        // First contact pinned a host key: show it, so the user can compare it with the host's real one.
        const pins = newlyPinned(env.config, s.store.getEnvironment(env.id).config).map((k) => `pinned ${k.fingerprint} for ${k.endpoint}\n`)
        if (flag(p, 'json')) pins.forEach((l) => io.err(l))
        else pins.forEach((l) => io.out(l))
        if (flag(p, 'json')) io.out(json(report))
        else io.out(`${name}: ${report.ok ? 'ok' : 'NOT OK'}${report.level ? `, level ${report.level}` : ''}${report.problems.map((x) => `\n  ${x}`).join('')}\n`)
        return report.ok ? EXIT.OK : EXIT.FAILED
      })
    }
    default:
      throw new UsageError('env', `unknown subcommand '${sub}' (list, add, remove, check)`)
  }
}

/** A name given on the command line that does not exist. */
class NotFoundCliError extends LabError {
  override readonly name = 'NotFoundError'
  readonly kind = 'not-found'
}

/** The JSON shape of one result in `run --json` / `results --json` (stable contract). */
export type { CliResult } from '@main/service/exports'

function resultLine(r: ResultRow, repeat: boolean): string {
  const sec = (r.durationMs / 1000).toFixed(1)
  const counts = r.summary ? ` (${r.summary.tests} tests${r.summary.unexpectedFailures ? `, ${r.summary.unexpectedFailures} unexpected failures` : ''}${r.summary.knownFailures ? `, ${r.summary.knownFailures} known failures` : ''}${r.summary.skipped ? `, ${r.summary.skipped} skipped` : ''})` : ''
  const why = r.verdict !== 'PASS' && r.reason ? ` ${r.reason}` : ''
  return `${r.verdict.padEnd(9)} ${r.test}${repeat ? `#${r.repetition}` : ''} [${r.env}] ${sec}s${counts}${why}\n`
}

function verdictTotals(results: ResultRow[]): string {
  const tally = new Map<string, number>()
  for (const r of results) tally.set(r.verdict, (tally.get(r.verdict) ?? 0) + 1)
  return [...tally].map(([v, n]) => `${n} ${v}`).join(', ') || 'no results'
}

/** Exit code of a finished run: INCOMPLETE unless it is done with every slot recorded, else FAILED on a failing verdict. */
export const exitFor = (detail: Pick<RunDetail, 'state' | 'results' | 'unfinished'>): number => {
  if (detail.state !== 'done' || detail.unfinished.length > 0) return EXIT.INCOMPLETE
  return detail.results.some((r) => exitFailing(r.verdict)) ? EXIT.FAILED : EXIT.OK
}

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
  if (flag(p, 'help')) return (io.out(helpOf('run')), EXIT.OK)
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

/** Results in plan order (repetition, catalog order, environment order), whatever order they finished in. */
function inPlanOrder(s: LabService, detail: RunDetail): ResultRow[] {
  return planOrder(detail, s.store.getCatalog(detail.catalogId).tests.map((t) => t.name))
}

function printRun(s: LabService, detail: RunDetail, asJson: boolean, repeat: boolean): void {
  const results = inPlanOrder(s, detail)
  if (asJson) {
    io.out(json({ runId: detail.id, state: detail.state, results: results.map(cliResult), unfinished: detail.unfinished }))
    return
  }
  for (const r of results) io.out(resultLine(r, repeat))
  const unfinished = detail.unfinished.length ? `, ${detail.unfinished.length} unfinished` : ''
  io.out(`run ${detail.id} ${detail.state}: ${verdictTotals(detail.results)}${unfinished}\n`)
}

async function cmdResults(argv: string[]): Promise<number> {
  const p = parseCommand('results', argv, { ...DB_OPTION, run: { type: 'string' }, json: { type: 'boolean' } }, 0)
  if (flag(p, 'help')) return (io.out(helpOf('results')), EXIT.OK)
  const runId = posInt('results', p, 'run', Number.MAX_SAFE_INTEGER)
  if (runId === undefined) throw new UsageError('results', 'missing --run <id>')
  return withService(p, async (s) => {
    const detail = await s.runs.get(runId)
    printRun(s, detail, flag(p, 'json'), detail.results.some((r) => r.repetition > 1))
    if (detail.state === 'queued' || detail.state === 'running') io.err(`labcon results: run ${runId} is still ${detail.state}\n`)
    return exitFor(detail)
  })
}

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
  if (flag(p, 'help')) return (io.out(helpOf('runs')), EXIT.OK)
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

/** A string option restricted to `allowed`; UsageError naming the option and the accepted values. */
function oneOfOption<T extends string>(command: string, p: Parsed, name: string, allowed: readonly T[]): T | undefined {
  const v = str(p, name)
  if (v === undefined) return undefined
  if (!(allowed as readonly string[]).includes(v)) throw new UsageError(command, `--${name} '${v}' is not one of ${allowed.join(', ')}`)
  return v as T
}

/** A catalog named on the command line: its id, its name, or the path it was imported from. */
function findCatalog(s: LabService, text: string): number {
  const catalogs = s.store.listCatalogs()
  const byId = /^\d+$/.test(text) ? catalogs.find((c) => c.id === Number(text)) : undefined
  const path = resolve(text)
  const hits = byId ? [byId] : catalogs.filter((c) => c.name === text || c.source === path || c.source === resolve(path, 's390x'))
  if (hits.length === 1) return (hits[0] as { id: number }).id
  const known = catalogs.map((c) => `${c.id} ${c.name} (${c.source})`).join(', ') || 'none'
  if (hits.length > 1) throw new UsageError('catalog', `'${text}' names ${hits.length} catalogs; give the id (known: ${known})`)
  throw new NotFoundCliError(`catalog '${text}' not found (known: ${known})`)
}

async function cmdCompare(argv: string[]): Promise<number> {
  const p = parseCommand(
    'compare',
    argv,
    { ...DB_OPTION, json: { type: 'boolean' }, all: { type: 'boolean' }, catalog: { type: 'string' }, 'all-catalogs': { type: 'boolean' }, tolerance: { type: 'string' } },
    2,
  )
  if (flag(p, 'help')) return (io.out(helpOf('compare')), EXIT.OK)
  const [a, b] = p.positionals
  if (a === undefined || b === undefined) throw new UsageError('compare', `needs two sides (${SIDE_FORMS})`)
  if (str(p, 'catalog') !== undefined && flag(p, 'all-catalogs')) throw new UsageError('compare', '--catalog and --all-catalogs exclude each other')
  const tolText = str(p, 'tolerance')
  const tolerance = tolText === undefined ? undefined : Number(tolText)
  if (tolerance !== undefined && (!/^\d+(\.\d+)?$/.test(tolText as string) || !(tolerance > 0) || tolerance > 100)) {
    throw new UsageError('compare', `--tolerance expects a number above 0 (0.2 = 20 %), got '${tolText}'`)
  }
  const sideA = parseSide(a)
  const sideB = parseSide(b)
  return withService(p, async (s) => {
    const levels = (await s.environments.list()).map((e) => e.level).filter(Boolean)
    for (const side of [sideA, sideB]) if (side.kind === 'level') side.level = resolveLevel(side.level, levels)
    const catalogText = str(p, 'catalog')
    const scope = flag(p, 'all-catalogs') ? 'all' : catalogText !== undefined ? findCatalog(s, catalogText) : undefined
    const scoped = [sideA, sideB].map((side) => (scope !== undefined && side.kind !== 'run' && side.catalog === undefined ? { ...side, catalog: scope } : side)) as [Side, Side]
    const cmp = await s.results.compare(scoped[0], scoped[1], tolerance !== undefined ? { tolerance } : {})
    if (flag(p, 'json')) io.out(json(cmp))
    else printComparison(cmp, flag(p, 'all'))
    return hasRegressions(cmp) ? EXIT.FAILED : EXIT.OK
  })
}

function printComparison(cmp: Comparison, all: boolean): void {
  io.out(`A: ${cmp.a.label}\nB: ${cmp.b.label}\n`)
  const counts = (c: Record<string, number>): string =>
    Object.entries(c)
      .filter(([, n]) => n > 0)
      .map(([t, n]) => `${n} ${t}`)
      .join(', ') || 'none'
  io.out(`tests:    ${counts(cmp.tests)}\nsubtests: ${counts(cmp.subtests)}\n`)
  io.out(`facts:    ${cmp.factsDiffer} differ of ${cmp.facts.length}\nmetrics:  ${cmp.metricsFlagged} beyond ${Math.round(cmp.tolerance * 100)} % of ${cmp.metrics.length}\n`)
  const rows = cmp.rows.filter((r) => all || r.transition !== 'unchanged')
  if (rows.length > 0) {
    io.out(`\n${table(['TRANSITION', 'TEST', 'A', 'B'], rows.map((r) => [r.transition, r.subtest === null ? r.test : `  ${r.subtest}`, r.a ?? '-', r.b ?? '-']))}`)
  }
  const facts = cmp.facts.filter((f) => all || f.differs)
  if (facts.length > 0) {
    io.out(`\nFACTS (what the kernel saw; test '-': what the environment reported)\n`)
    io.out(table(['TEST', 'FACT', 'A', 'B'], facts.map((f) => [f.test || '-', f.key, f.a ?? '-', f.b ?? '-'])))
  }
  if (cmp.metrics.length > 0) {
    const num = (v: number | null): string => (v === null ? '-' : String(Math.round(v * 1000) / 1000))
    io.out(`\nMEASUREMENTS (ratio B/A; ! beyond the tolerance)\n`)
    const shown = cmp.metrics.filter((m) => all || m.flagged || cmp.metrics.length <= 50)
    io.out(table(['TEST', 'MEASUREMENT', 'UNIT', 'A', 'B', 'RATIO', ''], shown.map((m) => [m.test, m.name, m.unit, num(m.a), num(m.b), m.ratio === null ? m.change : m.ratio.toFixed(3), m.flagged ? '!' : ''])))
  }
}

async function cmdRegressions(argv: string[]): Promise<number> {
  const p = parseCommand(
    'regressions',
    argv,
    { ...DB_OPTION, catalog: { type: 'string' }, env: { type: 'string' }, test: { type: 'string' }, 'never-passed': { type: 'boolean' }, json: { type: 'boolean' } },
    0,
  )
  if (flag(p, 'help')) return (io.out(helpOf('regressions')), EXIT.OK)
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

async function cmdExport(argv: string[]): Promise<number> {
  const p = parseCommand('export', argv, { ...DB_OPTION, run: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' } }, 0)
  if (flag(p, 'help')) return (io.out(helpOf('export')), EXIT.OK)
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

async function cmdStart(argv: string[]): Promise<number> {
  const p = parseCommand('start', argv, { ...DB_OPTION, port: { type: 'string' }, host: { type: 'string' }, browser: { type: 'boolean' }, electron: { type: 'boolean' } }, 0)
  if (flag(p, 'help')) return (io.out(helpOf('start')), EXIT.OK)
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

async function cmdEmu(argv: string[]): Promise<number> {
  // Loaded on demand: only `labcon emu` pays for the emulator.
  const { emuCommand } = await import('./emu')
  return emuCommand(argv)
}

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: string[]): string => `${cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ')}\n`
  return line(head) + rows.map(line).join('')
}
