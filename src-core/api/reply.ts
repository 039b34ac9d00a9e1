// Reply envelope helpers shared by every transport (IPC, HTTP, preload, browser client): errors cross as data.
import type { Reply, ReplyError } from './lab-api'

/** An error rebuilt on the caller's side from a Reply: keeps the original name, message and code. */
export class LabRemoteError extends Error {
  readonly code: string
  constructor(error: ReplyError) {
    super(error.message)
    this.name = error.name
    this.code = error.code
  }
}

/** Turns anything thrown into ReplyError data (name, message, code; code defaults to the error name). */
export function toReplyError(e: unknown): ReplyError {
  if (e instanceof Error) {
    const code = (e as { code?: unknown }).code
    return { name: e.name, message: e.message, code: typeof code === 'string' ? code : e.name }
  }
  return { name: 'Error', message: String(e), code: 'Error' }
}

/** Runs `fn` and wraps its value or error in a Reply; never throws. */
export async function toReply<T>(fn: () => Promise<T> | T): Promise<Reply<T>> {
  try {
    return { ok: true, value: await fn() }
  } catch (e) {
    return { ok: false, error: toReplyError(e) }
  }
}

/** Unwraps a Reply: the value, or throws the rebuilt error. Rejects values that are not a Reply. */
export function fromReply<T>(reply: unknown): T {
  const r = reply as Reply<T> | null
  if (r && typeof r === 'object' && r.ok === true) return r.value
  if (r && typeof r === 'object' && r.ok === false && r.error && typeof r.error.message === 'string') {
    throw new LabRemoteError(r.error)
  }
  throw new LabRemoteError({ name: 'ProtocolError', message: `malformed reply: ${JSON.stringify(reply)?.slice(0, 200)}`, code: 'EPROTO' })
}
