// The matrix's cells in one dense tests × environments table, filled window by window as the rows arrive; pure.
// Adding a window costs its own cells only (no re-index of what is there), so streaming rows never stalls the page.
import type { MatrixCell, MatrixView } from '@core/api/lab-api'
import { VERDICT_SHORT, formatDuration, statusClass } from '../../lib/format'

/** A window of a matrix answer: rows (offsets into `tests`) and columns (offsets into the view's `columns`); a
 *  missing window is every row or every column. */
export interface MatrixWindow {
  rows?: { offset: number; limit: number }
  columns?: { offset: number; limit: number }
}

/** The cells of one matrix, by test index × environment index (the orders of the view's `tests` and `envs`). */
export class MatrixTable {
  readonly tests: string[]
  readonly envs: MatrixView['envs']
  /** The matrix's columns (environments holding a cell), in the view's display order. */
  readonly columns: MatrixView['envs']
  readonly testIndex: Map<string, number>
  readonly envIndex: Map<string, number>
  /** Cells per environment. */
  readonly envCounts: number[]
  /** Cells held, and how many of them differ from their row's majority. */
  cellCount = 0
  differs = 0
  /** Cells by test row, each row an array by environment index, made when its first cell arrives: one array of
   *  tests × environments holes (50,000 at lab scale) took 1–15 ms to allocate before the first paint. */
  private readonly cells: ((MatrixCell | undefined)[] | undefined)[]
  /** 1 where the answer for test × environment has arrived (a cell or the news that there is none). */
  private readonly arrived: Uint8Array
  /** Every test × environment has arrived. */
  complete = false
  private arrivedCount = 0

  constructor(view: Pick<MatrixView, 'tests' | 'envs' | 'columns'>) {
    this.tests = view.tests
    this.envs = view.envs
    this.testIndex = new Map(view.tests.map((t, i) => [t, i]))
    this.envIndex = new Map(view.envs.map((e, i) => [e.name, i]))
    this.columns = view.columns.flatMap((name) => {
      const e = this.envIndex.get(name)
      return e === undefined ? [] : [view.envs[e]!]
    })
    this.envCounts = view.envs.map(() => 0)
    this.cells = []
    this.arrived = new Uint8Array(view.tests.length * view.envs.length)
    this.complete = this.arrived.length === 0
  }

  /** Notes that the answer for a window has arrived: its test × environment pairs without a cell have no result (until
   *  then they are pending, drawn as such, not as "no result"). */
  arrivedWindow(w: MatrixWindow): void {
    const n = this.envs.length
    const t0 = Math.min(this.tests.length, w.rows?.offset ?? 0)
    const t1 = Math.min(this.tests.length, w.rows ? w.rows.offset + w.rows.limit : this.tests.length)
    const cols = w.columns ? this.columns.slice(w.columns.offset, w.columns.offset + w.columns.limit) : this.envs
    const es = cols.map((c) => this.envIndex.get(c.name) ?? -1).filter((e) => e >= 0)
    const arrived = this.arrived
    let count = this.arrivedCount
    for (let t = t0; t < t1; t++) {
      for (let i = 0; i < es.length; i++) {
        const at = t * n + es[i]!
        if (arrived[at] === 0) {
          arrived[at] = 1
          count++
        }
      }
    }
    this.arrivedCount = count
    this.complete = this.arrivedCount === this.arrived.length
  }

  /** The answer for test `t` on environment `e` (indexes) has arrived. */
  hasArrived(t: number, e: number): boolean {
    return this.arrived[t * this.envs.length + e] === 1
  }

  /** Adds (or replaces) the cells of a window; cells of tests or environments outside the view are ignored. */
  add(cells: readonly MatrixCell[]): void {
    const n = this.envs.length
    for (const c of cells) {
      const t = this.testIndex.get(c.test)
      const e = this.envIndex.get(c.env)
      if (t === undefined || e === undefined) continue
      const row = (this.cells[t] ??= new Array<MatrixCell | undefined>(n))
      const old = row[e]
      if (old) {
        this.cellCount--
        this.envCounts[e]!--
        if (old.differsFromMajority) this.differs--
      }
      row[e] = c
      this.cellCount++
      this.envCounts[e]!++
      if (c.differsFromMajority) this.differs++
    }
  }

