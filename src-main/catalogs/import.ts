// Importing a kvm-unit-tests catalog from disk: a build directory (s390x/unittests.cfg + kernels in s390x/), a
// directory holding unittests.cfg, or a unittests.cfg file. Kernels are looked up next to the cfg.
import { accessSync, constants, realpathSync, readFileSync, statSync } from 'node:fs'
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path'
import { CATALOG_LIMITS, parseUnittestsCfg, printable, type Catalog } from '@core/domain/catalog'
import { LabError } from '@core/domain/errors'

/** A catalog path that cannot be imported (missing, no unittests.cfg, unreadable); the message names the path. */
export class CatalogImportError extends LabError {
  override readonly name = 'CatalogImportError'
  readonly kind = 'not-found'
  constructor(
    readonly path: string,
    detail: string,
  ) {
    super(`${path}: ${detail}`)
  }
}

/** Where a catalog lives on disk: its unittests.cfg and the directory its kernels are in. */
export interface CatalogLocation {
  /** Absolute path as given (directory or file); the catalog's identity in the store. */
  source: string
  cfgPath: string
  kernelDir: string
  /** Display name: the build directory's (or cfg directory's) base name. */
  name: string
}

/** A parsed catalog with its kernels checked. */
export interface ImportedCatalog extends CatalogLocation {
  catalog: Catalog
  /** Test names whose kernel file exists. */
  kernelsPresent: Set<string>
  /** Kernel files named by the catalog that are not there (each listed once). */
  missingKernels: string[]
}

/** Options of importCatalog and of the run engine's kernel lookup. */
export interface KernelPathOptions {
  /** Let `file =` name kernels outside the catalog's directory (`--allow-outside-kernels`); default false. */
  allowOutside?: boolean
}

/** A `file =` that leaves the catalog's directory (`../../etc/shadow`, `/etc/shadow`, a symlink out) without permission. */
export class KernelOutsideCatalogError extends LabError {
  override readonly name = 'KernelOutsideCatalogError'
  readonly kind = 'config'
}

const inside = (dir: string, path: string): boolean => {
  const rel = relative(dir, path)
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)
}

/**
 * The path of a test's kernel: `file` inside `kernelDir`. Unless `allowOutside`, a path that leaves the directory,
 * by `..`, by being absolute or through a symlink, throws KernelOutsideCatalogError naming the test and the file.
 */
export function kernelPathOf(kernelDir: string, test: { name: string; file: string }, opts: KernelPathOptions = {}): string {
  const path = resolve(kernelDir, test.file)
  if (opts.allowOutside) return path
  const why = `test '${test.name}': file '${printable(test.file)}' is outside the catalog's directory ${kernelDir}; kernels run only from there (--allow-outside-kernels permits others)`
  if (!inside(kernelDir, path)) throw new KernelOutsideCatalogError(why)
  let real: string | null = null
  try {
    real = realpathSync(path)
  } catch {
    return path // not there (yet): reported as a missing kernel
  }
  if (!inside(realpathSync(kernelDir), real)) throw new KernelOutsideCatalogError(`${why} (through a symlink to ${real})`)
  return path
}

const CFG = 'unittests.cfg'
const ARCH_DIR = 's390x'

function statOrNull(path: string): ReturnType<typeof statSync> | null {
  try {
    return statSync(path)
  } catch {
    return null
  }
}

/** Finds unittests.cfg and the kernel directory for a path; throws CatalogImportError naming the path. */
export function locateCatalog(path: string): CatalogLocation {
  if (typeof path !== 'string' || path.trim() === '') throw new CatalogImportError(String(path), 'empty catalog path')
  const source = resolve(path)
  const st = statOrNull(source)
  if (!st) throw new CatalogImportError(path, 'no such file or directory')
  if (st.isFile()) {
    const dir = dirname(source)
    const name = basename(dir) === ARCH_DIR ? basename(dirname(dir)) : basename(dir)
    return { source, cfgPath: source, kernelDir: dir, name: name || basename(source) }
  }
  if (!st.isDirectory()) throw new CatalogImportError(path, 'neither a file nor a directory')
  const candidates = [join(source, ARCH_DIR, CFG), join(source, CFG)]
  for (const cfgPath of candidates) {
    if (statOrNull(cfgPath)?.isFile()) {
      const kernelDir = dirname(cfgPath)
      return { source, cfgPath, kernelDir, name: basename(source) || source }
    }
  }
  throw new CatalogImportError(path, `no ${CFG} found (looked for ${candidates.join(' and ')})`)
}

function readable(path: string): boolean {
  try {
    accessSync(path, constants.R_OK)
    return statSync(path).isFile()
  } catch {
    return false
  }
}

/** The `.bin` flat image next to an ELF kernel (`x.elf` -> `x.bin`), when it exists. */
export function flatImageOf(kernelPath: string): string | null {
  if (!kernelPath.endsWith('.elf')) return kernelPath.endsWith('.bin') && readable(kernelPath) ? kernelPath : null
  const bin = `${kernelPath.slice(0, -4)}.bin`
  return readable(bin) ? bin : null
}

/** Reads, parses and checks a catalog; parse errors are the domain's CatalogParseError (file:line: ...). */
export function importCatalog(path: string, opts: KernelPathOptions = {}): ImportedCatalog {
  const loc = locateCatalog(path)
  // A FIFO or device would be read without end; a huge file costs memory and time before the parser can say no.
  const st = statOrNull(loc.cfgPath)
  if (!st?.isFile()) throw new CatalogImportError(loc.cfgPath, `${CFG} is not a regular file`)
  if (st.size > CATALOG_LIMITS.chars) throw new CatalogImportError(loc.cfgPath, `${st.size} bytes is more than a ${CFG} may have (${CATALOG_LIMITS.chars})`)
  let text: string
  try {
    text = readFileSync(loc.cfgPath, 'utf8')
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    throw new CatalogImportError(loc.cfgPath, `cannot read ${CFG}${code ? ` (${code})` : ''}: ${(err as Error).message}`)
  }
  const catalog = parseUnittestsCfg(text, loc.cfgPath)
  const kernelsPresent = new Set<string>()
  const missing = new Set<string>()
  for (const test of catalog.tests) {
    let kernel: string
    try {
      kernel = kernelPathOf(loc.kernelDir, test, opts)
    } catch (e) {
      throw new CatalogImportError(loc.cfgPath, (e as Error).message)
    }
    if (readable(kernel)) kernelsPresent.add(test.name)
    else missing.add(test.file)
  }
  return { ...loc, catalog, kernelsPresent, missingKernels: [...missing] }
}
