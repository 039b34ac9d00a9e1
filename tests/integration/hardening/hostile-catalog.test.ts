// Issue 9 item 7 through the real `labcon import`: a 50 MB one-line unittests.cfg and a FIFO are refused before they
// are read (exit 3, nothing stored), and a line with escape sequences reaches the terminal only as \x escapes.
import { execFileSync } from 'node:child_process'
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { tempDbDir } from '../runner/fixture'
import { labcon } from './labcon'

const t = tempDbDir()
afterAll(() => t.cleanup())

describe('labcon import of a hostile catalog', () => {
  it('refuses a 50 MB unittests.cfg without reading it', async () => {
    const dir = join(t.dir, 'big')
    mkdirSync(dir)
    const cfg = join(dir, 'unittests.cfg')
    const fd = openSync(cfg, 'w')
    writeSync(fd, '[t]\nfile = t.elf\ntest_args = ')
    const mb = Buffer.alloc(1 << 20, 0x41)
    for (let i = 0; i < 50; i++) writeSync(fd, mb)
    closeSync(fd)
    const r = await labcon(['import', dir, '--db', t.db])
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 3, stderr: `labcon import: CatalogImportError: ${cfg}: 52428829 bytes is more than a unittests.cfg may have (4194304)\n` })
  })

  it('refuses a FIFO named unittests.cfg', async () => {
    const cfg = join(t.dir, 'unittests.cfg')
    execFileSync('mkfifo', [cfg])
    const r = await labcon(['import', cfg, '--db', t.db])
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 3, stderr: `labcon import: CatalogImportError: ${cfg}: neither a file nor a directory\n` })
  })

  it('shows escape sequences of a bad line as \\x escapes, never raw', async () => {
    const dir = join(t.dir, 'esc')
    mkdirSync(dir)
    writeFileSync(join(dir, 'unittests.cfg'), '[t]\nfile = t.elf\n\x1b]2;owned\x07\x1b[2Jrm -rf\n')
    const r = await labcon(['import', dir, '--db', t.db])
    expect({ code: r.code, stderr: r.stderr }).toEqual({
      code: 3,
      stderr: `labcon import: CatalogParseError: ${join(dir, 'unittests.cfg')}:3: expected '[name]', 'key = value' or a '#' comment, got '\\x1b]2;owned\\x07\\x1b[2Jrm -rf'\n`,
    })
  })
})