  /** The cell of test `t` on environment `e` (indexes), if there is a result. */
  at(t: number, e: number): MatrixCell | undefined {
    return this.cells[t]?.[e]
  }

  /** The cell of a test on an environment by name, if there is a result. */
  get(test: string, env: string): MatrixCell | undefined {
    const t = this.testIndex.get(test)
    const e = this.envIndex.get(env)
    return t === undefined || e === undefined ? undefined : this.at(t, e)
  }

  /** Every cell held, in test order. */
  all(): MatrixCell[] {
    const out: MatrixCell[] = []
    for (const row of this.cells) for (const c of row ?? []) if (c) out.push(c)
    return out
  }
}

/** Row filters of the matrix view. */
export interface RowFilter {
  text: string
  onlyDifferences: boolean
  onlyProblems: boolean
}

const PROBLEM = new Set(['FAIL', 'TIMEOUT', 'SIGNAL', 'INFRA'])

/** Indexes of the test rows passing the filter, in the view's order. */
export function filterRows(table: MatrixTable, f: RowFilter): number[] {
  const text = f.text.trim().toLowerCase()
  const out: number[] = []
  for (let t = 0; t < table.tests.length; t++) {
    if (text && !(table.tests[t] ?? '').toLowerCase().includes(text)) continue
    if (f.onlyDifferences || f.onlyProblems) {
      let differs = false
      let problem = false
      for (let e = 0; e < table.envs.length; e++) {
        const c = table.at(t, e)
        if (!c) continue
        differs ||= c.differsFromMajority
        problem ||= PROBLEM.has(c.verdict) && c.knownIssue === null
      }
      if ((f.onlyDifferences && !differs) || (f.onlyProblems && !problem)) continue
    }
    out.push(t)
  }
  return out
}

/** What one cell shows: colour class, verdict label, passed/total subtests, duration, the majority marker, its tooltip. */
export interface CellLook {
  cls: string
  verdict: string
  label: string
  counts: string
  duration: string
  differs: boolean
  title: string
}

/** The look of a cell whose answer has not arrived yet (it is on its way: no verdict, no text). */
export const PENDING_LOOK: CellLook = { cls: 's-pending', verdict: 'pending', label: '', counts: '', duration: '', differs: false, title: 'loading…' }

/** The look of a cell; a failure matching a known issue shows as KNOWN, a missing result as a dot. */
export function cellLook(cell: MatrixCell | undefined): CellLook {
  if (!cell) return { cls: 's-none', verdict: 'none', label: '·', counts: '', duration: '', differs: false, title: 'no result' }
  const expected = cell.knownIssue !== null && cell.verdict !== 'PASS'
  // INFO lines are not results: they do not count towards the total.
  const k = cell.counts
  let total = -k.INFO
  for (const s in k) total += k[s as keyof typeof k]
  const duration = formatDuration(cell.durationMs)
  return {
    cls: expected ? 's-known' : statusClass(cell.verdict),
    verdict: cell.verdict,
    label: expected ? 'KNOWN' : VERDICT_SHORT[cell.verdict],
    counts: `${k.PASS}/${total}`,
    duration,
    differs: cell.differsFromMajority,
    title:
      `${cell.test} on ${cell.env} (${cell.level}): ${cell.verdict}${expected ? ' (known issue)' : ''}, ${k.PASS}/${total} subtests pass` +
      `${k.FAIL ? `, ${k.FAIL} fail` : ''}, ${duration}${cell.differsFromMajority ? ' — differs from the majority of its row' : ''}`,
  }
}

/** The text of a cell: verdict and passed/total subtests, then the duration unless the columns are narrow. */
export function cellText(look: CellLook, compact: boolean): string {
  if (!look.counts) return look.label
  return compact || !look.duration ? `${look.label} ${look.counts}` : `${look.label} ${look.counts} ${look.duration}`
}
