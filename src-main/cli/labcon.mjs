#!/usr/bin/env node
// `labcon` entry: runs the compiled CLI (out/cli/main.js, built by scripts/build-node.mjs). In a source checkout it
// first builds out/ when it is missing or older than the sources (once, then every start runs compiled JavaScript).
import { ensureNodeBuild, ROOT } from '../../scripts/build-node.mjs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

try {
  await ensureNodeBuild()
} catch (e) {
  process.stderr.write(`labcon: cannot build out/: ${e.message}\n`)
  process.exit(3)
}
const { main } = await import(pathToFileURL(join(ROOT, 'out', 'cli', 'main.js')).href)
// `labcon compare … | head`: a reader that stops early is no error; end quietly instead of an EPIPE stack trace.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0)
  throw e
})
process.exitCode = await main(process.argv.slice(2))
