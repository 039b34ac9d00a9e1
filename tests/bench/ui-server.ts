// The ui bench's server in a process of its own, as `labcon start` serves a browser: the bench's driver (playwright,
// which handles every protocol event of the page in the bench's process) does not share the server's event loop.
// Usage: ui-server.ts <database>. Warms the service with the matrix calls a page makes, then prints `url <url>` once
// listening; with UI_TIMELINE set, one `served <window> <ms>` line per matrix call. Stops on SIGTERM.
import { join } from 'node:path'
import type { MatrixQuery } from '@core/api/lab-api'
import { createLabService } from '@main/service/lab-service'
import { startLabServer } from '@main/server/http-server'
import { APP_ROOT } from '@main/server/launch'

const dbPath = process.argv[2]
if (!dbPath) throw new Error('usage: ui-server.ts <database>')
const service = createLabService({ dbPath, defaultEnvironments: false })
const catalogId = (await service.catalogs.list())[0]?.id
// A server that has answered pages before: its code is compiled and the database pages are cached.
for (let i = 0; i < 3; i++) await service.results.matrix({ catalogId, rows: { offset: 0, limit: 60 } })
if (process.env.UI_TIMELINE) {
  const matrix = service.results.matrix.bind(service.results)
  service.results.matrix = async (q: MatrixQuery) => {
    const s = performance.now()
    const v = await matrix(q)
    const cols = q.columns ? ` × ${q.columns.offset}+${q.columns.limit}` : ''
    process.stdout.write(`served ${q.rows ? `${q.rows.offset}+${q.rows.limit}` : 'all'}${cols} ${(performance.now() - s).toFixed(0)} ms\n`)
    return v
  }
}
const server = await startLabServer({ api: service, rendererDir: join(APP_ROOT, 'out', 'renderer') })
process.stdout.write(`url ${server.url}\n`)
process.once('SIGTERM', () => {
  void server
    .close()
    .then(() => service.close())
    .then(() => process.exit(0))
})
