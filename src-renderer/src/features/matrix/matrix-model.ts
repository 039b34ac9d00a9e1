// Matrix layout and selection, pure: column order and level groups, selection → run plans, keyboard moves, the
// rows and columns in view.
import type { MatrixView } from '@core/api/lab-api'

/** A column of the matrix (one environment). */
export type MatrixColumn = MatrixView['envs'][number]

/** Columns in display order, and the level header groups spanning them. */
export interface MatrixLayout {
  columns: MatrixColumn[]
  groups: { level: string; span: number }[]
}

/** Key of a cell in maps and selections. */
export const cellKey = (test: string, env: string): string => `${test}\u0000${env}`

/** Lower-case letters, digits, '-' and '.': the locale's order of such names is their code-unit order. */
const PLAIN = /^[a-z0-9.-]*$/

/** `a.localeCompare(b)`'s sign, without the locale's collation for plain names (see PLAIN): the first localeCompare
 *  of a page loads the collation tables, 10–15 ms before the matrix's first paint. */
export function textOrder(a: string, b: string): number {
  if (PLAIN.test(a) && PLAIN.test(b)) return a < b ? -1 : a > b ? 1 : 0
  return a.localeCompare(b)
}

/** Lays out the view's columns (already in display order: by level, then name; the server's column windows count in
 *  that order): grouped, that order with one group per run of a level; else ordered by name. */
export function layoutColumns(envs: MatrixColumn[], groupByLevel: boolean): MatrixLayout {
  const columns = groupByLevel ? [...envs] : [...envs].sort((a, b) => textOrder(a.name, b.name))
  const groups: { level: string; span: number }[] = []
  if (groupByLevel) {
    for (const c of columns) {
      const last = groups[groups.length - 1]
      if (last && last.level === c.level) last.span++
      else groups.push({ level: c.level, span: 1 })
    }
  }
  return { columns, groups }
}

/** Turns a selection of cells into run plans: environments needing the same test set share one run. */
export function plansForSelection(selected: Iterable<string>): { envs: string[]; tests: string[] }[] {
  const testsByEnv = new Map<string, Set<string>>()
  for (const key of selected) {
    const [test = '', env = ''] = key.split('\u0000')
    let s = testsByEnv.get(env)
    if (!s) testsByEnv.set(env, (s = new Set()))
    s.add(test)
  }
  const byTests = new Map<string, { envs: string[]; tests: string[] }>()
  for (const [env, tests] of testsByEnv) {
    const list = [...tests].sort()
    const sig = list.join('\u0000')
    const plan = byTests.get(sig)
    if (plan) plan.envs.push(env)
    else byTests.set(sig, { envs: [env], tests: list })
  }
  return [...byTests.values()]
}

/** Moves the active cell for an arrow/Home/End/Page key; returns null for other keys. Clamped to the grid. */
export function moveActive(pos: { row: number; col: number }, key: string, rows: number, cols: number, page = 20): { row: number; col: number } | null {
  const clamp = (v: number, max: number): number => Math.max(0, Math.min(max - 1, v))
  switch (key) {
    case 'ArrowUp':
      return { row: clamp(pos.row - 1, rows), col: pos.col }
    case 'ArrowDown':
      return { row: clamp(pos.row + 1, rows), col: pos.col }
    case 'ArrowLeft':
      return { row: pos.row, col: clamp(pos.col - 1, cols) }
    case 'ArrowRight':
      return { row: pos.row, col: clamp(pos.col + 1, cols) }
    case 'PageUp':
      return { row: clamp(pos.row - page, rows), col: pos.col }
    case 'PageDown':
      return { row: clamp(pos.row + page, rows), col: pos.col }
    case 'Home':
      return { row: pos.row, col: 0 }
    case 'End':
      return { row: pos.row, col: Math.max(0, cols - 1) }
    default:
      return null
  }
}

/** The slice of rows to render for a scroll position (virtualization), with overscan on both sides. */
export function visibleRange(scrollTop: number, viewport: number, rowHeight: number, rows: number, overscan = 8): { start: number; end: number } {
  const start = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan)
  const end = Math.min(rows, Math.ceil((scrollTop + viewport) / rowHeight) + overscan)
  return { start, end }
}

/** The slice of columns to render for a horizontal scroll position; `fixed` is the width of the sticky test column. */
export function visibleColumns(scrollLeft: number, viewport: number, fixed: number, colWidth: number, cols: number, overscan = 2): { start: number; end: number } {
  const start = Math.max(0, Math.floor(scrollLeft / colWidth) - overscan)
  const end = Math.min(cols, Math.ceil((scrollLeft + Math.max(0, viewport - fixed)) / colWidth) + overscan)
  return { start, end }
}
