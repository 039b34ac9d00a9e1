// Hash routing (#/view?key=value): works the same from file:// in Electron and over HTTP.

import { parseRoute, type Route, type View } from '../route-parse'

export { VIEWS, type View } from '../route-parse'

/** The current route; reassigned on every hash change. */
export const route: Route = $state(parseRoute(typeof location === 'undefined' ? '' : location.hash))

if (typeof window !== 'undefined') {
  window.addEventListener('hashchange', () => Object.assign(route, parseRoute(location.hash)))
}

/** Navigates to `view` with `params` (kept in the URL, so reload and back work). */
export function navigate(view: View, params: Record<string, string | number> = {}): void {
  const q = Object.entries(params)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&')
  location.hash = `#/${view}${q ? `?${q}` : ''}`
}
