// runProcess, the child-process primitive of the local drivers: SIGTERM then SIGKILL for a process that ignores
// SIGTERM, abort, stopOn, a missing program, and streaming.
import { describe, expect, it } from 'vitest'
import { liveProcessCount, runProcess } from '@main/targets/process'

const IGNORES_TERM = "process.on('SIGTERM', () => {}); console.log('ready'); setInterval(() => {}, 1000)"
const never = new AbortController().signal

describe('runProcess', () => {
  it('escalates to SIGKILL when the process ignores SIGTERM', async () => {
    // Stop only once the child has installed its SIGTERM handler (it prints 'ready' after that).
    const ac = new AbortController()
    const res = await runProcess({ command: process.execPath, args: ['-e', IGNORES_TERM], timeoutMs: 60_000, killGraceMs: 300, signal: ac.signal, onStdout: () => ac.abort() })
    expect({ cancelled: res.cancelled, signal: res.signal, stdout: res.stdout }).toEqual({ cancelled: true, signal: 'SIGKILL', stdout: 'ready\n' })
    expect(liveProcessCount()).toBe(0)
  })

  it('kills the process when its time limit expires', async () => {
    const res = await runProcess({ command: process.execPath, args: ['-e', 'setInterval(() => {}, 1000)'], timeoutMs: 300, signal: never })
    expect({ timedOut: res.timedOut, cancelled: res.cancelled, signal: res.signal }).toEqual({ timedOut: true, cancelled: false, signal: 'SIGTERM' })
  })

  it('stops on abort and reports it as cancelled', async () => {
    const ac = new AbortController()
    const chunks: string[] = []
    const res = await runProcess({
      command: process.execPath,
      args: ['-e', "console.log('ready'); setInterval(() => {}, 1000)"],
      timeoutMs: 60_000,
      signal: ac.signal,
      onStdout: (t) => {
        chunks.push(t)
        ac.abort()
      },
    })
    expect({ cancelled: res.cancelled, timedOut: res.timedOut, signal: res.signal, chunks }).toEqual({ cancelled: true, timedOut: false, signal: 'SIGTERM', chunks: ['ready\n'] })
  })

  it('stops a launcher that never exits once its output matches stopOn', async () => {
    const res = await runProcess({
      command: process.execPath,
      args: ['-e', "console.log('EXIT: STATUS=1'); setInterval(() => {}, 1000)"],
      timeoutMs: 60_000,
      signal: never,
      stopOn: /EXIT: STATUS=\d+/,
    })
    expect({ stopped: res.stopped, timedOut: res.timedOut, cancelled: res.cancelled }).toEqual({ stopped: true, timedOut: false, cancelled: false })
  })

  it('reports a missing program as a spawn error (ENOENT), not a crash', async () => {
    const res = await runProcess({ command: '/nonexistent/tool', args: [], timeoutMs: 1000, signal: never })
    expect([res.spawnError?.code, res.code]).toEqual(['ENOENT', null])
    const bare = await runProcess({ command: 'no-such-tool-on-path', args: [], timeoutMs: 1000, signal: never })
    expect(bare.spawnError?.code).toBe('ENOENT')
  })

  it('returns the exit code and both streams of a normal exit', async () => {
    const res = await runProcess({ command: process.execPath, args: ['-e', "process.stdout.write('out'); process.stderr.write('err'); process.exit(3)"], timeoutMs: 10_000, signal: never })
    expect([res.code, res.signal, res.stdout, res.stderr]).toEqual([3, null, 'out', 'err'])
  })
})
