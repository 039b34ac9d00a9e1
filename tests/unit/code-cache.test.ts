// The compiled CLI's code cache (src-main/cli/code-cache.ts): a CommonJS bundle runs as Node's require would run it,
// its V8 cache is written once and used afterwards, and a rebuilt bundle (new build id) never runs old code from a
// cache, even when the new file has exactly the old one's length (V8's own check compares little more than that).
import { afterEach, describe, expect, it } from 'vitest'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { nodeOptionsKey, requireWithCodeCache } from '@main/cli/code-cache'

const dirs: string[] = []
function dir(): string {
  const d = mkdtempSync(join(tmpdir(), 'labcon-code-cache-'))
  dirs.push(d)
  return d
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

interface Bundle {
  answer: () => string
  file: string
  dir: string
  joined: string
}
const bundle = (id: string | null, answer: string): string =>
  `${id === null ? '' : `// labcon-build ${id}\n`}"use strict";
const { join } = require('node:path');
exports.answer = function () { return ${JSON.stringify(answer)} };
exports.file = __filename;
exports.dir = __dirname;
exports.joined = join('a', 'b');
`

describe('code cache of a CommonJS bundle', () => {
  it('runs the bundle as require would, writes its cache once and uses it on the next load', () => {
    const d = dir()
    const file = join(d, 'emu.cjs')
    writeFileSync(file, bundle('0123456789abcdef0123456789abcdef', 'first'))
    const a = requireWithCodeCache<Bundle>(file, join(d, 'cache'))
    expect({ cache: a.cache, answer: a.exports.answer(), file: a.exports.file, dir: a.exports.dir, joined: a.exports.joined }).toEqual({
      cache: 'written',
      answer: 'first',
      file,
      dir: d,
      joined: join('a', 'b'),
    })
    expect(readdirSync(join(d, 'cache'))).toEqual([`emu.cjs-0123456789abcdef0123456789abcdef-node${process.versions.node}-${process.arch}-${nodeOptionsKey()}.v8`])
    const b = requireWithCodeCache<Bundle>(file, join(d, 'cache'))
    expect({ cache: b.cache, answer: b.exports.answer() }).toEqual({ cache: 'used', answer: 'first' })
  })

  it('runs the new code after a rebuild of the same length, from a new cache', () => {
    const d = dir()
    const file = join(d, 'emu.cjs')
    writeFileSync(file, bundle('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'old!'))
    requireWithCodeCache<Bundle>(file, join(d, 'cache'))
    const rebuilt = bundle('bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb', 'new!')
    expect(rebuilt.length).toBe(bundle('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'old!').length)
    writeFileSync(file, rebuilt)
    const r = requireWithCodeCache<Bundle>(file, join(d, 'cache'))
    expect({ cache: r.cache, answer: r.exports.answer() }).toEqual({ cache: 'written', answer: 'new!' })
    expect(readdirSync(join(d, 'cache')).length).toBe(2)
  })

  it('keeps one cache per set of Node options, so that V8 never has to reject one', () => {
    const d = dir()
    const file = join(d, 'emu.cjs')
    writeFileSync(file, bundle('dddddddddddddddddddddddddddddddd', 'flags'))
    const plain = nodeOptionsKey([], '')
    const limited = nodeOptionsKey(['--max-old-space-size=512'], '')
    expect({ plain, differs: limited !== plain, viaEnv: nodeOptionsKey([], '--max-old-space-size=512') !== plain, hex: /^[0-9a-f]{8}$/.test(limited) }).toEqual({
      plain: 'plain',
      differs: true,
      viaEnv: true,
      hex: true,
    })
    const loads = [plain, limited, plain, limited].map((o) => requireWithCodeCache<Bundle>(file, join(d, 'cache'), o).cache)
    expect(loads).toEqual(['written', 'written', 'used', 'used'])
  })

  it('runs uncached when the bundle names no build or the cache cannot be written', () => {
    const d = dir()
    const file = join(d, 'emu.cjs')
    writeFileSync(file, bundle(null, 'plain'))
    const r = requireWithCodeCache<Bundle>(file, join(d, 'cache'))
    expect({ cache: r.cache, answer: r.exports.answer(), cacheDir: readdirSync(d) }).toEqual({ cache: 'none', answer: 'plain', cacheDir: ['emu.cjs'] })
    writeFileSync(file, bundle('cccccccccccccccccccccccccccccccc', 'read-only'))
    writeFileSync(join(d, 'not-a-dir'), '')
    const ro = requireWithCodeCache<Bundle>(file, join(d, 'not-a-dir', 'cache'))
    expect({ cache: ro.cache, answer: ro.exports.answer() }).toEqual({ cache: 'none', answer: 'read-only' })
    mkdirSync(join(d, 'cache'))
    expect(readdirSync(join(d, 'cache'))).toEqual([])
  })

  it('writes a deferred cache once, after the run, with the functions the run compiled', () => {
    // A function compiled only when called: a cache written at load holds its source position alone.
    const body = Array.from({ length: 200 }, (_, i) => `s = (s * 31 + ${i}) | 0;`).join('\n')
    const lazy = (id: string): string => `// labcon-build ${id}\n"use strict";\nexports.work = function () { let s = 1;\n${body}\nreturn s };\n`
    const sizeAfter = (write: 'load' | 'later'): { cache: string; saved: boolean[]; size: number; again: string; work: number } => {
      const d = dir()
      const file = join(d, 'emu.cjs')
      writeFileSync(file, lazy('eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee'))
      const r = requireWithCodeCache<{ work: () => number }>(file, join(d, 'cache'), 'plain', write)
      const work = r.exports.work()
      const saved = [r.save(), r.save()]
      const files = readdirSync(join(d, 'cache'))
      const size = files.length === 1 ? readFileSync(join(d, 'cache', files[0]!)).length : -1
      const again = requireWithCodeCache<{ work: () => number }>(file, join(d, 'cache'), 'plain', write)
      return { cache: r.cache, saved, size, again: again.cache, work: work === again.exports.work() ? 1 : 0 }
    }
    const atLoad = sizeAfter('load')
    const later = sizeAfter('later')
    expect({ ...atLoad, size: 0 }).toEqual({ cache: 'written', saved: [false, false], size: 0, again: 'used', work: 1 })
    expect({ ...later, size: 0 }).toEqual({ cache: 'deferred', saved: [true, false], size: 0, again: 'used', work: 1 })
    expect(later.size).toBeGreaterThan(atLoad.size + 1000)
  })

  it('reads an ASCII bundle and a UTF-8 one each with its own characters', () => {
    const d = dir()
    const answers = ['plain ascii', 'host µs → guest']
    const got = answers.map((answer, i) => {
      const file = join(d, `b${i}.cjs`)
      writeFileSync(file, bundle(`${i}`.repeat(32), answer))
      return requireWithCodeCache<Bundle>(file, join(d, 'cache')).exports.answer()
    })
    expect(got).toEqual(answers)
  })
})
