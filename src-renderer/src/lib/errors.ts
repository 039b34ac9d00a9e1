// The renderer's one error model: what the user reads for any failure, never a class name or a browser's
// network jargon. Messages from the backend already name the input and what is wrong; the UI shows them as they are.

/** The server of the browser UI cannot be reached (stopped, restarted, network gone); the UI reconnects by itself. */
export class ServerUnreachableError extends Error {
  override readonly name = 'ServerUnreachableError'
  constructor(what: string) {
    super(`The console server does not answer (${what}). Reconnecting…`)
  }
}

/** A leading `SomeError: ` or `SomeError ` that a message may carry from where it was thrown. */
const CLASS_PREFIX = /^(?:[A-Z][A-Za-z0-9]*(?:Error|Exception))(?::\s*|\s+)/

/**
 * What the user reads for an error: its message, without a class name in front; a browser's own network failure
 * (`TypeError: Failed to fetch`, `NetworkError when attempting to fetch resource.`) becomes "the server does not answer".
 */
export function errorText(e: unknown): string {
  if (e instanceof ServerUnreachableError) return e.message
  if (isNetworkFailure(e)) return new ServerUnreachableError('network request failed').message
  const raw = e instanceof Error ? e.message : typeof e === 'string' ? e : String(e)
  const text = raw.replace(CLASS_PREFIX, '').trim()
  if (text !== '') return text
  const code = e instanceof Error ? (e as { code?: unknown }).code : undefined
  return `Unexpected error${typeof code === 'string' && code !== '' && !/Error$/.test(code) ? ` (${code})` : ''} with no message; see the console log`
}

/** True for the TypeError fetch() throws when no HTTP answer came back (Chromium, Firefox and WebKit wordings). */
export function isNetworkFailure(e: unknown): boolean {
  return e instanceof TypeError && /failed to fetch|networkerror|load failed|network connection was lost/i.test(e.message)
}
