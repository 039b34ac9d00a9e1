// Runs the real `labcon` entry as a child process for the hardening tests: exit code, stdout, stderr.
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { ROOT } from '../runner/fixture'

/** The labcon entry as users run it. */
export const LABCON = join(ROOT, 'src-main', 'cli', 'labcon.mjs')

/** What a labcon process did. */
export interface Ran {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs `labcon ...args` with the given extra environment; resolves when it exits. */
export function labcon(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [LABCON, ...args], { cwd: ROOT, env: { ...process.env, TIMEOUT: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}
