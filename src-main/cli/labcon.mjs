#!/usr/bin/env node
// `labcon` entry: runs the TypeScript CLI through tsx, with the project's path aliases, from any working directory.
import { fileURLToPath } from 'node:url'
import { dirname, join } from 'node:path'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
process.env.TSX_TSCONFIG_PATH ??= join(root, 'tsconfig.base.json')
const { register } = await import('tsx/esm/api')
register()
// `labcon compare … | head`: a reader that stops early is no error; end quietly instead of an EPIPE stack trace.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0)
  throw e
})
const { main } = await import('./main.ts')
process.exitCode = await main(process.argv.slice(2))
