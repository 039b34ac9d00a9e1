// The renderer's only way out: window.lab in Electron (preload), else the HTTP client of the server mode.
import type { LabApi } from '@core/api/lab-api'
import { createHttpLab } from './http-lab'
import { markOffline, markOnline } from './state/connection.svelte'

declare global {
  interface Window {
    lab?: LabApi
  }
}

/** The LabApi this renderer talks to. */
export const lab: LabApi =
  typeof window !== 'undefined' && window.lab ? window.lab : createHttpLab('', { onOffline: markOffline, onOnline: markOnline })

export { errorText } from './errors'
