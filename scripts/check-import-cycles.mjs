// Fails (exit 1) when the run-time imports of src-core and src-main form a cycle (STYLE.md "No import cycles").
// Type-only imports (`import type`, `export type`, and import lists whose every name is `type X`) are erased by
// TypeScript and do not count; dynamic `import()` is deferred and does not count either. Run by `npm run lint`.
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs'
import { join, dirname, resolve, relative } from 'node:path'

const root = resolve(dirname(new URL(import.meta.url).pathname), '..')
const ALIASES = { '@core/': 'src-core/', '@main/': 'src-main/' }
const DIRS = ['src-core', 'src-main']

/** Every .ts file under `dir`. */
function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) walk(p, out)
    else if (p.endsWith('.ts') && !p.endsWith('.d.ts')) out.push(p)
  }
  return out
}

/** The file a specifier names, or null for packages and node built-ins. */
function resolveSpec(from, spec) {
  let base = null
  if (spec.startsWith('.')) base = resolve(dirname(from), spec)
  else for (const [a, d] of Object.entries(ALIASES)) if (spec.startsWith(a)) base = join(root, d, spec.slice(a.length))
  if (base === null) return null
  for (const c of [base, base + '.ts', base.replace(/\.js$/, '.ts'), join(base, 'index.ts')]) {
    if (existsSync(c) && statSync(c).isFile()) return c
  }
  return null
}

// `import <clause> from 'x'`, `import 'x'`, `export * from 'x'`, `export { … } from 'x'` at the start of a line.
const STMT = /^[ \t]*(import|export)[ \t]+(type[ \t]+)?([\w\s{},*$]*?)[ \t]*from[ \t]*['"]([^'"]+)['"]|^[ \t]*import[ \t]+['"]([^'"]+)['"]/gm

/** Run-time import targets of one file. */
function runtimeImports(file) {
  const src = readFileSync(file, 'utf8')
  const out = []
  for (const m of src.matchAll(STMT)) {
    if (m[5] !== undefined) {
      const r = resolveSpec(file, m[5])
      if (r) out.push(r)
      continue
    }
    if (m[2] !== undefined) continue
    const clause = m[3].trim()
    if (m[1] === 'export' && !clause.startsWith('*') && !clause.startsWith('{')) continue
    const braces = /\{([^}]*)\}/.exec(clause)
    const outside = clause.replace(/\{[^}]*\}/, '').replace(/,/g, '').trim()
    if (braces !== null && outside === '') {
      const names = braces[1].split(',').map((s) => s.trim()).filter(Boolean)
      if (names.length > 0 && names.every((n) => n.startsWith('type '))) continue
    }
    const r = resolveSpec(file, m[4])
    if (r) out.push(r)
  }
  return out
}

const files = DIRS.flatMap((d) => walk(join(root, d)))
const graph = new Map(files.map((f) => [f, runtimeImports(f)]))

// Tarjan's strongly connected components: every component with more than one file (or a self-import) is a cycle.
let index = 0
const idx = new Map()
const low = new Map()
const stack = []
const onStack = new Set()
const cycles = []
function strong(v) {
  idx.set(v, index)
  low.set(v, index++)
  stack.push(v)
  onStack.add(v)
  for (const w of graph.get(v) ?? []) {
    if (!graph.has(w)) continue
    if (!idx.has(w)) {
      strong(w)
      low.set(v, Math.min(low.get(v), low.get(w)))
    } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)))
  }
  if (low.get(v) === idx.get(v)) {
    const comp = []
    let w
    do {
      w = stack.pop()
      onStack.delete(w)
      comp.push(w)
    } while (w !== v)
    if (comp.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(comp)
  }
}
for (const f of files) if (!idx.has(f)) strong(f)

if (cycles.length > 0) {
  for (const c of cycles) {
    console.error(`import cycle among ${c.length} files (run-time imports):`)
    for (const f of c.sort()) console.error(`  ${relative(root, f)} -> ${graph.get(f).filter((t) => c.includes(t)).map((t) => relative(root, t)).join(', ')}`)
  }
  process.exit(1)
}
console.log(`import cycles: none among ${files.length} files of ${DIRS.join(', ')}`)
