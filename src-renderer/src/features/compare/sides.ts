// Compare sides as URL text: the one grammar of `labcon compare` (src-core/domain/side.ts), so a URL's `a=`/`b=` can be
// pasted on the command line and back: `run:12`, `run:12@env:tcg`, `env:tcg[@catalog:3]`, `level:7.2.22[@env:tcg]`.
import type { Side } from '@core/domain/compare'
import { formatSide, trySide } from '@core/domain/side'

/** Parses a side as `labcon compare` does; null when malformed. */
export function parseSide(s: string | undefined): Side | null {
  return trySide(s?.trim())
}

/** The inverse of parseSide, the text `labcon compare` accepts. */
export function sideText(side: Side): string {
  return formatSide(side)
}

/** The command line that gives the same comparison. */
export function compareCommand(a: Side, b: Side): string {
  const q = (s: string): string => (/^[\w.:@/-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`)
  return `labcon compare ${q(sideText(a))} ${q(sideText(b))}`
}
