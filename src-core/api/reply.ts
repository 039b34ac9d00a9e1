// Reply envelope helpers shared by every transport (IPC, HTTP, preload, browser client): errors cross as data.
import { ERROR_KINDS, LabError, errorKindOf, errorKindOfReplyCode, type ErrorKind } from '../domain/errors'
import type { Reply, ReplyError } from './lab-api'

/** An error rebuilt on the caller's side from a Reply: keeps the original name, message and code; its kind follows the code. */
export class LabRemoteError extends LabError {
  readonly code: string
  readonly kind: ErrorKind
  constructor(error: ReplyError) {
    super(error.message)
    this.name = error.name
    this.code = error.code
    this.kind = errorKindOfReplyCode(error.code)
  }
}

/** Turns anything thrown into ReplyError data: name, message, and the Reply code of its kind (a rebuilt error keeps its code). */
export function toReplyError(e: unknown): ReplyError {
  const code = e instanceof LabRemoteError ? e.code : ERROR_KINDS[errorKindOf(e)].reply
  if (e instanceof Error) return { name: e.name, message: e.message, code }
  return { name: 'Error', message: String(e), code }
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
