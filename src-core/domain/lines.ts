// Three kinds of console result lines, kept apart (README "Subtests, facts and measurements"):
//   subtests     PASS/FAIL/XPASS/XFAIL/KFAIL/SKIP/ABORT lines, compared by identity (their name);
//   facts        INFO lines without a measurement: what the kernel saw (STSI identity, facility bits), compared as an
//                identity diff, key → value;
//   measurements a number with a unit at the end of a result or INFO line (`bench: time sieve 1101 ms`, exittime's
//                `total/best/avg/worst 9968.663/97.450/99.686/110.170 us`), stored as metrics and compared as numbers.
import type { SubtestResult } from './results'

/** One measurement: a normalised name (`exittime: diag44: avg`), a value and its unit as printed (µs becomes us). */
export interface Metric {
  name: string
  value: number
  unit: string
}

/** One fact the kernel reported: `selftest: stsi: manufacturer` → `'QEMU' type '8561' model '' sequence 'QEMU'`. */
export interface Fact {
  key: string
  value: string
}

/**
 * Units a measurement may carry (case-sensitive, as kernels print them). Sizes (MiB, KiB) are deliberately absent:
 * `256 MiB` is what the machine has — a fact — not a measurement.
 */
export const MEASUREMENT_UNITS = ['ns', 'us', 'µs', 'ms', 's', 'cycles', 'MIPS', 'ops/s', 'KiB/s', 'MiB/s', 'GiB/s', 'KB/s', 'MB/s', 'GB/s', '%'] as const

const NUMBER = String.raw`-?\d+(?:\.\d+)?`
const UNIT = `(${MEASUREMENT_UNITS.map((u) => u.replace(/[/%]/g, (c) => `\\${c}`)).join('|')})`
/** `<labels> <n1>/<n2>/… <unit>` at the end of a line: labels `a/b/c` pair with as many values. */
const MULTI = new RegExp(String.raw`^(.*?)([^\s/]+(?:/[^\s/]+)+)\s+(${NUMBER}(?:/${NUMBER})+)\s*${UNIT}$`)
/** `<label> <n> <unit>` at the end of a line, preceded by a space (so `mem=256 MiB` or `0x10 s` never match). */
const SINGLE = new RegExp(String.raw`^(.*\S)\s+(${NUMBER})\s*${UNIT}$`)

/** Longest line (characters) examined for a measurement: keeps the regular expressions linear in practice. */
export const MAX_MEASUREMENT_LINE = 500

const normUnit = (u: string): string => (u === 'µs' ? 'us' : u)
const normName = (s: string): string => s.replace(/\s+/g, ' ').replace(/[\s:=]+$/, '').trim()

/**
 * The measurements at the end of a line (after the status word), and the line's name without them (its identity).
 * The rule, explicit so that names with varying numbers still match across runs:
 *   1. `<prefix><l1>/<l2>/…/<ln> <v1>/<v2>/…/<vn> <unit>` (n ≥ 2, as many labels as values) → n metrics named
 *      `<prefix><li>`; identity `<prefix><l1>/…/<ln>`.
 *   2. `<label> <v> <unit>` → one metric named `<label>`; identity `<label>`.
 *   Values are decimal numbers (`-`, fraction allowed), the unit one of MEASUREMENT_UNITS, separated by whitespace
 *   from the label; a line longer than MAX_MEASUREMENT_LINE characters carries none. Any other number in a name
 *   (`interruption code 0x01`, `expected(4) == received(0)`, `mem=256 MiB`) is part of the identity and must match
 *   exactly.
 */
