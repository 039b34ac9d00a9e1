// Issue 9 item 6: `file =` resolves inside the catalog's directory. `../` paths, absolute paths and symlinks out are
// refused at import (exit 3, the test and file named) and at run time, unless --allow-outside-kernels is given.
import { symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createLabService } from '@main/service/lab-service'
import { kernelCopy, tempDbDir } from '../runner/fixture'
import { labcon } from './labcon'

const t = tempDbDir()
const cleanups: (() => void)[] = [t.cleanup]
afterAll(() => cleanups.forEach((c) => c()))
const catalog = (cfg: string): string => {
  const k = kernelCopy(cfg)
  cleanups.push(k.cleanup)
  return k.dir
}

describe('kernels stay inside the catalog directory', () => {
  it.each([
    ['a ../ path', '../../../../../../etc/shadow', ''],
    ['an absolute path', '/etc/passwd', ''],
    ['a symlink out', 'link.elf', ' (through a symlink to /etc/passwd)'],
  ])('refuses %s at import (exit 3)', async (_what, file, via) => {
    const dir = catalog(`[selftest]\nfile = selftest.elf\n[evil]\nfile = ${file}\n`)
    if (file === 'link.elf') symlinkSync('/etc/passwd', join(dir, 'link.elf'))
    const r = await labcon(['import', dir, '--db', t.db])
    const cfg = join(dir, 'unittests.cfg')
    expect({ code: r.code, stderr: r.stderr }).toEqual({
      code: 3,
      stderr: `labcon import: CatalogImportError: ${cfg}: test 'evil': file '${file}' is outside the catalog's directory ${dir}; kernels run only from there (--allow-outside-kernels permits others)${via}\n`,
    })
  })

  it('imports with --allow-outside-kernels; `run` without it refuses the catalog before anything runs', async () => {
    const dir = catalog('[evil]\nfile = ../../../../../../etc/passwd\n')
    const imp = await labcon(['import', dir, '--allow-outside-kernels', '--db', t.db])
    expect([imp.code, imp.stderr]).toEqual([0, ''])
    // `run` imports again: without the flag that refuses the catalog before anything runs.
    const run = await labcon(['run', '--catalog', dir, '--env', 'builtin', '--json', '--db', t.db])
    expect([run.code, /CatalogImportError: .*$/m.exec(run.stderr)?.[0]]).toEqual([
      3,
      `CatalogImportError: ${join(dir, 'unittests.cfg')}: test 'evil': file '../../../../../../etc/passwd' is outside the catalog's directory ${dir}; kernels run only from there (--allow-outside-kernels permits others)`,
    ])
  })
})

describe('the run engine checks again', () => {
  it('a catalog imported with permission runs its outside kernel as INFRA (with the reason) when the engine lacks it', async () => {
    const dir = catalog('[evil]\nfile = ../../../../../../etc/passwd\n')
    const d = tempDbDir()
    cleanups.push(d.cleanup)
    const allowed = createLabService({ dbPath: d.db, engine: { allowKernelsOutsideCatalog: true }, defaultEnvironments: true })
    const cat = await allowed.catalogs.import(dir)
    await allowed.close()
    const strict = createLabService({ dbPath: d.db })
    try {
      const runId = await strict.runs.start({ catalogId: cat.id, envs: ['builtin'] })
      await strict.engine.wait(runId)
      const detail = await strict.runs.get(runId)
      expect(detail.results.map((r) => [r.test, r.verdict, r.reason])).toEqual([
        ['evil', 'INFRA', `test 'evil': file '../../../../../../etc/passwd' is outside the catalog's directory ${dir}; kernels run only from there (--allow-outside-kernels permits others)`],
      ])
    } finally {
      await strict.close()
    }
  })
})
