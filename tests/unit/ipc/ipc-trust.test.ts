// Issue 9 item 10 (Electron): the IPC handlers answer only the top frame of our own window showing our own page, and
// the session denies every permission check and request.
import { describe, expect, it } from 'vitest'
import { labChannel, type LabApi } from '@core/api/lab-api'
import { registerLabIpc } from '@main/ipc/register'
import { denyAllPermissions } from '@main/ipc/session-policy'

type Handler = (event: unknown, ...args: unknown[]) => Promise<unknown>

function wire(devOrigin: string | null = null): { call: (event: unknown) => Promise<unknown>; window: object } {
  const handlers = new Map<string, Handler>()
  const ipcMain = { handle: (c: string, h: Handler) => handlers.set(c, h), removeHandler: (c: string) => handlers.delete(c) }
  const window = { isDestroyed: () => false, send: () => {} }
  const api = { runs: { onProgress: () => () => {} }, environments: { list: async () => ['env list called'] } } as unknown as LabApi
  registerLabIpc(ipcMain as never, api, () => [window as never], { devOrigin })
  const h = handlers.get(labChannel('environments', 'list')) as Handler
  return { call: (event) => h(event), window }
}

describe('IPC sender check', () => {
  const top = (url: string): { url: string; parent: null } => ({ url, parent: null })
  it('answers the top frame of our window showing the built page', async () => {
    const { call, window } = wire()
    expect(await call({ sender: window, senderFrame: top('file:///opt/app/out/renderer/index.html') })).toEqual({ ok: true, value: ['env list called'] })
  })

  it.each([
    ['an iframe of our window', (w: object) => ({ sender: w, senderFrame: { url: 'file:///x/index.html', parent: { url: 'file:///x' } } })],
    ['a page from the web in our window', (w: object) => ({ sender: w, senderFrame: top('https://evil.example/') })],
    ['another webContents', () => ({ sender: {}, senderFrame: top('file:///x/index.html') })],
    ['an event without a frame (frame gone)', (w: object) => ({ sender: w, senderFrame: null })],
    ['the dev server origin when not in development', (w: object) => ({ sender: w, senderFrame: top('http://localhost:5173/') })],
  ])('refuses %s', async (_what, event) => {
    const { call, window } = wire()
    expect(await call(event(window))).toEqual({
      ok: false,
      error: { name: 'UntrustedSenderError', message: "lab:environments.list: refused: the call does not come from the console's own window", code: 'EPERM' },
    })
  })

  it('answers the dev server origin in development', async () => {
    const { call, window } = wire('http://localhost:5173')
    expect(await call({ sender: window, senderFrame: top('http://localhost:5173/') })).toEqual({ ok: true, value: ['env list called'] })
  })
})

describe('session permissions', () => {
  it('denies every permission check and request', () => {
    let check: ((...a: unknown[]) => boolean) | null = null
    let request: ((wc: unknown, p: string, cb: (granted: boolean) => void) => void) | null = null
    denyAllPermissions({ setPermissionCheckHandler: (h: never) => (check = h), setPermissionRequestHandler: (h: never) => (request = h) } as never)
    const answers = ['media', 'notifications', 'clipboard-read', 'geolocation', 'openExternal'].map((p) => {
      let granted: boolean | null = null
      request?.({}, p, (g) => (granted = g))
      return [p, check?.({}, p, 'file://', {}), granted]
    })
    expect(answers).toEqual(['media', 'notifications', 'clipboard-read', 'geolocation', 'openExternal'].map((p) => [p, false, false]))
  })
})
