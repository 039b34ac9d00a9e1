// Compare sides as URL text (`run:12`, `run:12@tcg`, `env:tcg`, `level:7.2.0`, `level:7.2.0@tcg`) and back.
import type { Side } from '@core/domain/compare'

/** Parses a side written as kind:value[@env]; null when malformed. */
export function parseSide(s: string | undefined): Side | null {
  const m = /^(run|env|level):([^@]+)(?:@(.+))?$/.exec((s ?? '').trim())
  if (!m) return null
  const [, kind, value = '', env] = m
  if (kind === 'run') {
    const runId = Number(value)
    if (!Number.isSafeInteger(runId) || runId < 1) return null
    return env ? { kind, runId, env } : { kind, runId }
  }
  if (kind === 'env') return { kind, env: value }
  return env ? { kind: 'level', level: value, env } : { kind: 'level', level: value }
}

/** The inverse of parseSide. */
export function sideText(side: Side): string {
  if (side.kind === 'run') return `run:${side.runId}${side.env ? `@${side.env}` : ''}`
  if (side.kind === 'env') return `env:${side.env}`
  return `level:${side.level}${side.env ? `@${side.env}` : ''}`
}