export function parseMeasurement(text: string): { identity: string; metrics: Metric[] } | null {
  const t = text.trim()
  // Result lines with a measurement are short; a longer one (garbled console output) is never parsed as one.
  if (t.length > MAX_MEASUREMENT_LINE) return null
  const multi = MULTI.exec(t)
  if (multi) {
    const prefix = multi[1] as string
    const labels = (multi[2] as string).split('/')
    const values = (multi[3] as string).split('/').map(Number)
    const unit = normUnit(multi[4] as string)
    if (labels.length === values.length && labels.every((l) => l !== '')) {
      return {
        identity: normName(`${prefix}${labels.join('/')}`),
        metrics: labels.map((l, i) => ({ name: normName(`${prefix}${l}`), value: values[i] as number, unit })),
      }
    }
  }
  const single = SINGLE.exec(t)
  if (single) {
    const name = normName(single[1] as string)
    // The label must end in a word, not in a number (`1 2 ms` is no measurement of `1`).
    if (name === '' || /(^|\s)[-\d.]+$/.test(name)) return null
    return { identity: name, metrics: [{ name, value: Number(single[2]), unit: normUnit(single[3] as string) }] }
  }
  return null
}

/** The identity of a subtest name: the name without a trailing measurement (see parseMeasurement), else the name. */
export function subtestIdentity(name: string): string {
  return parseMeasurement(name)?.identity ?? name
}

/**
 * Splits an INFO line into a fact key and value. The value starts at the first word that contains a digit or starts
 * with a quote — except the first word of a `: ` segment when it starts with a letter (`zEC12 build needs …` keeps
 * `zEC12`). `stsi: manufacturer 'QEMU' type …` → key `stsi: manufacturer`; `facilities: STFL fb40f6ea` → key
 * `facilities: STFL`, value `fb40f6ea`. A line without such a word is all key, value ''.
 */
export function parseFact(text: string): Fact {
  const t = text.trim()
  const words = t.split(/\s+/)
  let segmentStart = true
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string
    const starts = /^['"]/.test(w) || (/\d/.test(w) && !(segmentStart && /^[A-Za-z]/.test(w)))
    if (starts && i > 0) {
      return { key: normName(words.slice(0, i).join(' ')), value: words.slice(i).join(' ') }
    }
    segmentStart = w.endsWith(':')
  }
  return { key: normName(t), value: '' }
}

/** A result's lines in their three kinds. */
export interface ClassifiedLines {
  /** Result lines other than INFO, named by identity (measurements stripped), repeated names made unique (`#2`). */
  subtests: SubtestResult[]
  /** Facts from INFO lines without a measurement; a repeated key gets ` #2`, ` #3`. */
  facts: Fact[]
  /** Measurements from any line; a repeated name gets ` #2`, ` #3`. */
  metrics: Metric[]
}

/** Unique names in order of appearance: the second `x` becomes `x #2` (a generated name already taken gets the next). */
export function uniqueNames<S>(items: readonly S[], get: (s: S) => string, set: (s: S, name: string) => S): S[] {
  const used = new Set(items.map(get))
  const taken = new Set<string>()
  const seen = new Map<string, number>()
  return items.map((s) => {
    const name = get(s)
    if (!taken.has(name)) {
      taken.add(name)
      return s
    }
    let n = seen.get(name) ?? 1
    let next: string
    do next = `${name} #${++n}`
    while (taken.has(next) || used.has(next))
    seen.set(name, n)
    taken.add(next)
    return set(s, next)
  })
}

/** Sorts a result's lines into subtests, facts and measurements (the rules of parseMeasurement and parseFact). */
export function classifyLines(lines: readonly SubtestResult[]): ClassifiedLines {
  const subtests: SubtestResult[] = []
  const facts: Fact[] = []
  const metrics: Metric[] = []
  for (const l of lines) {
    const m = parseMeasurement(l.name)
    if (m) metrics.push(...m.metrics)
    if (l.status === 'INFO') {
      if (!m) facts.push(parseFact(l.name))
      continue
    }
    subtests.push({ status: l.status, name: m ? m.identity : l.name })
  }
  return {
    subtests: uniqueNames(subtests, (s) => s.name, (s, name) => ({ ...s, name })),
    facts: uniqueNames(facts, (f) => f.key, (f, key) => ({ ...f, key })),
    metrics: uniqueNames(metrics, (m) => m.name, (m, name) => ({ ...m, name })),
  }
}
