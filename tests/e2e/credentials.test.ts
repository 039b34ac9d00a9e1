// End to end: credentials and host-key pinning in the Environments view, in Debian's Chromium against the server mode.
// Server mode has no keychain, so storing a secret is refused with the service's message; host keys are pinned on
// first contact with a real OpenSSH server (tests/fixtures/sshd) serving as a remote QEMU host. Also the known issues
// export (CSV and JSON downloads).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { APP_ROOT, startConsole, type ConsoleHandle } from '@main/server/launch'
import { startSshd, type SshdFixture } from '../fixtures/sshd/sshd'
import { SCREENSHOT_DIR } from './screenshots'

let dir: string
let handle: ConsoleHandle
let browser: Browser
let page: Page
let sshd: SshdFixture
const problems: string[] = []

interface Reply<T> {
  ok: boolean
  value?: T
  error?: { name: string; message: string }
}
async function api<T>(path: string, args: unknown[]): Promise<Reply<T>> {
  const token = new URL(handle.url ?? '').searchParams.get('token') ?? ''
  const res = await fetch(new URL(path, handle.url ?? ''), { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Lab-Token': token }, body: JSON.stringify(args) })
  return res.json() as Promise<Reply<T>>
}
async function addEnv(input: Record<string, unknown>): Promise<{ id: number; config: Record<string, unknown> }> {
  const r = await api<{ id: number; config: Record<string, unknown> }>('/api/environments/add', [input])
  expect(r.error).toBeUndefined()
  return r.value ?? { id: 0, config: {} }
}
async function configOf(name: string): Promise<Record<string, unknown> | undefined> {
  return (await api<{ name: string; config: Record<string, unknown> }[]>('/api/environments/list', [])).value?.find((e) => e.name === name)?.config
}

beforeAll(async () => {
  const build = spawnSync(process.execPath, [join(APP_ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
    cwd: APP_ROOT,
    encoding: 'utf8',
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
  })
  expect(build.status, build.stderr).toBe(0)
  dir = mkdtempSync(join(tmpdir(), 'labcon-e2e-creds-'))
  sshd = await startSshd()
  const write = process.stdout.write.bind(process.stdout)
  process.stdout.write = (() => true) as typeof process.stdout.write
  try {
    handle = await startConsole({ dbPath: join(dir, 'lab.sqlite'), electron: false, port: 0 })
  } finally {
    process.stdout.write = write
  }
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  })
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  page.setDefaultTimeout(20_000)
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`))
  page.on('dialog', (d) => void d.accept())
})

afterAll(async () => {
  await browser?.close()
  await handle?.close()
  await sshd?.stop()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

describe('credentials and host keys in the browser (server mode)', () => {
  it('offers the HMC password as a masked keychain entry and shows the server’s refusal verbatim', async () => {
    await addEnv({
      name: 'lp01',
      kind: 'lpar-hmc',
      concurrency: 1,
      config: { url: 'https://hmc.lab:6794', userid: 'ops', passwordEnv: 'HMC_PW', passwordKey: 'hmc-lab', cpcName: 'CPC1', lparName: 'LP01', 'staging.host': 'stage.lab' },
    })
    await page.goto(handle.url ?? '')
    await page.locator('tr[data-env="lp01"]').getByRole('button', { name: 'Edit' }).click()
    const form = page.getByRole('form', { name: 'Edit lp01' })
    const creds = form.getByRole('group', { name: 'Credentials' })
    await expect.poll(() => creds.textContent()).toContain('set HMC_PW in the environment of labcon')
    const input = creds.getByLabel('Password for keychain entry hmc-lab')
    expect(await input.getAttribute('type')).toBe('password')
    await input.fill('s3cret-pw')
    await creds.getByRole('button', { name: 'Store' }).click()
    const alert = creds.getByRole('alert')
    await alert.waitFor()
    // The same words the service answers the API with (its message, without the error's class name), and the typed
    // value is gone from the input.
    const direct = await api('/api/environments/setSecret', [(await api<{ id: number; name: string }[]>('/api/environments/list', [])).value?.find((e) => e.name === 'lp01')?.id, 'hmc-lab', 'x'])
    expect(direct.ok).toBe(false)
    expect(await alert.textContent()).toBe(direct.error?.message)
    expect(await alert.textContent()).toContain("environment 'lp01': secret 'hmc-lab': secrets are stored only by the desktop app (OS keychain)")
    expect(await input.inputValue()).toBe('')
    expect(await page.content()).not.toContain('s3cret-pw')
    await creds.scrollIntoViewIfNeeded()
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'environments-credentials.png') })
    await form.getByRole('button', { name: 'Cancel' }).click()
  })

  it('pins the host key of a real sshd on first contact, refuses a changed key, and re-pins on request', async () => {
    await addEnv({
      name: 'remote-tcg',
      kind: 'qemu-ssh',
      concurrency: 1,
      config: { host: sshd.host, port: sshd.port, user: sshd.user, privateKeyPath: sshd.clientKeyPath, accel: 'tcg' },
    })
    await page.reload()
    const row = page.locator('tr[data-env="remote-tcg"]')
    await row.getByRole('button', { name: 'Check now' }).click()
    const endpoint = `${sshd.host}:${sshd.port}`
    await expect.poll(() => row.locator('.pin.fresh').textContent(), { timeout: 30_000 }).toContain(`pinned ${sshd.hostKeyFingerprint} for ${endpoint}`)
    expect(await row.locator('.badge').textContent()).toBe('healthy')
    expect((await configOf('remote-tcg'))?.['hostKeyFingerprint']).toBe(sshd.hostKeyFingerprint)
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'environments-host-key.png') })

    const first = sshd.hostKeyFingerprint
    await sshd.rotateHostKey()
    expect(sshd.hostKeyFingerprint).not.toBe(first)
    await row.getByRole('button', { name: 'Check now' }).click()
    await expect.poll(() => row.locator('.hostkey').textContent(), { timeout: 30_000 }).toContain(`Host key changed — connection refused. host key of ${endpoint} changed: pinned ${first}, presented ${sshd.hostKeyFingerprint}`)
    expect(await row.locator('.badge').textContent()).toBe('unhealthy')

    await row.getByRole('button', { name: 'Re-pin…' }).click()
    await expect.poll(() => configOf('remote-tcg')).not.toHaveProperty('hostKeyFingerprint')
    await row.getByRole('button', { name: 'Check now' }).click()
    await expect.poll(() => row.locator('.pin.fresh').textContent(), { timeout: 30_000 }).toContain(`pinned ${sshd.hostKeyFingerprint} for ${endpoint}`)
    expect(await row.locator('.badge').textContent()).toBe('healthy')
    expect((await configOf('remote-tcg'))?.['hostKeyFingerprint']).toBe(sshd.hostKeyFingerprint)
    expect(problems).toEqual([])
  })
})

describe('known issues export in the browser (server mode)', () => {
  it('downloads the known issues as CSV and JSON', async () => {
    await page.getByRole('link', { name: 'Known issues' }).click()
    const form = page.getByRole('form', { name: 'Add known issue' })
    await form.getByLabel('Test *').fill('sigp')
    await form.getByLabel('Environment').selectOption('remote-tcg')
    await form.getByLabel('Note').fill('stop, then "restart"')
    await form.getByLabel('intermittent').check()
    await form.getByRole('button', { name: 'Add known issue' }).click()
    await page.locator('table[aria-label="Known issues"] tr[data-issue]').waitFor()
    const save = async (button: string): Promise<string> => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()])
      const path = join(dir, download.suggestedFilename())
      await download.saveAs(path)
      return readFileSync(path, 'utf8')
    }
    const listed = (await api<{ id: number }[]>('/api/knownIssues/list', [])).value ?? []
    expect(listed).toHaveLength(1)
    expect(await save('Export CSV')).toBe(`id,test,subtest,env,level,url,intermittent,note\r\n${listed[0]?.id},sigp,,remote-tcg,,,yes,"stop, then ""restart"""\r\n`)
    expect(JSON.parse(await save('Export JSON'))).toEqual(listed)
  })
})
