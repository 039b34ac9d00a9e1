// LabApi over the server mode's HTTP transport: POST /api/<group>/<method> → Reply, progress over Server-Sent Events.
// A request that gets no HTTP answer rejects with ServerUnreachableError and starts probing until the server is back.
import { LAB_METHODS, type LabApi, type RunProgress } from '@core/api/lab-api'
import { fromReply } from '@core/api/reply'
import { ServerUnreachableError, isNetworkFailure } from './errors'
import { takeEarly } from './early'

/** What the transport tells the page about the connection. */
export interface ConnectionHooks {
  onOffline?: () => void
  onOnline?: () => void
}

/** Milliseconds between two probes while the server does not answer. */
export const PROBE_INTERVAL_MS = 2000

/** Builds a LabApi client of the server at `base` (default: this page's origin); auth rides on the cookie. */
export function createHttpLab(base = '', hooks: ConnectionHooks = {}): LabApi {
  let offline = false
  let probing: ReturnType<typeof setTimeout> | null = null

  /** The answer to a call: the server's, or the reply the page came with (lib/early.ts). */
  const post = async (group: string, method: string, args: unknown[]): Promise<Response | { reply: unknown }> => {
    const body = JSON.stringify(args)
    // The entry script may have sent this very request already, or the page holds its reply: same origin only.
    const early = base === '' ? await takeEarly(group, method, body) : null
    if (early) return 'reply' in early ? { reply: early.reply } : early.response
    return fetch(`${base}/api/${group}/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      credentials: 'same-origin',
      body,
    })
  }

  function online(): void {
    if (!offline) return
    offline = false
    if (source && source.readyState === EventSource.CLOSED) openEvents()
    hooks.onOnline?.()
  }
  function lost(): void {
    if (!offline) {
      offline = true
      hooks.onOffline?.()
    }
    if (probing === null) probing = setTimeout(probe, PROBE_INTERVAL_MS)
  }
  async function probe(): Promise<void> {
    probing = null
    try {
      await post('environments', 'list', [])
      return online() // any HTTP answer (even 401) means the server is back
    } catch {
      // still gone
    }
    lost()
  }

  const lab: Record<string, Record<string, unknown>> = {}
  for (const [group, methods] of Object.entries(LAB_METHODS)) {
    const g: Record<string, unknown> = {}
    for (const method of methods) {
      g[method] = async (...args: unknown[]) => {
        let res: Response | { reply: unknown }
        try {
          res = await post(group, method, args)
        } catch (e) {
          if (!isNetworkFailure(e)) throw e
          lost()
          throw new ServerUnreachableError(`${group}.${method}`)
        }
        if ('reply' in res) return fromReply(res.reply)
        online()
        const type = res.headers.get('content-type') ?? ''
        if (!type.startsWith('application/json')) {
          throw new Error(`The server answered ${res.status} to ${group}.${method}: ${(await res.text()).trim()}`)
        }
        return fromReply(await res.json())
      }
    }
    lab[group] = g
  }
  const listeners = new Set<(p: RunProgress) => void>()
  let source: EventSource | null = null
  function openEvents(): void {
    source?.close()
    source = new EventSource(`${base}/api/events`, { withCredentials: true })
    source.addEventListener('progress', (e) => {
      const p = JSON.parse((e as MessageEvent<string>).data) as RunProgress
      for (const l of listeners) l(p)
    })
    // The stream drops when the server goes away: find out whether it is gone (EventSource retries by itself).
    source.addEventListener('error', () => {
      if (!offline && probing === null) void probe()
    })
    source.addEventListener('open', () => {
      if (offline) online()
    })
  }
  ;(lab.runs as Record<string, unknown>).onProgress = (listener: (p: RunProgress) => void) => {
    listeners.add(listener)
    if (!source) openEvents()
    return () => {
      listeners.delete(listener)
      if (listeners.size === 0 && source) {
        source.close()
        source = null
      }
    }
  }
  return lab as unknown as LabApi
}
