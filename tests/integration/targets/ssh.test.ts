import { execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HostKeyMismatchError } from '@main/targets/host-keys'
import { SshConnectionLostError, SshSession, type SshConfig } from '@main/targets/ssh'
import { startSshd, type SshdFixture } from '../../fixtures/sshd/sshd'

let fx: SshdFixture
const cfg = (over: Partial<SshConfig> = {}): SshConfig => ({ ...fx.sshConfig(), username: fx.user, ...over })

beforeAll(async () => {
  fx = await startSshd()
})
afterAll(async () => {
  await fx?.stop()
})

function remoteProcessRunning(marker: string): boolean {
  try {
    execFileSync('pgrep', ['-f', marker])
    return true
  } catch {
    return false
  }
}

describe('SshSession against a real sshd', () => {
  it('returns the host key fingerprint on first contact and accepts it once pinned', async () => {
    const first = await SshSession.connect(cfg({ hostKeyFingerprint: null }))
    first.close()
    expect(first.hostKey).toEqual({ kind: 'first-contact', fingerprint: fx.hostKeyFingerprint })
    const pinned = await SshSession.connect(cfg())
    pinned.close()
    expect(pinned.hostKey).toEqual({ kind: 'match', fingerprint: fx.hostKeyFingerprint })
  })

  it('authenticates through an SSH agent holding the key', async () => {
    const sock = join(mkdtempSync(join(tmpdir(), 'labcon-agent-')), 'agent.sock')
    const agent = spawn('ssh-agent', ['-D', '-a', sock], { stdio: 'ignore' })
    try {
      for (let i = 0; i < 50 && !existsSync(sock); i++) await new Promise((r) => setTimeout(r, 50))
      execFileSync('ssh-add', ['-q', fx.clientKeyPath], { env: { ...process.env, SSH_AUTH_SOCK: sock }, stdio: 'ignore' })
      const s = await SshSession.connect(cfg({ privateKeyPath: undefined, agent: sock }))
      expect((await s.run(['echo', 'via agent'])).trim()).toBe('via agent')
      s.close()
    } finally {
      agent.kill()
    }
  })

  it('passes injection attempts through as literal arguments', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'labcon-inject-'))
    const canary = join(dir, 'pwned')
    const evil = ['a; rm -rf ' + dir, `$(touch ${canary})`, `\`touch ${canary}\``, "it's 'quoted'", '&& echo hi', 'two\nlines', '*', '"$HOME"', '']
    const s = await SshSession.connect(cfg())
    try {
      const out = await s.run(['printf', '[%s]\\n', ...evil])
      expect(out).toBe(evil.map((e) => `[${e}]\n`).join(''))
      expect(existsSync(canary)).toBe(false)
      expect(existsSync(dir)).toBe(true)
    } finally {
      s.close()
    }
  })

  it('uploads to a per-run temp dir, streams output, and cleans up', async () => {
    const local = join(mkdtempSync(join(tmpdir(), 'labcon-up-')), 'k.bin')
    writeFileSync(local, Buffer.from([0, 1, 2, 255]))
    const s = await SshSession.connect(cfg())
    try {
      const dir = await s.makeTempDir('labcon-test')
      await s.upload(local, `${dir}/k.bin`)
      expect([...(await s.readFile(`${dir}/k.bin`))]).toEqual([0, 1, 2, 255])
      const chunks: string[] = []
      const r = await s.exec(['sh', '-c', 'echo out; echo err >&2; exit 3'], { onStdout: (t) => chunks.push(t) })
      expect({ code: r.code, stdout: r.stdout, stderr: r.stderr, streamed: chunks.join('') }).toEqual({ code: 3, stdout: 'out\n', stderr: 'err\n', streamed: 'out\n' })
      await s.removeDir(dir)
      expect(existsSync(dir)).toBe(false)
    } finally {
      s.close()
    }
  })

  it('kills the remote process group on abort', async () => {
    const s = await SshSession.connect(cfg())
    const marker = `sleep 300.${process.pid}` // outlives the test timeout: only the kill can end it
    try {
      const ac = new AbortController()
      const p = s.exec(['sh', '-c', `${marker} & ${marker}; wait`], { signal: ac.signal })
      await new Promise((r) => setTimeout(r, 500))
      expect(remoteProcessRunning(marker)).toBe(true)
      ac.abort()
      const r = await p
      expect(r.killed).toBe(true)
      await new Promise((r) => setTimeout(r, 200))
      expect(remoteProcessRunning(marker)).toBe(false)
    } finally {
      s.close()
    }
  })

  it('refuses a changed host key, naming the host and both fingerprints', async () => {
    const old = fx.hostKeyFingerprint
    await fx.rotateHostKey()
    const err = await SshSession.connect(cfg({ hostKeyFingerprint: old })).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(HostKeyMismatchError)
    expect((err as Error).message).toContain(`127.0.0.1:${fx.port}`)
    expect((err as Error).message).toContain(old)
    expect((err as Error).message).toContain(fx.hostKeyFingerprint)
  })

  it('reports refused authentication clearly', async () => {
    const err = await SshSession.connect(cfg({ privateKeyPath: fx.strangerKeyPath })).catch((e: unknown) => e)
    expect((err as Error).message).toBe(`ssh ${fx.user}@127.0.0.1:${fx.port}: authentication refused (key ${fx.strangerKeyPath})`)
  })

  it('rejects a running command with SshConnectionLostError when the connection drops', async () => {
    const s = await SshSession.connect(cfg())
    const p = s.exec(['sleep', '30'])
    await new Promise((r) => setTimeout(r, 300))
    fx.dropConnections()
    await expect(p).rejects.toBeInstanceOf(SshConnectionLostError)
    expect(s.closed).toBe(true)
  })
})
