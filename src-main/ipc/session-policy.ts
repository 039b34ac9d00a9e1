// Permissions of the app's Electron session: the console needs none (no camera, notifications, clipboard reads,
// geolocation…), so every check and every request is denied, whatever page asks.
import type { Session } from 'electron'

/** Installs deny-all permission check and request handlers on `session`. */
export function denyAllPermissions(session: Pick<Session, 'setPermissionCheckHandler' | 'setPermissionRequestHandler'>): void {
  session.setPermissionCheckHandler(() => false)
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
}
