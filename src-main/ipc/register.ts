// Electron transport, main side: one ipcMain.handle per LabApi method, progress events pushed to every window.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron'
import { LAB_METHODS, LAB_PROGRESS_CHANNEL, labChannel, type LabApi, type Reply } from '@core/api/lab-api'
import { dispatchLab } from './dispatch'

/** Where the app's own page is served from: file: (built) and, in development only, the dev server's origin. */
export interface IpcTrust {
  devOrigin?: string | null
}

/**
 * True when an invoke comes from the top frame of one of our windows showing our own page: an iframe, a window we do
 * not own or a page from elsewhere (if one were ever loaded) cannot call the API.
 */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>, windows: readonly WebContents[], trust: IpcTrust = {}): boolean {
  const frame = event.senderFrame
  if (!frame || frame.parent !== null || !windows.includes(event.sender)) return false
  let url: URL
  try {
    url = new URL(frame.url)
  } catch {
    return false
  }
  return url.protocol === 'file:' || (!!trust.devOrigin && url.origin === trust.devOrigin)
}

const refused = (channel: string): Reply<never> => ({
  ok: false,
  error: { name: 'UntrustedSenderError', message: `${channel}: refused: the call does not come from the console's own window`, code: 'EPERM' },
})

/** Registers the LabApi handlers and the progress forwarder; returns a function that removes them all. */
export function registerLabIpc(ipcMain: IpcMain, api: LabApi, targets: () => WebContents[], trust: IpcTrust = {}): () => void {
  const channels: string[] = []
  for (const [group, methods] of Object.entries(LAB_METHODS)) {
    for (const method of methods) {
      const channel = labChannel(group, method)
      ipcMain.handle(channel, (event, ...args: unknown[]) => (isTrustedSender(event, targets(), trust) ? dispatchLab(api, group, method, args) : refused(channel)))
      channels.push(channel)
    }
  }
  const unsubscribe = api.runs.onProgress((p) => {
    for (const wc of targets()) if (!wc.isDestroyed()) wc.send(LAB_PROGRESS_CHANNEL, p)
  })
  return () => {
    unsubscribe()
    for (const c of channels) ipcMain.removeHandler(c)
  }
}
