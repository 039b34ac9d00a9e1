// Ahead-of-time build of everything that runs in plain Node: the CLI with server mode (out/cli/, code-split so
// `labcon --help` loads neither SQLite nor the emulator) and the emulator worker (out/worker/, one self-contained
// file so that Electron can load it unpacked next to app.asar). Electron's main, preload and renderer are built by
// electron-vite (electron.vite.config.ts). `node scripts/build-node.mjs` builds; the launcher (src-main/cli/labcon.cjs)
// checks freshness with node-build-state.cjs and calls ensureNodeBuild() only when out/ is older than the sources.
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

import { NODE_OUTPUTS, ROOT, STAMP, sourceState, staleReason } from './node-build-state.cjs'

export { NODE_OUTPUTS, ROOT, sourceState, staleReason }

/**
 * Bundles the CLI (+ server mode) and the emulator worker with esbuild. Every file is written to a temporary name
 * and renamed, the entry points and the stamp last, so concurrent builds and readers never see a half-written file.
 */
export async function buildNode(root = ROOT) {
  const before = sourceState(root)
  if (before === null) throw new Error(`no sources under ${root} (src-core/, src-main/): nothing to build`)
  let esbuild
  try {
    esbuild = await import('esbuild')
  } catch (e) {
    throw new Error(`esbuild is not installed (npm ci installs it with the dev dependencies): ${e.message}`)
  }
  const common = {
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    target: 'node20.19',
    format: 'esm',
    tsconfig: join(root, 'tsconfig.base.json'),
    // Dependencies (better-sqlite3, ssh2) stay in node_modules; native addons cannot be bundled.
    packages: 'external',
    write: false,
    logLevel: 'warning',
    legalComments: 'none',
  }
  const cjs = { ...common, format: 'cjs', outdir: 'out/cli', outExtension: { '.js': '.cjs' } }
  const [cli, entry, emu, worker, workerCjs] = await Promise.all([
    esbuild.build({
      ...common,
      entryPoints: { main: 'src-main/cli/main.ts' },
      outdir: 'out/cli',
      splitting: true,
      chunkNames: 'chunk-[hash]',
      // main.ts then loads `emu` from emu.cjs with V8's code cache (src-main/cli/code-cache.ts).
      define: { LABCON_EMU_CJS: 'true' },
    }),
    // The launcher's first module: --help, and emu without the ES module loader; the rest goes to main.js.
    esbuild.build({ ...cjs, entryPoints: { entry: 'src-main/cli/entry.ts' } }),
    // CommonJS, because only a classic script can be given V8's code cache in Node 20. Self-contained: it shares no
    // module instances with main.js and reports its own errors (emu-cli.ts).
    esbuild.build({ ...cjs, entryPoints: { emu: 'src-main/cli/emu-cli.ts' } }),
    // The worker: a small ES module entry that loads the emulator worker, CommonJS for the code cache as emu.cjs.
    esbuild.build({ ...common, entryPoints: { 'emulator-worker': 'src-main/runner/worker-entry.ts' }, outdir: 'out/worker' }),
    esbuild.build({ ...cjs, entryPoints: { emulator: 'src-main/runner/emulator-worker.ts' }, outdir: 'out/worker' }),
  ])
  // import.meta is empty in CommonJS output: refuse a bundle that would run with it missing.
  for (const [name, r] of [['out/cli/entry.cjs', entry], ['out/cli/emu.cjs', emu], ['out/worker/emulator.cjs', workerCjs]]) {
    if (r.warnings.length > 0) throw new Error(`${name}: ${r.warnings.map((w) => w.text).join('; ')}`)
  }
  const { createHash } = await import('node:crypto')
  /** A bundle for the code cache: ASCII, its first line naming its build (src-main/cli/code-cache.ts). */
  const cached = (file, name) => {
    const text = asciiOnly(file.text, name)
    const id = createHash('sha256').update(text).digest('hex').slice(0, 32)
    return { id, out: { path: file.path, contents: Buffer.from(`// labcon-build ${id}\n${text}`, 'latin1') } }
  }
  const emuBuild = cached(emu.outputFiles[0], 'out/cli/emu.cjs')
  const workerBuild = cached(workerCjs.outputFiles[0], 'out/worker/emulator.cjs')
  const buildId = emuBuild.id
  const files = [...cli.outputFiles, ...entry.outputFiles, emuBuild.out, ...worker.outputFiles, workerBuild.out]
  const entries = new Set(NODE_OUTPUTS.map((f) => join(root, f)))
  const ordered = [...files.filter((f) => !entries.has(f.path)), ...files.filter((f) => entries.has(f.path))]
  for (const f of ordered) writeAtomic(f.path, f.contents)
  // Chunks of older builds are unreferenced once the new entry is in place.
  const keep = new Set(files.map((f) => f.path))
  for (const name of readdirSync(join(root, 'out', 'cli'))) {
    const p = join(root, 'out', 'cli', name)
    if (/^chunk-.*\.js$/.test(name) && !keep.has(p) && Date.now() - statSync(p).mtimeMs > 600_000) rmSync(p, { force: true })
  }
  // Code caches of older builds of emu.cjs are never read again (their name carries the build id).
  for (const name of listDir(join(root, 'out', 'cli', 'cache'))) {
    if (!name.includes(buildId)) rmSync(join(root, 'out', 'cli', 'cache', name), { force: true })
  }
  for (const name of listDir(join(root, 'out', 'worker', 'cache'))) {
    if (!name.includes(workerBuild.id)) rmSync(join(root, 'out', 'worker', 'cache', name), { force: true })
  }
  writeAtomic(join(root, STAMP), JSON.stringify(before))
  return files.map((f) => relative(root, f.path))
}

/**
 * `text` with every non-ASCII character written as a \\u escape. esbuild escapes them in strings but keeps doc
 * comments as written; an ASCII bundle is read as Latin-1 (src-main/cli/code-cache.ts) and becomes a one-byte V8
 * string: UTF-8 decoding of the 530 KB emu bundle into a two-byte string cost more than the rest of its load.
 * The escape means the same character in strings, regular expressions, identifiers and (as text) comments; one
 * after a backslash would not, so it is refused.
 */
export function asciiOnly(text, name) {
  if (/\\[\u0080-\uffff]/.test(text)) throw new Error(`${name}: a non-ASCII character follows a backslash; cannot escape it`)
  return text.replace(/[\u0080-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

function listDir(dir) {
  try {
    return readdirSync(dir)
  } catch {
    return []
  }
}

function writeAtomic(path, contents) {
  mkdirSync(dirname(path), { recursive: true })
  const tmp = `${path}.${process.pid}.tmp`
  writeFileSync(tmp, contents)
  renameSync(tmp, path)
}

/** Builds out/ when it is missing or older than the sources; says so on stderr. Resolves when out/ is current. */
export async function ensureNodeBuild(root = ROOT) {
  const why = staleReason(root)
  if (why === null) return
  if (sourceState(root) === null) throw new Error(why)
  process.stderr.write(`labcon: building out/ (${why})…\n`)
  await buildNode(root)
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const t0 = performance.now()
  try {
    const files = await buildNode()
    process.stdout.write(`built ${files.length} files into out/cli and out/worker in ${((performance.now() - t0) / 1000).toFixed(2)} s\n`)
  } catch (e) {
    process.stderr.write(`scripts/build-node.mjs: ${e.message}\n`)
    process.exitCode = 1
  }
}
