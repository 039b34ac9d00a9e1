// Compare sides as URL text, in the CLI's syntax (`labcon compare`): `run:12`, `run:12@env:tcg`, `env:tcg`,
// `level:7.2.22`, `level:7.2.22@env:tcg` (also `env:tcg@level:7.2.22`), and back.
import type { Side } from '@core/domain/compare'

/** Parses a side as `labcon compare` does; null when malformed (unknown kind, empty or repeated part, bad run id). */
export function parseSide(s: string | undefined): Side | null {
  const text = (s ?? '').trim()
  if (text === '') return null
  const parts: Record<string, string> = {}
  for (const part of text.split('@')) {
    const colon = part.indexOf(':')
    if (colon < 0) return null
    const key = part.slice(0, colon)
    const value = part.slice(colon + 1)
    if (!['run', 'env', 'level'].includes(key) || value.trim() === '' || key in parts) return null
    parts[key] = value
  }
  const { run, env, level } = parts
  if (run !== undefined) {
    if (level !== undefined || !/^\d+$/.test(run) || !Number.isSafeInteger(Number(run)) || Number(run) < 1) return null
    return env !== undefined ? { kind: 'run', runId: Number(run), env } : { kind: 'run', runId: Number(run) }
  }
  if (level !== undefined) return env !== undefined ? { kind: 'level', level, env } : { kind: 'level', level }
  return env !== undefined ? { kind: 'env', env } : null
}

/** The inverse of parseSide, the text `labcon compare` accepts. */
export function sideText(side: Side): string {
  if (side.kind === 'run') return `run:${side.runId}${side.env ? `@env:${side.env}` : ''}`
  if (side.kind === 'env') return `env:${side.env}`
  return `level:${side.level}${side.env ? `@env:${side.env}` : ''}`
}

/** The command line that gives the same comparison. */
export function compareCommand(a: Side, b: Side): string {
  const q = (s: string): string => (/^[\w.:@/-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`)
  return `labcon compare ${q(sideText(a))} ${q(sideText(b))}`
}
