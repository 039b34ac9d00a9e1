// Renderer entry, kept small: in server mode it sends the first screen's requests, then loads the app. The app's code
// and those answers travel at the same time instead of one after the other.
import './app.css'
import { parseRoute } from './lib/route-parse'
import { requestMatrixEarly } from './features/matrix/matrix-first'

const target = document.getElementById('app')
if (!target) throw new Error('index.html has no #app element')
const route = parseRoute(location.hash)
if (!window.lab && route.view === 'matrix') requestMatrixEarly(route, innerHeight)
import('./app').then(
  (app) => app.start(target),
  (e: unknown) => {
    target.textContent = `The console could not load its code (${e instanceof Error ? e.message : String(e)}): reload the page.`
  },
)
