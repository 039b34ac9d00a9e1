// interpreterProbeMs, by which a pool worker learns that V8's optimized interpreter loop has arrived after its
// warm-up (emulator-worker.ts reportReady: a probe 8 times faster than the first one): on this V8 it does get that
// much faster within a few seconds of warmThread, so a new worker reports itself warm by the probe, not by the cap.
import { describe, expect, it } from 'vitest'
import { Machine, defaultConfig } from '@core/emulator/machine'
import { interpreterProbeMs, warmThread } from '@core/emulator/cpu/interpret'

describe('interpreter: the warm-up probe', () => {
  it('is -1 before the warm-up, then gets at least 8 times faster once V8 has compiled the loop', async () => {
    // vitest runs this file in a thread of its own: nothing has warmed it up yet.
    expect(interpreterProbeMs()).toBe(-1)
    warmThread(new Machine(defaultConfig({ memMiB: 1 })).cpus[0]!)
    const first = interpreterProbeMs()
    expect(first).toBeGreaterThan(0)
    let best = first
    for (let waited = 0; waited < 5000 && best * 8 > first; waited += 20) {
      await new Promise((r) => setTimeout(r, 20))
      best = Math.min(best, interpreterProbeMs())
    }
    expect(best * 8).toBeLessThanOrEqual(first)
  })
})
