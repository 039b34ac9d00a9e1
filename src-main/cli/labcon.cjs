#!/usr/bin/env node
// `labcon` entry (package.json's bin): runs the compiled CLI (out/cli/, built by scripts/build-node.mjs). In a source
// checkout it first builds out/ when it is missing or older than the sources (once; then every start runs compiled
// JavaScript). CommonJS, as is its first compiled module (out/cli/entry.cjs), so that `labcon --help` and `labcon emu`
// never start Node's ES module loader; every other command continues in out/cli/main.js.
'use strict'
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS on purpose (see above) */
const { join } = require('node:path')
const { ROOT, staleReason } = require('../../scripts/node-build-state.cjs')

async function start() {
  if (staleReason() !== null) {
    try {
      const { ensureNodeBuild } = await import('../../scripts/build-node.mjs')
      await ensureNodeBuild()
    } catch (e) {
      process.stderr.write(`labcon: cannot build out/: ${e.message}\n`)
      process.exit(3)
    }
  }
  const { run } = require(join(ROOT, 'out', 'cli', 'entry.cjs'))
  process.exitCode = await run(process.argv.slice(2))
}

start().catch((e) => {
  process.stderr.write(`labcon: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`)
  process.exitCode = 3
})
