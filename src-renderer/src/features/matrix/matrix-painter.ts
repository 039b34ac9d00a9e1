// Draws the visible part of the matrix body as plain DOM: the rows and cells in view plus a little overscan, at fixed
// row height and column width, recycled as the grid scrolls. No component and no reactive state per cell: a scroll
// step rewrites the few cells that came into view, once per animation frame, and reads layout only before writing;
// the overscan rows follow in a task after that frame.
import { cellKey, visibleColumns, visibleRange } from './matrix-model'
import { PENDING_LOOK, cellLook, cellText, type CellLook, type MatrixTable } from './matrix-table'

/** Fixed sizes of the grid, in CSS pixels. */
export interface Geometry {
  rowH: number
  /** Height of the sticky header above the body (the body starts there). */
  headH: number
  /** Width of the sticky test-name column. */
  headW: number
  colW: number
}

/** What the body shows: display rows (test indexes), display columns (environment indexes), the selection. */
export interface PaintInput {
  table: MatrixTable
  rows: readonly number[]
  columns: readonly number[]
  selected: ReadonlySet<string>
  geometry: Geometry
  /** Narrow columns: no duration in the cells. */
  compact: boolean
}

/** Id of the active cell's element (one grid per page). */
export const ACTIVE_CELL_ID = 'matrix-active-cell'

/** Rows and columns rendered beyond each edge of the viewport. */
export const OVERSCAN_ROWS = 6
export const OVERSCAN_COLS = 1

interface CellSlot {
  el: HTMLDivElement
  /** The one text node of the cell (fewer nodes: less layout and paint per scroll step). */
  text: Text
  row: number
  col: number
  /** The input stamp this cell was filled for; a new input refills it. */
  stamp: number
  sel: boolean
}

interface RowSlot {
  el: HTMLDivElement
  head: HTMLButtonElement
  row: number
  stamp: number
  cells: Map<number, CellSlot>
}

/** A place in the grid: display row and column (column -1: the row header). */
export interface GridPos {
  row: number
  col: number
}

/** Renders a MatrixTable into `body` (a positioned element inside the scrolling `scroller`). */
export class MatrixPainter {
  private input: PaintInput | null = null
  private stamp = 0
  private readonly rows = new Map<number, RowSlot>()
  private readonly rowPool: RowSlot[] = []
  private readonly cellPool: CellSlot[] = []
  private readonly owner = new WeakMap<Element, CellSlot | RowSlot>()
  private frame = 0
  /** The task drawing the overscan rows, when one is due. */
  private overscan: ReturnType<typeof setTimeout> | undefined
  private active: GridPos | null = null
  private activeEl: HTMLElement | null = null
  private readonly resize: ResizeObserver | null
  /** Scroll position and viewport, read once per frame before anything is written. */
  top = 0
  left = 0
  height = 0
  width = 0

