// Ahead-of-time build of everything that runs in plain Node: the CLI with server mode (out/cli/, code-split so
// `labcon --help` loads neither SQLite nor the emulator) and the emulator worker (out/worker/, one self-contained
// file so that Electron can load it unpacked next to app.asar). Electron's main, preload and renderer are built by
// electron-vite (electron.vite.config.ts). `node scripts/build-node.mjs` builds; the launcher (src-main/cli/labcon.mjs)
// calls ensureNodeBuild() so a source checkout never runs output older than its sources.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

/** Repository root (this file lives in scripts/). */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')

const SOURCE_DIRS = ['src-core', 'src-main']
const SOURCE_FILES = ['package.json', 'tsconfig.base.json', 'scripts/build-node.mjs']
const SOURCE_FILE = /\.(ts|mjs|js|json)$/
const STAMP = 'out/.node-build.json'
/** Files whose presence means the build is complete (the stamp is written after them). */
export const NODE_OUTPUTS = ['out/cli/main.js', 'out/cli/emu.cjs', 'out/worker/emulator-worker.js']

/**
 * Newest modification time and number of the source files the node build depends on; null without sources.
 * Every `labcon` start of a source checkout runs this (~200 files): paths are joined by hand, since node:path's
 * join cost more than the stat calls themselves on a cold start.
 */
export function sourceState(root = ROOT) {
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
export function staleReason(root = ROOT) {
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
  const [cli, emu, worker] = await Promise.all([
    esbuild.build({
      ...common,
      entryPoints: { main: 'src-main/cli/main.ts' },
      outdir: 'out/cli',
      splitting: true,
      chunkNames: 'chunk-[hash]',
      // main.ts then loads `emu` from emu.cjs with V8's code cache (src-main/cli/code-cache.ts).
      define: { LABCON_EMU_CJS: 'true' },
    }),
    // CommonJS, because only a classic script can be given V8's code cache in Node 20. Self-contained: it shares no
    // module instances with main.js (emu.ts only needs the Command type from the rest of the CLI).
    esbuild.build({ ...common, format: 'cjs', entryPoints: { emu: 'src-main/cli/emu.ts' }, outdir: 'out/cli', outExtension: { '.js': '.cjs' } }),
    esbuild.build({ ...common, entryPoints: { 'emulator-worker': 'src-main/runner/emulator-worker.ts' }, outdir: 'out/worker' }),
  ])
  // import.meta is empty in CommonJS output: refuse a bundle that would run with it missing.
  if (emu.warnings.length > 0) throw new Error(`out/cli/emu.cjs: ${emu.warnings.map((w) => w.text).join('; ')}`)
  const emuFile = emu.outputFiles[0]
  const { createHash } = await import('node:crypto')
  const buildId = createHash('sha256').update(emuFile.contents).digest('hex').slice(0, 32)
  const emuOut = { path: emuFile.path, contents: Buffer.concat([Buffer.from(`// labcon-build ${buildId}\n`), emuFile.contents]) }
  const files = [...cli.outputFiles, emuOut, ...worker.outputFiles]
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
  writeAtomic(join(root, STAMP), JSON.stringify(before))
  return files.map((f) => relative(root, f.path))
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
