// Importing catalogs from disk: a kvm-unit-tests build directory, a directory with unittests.cfg, the file itself;
// missing kernels reported; clear errors for every bad path.
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { CatalogImportError, importCatalog } from '@main/catalogs/import'
import { KERNELS } from './fixture'

let dirs: string[] = []
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
  dirs = []
})
const temp = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'labcon-import-'))
  dirs.push(d)
  return d
}
const CFG = '[selftest]\nfile = selftest.elf\n[fail]\nfile = fail.elf\n[gone]\nfile = gone.elf\n'

describe('importCatalog', () => {
  it('finds s390x/unittests.cfg and the kernels in s390x/ of a kvm-unit-tests build directory', () => {
    const build = temp()
    mkdirSync(join(build, 's390x'))
    writeFileSync(join(build, 's390x', 'unittests.cfg'), CFG)
    for (const k of ['selftest.elf', 'selftest.bin', 'fail.elf']) copyFileSync(join(KERNELS, k), join(build, 's390x', k))
    const c = importCatalog(build)
    expect({
      source: c.source,
      cfgPath: c.cfgPath,
      kernelDir: c.kernelDir,
      tests: c.catalog.tests.map((t) => t.name),
      present: [...c.kernelsPresent],
      missing: c.missingKernels,
    }).toEqual({
      source: build,
      cfgPath: join(build, 's390x', 'unittests.cfg'),
      kernelDir: join(build, 's390x'),
      tests: ['selftest', 'fail', 'gone'],
      present: ['selftest', 'fail'],
      missing: ['gone.elf'],
    })
  })

  it('accepts a directory holding unittests.cfg and the unittests.cfg file itself', () => {
    const fromDir = importCatalog(KERNELS)
    const fromFile = importCatalog(join(KERNELS, 'unittests.cfg'))
    expect(fromDir.kernelDir).toBe(KERNELS)
    expect(fromFile.kernelDir).toBe(KERNELS)
    expect(fromFile.catalog.tests.map((t) => t.name)).toEqual(fromDir.catalog.tests.map((t) => t.name))
    expect(fromDir.missingKernels).toEqual([])
    expect(fromDir.name).toBe('kernels')
  })

  it('names the path and the problem for a missing path or a directory without unittests.cfg', () => {
    const empty = temp()
    expect(() => importCatalog(join(empty, 'nope'))).toThrow(new CatalogImportError(join(empty, 'nope'), 'no such file or directory'))
    expect(() => importCatalog(empty)).toThrow(
      new CatalogImportError(empty, `no unittests.cfg found (looked for ${join(empty, 's390x', 'unittests.cfg')} and ${join(empty, 'unittests.cfg')})`),
    )
    expect(() => importCatalog('')).toThrow(/empty catalog path/)
  })

  it('passes on parse errors with file and line', () => {
    const d = temp()
    writeFileSync(join(d, 'unittests.cfg'), '# comment\n[a]\nfile = a.elf\ntimeout = soon\n')
    expect(() => importCatalog(d)).toThrow(`${join(d, 'unittests.cfg')}:4:`)
  })

  it.skipIf(process.getuid?.() === 0)('reports an unreadable unittests.cfg', () => {
    const d = temp()
    writeFileSync(join(d, 'unittests.cfg'), CFG)
    chmodSync(join(d, 'unittests.cfg'), 0o000)
    expect(() => importCatalog(d)).toThrow(/unittests.cfg: cannot read unittests.cfg \(EACCES\)/)
  })
})
