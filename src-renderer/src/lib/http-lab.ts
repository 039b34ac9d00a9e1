// LabApi over the server mode's HTTP transport: POST /api/<group>/<method> → Reply, progress over Server-Sent Events.
import { LAB_METHODS, type LabApi, type RunProgress } from '@core/api/lab-api'
import { fromReply } from '@core/api/reply'

/** Builds a LabApi client of the server at `base` (default: this page's origin); auth rides on the cookie. */
export function createHttpLab(base = ''): LabApi {
  const lab: Record<string, Record<string, unknown>> = {}
  for (const [group, methods] of Object.entries(LAB_METHODS)) {
    const g: Record<string, unknown> = {}
    for (const method of methods) {
      g[method] = async (...args: unknown[]) => {
        const res = await fetch(`${base}/api/${group}/${method}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          credentials: 'same-origin',
          body: JSON.stringify(args),
        })
        const type = res.headers.get('content-type') ?? ''
        if (!type.startsWith('application/json')) {
          throw new Error(`${group}.${method}: server answered ${res.status} ${(await res.text()).trim()}`)
        }
        return fromReply(await res.json())
      }
    }
    lab[group] = g
  }
  const listeners = new Set<(p: RunProgress) => void>()
  let source: EventSource | null = null
  ;(lab.runs as Record<string, unknown>).onProgress = (listener: (p: RunProgress) => void) => {
    listeners.add(listener)
    if (!source) {
      source = new EventSource(`${base}/api/events`, { withCredentials: true })
      source.addEventListener('progress', (e) => {
        const p = JSON.parse((e as MessageEvent<string>).data) as RunProgress
        for (const l of listeners) l(p)
      })
    }
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
