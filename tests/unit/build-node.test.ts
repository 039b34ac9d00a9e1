// The launcher's freshness rule (scripts/build-node.mjs): out/ is rebuilt when it is missing or older than the
// sources, never in a tree without sources (a packaged app), and is current right after a build's stamp.
import { afterEach, describe, expect, it } from 'vitest'
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { asciiOnly, sourceState, staleReason } from '../../scripts/build-node.mjs'

const roots: string[] = []
function tree(withSources: boolean): string {
  const root = mkdtempSync(join(tmpdir(), 'labcon-build-'))
  roots.push(root)
  if (withSources) {
    mkdirSync(join(root, 'src-main', 'cli'), { recursive: true })
    mkdirSync(join(root, 'src-core'), { recursive: true })
    writeFileSync(join(root, 'src-main', 'cli', 'main.ts'), 'export {}\n')
    writeFileSync(join(root, 'src-core', 'x.ts'), 'export {}\n')
  }
  return root
}
const stamp = (root: string, state: unknown): void => {
  mkdirSync(join(root, 'out'), { recursive: true })
  writeFileSync(join(root, 'out', '.node-build.json'), JSON.stringify(state))
}
afterEach(() => roots.splice(0).forEach((r) => rmSync(r, { recursive: true, force: true })))

describe('build freshness', () => {
  it('asks for a build when out/ was never built, and not after the build stamped the sources', () => {
    const root = tree(true)
    expect(staleReason(root)).toBe('out/ has not been built')
    stamp(root, sourceState(root))
    expect(staleReason(root)).toBeNull()
  })

  it('rebuilds when a source is newer than the build or a source file appeared', () => {
    const root = tree(true)
    stamp(root, sourceState(root))
    const later = new Date(Date.now() + 5000)
    utimesSync(join(root, 'src-core', 'x.ts'), later, later)
    expect(staleReason(root)).toBe('the sources changed since out/ was built')
    stamp(root, sourceState(root))
    const old = new Date(0)
    writeFileSync(join(root, 'src-core', 'y.ts'), 'export {}\n')
    utimesSync(join(root, 'src-core', 'y.ts'), old, old)
    expect(staleReason(root)).toBe('the sources changed since out/ was built')
  })

  it('never builds where there are no sources (a packaged app), and says what is missing when out/ is absent too', () => {
    const root = tree(false)
    expect(sourceState(root)).toBeNull()
    expect(staleReason(root)).toBe('out/cli/main.js is missing and there are no sources to build it from')
    stamp(root, { newest: 1, files: 1 })
    expect(staleReason(root)).toBeNull()
  })
})

describe('the emu bundle as ASCII', () => {
  it('escapes every non-ASCII character so that the code means the same, and refuses one after a backslash', () => {
    const src = 'const s = "µs → 🙂"; /** a → b */ const r = /[→]/u; exports.v = [s, r.test("→"), s.length]'
    const out = asciiOnly(src, 'x.cjs')
    const run = (code: string): unknown => {
      const exports: { v?: unknown } = {}
      new Function('exports', code)(exports)
      return exports.v
    }
    expect({ ascii: /^[\x20-\x7e]*$/.test(out), same: run(out) }).toEqual({ ascii: true, same: ['µs → 🙂', true, 7] })
    expect(() => asciiOnly('const s = "\\→"', 'x.cjs')).toThrow('x.cjs: a non-ASCII character follows a backslash')
  })
})
