// Electron transport, main side: one ipcMain.handle per LabApi method, progress events pushed to every window.
import type { IpcMain, WebContents } from 'electron'
import { LAB_METHODS, LAB_PROGRESS_CHANNEL, labChannel, type LabApi } from '@core/api/lab-api'
import { dispatchLab } from './dispatch'

/** Registers the LabApi handlers and the progress forwarder; returns a function that removes them all. */
export function registerLabIpc(ipcMain: IpcMain, api: LabApi, targets: () => WebContents[]): () => void {
  const channels: string[] = []
  for (const [group, methods] of Object.entries(LAB_METHODS)) {
    for (const method of methods) {
      const channel = labChannel(group, method)
      ipcMain.handle(channel, (_event, ...args: unknown[]) => dispatchLab(api, group, method, args))
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
