// Server mode: requests of the first screen sent by the entry script while the app's code is still loading. The HTTP
// transport hands each one to the first call of that method, when that call asks for exactly the same arguments.
// Answers the server embedded in the page itself (the catalog list) are taken as they are: no request, no body to
// read (reading a Response's body takes tasks of its own, which wait behind the app's code on a busy page).
import { EARLY_ANSWERS_ID } from '@core/api/lab-api'

/** An early call: its JSON body, and its reply (embedded in the page) or the answer on its way; null when it was not
 *  sent after all. */
export type Early = { body: string; reply: unknown } | { body: string; response: Promise<Response> }

const pending = new Map<string, Promise<Early | null>>()

/** POSTs `args` to /api/<group>/<method> as the HTTP transport would. */
function post(group: string, method: string, body: string): Promise<Response> {
  const response = fetch(`/api/${group}/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, credentials: 'same-origin', body })
  // Nobody may take it: its failure is reported by the call that takes it, or not at all.
  response.catch(() => undefined)
  return response
}

let embedded: Record<string, { body: string; reply: unknown }> | null = null
/** The answers the server embedded in the page (EARLY_ANSWERS_ID), read once; none outside server mode. */
function embeddedAnswers(): Record<string, { body: string; reply: unknown }> {
  if (embedded) return embedded
  embedded = {}
  // Also type-checked (and unit-tested) without the DOM's types.
  const doc = (globalThis as { document?: { getElementById(id: string): { textContent: string | null } | null } }).document
  const text = doc?.getElementById(EARLY_ANSWERS_ID)?.textContent
  try {
    if (text) embedded = JSON.parse(text) as Record<string, { body: string; reply: unknown }>
  } catch {
    // A page without usable answers sends its requests as usual.
  }
  return embedded
}

/** The reply the server embedded in the page for group.method with these arguments, or undefined. */
export function embeddedReply(group: string, method: string, args: unknown[]): unknown {
  const answer = embeddedAnswers()[`${group}.${method}`]
  return answer && answer.body === JSON.stringify(args) ? answer.reply : undefined
}

/** Takes the server's embedded answer to a call, or sends the request now; either waits for the transport's first
 *  call of group.method. Resolves to the reply (null when there is no usable one). */
export function earlyRequest(group: string, method: string, args: unknown[]): Promise<unknown> {
  const body = JSON.stringify(args)
  const reply = embeddedReply(group, method, args)
  if (reply !== undefined) {
    pending.set(`${group}.${method}`, Promise.resolve({ body, reply }))
    return Promise.resolve(reply)
  }
  const response = post(group, method, body)
  pending.set(`${group}.${method}`, Promise.resolve({ body, response }))
  return response.then((r) => (r.ok ? (r.clone().json() as Promise<unknown>) : null)).catch(() => null)
}

/** Sends a request once its arguments are known (null: not at all); the transport's first call of group.method waits
 *  for that decision. */
export function earlyRequestWhen(group: string, method: string, args: Promise<unknown[] | null>): void {
  pending.set(
    `${group}.${method}`,
    args.then(
      (a) => {
        if (a === null) return null
        const body = JSON.stringify(a)
        return { body, response: post(group, method, body) }
      },
      () => null,
    ),
  )
}

/** The early call for this call (once), or null: the caller sends its own request. */
export async function takeEarly(group: string, method: string, body: string): Promise<Early | null> {
  const key = `${group}.${method}`
  const early = pending.get(key)
  if (!early) return null
  pending.delete(key)
  const e = await early
  return e && e.body === body ? e : null
}
