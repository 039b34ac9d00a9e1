// `labcon compare`: compare two sides (runs, environments, levels); exit 1 on regressions.
import { hasRegressions, type Comparison, type Side } from '@core/domain/compare'
import { EXIT, UsageError, flag, parseCommand, str } from './args'
import { DB_OPTION, findCatalog, io, json, table, withService, type Command } from './command'
import { SIDE_FORMS, parseSide, resolveLevel } from './side'

/** `labcon compare --help`. */
const HELP = `Usage: labcon compare <sideA> <sideB> [--catalog C | --all-catalogs] [--tolerance T] [--json] [--all] [--db file]

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
`

async function cmdCompare(argv: string[]): Promise<number> {
  const p = parseCommand(
    'compare',
    argv,
    { ...DB_OPTION, json: { type: 'boolean' }, all: { type: 'boolean' }, catalog: { type: 'string' }, 'all-catalogs': { type: 'boolean' }, tolerance: { type: 'string' } },
    2,
  )
  if (flag(p, 'help')) return (io.out(HELP), EXIT.OK)
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

/** The `labcon compare` command. */
export const command: Command = { help: HELP, run: cmdCompare }
