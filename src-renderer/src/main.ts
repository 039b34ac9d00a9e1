// Renderer entry, kept small: in server mode it sends the first screen's requests, then loads the app. The app's code
// and those answers travel at the same time instead of one after the other. The page loads this script `async`
// (electron.vite.config.ts): it runs as soon as it has arrived, before the stylesheet has, so the requests leave
// early; the app mounts once the document is parsed and styled.
import './app.css'
import { parseRoute } from './lib/route-parse'
import { requestMatrixEarly } from './features/matrix/matrix-first'

const route = parseRoute(location.hash)
if (!window.lab && route.view === 'matrix') requestMatrixEarly(route, { height: innerHeight, width: innerWidth })
const app = import('./app')

/** Resolves once the document is parsed and every stylesheet it links has loaded (or failed). */
async function styled(): Promise<void> {
  if (document.readyState === 'loading') await new Promise((r) => document.addEventListener('DOMContentLoaded', r, { once: true }))
  const pending = [...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')].filter((l) => !l.sheet)
  await Promise.all(pending.map((l) => new Promise((r) => (l.addEventListener('load', r, { once: true }), l.addEventListener('error', r, { once: true })))))
}

styled().then(async () => {
  const target = document.getElementById('app')
  if (!target) throw new Error('index.html has no #app element')
  try {
    ;(await app).start(target)
  } catch (e) {
    target.textContent = `The console could not load its code (${e instanceof Error ? e.message : String(e)}): reload the page.`
  }
})
