// Hash routing (#/view?key=value): works the same from file:// in Electron and over HTTP.

/** Views of the console, in navigation order. */
export const VIEWS = ['environments', 'catalog', 'runs', 'run', 'matrix', 'compare', 'regressions', 'history', 'log', 'known-issues'] as const
export type View = (typeof VIEWS)[number]

interface Route {
  view: View
  params: Record<string, string>
}

function parse(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?')
  const view = (VIEWS as readonly string[]).includes(path) ? (path as View) : 'environments'
  return { view, params: Object.fromEntries(new URLSearchParams(query)) }
}

/** The current route; reassigned on every hash change. */
export const route: Route = $state(parse(typeof location === 'undefined' ? '' : location.hash))

if (typeof window !== 'undefined') {
  window.addEventListener('hashchange', () => Object.assign(route, parse(location.hash)))
}

/** Navigates to `view` with `params` (kept in the URL, so reload and back work). */
export function navigate(view: View, params: Record<string, string | number> = {}): void {
  const q = Object.entries(params)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&')
  location.hash = `#/${view}${q ? `?${q}` : ''}`
}
