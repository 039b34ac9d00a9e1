// The one side grammar of comparisons, used by `labcon compare` and by the UI's URLs alike:
//   run:<id>[@env:<name>]
//   env:<name>[@catalog:<id>|@catalog:all]
//   level:<level>[@env:<name>][@catalog:<id>|@catalog:all]      (parts in any order: env:tcg@level:7.2 is the same)
import type { Side } from './compare'
import { printable } from './catalog'
import { LabError } from './errors'

/** A side text that does not follow the grammar; the message names the text and shows the accepted forms. */
export class SideSyntaxError extends LabError {
  override readonly name = 'SideSyntaxError'
  readonly kind = 'input'
}

/** Accepted forms, for help texts and errors. */
export const SIDE_FORMS = 'run:<id>[@env:<name>] | env:<name>[@catalog:<id>|all] | level:<level>[@env:<name>][@catalog:<id>|all]'

const KINDS = ['run', 'env', 'level', 'catalog'] as const

/** Parses one side text; throws SideSyntaxError naming the text and what is wrong. */
export function parseSide(text: string): Side {
  const bad = (why: string): never => {
    throw new SideSyntaxError(printable(`side '${text}': ${why} (expected ${SIDE_FORMS})`, 400))
  }
  if (text.trim() === '') bad('empty side')
  const parts: Record<string, string> = {}
  for (const part of text.trim().split('@')) {
    const colon = part.indexOf(':')
    if (colon < 0) bad(`'${part}' has no ':'`)
    const key = part.slice(0, colon)
    const value = part.slice(colon + 1)
    if (!(KINDS as readonly string[]).includes(key)) bad(`unknown kind '${key}'`)
    if (value.trim() === '') bad(`empty ${key}`)
    if (key in parts) bad(`${key} given twice`)
    parts[key] = value
  }
  const { run, env, level, catalog: catText } = parts
  let catalog: number | 'all' | undefined
  if (catText !== undefined) {
    if (catText === 'all') catalog = 'all'
    else if (/^\d+$/.test(catText) && Number.isSafeInteger(Number(catText)) && Number(catText) >= 1) catalog = Number(catText)
    else bad(`catalog '${catText}' is neither a positive integer id nor 'all'`)
  }
  if (run !== undefined) {
    if (level !== undefined) bad('a run side cannot also name a level')
    if (catalog !== undefined) bad('a run side has its own catalog')
    if (!/^\d+$/.test(run) || !Number.isSafeInteger(Number(run)) || Number(run) < 1) bad(`run id '${run}' is not a positive integer`)
    return env !== undefined ? { kind: 'run', runId: Number(run), env } : { kind: 'run', runId: Number(run) }
  }
  const scope = catalog !== undefined ? { catalog } : {}
  if (level !== undefined) return env !== undefined ? { kind: 'level', level, env, ...scope } : { kind: 'level', level, ...scope }
  if (env !== undefined) return { kind: 'env', env, ...scope }
  return bad('a side needs run:, env: or level:')
}

/** Like parseSide, but null instead of an error (for URL parameters). */
export function trySide(text: string | null | undefined): Side | null {
  try {
    return text ? parseSide(text) : null
  } catch {
    return null
  }
}

/** The text of a side, the inverse of parseSide (canonical order: run/level, env, catalog). */
export function formatSide(side: Side): string {
  const cat = side.kind !== 'run' && side.catalog !== undefined ? `@catalog:${side.catalog}` : ''
  if (side.kind === 'run') return `run:${side.runId}${side.env ? `@env:${side.env}` : ''}`
  if (side.kind === 'env') return `env:${side.env}${cat}`
  return `level:${side.level}${side.env ? `@env:${side.env}` : ''}${cat}`
}
