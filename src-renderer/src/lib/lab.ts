// The renderer's only way out: window.lab in Electron (preload), else the HTTP client of the server mode.
import type { LabApi } from '@core/api/lab-api'
import { createHttpLab } from './http-lab'

declare global {
  interface Window {
    lab?: LabApi
  }
}

/** The LabApi this renderer talks to. */
export const lab: LabApi = typeof window !== 'undefined' && window.lab ? window.lab : createHttpLab()

/** `Name: message` for any error, without repeating a name already in the message. */
export function errorText(e: unknown): string {
  if (e instanceof Error) return e.message.startsWith(`${e.name}:`) || e.name === 'Error' ? e.message : `${e.name}: ${e.message}`
  return String(e)
}