  constructor(
    private readonly scroller: HTMLElement,
    private readonly body: HTMLElement,
    private readonly overlay: HTMLElement,
  ) {
    this.height = scroller.clientHeight
    this.width = scroller.clientWidth
    this.resize = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => this.schedule())
    this.resize?.observe(scroller)
  }

  /** New data, rows, columns or sizes: every visible cell is refilled, now. */
  setInput(input: PaintInput): void {
    this.input = input
    this.stamp++
    const g = input.geometry
    this.body.style.height = `${input.rows.length * g.rowH}px`
    this.body.style.width = `${g.headW + input.columns.length * g.colW}px`
    this.paint()
  }

  /** The selection changed: only the selected marks of the visible cells are rewritten. */
  selectionChanged(): void {
    this.paint()
  }

  /** A scroll or a resize: repaints at the next animation frame; several calls in one frame paint once. */
  schedule(): void {
    if (this.frame) return
    this.frame = requestAnimationFrame(() => {
      this.frame = 0
      // Layout is read here, before this frame writes anything.
      this.top = this.scroller.scrollTop
      this.left = this.scroller.scrollLeft
      this.height = this.scroller.clientHeight
      this.width = this.scroller.clientWidth
      this.paint()
    })
  }

  /** Scrolls the least needed to show a grid position below the sticky header (no layout read). */
  reveal(pos: GridPos): void {
    const g = this.input?.geometry
    if (!g) return
    const headH = g.headH
    const left = pos.col * g.colW
    const wide = this.width - g.headW
    let x = this.left
    if (left < x) x = left
    else if (left + g.colW > x + wide) x = left + g.colW - wide
    const top = pos.row * g.rowH
    let y = this.top
    if (top < y) y = top
    else if (top + g.rowH > y + this.height - headH) y = top + g.rowH - this.height + headH
    if (x !== this.left) this.scroller.scrollLeft = this.left = Math.max(0, x)
    if (y !== this.top) this.scroller.scrollTop = this.top = Math.max(0, y)
  }

  /** Moves the active-cell outline (one element: moving it touches no cell) and the grid's active descendant. */
  setActive(pos: GridPos): void {
    this.active = pos
    const g = this.input?.geometry
    const s = this.overlay.style
    if (!g || !this.input || this.input.rows.length === 0 || this.input.columns.length === 0) {
      s.display = 'none'
      this.markActive()
      return
    }
    s.display = ''
    s.transform = `translate(${g.headW + pos.col * g.colW}px, ${pos.row * g.rowH}px)`
    s.width = `${g.colW}px`
    s.height = `${g.rowH}px`
    this.markActive()
  }

  /** The active cell's element carries ACTIVE_CELL_ID and the grid points at it (aria-activedescendant), so assistive
   *  technology follows the keyboard; when that cell is not drawn, the grid points at nothing. */
  private markActive(): void {
    const a = this.active
    const el = a && this.input ? (this.rows.get(a.row)?.cells.get(a.col)?.el ?? null) : null
    if (el === this.activeEl) return
    if (this.activeEl?.id === ACTIVE_CELL_ID) this.activeEl.removeAttribute('id')
    this.activeEl = el
    if (el) {
      el.id = ACTIVE_CELL_ID
      this.scroller.setAttribute('aria-activedescendant', ACTIVE_CELL_ID)
    } else this.scroller.removeAttribute('aria-activedescendant')
  }

  /** The grid position of a clicked element inside the body, or null. */
  hit(target: EventTarget | null): GridPos | null {
    const el = target instanceof Element ? target.closest('.cell, .rowhead') : null
    const slot = el ? this.owner.get(el) : undefined
    if (!slot) return null
    return 'col' in slot ? { row: slot.row, col: slot.col } : { row: slot.row, col: -1 }
  }

  /** Stops painting and observing. */
  destroy(): void {
    if (this.frame) cancelAnimationFrame(this.frame)
    this.frame = 0
    clearTimeout(this.overscan)
    this.overscan = undefined
    this.resize?.disconnect()
    this.input = null
  }

  /** Renders the rows and columns in view at the last known scroll position, reusing the elements that scrolled out.
   *  The overscan rows around them are drawn by a task of their own after this frame (`full`: now too), so the frame
   *  that shows a scroll step draws only what comes into view. Reads no layout. */
  paint(full = false): void {
    const input = this.input
    if (!input) return
    const g = input.geometry
    const rr = visibleRange(this.top - g.headH, this.height, g.rowH, input.rows.length, OVERSCAN_ROWS)
    const seen = visibleRange(this.top - g.headH, this.height, g.rowH, input.rows.length, 0)
    const cr = visibleColumns(this.left, this.width, g.headW, g.colW, input.columns.length, OVERSCAN_COLS)
    let later = false
    // Rows that left the view leave the DOM first: the rows that stay are then in order, and only the reused rows are
    // inserted (before or after them), so the DOM keeps display order (assistive technology and find-in-page read it)
    // and a scroll step touches the rows that changed and no other.
    const free: RowSlot[] = []
    for (const [r, slot] of this.rows) {
      if (r < rr.start || r >= rr.end) {
        free.push(slot)
        slot.el.remove()
        this.rows.delete(r)
      }
    }
    let prev: Element = this.overlay
    for (let r = rr.start; r < rr.end; r++) {
      let slot = this.rows.get(r)
      if (!slot) {
        if (!full && (r < seen.start || r >= seen.end)) {
          later = true
          continue
        }
        slot = free.pop() ?? this.rowPool.pop() ?? this.newRow()
        this.rows.set(r, slot)
      }
      if (prev.nextElementSibling !== slot.el) prev.after(slot.el)
      prev = slot.el
      this.fillRow(slot, r, cr.start, cr.end, input)
    }
    this.rowPool.push(...free)
    // Recycled elements: the active cell may be another element now, or none.
    this.markActive()
    if (later && !this.overscan) {
      this.overscan = setTimeout(() => {
        this.overscan = undefined
        this.paint(true)
      }, 0)
    }
  }

  private fillRow(slot: RowSlot, r: number, c0: number, c1: number, input: PaintInput): void {
    const { table, rows, columns, selected, geometry: g } = input
    const t = rows[r] ?? 0
    const test = table.tests[t] ?? ''
    if (slot.row !== r || slot.stamp !== this.stamp) {
      slot.row = r
      slot.stamp = this.stamp
      slot.el.style.top = `${r * g.rowH}px`
      slot.el.style.width = `${g.headW + columns.length * g.colW}px`
      slot.el.setAttribute('aria-rowindex', String(r + 1))
      slot.head.textContent = test
      slot.head.title = `${test} — click to select the row`
    }
    const free: CellSlot[] = []
    for (const [c, cell] of slot.cells) {
      if (c < c0 || c >= c1) {
        free.push(cell)
        cell.el.remove()
        slot.cells.delete(c)
      }
    }
    let prev: Element = slot.head
    for (let c = c0; c < c1; c++) {
      let cell = slot.cells.get(c)
      if (!cell) {
        cell = free.pop() ?? this.cellPool.pop() ?? this.newCell()
        cell.stamp = -1
        slot.cells.set(c, cell)
      }
      if (prev.nextElementSibling !== cell.el) prev.after(cell.el)
      prev = cell.el
      const e = columns[c] ?? 0
      const env = table.envs[e]?.name ?? ''
      if (cell.stamp !== this.stamp || cell.row !== r || cell.col !== c) {
        // A cell of a recycled row usually keeps its column: its place and column index stay as they are.
        const look = table.hasArrived(t, e) ? cellLook(table.at(t, e)) : PENDING_LOOK
        this.fillCell(cell, r, c, look, cell.stamp !== this.stamp || cell.col !== c ? g : null, input.compact)
        cell.stamp = this.stamp
      }
      const sel = selected.has(cellKey(test, env))
      if (sel !== cell.sel) {
        cell.sel = sel
        cell.el.classList.toggle('selected', sel)
        cell.el.setAttribute('aria-selected', String(sel))
      }
    }
    this.cellPool.push(...free)
  }

  /** Fills a cell with its look; `g` given: it moved to another column too. */
  private fillCell(cell: CellSlot, r: number, c: number, look: CellLook, g: Geometry | null, compact: boolean): void {
    cell.row = r
    cell.col = c
    const el = cell.el
    el.className = `cell ${look.cls}${look.differs ? ' differs' : ''}${cell.sel ? ' selected' : ''}`
    if (g) {
      el.style.left = `${g.headW + c * g.colW}px`
      el.setAttribute('aria-colindex', String(c + 2))
    }
    el.dataset.verdict = look.verdict
    el.title = look.title
    cell.text.data = cellText(look, compact)
  }

  private newRow(): RowSlot {
    const el = document.createElement('div')
    el.className = 'mrow'
    el.setAttribute('role', 'row')
    const head = document.createElement('button')
    head.className = 'rowhead'
    head.setAttribute('role', 'rowheader')
    head.tabIndex = -1
    el.appendChild(head)
    const slot: RowSlot = { el, head, row: -1, stamp: -1, cells: new Map() }
    this.owner.set(head, slot)
    return slot
  }

  private newCell(): CellSlot {
    const el = document.createElement('div')
    el.setAttribute('role', 'gridcell')
    el.setAttribute('aria-selected', 'false')
    const text = document.createTextNode('')
    el.appendChild(text)
    const cell: CellSlot = { el, text, row: -1, col: -1, stamp: -1, sel: false }
    this.owner.set(el, cell)
    return cell
  }
}
