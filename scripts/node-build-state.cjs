// Whether out/ is current: the check every `labcon` start of a source checkout runs before anything else, so it is
// CommonJS (no ES module loader for `labcon --help`) and does nothing but stat the sources. Building is
// scripts/build-node.mjs; it re-exports these.
'use strict'
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS on purpose (see above) */
const { readdirSync, readFileSync, statSync } = require('node:fs')
const { join } = require('node:path')

/** Repository root (this file lives in scripts/). */
const ROOT = join(__dirname, '..')

const SOURCE_DIRS = ['src-core', 'src-main']
const SOURCE_FILES = ['package.json', 'tsconfig.base.json', 'scripts/build-node.mjs']
const SOURCE_FILE = /\.(ts|mjs|js|json)$/
const STAMP = 'out/.node-build.json'
/** Files whose presence means the build is complete (the stamp is written after them). */
const NODE_OUTPUTS = ['out/cli/main.js', 'out/cli/entry.cjs', 'out/cli/emu.cjs', 'out/worker/emulator-worker.js', 'out/worker/emulator.cjs']

/**
 * Newest modification time and number of the source files the node build depends on; null without sources.
 * Every `labcon` start of a source checkout runs this (~200 files): paths are joined by hand, since node:path's
 * join cost more than the stat calls themselves on a cold start.
 */
function sourceState(root = ROOT) {
  let newest = 0
  let files = 0
  const visit = (dir) => {
    let entries
    try {
      entries = readdirSync(dir, { withFileTypes: true })
    } catch {
      return
    }
    for (const e of entries) {
      const p = `${dir}/${e.name}`
      if (e.isDirectory()) visit(p)
      else if (SOURCE_FILE.test(e.name)) {
        const m = statSync(p).mtimeMs
        if (m > newest) newest = m
        files++
      }
    }
  }
  for (const d of SOURCE_DIRS) visit(`${root}/${d}`)
  if (files === 0) return null
  for (const f of SOURCE_FILES) {
    const s = statSync(`${root}/${f}`, { throwIfNoEntry: false })
    if (s && s.mtimeMs > newest) newest = s.mtimeMs
  }
  return { newest, files }
}

/** Why out/ must be (re)built, or null when it is current (or when there are no sources, as in a packaged app). */
function staleReason(root = ROOT) {
  const src = sourceState(root)
  let stamp
  try {
    stamp = JSON.parse(readFileSync(join(root, STAMP), 'utf8'))
  } catch {
    return src === null ? `${NODE_OUTPUTS[0]} is missing and there are no sources to build it from` : 'out/ has not been built'
  }
  if (src === null) return null
  if (stamp.files !== src.files || src.newest > stamp.newest) return 'the sources changed since out/ was built'
  return null
}

module.exports = { ROOT, NODE_OUTPUTS, STAMP, sourceState, staleReason }
