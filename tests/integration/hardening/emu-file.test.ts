// Issue 9 item 9: `labcon emu` reads regular files only, up to a size cap: /dev/zero, a FIFO and a 65 MiB file are
// refused at once with exit 3 and a message naming the path, instead of reading until killed.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { labcon } from './labcon'

const dir = mkdtempSync(join(tmpdir(), 'labcon-emu-file-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('labcon emu kernel file', () => {
  it('refuses /dev/zero', async () => {
    const r = await labcon(['emu', '/dev/zero'])
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 3, stderr: 'labcon emu: cannot read /dev/zero: /dev/zero: not a regular file (a kernel image is an ELF or flat .bin file)\n' })
  })

  it('refuses a FIFO without waiting for a writer', async () => {
    const fifo = join(dir, 'k.fifo')
    execFileSync('mkfifo', [fifo])
    const r = await labcon(['emu', fifo])
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 3, stderr: `labcon emu: cannot read ${fifo}: ${fifo}: not a regular file (a kernel image is an ELF or flat .bin file)\n` })
  })

  it('refuses a file over 64 MiB', async () => {
    const big = join(dir, 'big.bin')
    writeFileSync(big, '')
    truncateSync(big, (64 << 20) + 1)
    const r = await labcon(['emu', big])
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 3, stderr: `labcon emu: cannot read ${big}: ${big}: 67108865 bytes is larger than the 64 MiB a kernel image may have\n` })
  })
})
