// Shared setup of the runner/CLI/service integration tests: our kernels copied into a private temp directory (so
// `pgrep -f <dir>` finds exactly the qemu processes a test started), a real SQLite store and a real qemu-tcg env.
import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../../..', import.meta.url))
/** Our bundled kernels and their unittests.cfg. */
export const KERNELS = join(ROOT, 'resources', 'kernels')

/** A private copy of the kernels plus a unittests.cfg (the bundled one unless `cfg` is given). */
export function kernelCopy(cfg?: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'labcon-kernels-'))
  for (const f of readdirSync(KERNELS)) if (f.endsWith('.elf') || f.endsWith('.bin')) copyFileSync(join(KERNELS, f), join(dir, f))
  if (cfg === undefined) copyFileSync(join(KERNELS, 'unittests.cfg'), join(dir, 'unittests.cfg'))
  else writeFileSync(join(dir, 'unittests.cfg'), cfg)
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

/** A fresh directory for a database. */
export function tempDbDir(): { db: string; dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'labcon-db-'))
  return { db: join(dir, 'lab.sqlite'), dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

/** PIDs of live processes whose command line mentions `needle` (zombies excluded). */
export function processesMentioning(needle: string): number[] {
  let out = ''
  try {
    out = execFileSync('pgrep', ['-f', needle], { encoding: 'utf8' })
  } catch {
    return [] // pgrep exits 1 when nothing matches
  }
  return out
    .split('\n')
    .filter(Boolean)
    .map(Number)
    .filter((pid) => {
      try {
        const stat = execFileSync('cat', [`/proc/${pid}/stat`], { encoding: 'utf8' })
        return !/^\d+ \(.*\) Z /.test(stat) && !/pgrep/.test(stat)
      } catch {
        return false
      }
    })
}

/** Waits until `cond()` is true, polling every 20 ms, failing after `ms`. */
export async function until(cond: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}
