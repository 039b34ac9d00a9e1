// The Electron transport without Electron's binary: the real preload (src-main/preload) and the real IPC handlers
// (src-main/ipc/register) wired through an in-memory ipcMain/ipcRenderer pair that structured-clones every message as
// Electron does, with the real LabService on a temporary database behind them.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { LAB_METHODS, LAB_PROGRESS_CHANNEL, labChannel, type LabApi, type RunProgress } from '@core/api/lab-api'
import { createLabService, type LabService } from '@main/service/lab-service'
import { registerLabIpc } from '@main/ipc/register'
import { bundledCatalogDir } from '@main/server/bundled-catalog'
import { APP_ROOT } from '@main/server/launch'

type Handler = (event: unknown, ...args: unknown[]) => unknown
const handlers = new Map<string, Handler>()
const rendererListeners = new Map<string, Set<(e: unknown, ...a: unknown[]) => void>>()
const exposed: Record<string, unknown> = {}

// Electron's modules as the preload and register.ts see them; messages are structured-cloned both ways.
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
  ipcRenderer: {
    invoke: async (channel: string, ...args: unknown[]) => {
      const h = handlers.get(channel)
      if (!h) throw new Error(`No handler registered for '${channel}'`)
      // As Electron does: the sender is our window, the frame its top frame showing the built page.
      return structuredClone(await h({ sender: webContents, senderFrame: { url: 'file:///app/out/renderer/index.html', parent: null } }, ...structuredClone(args)))
    },
    on: (channel: string, l: (e: unknown, ...a: unknown[]) => void) => {
      if (!rendererListeners.has(channel)) rendererListeners.set(channel, new Set())
      rendererListeners.get(channel)?.add(l)
    },
    removeListener: (channel: string, l: (e: unknown, ...a: unknown[]) => void) => rendererListeners.get(channel)?.delete(l),
  },
}))

const ipcMain = {
  handle: (channel: string, h: Handler) => {
    if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`)
    handlers.set(channel, h)
  },
  removeHandler: (channel: string) => handlers.delete(channel),
}
const webContents = {
  isDestroyed: () => false,
  send: (channel: string, ...args: unknown[]) => {
    for (const l of rendererListeners.get(channel) ?? []) l({}, ...structuredClone(args))
  },
}

let dir: string
let service: LabService
let unregister: () => void
let lab: LabApi

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'labcon-ipc-'))
  service = createLabService({ dbPath: join(dir, 'lab.sqlite') })
  unregister = registerLabIpc(ipcMain as never, service, () => [webContents as never])
  await import('@main/preload/index')
  lab = exposed.lab as LabApi
})
afterAll(async () => {
  unregister?.()
  await service?.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('Electron transport (preload + ipc handlers)', () => {
  it('registers one channel per LabApi method and exposes exactly those methods on window.lab', () => {
    const expected = Object.entries(LAB_METHODS).flatMap(([g, ms]) => ms.map((m) => labChannel(g, m)))
    expect([...handlers.keys()].sort()).toEqual(expected.sort())
    const shape = Object.fromEntries(Object.entries(lab).map(([g, o]) => [g, Object.keys(o as object).sort()]))
    expect(shape).toEqual({
      environments: ['add', 'clearSecret', 'health', 'list', 'remove', 'setSecret', 'update'],
      catalogs: ['get', 'import', 'list'],
      runs: ['cancel', 'export', 'get', 'list', 'onProgress', 'previous', 'query', 'start'],
      results: ['compare', 'exportCompare', 'exportMatrix', 'history', 'log', 'matrix', 'metricSeries', 'metrics', 'regressions'],
      knownIssues: ['add', 'list', 'remove', 'update'],
    })
  })

  it('rebuilds errors from the Reply with their name, for bad arguments and for service errors', async () => {
    await expect(lab.environments.add({ name: 'x', kind: 'zos' as never })).rejects.toThrow(
      'LabArgumentError: environments.add argument 1.kind: expected one of builtin, qemu-tcg, qemu-ssh, hercules, lpar-hmc, zvm, simulator, got "zos"',
    )
    await expect(lab.catalogs.get(77)).rejects.toThrow(/^NotFoundError: catalog 77/)
    await expect((lab.catalogs.import as (...a: unknown[]) => Promise<unknown>)('/a', '/b')).rejects.toThrow('LabArgumentError: catalogs.import: expected at most 1 argument(s), got 2')
  })

  it('runs the bundled kernels on TCG through IPC and forwards progress events to the window', async () => {
    const catalog = await lab.catalogs.import(bundledCatalogDir(APP_ROOT))
    const events: RunProgress[] = []
    const done = new Promise<void>((resolve) => {
      const off = lab.runs.onProgress((p) => {
        events.push(p)
        if (p.state === 'done') {
          off()
          resolve()
        }
      })
    })
    const runId = await lab.runs.start({ catalogId: catalog.id, envs: ['tcg'], tests: ['selftest'] })
    await done
    expect(events.every((e) => e.runId === runId)).toBe(true)
    expect(events.at(-1)).toMatchObject({ state: 'done', total: 1, done: 1 })
    const run = await lab.runs.get(runId)
    expect(run.results.map((r) => [r.test, r.env, r.verdict])).toEqual([['selftest', 'tcg', 'PASS']])
    expect(rendererListeners.get(LAB_PROGRESS_CHANNEL)?.size ?? 0).toBe(0)
    // The matrix in windows of rows and columns over IPC: the first column holds the result, the second none.
    const window = (offset: number): Promise<unknown> =>
      lab.results.matrix({ catalogId: catalog.id, rows: { offset: 0, limit: 5 }, columns: { offset, limit: 1 } }).then((m) => ({ columns: m.columns, cells: m.cells.map((c) => [c.test, c.env, c.verdict]) }))
    expect([await window(0), await window(1)]).toEqual([
      { columns: ['tcg'], cells: [['selftest', 'tcg', 'PASS']] },
      { columns: ['tcg'], cells: [] },
    ])
    await expect(lab.results.matrix({ catalogId: catalog.id, columns: { offset: 0, limit: 0 } })).rejects.toThrow(/^LabArgumentError: results\.matrix argument 1\.columns\.limit: /)
  })
})
