// Per-environment admission across runs: an LPAR with concurrency 1 runs one test at a time even when two runs use it.

interface Waiter {
  limit: number
  grant: (ok: boolean) => void
}

/** Counts tests running on one environment and admits new ones FIFO under a per-request limit. */
export class EnvGate {
  private active = 0
  private readonly waiters: Waiter[] = []

  /** Tests currently admitted. */
  get running(): number {
    return this.active
  }

  /** Waits until fewer than `limit` tests run here; resolves false (without admitting) if `signal` aborts first. */
  acquire(limit: number, signal: AbortSignal): Promise<boolean> {
    if (signal.aborted) return Promise.resolve(false)
    if (this.waiters.length === 0 && this.active < limit) {
      this.active++
      return Promise.resolve(true)
    }
    return new Promise((resolve) => {
      const waiter: Waiter = {
        limit,
        grant: (ok) => {
          signal.removeEventListener('abort', onAbort)
          resolve(ok)
        },
      }
      const onAbort = (): void => {
        const i = this.waiters.indexOf(waiter)
        if (i >= 0) this.waiters.splice(i, 1)
        resolve(false)
        this.wake()
      }
      signal.addEventListener('abort', onAbort, { once: true })
      this.waiters.push(waiter)
    })
  }

  /** Ends one admitted test and admits waiters that now fit. */
  release(): void {
    this.active = Math.max(0, this.active - 1)
    this.wake()
  }

  private wake(): void {
    // FIFO: the head waits for its own limit, so a run with a small limit is not starved by later, larger ones.
    while (this.waiters.length > 0 && this.active < (this.waiters[0] as Waiter).limit) {
      const w = this.waiters.shift() as Waiter
      this.active++
      w.grant(true)
    }
  }
}
