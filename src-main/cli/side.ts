// Comparison side syntax of `labcon compare`: the one grammar of src-core/domain/side.ts (the UI's URLs use it too).
export { SIDE_FORMS, SideSyntaxError, parseSide } from '@core/domain/side'

/** Resolves a short level (`7.2.22`) to the one known level containing it (`QEMU 7.2.22 (Debian …)`), if unique. */
export function resolveLevel(level: string, known: readonly string[]): string {
  if (known.includes(level)) return level
  const hits = [...new Set(known.filter((k) => k.split(/[\s()]+/).includes(level) || k.includes(level)))]
  return hits.length === 1 ? (hits[0] as string) : level
}
