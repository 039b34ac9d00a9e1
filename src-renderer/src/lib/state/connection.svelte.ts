// Whether the backend answers (server mode): set by the HTTP transport, shown by App as a banner.

/** `online` false while the server does not answer; `reconnects` counts recoveries so views can reload. */
export const connection: { online: boolean; since: string | null; reconnects: number } = $state({ online: true, since: null, reconnects: 0 })

/** Called by the transport when a request got no HTTP answer. */
export function markOffline(): void {
  if (!connection.online) return
  connection.online = false
  connection.since = new Date(Date.now()).toISOString() // eslint-disable-line svelte/prefer-svelte-reactivity -- a string is stored
}

/** Called by the transport when the server answers again. */
export function markOnline(): void {
  if (connection.online) return
  connection.online = true
  connection.since = null
  connection.reconnects++
}
