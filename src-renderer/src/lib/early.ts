// Server mode: requests of the first screen sent by the entry script while the app's code is still loading. The HTTP
// transport hands each one to the first call of that method, when that call asks for exactly the same arguments.
// Answers the server embedded in the page itself (the catalog list) are taken the same way, without a request.
import { EARLY_ANSWERS_ID } from '@core/api/lab-api'

/** An early request: its JSON body and the answer on its way; null when it was not sent after all. */
type Early = Promise<{ body: string; response: Promise<Response> } | null>

const pending = new Map<string, Early>()

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

/** Sends a request now, or takes the server's embedded answer to it; either waits for the transport's first call of
 *  group.method. */
export function earlyRequest(group: string, method: string, args: unknown[]): Promise<Response> {
  const body = JSON.stringify(args)
  const answer = embeddedAnswers()[`${group}.${method}`]
  const response =
    answer && answer.body === body
      ? Promise.resolve(new Response(JSON.stringify(answer.reply), { headers: { 'Content-Type': 'application/json' } }))
      : post(group, method, body)
  pending.set(`${group}.${method}`, Promise.resolve({ body, response }))
  return response
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

/** The early answer for this call (once), or null: the caller sends its own request. */
export async function takeEarly(group: string, method: string, body: string): Promise<Response | null> {
  const key = `${group}.${method}`
  const early = pending.get(key)
  if (!early) return null
  pending.delete(key)
  const e = await early
  return e && e.body === body ? e.response : null
}
