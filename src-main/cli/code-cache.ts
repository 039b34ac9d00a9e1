// Runs a CommonJS bundle of out/ with V8's code cache: Node 20 has no compile cache for ES modules, and compiling
// the emulator's ~450 KB on every `labcon emu` was a large part of its start. The bundle's first line names its
// build (`// labcon-build <id>`, a hash of its content written by scripts/build-node.mjs); the cache file carries
// that id, Node's version and Node's options, so a rebuilt bundle or another Node never meets a cache made for
// something else.
import { isAscii } from 'node:buffer'
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { basename, dirname, join } from 'node:path'
import { Script, constants } from 'node:vm'

/** The first line of a bundle built for the code cache: `// labcon-build <id>`. */
export const BUILD_ID_LINE = /^\/\/ labcon-build ([0-9a-f]{16,64})\n/

/** How a bundle was loaded: whether V8 accepted a cache, and whether a new cache was written (for tests). */
export interface CodeCacheLoad<T> {
  exports: T
  /** 'deferred': there was no usable cache and `save` writes it. */
  cache: 'used' | 'written' | 'none' | 'deferred'
  /** With `cache: 'deferred'`, writes the cache now (once; true when written), else does nothing and returns false. */
  save(): boolean
}

/** When a missing cache is written: right after the bundle's top level ran ('load'), or when the caller calls
 * `save` ('later'): after a run, the cache also holds every function that run compiled (V8 includes lazily
 * compiled functions), which a later start then neither parses nor compiles. */
export type CodeCacheWrite = 'load' | 'later'

/**
 * The Node options of this process (command line and NODE_OPTIONS) as a short key: V8 rejects a cache made under
 * other V8 flags, so each set of options keeps its own cache instead of rewriting one cache back and forth.
 */
export function nodeOptionsKey(execArgv: readonly string[] = process.execArgv, nodeOptions = process.env['NODE_OPTIONS'] ?? ''): string {
  const text = `${execArgv.join('\0')}\0${nodeOptions}`
  if (text === '\0') return 'plain'
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  return (h >>> 0).toString(16).padStart(8, '0')
}

/** The cache file of `file` with build `id` under `cacheDir`, for this Node version, architecture and options. */
export function codeCachePath(file: string, id: string, cacheDir: string, options = nodeOptionsKey()): string {
  return join(cacheDir, `${basename(file)}-${id}-node${process.versions.node}-${process.arch}-${options}.v8`)
}

/**
 * Loads the CommonJS bundle `file` (as Node's require would: exports, require, module, __filename, __dirname) with
 * the code cache under `cacheDir` for these Node `options`, and writes that cache when there was none or V8 rejected
 * it. A bundle without a build id runs uncached; a cache that cannot be written (read-only install) is skipped.
 */
export function requireWithCodeCache<T>(file: string, cacheDir: string, options = nodeOptionsKey(), write: CodeCacheWrite = 'load'): CodeCacheLoad<T> {
  // An ASCII bundle (scripts/build-node.mjs writes emu.cjs so) decodes as Latin-1: a plain copy into a one-byte
  // string, where UTF-8 decoding cost several times as much.
  const bytes = readFileSync(file)
  const source = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8')
  const id = BUILD_ID_LINE.exec(source)?.[1]
  const cachePath = id === undefined ? null : codeCachePath(file, id, cacheDir, options)
  let cachedData: Buffer | undefined
  if (cachePath !== null) {
    try {
      cachedData = readFileSync(cachePath)
    } catch {
      // no cache yet
    }
  }
  // One line, as Node's own CommonJS wrapper, so that line numbers in stack traces are the bundle's.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    cachedData,
    importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  })
  const module = { exports: {} as T }
  const wrapper = script.runInThisContext() as (e: T, r: NodeJS.Require, m: { exports: T }, f: string, d: string) => void
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, dirname(file))
  const nothing = (): boolean => false
  if (cachePath === null) return { exports: module.exports, cache: 'none', save: nothing }
  if (cachedData !== undefined && !script.cachedDataRejected) return { exports: module.exports, cache: 'used', save: nothing }
  if (write === 'load') return { exports: module.exports, cache: writeCache(cachePath, script) ? 'written' : 'none', save: nothing }
  let saved = false
  const save = (): boolean => {
    if (saved) return false
    saved = true
    return writeCache(cachePath, script)
  }
  return { exports: module.exports, cache: 'deferred', save }
}

/** Writes the cache next to a temporary name and renames it, so that a concurrent start never reads half a file. */
function writeCache(path: string, script: Script): boolean {
  const tmp = `${path}.${process.pid}.tmp`
  try {
    mkdirSync(dirname(path), { recursive: true })
    writeFileSync(tmp, script.createCachedData())
    renameSync(tmp, path)
    return true
  } catch {
    try {
      rmSync(tmp, { force: true })
    } catch {
      // the directory itself is unusable: nothing was written
    }
    return false
  }
}
