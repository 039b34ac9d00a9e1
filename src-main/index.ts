// Electron composition root: one LabService, the IPC transport, one sandboxed window. Nothing else lives here.
import { app, BrowserWindow, dialog, ipcMain, safeStorage, session, shell } from 'electron'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createLabService } from './service/lab-service'
import { dbLocation } from './db/location'
import { openStoreAt } from './db/open-store'
import type { Store } from './db/store'
import { serviceOptionsFromEnv } from './service/process-env'
import { installedSqliteVersion, sqliteNativeBinding } from './db/native-binding'
import { registerLabIpc } from './ipc/register'
import { denyAllPermissions } from './ipc/session-policy'
import { SecretVault } from './secrets/secret-vault'
import { safeStorageCipher, vaultResolver } from './secrets/wiring'
import { CONTENT_SECURITY_POLICY } from './server/csp'
import { ensureBundledCatalog } from './server/bundled-catalog'

const here = fileURLToPath(new URL('.', import.meta.url))

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 960,
    minHeight: 600,
    title: 's390 Lab Console',
    show: false,
    webPreferences: {
      preload: join(here, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  })
  win.once('ready-to-show', () => win.show())
  // No remote content: links open in the system browser, navigation away from the app is refused.
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//.test(url)) void shell.openExternal(url)
    return { action: 'deny' }
  })
  win.webContents.on('will-navigate', (e) => e.preventDefault())
  const devUrl = process.env.ELECTRON_RENDERER_URL
  if (!app.isPackaged && devUrl) void win.loadURL(devUrl)
  else void win.loadFile(join(here, '../renderer/index.html'))
  return win
}

void app.whenReady().then(async () => {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } })
  })
  denyAllPermissions(session.defaultSession)
  // The same database as the CLI: LABCON_DB (a file or a postgresql:// URL), else ~/.config/s390-lab-console/lab.sqlite.
  const dbPath = dbLocation()
  // Secrets (HMC/staging passwords) live encrypted by the OS keychain in the user data directory, never in the database.
  const vault = new SecretVault(join(app.getPath('userData'), 'secrets.json'), safeStorageCipher(safeStorage))
  // better-sqlite3 for Electron's ABI: the build `npm start` prepared (source checkout) or the package's own (packaged).
  const root = join(here, '..', '..')
  const nativeBinding = sqliteNativeBinding(
    { electron: process.versions.electron, platform: process.platform, arch: process.arch, sqliteVersion: installedSqliteVersion(root), root, packaged: app.isPackaged },
    existsSync,
  )
  if (nativeBinding instanceof Error) {
    dialog.showErrorBox('s390 Lab Console cannot open its database', nativeBinding.message)
    app.exit(1)
    return
  }
  let store: Store
  try {
    // A PostgreSQL password may come from the keychain (entry `postgresql://user@host:port/db`) when neither the URL
    // nor PGPASSWORD has one.
    store = await openStoreAt(dbPath, { ...(nativeBinding !== undefined ? { nativeBinding } : {}), secret: vaultResolver(vault) })
  } catch (e) {
    dialog.showErrorBox('s390 Lab Console cannot open its database', (e as Error).message)
    app.exit(1)
    return
  }
  const service = createLabService({ store, dbPath, vault, ...serviceOptionsFromEnv(process.env) })
  const devOrigin = !app.isPackaged && process.env.ELECTRON_RENDERER_URL ? new URL(process.env.ELECTRON_RENDERER_URL).origin : null
  const unregister = registerLabIpc(ipcMain, service, () => BrowserWindow.getAllWindows().map((w) => w.webContents), { devOrigin })
  // Packaged: the kernels are extraResources next to app.asar; from source: the repository's resources/kernels.
  const kernels = app.isPackaged ? join(process.resourcesPath, 'kernels') : join(here, '..', '..', 'resources', 'kernels')
  void ensureBundledCatalog(service, kernels).catch(() => {})
  createWindow()
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow()
  })
  // Closing cancels running work and closes the database: hold the quit until it is done.
  let closed = false
  app.on('will-quit', (e) => {
    if (closed) return
    e.preventDefault()
    closed = true
    unregister()
    void service.close().finally(() => app.exit(0))
  })
})

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})
