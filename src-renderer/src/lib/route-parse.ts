// Hash routes (#/view?key=value), parsed without Svelte: the entry script reads the route before the app loads.

/** Views of the console, in navigation order. */
export const VIEWS = ['environments', 'catalog', 'runs', 'run', 'matrix', 'compare', 'regressions', 'history', 'log', 'known-issues'] as const
export type View = (typeof VIEWS)[number]

/** A view and its parameters. */
export interface Route {
  view: View
  params: Record<string, string>
}

/** The route of a location hash; an unknown or empty one is the environments view. */
export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?')
  const view = (VIEWS as readonly string[]).includes(path) ? (path as View) : 'environments'
  return { view, params: Object.fromEntries(new URLSearchParams(query)) }
}
