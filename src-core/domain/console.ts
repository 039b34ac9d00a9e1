// Streaming parser for kvm-unit-tests console output (lib/report.c format):
//   `PASS: prefix: prefix: message`, `SUMMARY: 7 tests, 1 unexpected failures, ...`, `EXIT: STATUS=3`.
import { SUBTEST_STATUSES, type SubtestResult, type SubtestStatus, type Summary } from './results'

/** What one completed console line meant; `lineNo` is 1-based over the whole stream. */
export type ConsoleEvent =
  | { type: 'line'; lineNo: number; text: string }
  | { type: 'subtest'; lineNo: number; status: SubtestStatus; name: string }
  | { type: 'summary'; lineNo: number; summary: Summary }
  | { type: 'exit'; lineNo: number; status: number }

/** Everything parsed so far. */
export interface ConsoleResult {
  /** Every result line in order, INFO included. */
  subtests: SubtestResult[]
  /** The last SUMMARY line (an ABORT prints one before aborting), or null. */
  summary: Summary | null
  /** `EXIT: STATUS=N` of the first EXIT line (as run_tests.sh takes it), or null if the guest never printed one. */
  exitStatus: number | null
  /** All completed lines, without line terminators. */
  lines: string[]
}

const RESULT_LINE = new RegExp(`^(${SUBTEST_STATUSES.join('|')}): ?(.*)$`)
const SUMMARY_LINE = /^SUMMARY: (\d+) tests?((?:, \d+ [a-z ]+)*)\s*$/
const SUMMARY_PART = /^(\d+) (unexpected failures?|known failures?|expected failures?|skipped)$/
const EXIT_LINE = /^EXIT: .*?STATUS=(\d+)/

/** Parses a `SUMMARY:` line (report_summary() format); null if the line is not one. */
export function parseSummaryLine(line: string): Summary | null {
  const m = SUMMARY_LINE.exec(line)
  if (!m) return null
  const summary: Summary = { tests: Number(m[1]), unexpectedFailures: 0, knownFailures: 0, expectedFailures: 0, skipped: 0 }
  for (const part of (m[2] as string).trimEnd().split(', ').filter(Boolean)) {
    const p = SUMMARY_PART.exec(part)
    if (!p) return null
    const n = Number(p[1])
    const label = p[2] as string
    if (label.startsWith('unexpected')) summary.unexpectedFailures = n
    else if (label.startsWith('known')) summary.knownFailures = n
    else if (label.startsWith('expected')) summary.expectedFailures = n
    else summary.skipped = n
  }
  return summary
}

/**
 * Incremental parser: push() chunks split anywhere (inside a word, between CR and LF), get events for the lines each
 * chunk completed; end() flushes an unterminated last line. LF, CRLF and lone CR all end a line. NUL bytes are dropped.
 */
export class ConsoleParser {
  private partial = ''
  private afterCr = false
  private lineNo = 0
  private readonly state: ConsoleResult = { subtests: [], summary: null, exitStatus: null, lines: [] }

  /** Feeds a chunk of console text; returns the events of the lines it completed. */
  push(chunk: string): ConsoleEvent[] {
    const events: ConsoleEvent[] = []
    let start = 0
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i)
      if (c !== 0x0a && c !== 0x0d) continue
      const crPair = this.afterCr && c === 0x0a && i === start
      this.afterCr = c === 0x0d
      if (crPair) {
        start = i + 1
        continue
      }
      this.partial += chunk.slice(start, i)
      start = i + 1
      this.completeLine(events)
    }
    if (start < chunk.length) {
      this.afterCr = false
      this.partial += chunk.slice(start)
    }
    return events
  }

  /** Ends the stream: an unterminated last line still counts. */
  end(): ConsoleEvent[] {
    const events: ConsoleEvent[] = []
    if (this.partial !== '') this.completeLine(events)
    this.afterCr = false
    return events
  }

  /** Everything parsed so far (live view; copy it if you keep it across pushes). */
  get result(): ConsoleResult {
    return this.state
  }

  private completeLine(events: ConsoleEvent[]): void {
    // eslint-disable-next-line no-control-regex
    const text = this.partial.includes('\0') ? this.partial.replace(/\u0000/g, '') : this.partial
    this.partial = ''
    const lineNo = ++this.lineNo
    this.state.lines.push(text)
    events.push({ type: 'line', lineNo, text })
    const r = RESULT_LINE.exec(text)
    if (r) {
      const status = r[1] as SubtestStatus
      const name = (r[2] as string).trimEnd()
      this.state.subtests.push({ status, name })
      events.push({ type: 'subtest', lineNo, status, name })
      return
    }
    if (text.startsWith('SUMMARY: ')) {
      const summary = parseSummaryLine(text)
      if (summary) {
        this.state.summary = summary
        events.push({ type: 'summary', lineNo, summary })
      }
      return
    }
    const e = EXIT_LINE.exec(text)
    if (e) {
      const status = Number(e[1])
      if (this.state.exitStatus === null) this.state.exitStatus = status
      events.push({ type: 'exit', lineNo, status })
    }
  }
}

/** Parses a complete console log in one go. */
export function parseConsoleOutput(text: string): ConsoleResult {
  const p = new ConsoleParser()
  p.push(text)
  p.end()
  return p.result
}
