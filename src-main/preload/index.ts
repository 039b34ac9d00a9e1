// Sandboxed preload: builds window.lab (LabApi) from the method list over ipcRenderer.invoke; nothing else.
import { contextBridge, ipcRenderer } from 'electron'
import { LAB_METHODS, LAB_PROGRESS_CHANNEL, labChannel, type LabApi, type RunProgress } from '@core/api/lab-api'
import { fromReply } from '@core/api/reply'

// contextBridge copies only an Error's message, so the rebuilt error's name is kept in front of it.
const call = async (channel: string, args: unknown[]): Promise<unknown> => {
  const reply: unknown = await ipcRenderer.invoke(channel, ...args)
  try {
    return fromReply(reply)
  } catch (e) {
    const err = e as Error
    throw new Error(`${err.name}: ${err.message}`)
  }
}

const lab: Record<string, Record<string, unknown>> = {}
for (const [group, methods] of Object.entries(LAB_METHODS)) {
  const g: Record<string, unknown> = {}
  for (const method of methods) {
    g[method] = (...args: unknown[]) => call(labChannel(group, method), args)
  }
  lab[group] = g
}
;(lab.runs as Record<string, unknown>).onProgress = (listener: (p: RunProgress) => void) => {
  const handler = (_e: unknown, p: RunProgress): void => listener(p)
  ipcRenderer.on(LAB_PROGRESS_CHANNEL, handler)
  return () => ipcRenderer.removeListener(LAB_PROGRESS_CHANNEL, handler)
}

contextBridge.exposeInMainWorld('lab', lab as unknown as LabApi)
