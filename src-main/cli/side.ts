// Comparison side syntax of `labcon compare`: `run:12`, `run:12@env:tcg`, `env:tcg`, `level:7.2.22`,
// `level:7.2.22@env:tcg` (also written `env:tcg@level:7.2.22`).
import type { Side } from '@core/domain/compare'
import { printable } from '@core/domain/catalog'

/** A side argument that does not follow the syntax; the message shows the accepted forms. */
export class SideSyntaxError extends Error {
  override readonly name = 'SideSyntaxError'
}

/** Accepted forms, for help texts and errors. */
export const SIDE_FORMS = 'run:<id>[@env:<name>] | env:<name> | level:<level>[@env:<name>] | env:<name>@level:<level>'

/** Parses one side argument; throws SideSyntaxError naming the argument. */
export function parseSide(text: string): Side {
  const bad = (why: string): never => {
    throw new SideSyntaxError(printable(`side '${text}': ${why} (expected ${SIDE_FORMS})`, 400))
  }
  const parts: Record<string, string> = {}
  for (const part of text.split('@')) {
    const colon = part.indexOf(':')
    if (colon < 0) bad(`'${part}' has no ':'`)
    const key = part.slice(0, colon)
    const value = part.slice(colon + 1)
    if (!['run', 'env', 'level'].includes(key)) bad(`unknown kind '${key}'`)
    if (value.trim() === '') bad(`empty ${key}`)
    if (key in parts) bad(`${key} given twice`)
    parts[key] = value
  }
  const { run, env, level } = parts
  if (run !== undefined) {
    if (level !== undefined) bad('a run side cannot also name a level')
    if (!/^\d+$/.test(run) || Number(run) < 1) bad(`run id '${run}' is not a positive integer`)
    return env !== undefined ? { kind: 'run', runId: Number(run), env } : { kind: 'run', runId: Number(run) }
  }
  if (level !== undefined) return env !== undefined ? { kind: 'level', level, env } : { kind: 'level', level }
  if (env !== undefined) return { kind: 'env', env }
  return bad('empty side')
}

/** Resolves a short level (`7.2.22`) to the one known level containing it (`QEMU 7.2.22 (Debian …)`), if unique. */
export function resolveLevel(level: string, known: readonly string[]): string {
  if (known.includes(level)) return level
  const hits = [...new Set(known.filter((k) => k.split(/[\s()]+/).includes(level) || k.includes(level)))]
  return hits.length === 1 ? (hits[0] as string) : level
}
