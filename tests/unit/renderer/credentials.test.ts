// The credentials and host-key parts of the Environments view: the pure model (secret references, pins, re-pin) and
// what the form and the health cell render from it (svelte/server, no DOM).
import { describe, expect, it } from 'vitest'
import { render } from 'svelte/server'
import type { Environment } from '@core/domain/environment'
import { hostPins, isHostKeyRefusal, newlyPinned, secretRefs, withoutPin } from '../../../src-renderer/src/features/environments/credentials'
import CredentialsSection from '../../../src-renderer/src/features/environments/CredentialsSection.svelte'
import EnvironmentForm from '../../../src-renderer/src/features/environments/EnvironmentForm.svelte'
import HealthCell from '../../../src-renderer/src/features/environments/HealthCell.svelte'
import { formatTime } from '../../../src-renderer/src/lib/format'

const text = (html: string): string => html.replace(/<!--.*?-->/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim()
const noop = (): void => {}
const FP_A = 'SHA256:3q2+7wAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'
const FP_B = 'SHA256:QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0NTY3ODk'
const hmc = (config: Record<string, unknown>): Environment => ({ id: 7, name: 'lp01', kind: 'lpar-hmc', level: '', config, facts: {}, concurrency: 1, createdAt: '' })
const HMC_CONFIG = {
  url: 'https://hmc.lab:6794',
  userid: 'ops',
  passwordEnv: 'HMC_PW',
  passwordKey: 'hmc-lab',
  'staging.host': 'stage.lab',
  'staging.port': 2222,
  'staging.passwordKey': 'stage-pw',
  'staging.hostKeyFingerprint': FP_B,
}

describe('credentials model', () => {
  it('finds the secrets a config names, flat or nested, top level first, with the variable that replaces each', () => {
    expect(secretRefs(HMC_CONFIG)).toEqual([
      { path: '', label: 'Password', key: 'hmc-lab', env: 'HMC_PW' },
      { path: 'staging', label: 'Staging SFTP password', key: 'stage-pw', env: null },
    ])
    expect(secretRefs({ staging: { host: 's', passwordEnv: 'SFTP_PW' } })).toEqual([{ path: 'staging', label: 'Staging SFTP password', key: null, env: 'SFTP_PW' }])
    expect(secretRefs({ host: 'z15', privateKeyPath: '/k', passwordKey: '  ' })).toEqual([])
  })
  it('lists pinned host keys with their endpoint and tells which ones a check pinned', () => {
    const before = { host: 'z15.lab', port: 2022 }
    const after = { ...before, hostKeyFingerprint: FP_A, staging: { host: 'st', hostKeyFingerprint: FP_B } }
    expect(hostPins(after)).toEqual([
      { path: '', endpoint: 'z15.lab:2022', fingerprint: FP_A },
      { path: 'staging', endpoint: 'st:22', fingerprint: FP_B },
    ])
    expect(newlyPinned(before, after)).toEqual([{ path: '', endpoint: 'z15.lab:2022', fingerprint: FP_A }, { path: 'staging', endpoint: 'st:22', fingerprint: FP_B }])
    expect(newlyPinned(after, after)).toEqual([])
    expect(newlyPinned({ ...after, hostKeyFingerprint: FP_B }, after).map((p) => p.path)).toEqual([''])
  })
  it('re-pin removes exactly one pin and keeps everything else of the environment', () => {
    const env = hmc({ ...HMC_CONFIG, hostKeyFingerprint: FP_A, nested: { hostKeyFingerprint: FP_A, host: 'n' } })
    expect(withoutPin(env, 'staging')).toEqual({
      name: 'lp01',
      kind: 'lpar-hmc',
      level: '',
      concurrency: 1,
      facts: {},
      config: { ...HMC_CONFIG, 'staging.hostKeyFingerprint': undefined, hostKeyFingerprint: FP_A, nested: { hostKeyFingerprint: FP_A, host: 'n' } },
    })
    expect(Object.keys(withoutPin(env, 'staging').config ?? {})).not.toContain('staging.hostKeyFingerprint')
    expect(withoutPin(env, '').config).not.toHaveProperty('hostKeyFingerprint')
    expect(withoutPin(env, 'nested').config?.['nested']).toEqual({ host: 'n' })
  })
  it('recognises the drivers’ changed-key refusal and nothing else', () => {
    expect(isHostKeyRefusal(`host key of 127.0.0.1:2222 changed: pinned ${FP_A}, presented ${FP_B} — refusing to connect`)).toBe(true)
    expect(isHostKeyRefusal('ssh 127.0.0.1:2222: authentication refused')).toBe(false)
  })
})

describe('CredentialsSection', () => {
  it('offers a masked input per keychain entry of the saved config, and the passwordEnv guidance, never a value', () => {
    const env = hmc(HMC_CONFIG)
    const { body } = render(CredentialsSection, { props: { env, draft: {} } })
    expect(body).toContain('id="secret-hmc-lab" type="password"')
    expect(body).toContain('id="secret-stage-pw" type="password"')
    expect(body).not.toMatch(/value="[^"]/)
    const t = text(body)
    expect(t).toContain('CLI / server mode: set HMC_PW in the environment of labcon')
    expect(t).toMatch(/Staging SFTP password .* No passwordEnv ?: the CLI and server mode cannot read this password/)
    expect(t).not.toContain('save the environment first')
  })
  it('asks to save first for a keychain entry only typed in the form, and is absent for kinds without secrets', () => {
    const added = render(CredentialsSection, { props: { draft: { passwordKey: 'new-entry' } } })
    expect(text(added.body)).toContain('Password: save the environment first, then store keychain entry new-entry here.')
    expect(added.body).not.toContain('type="password"')
    const ssh = render(CredentialsSection, { props: { env: { ...hmc({ host: 'z15' }), kind: 'qemu-ssh' }, draft: { host: 'z15' } } })
    expect(text(ssh.body)).toBe('')
  })
  it('is part of the edit form of an lpar-hmc environment, with the staging fields', () => {
    const { body } = render(EnvironmentForm, { props: { env: hmc(HMC_CONFIG), existingNames: ['lp01'], onSave: async () => {}, onCancel: noop } })
    for (const id of ['env-cfg-passwordEnv', 'env-cfg-passwordKey', 'env-cfg-staging.passwordKey', 'env-cfg-staging.hostKeyFingerprint', 'secret-hmc-lab']) expect(body).toContain(`id="${id}"`)
    expect(body).toContain('aria-label="Credentials"')
  })
})

describe('HealthCell host keys', () => {
  const healthy = { ok: true, level: '8.2.0', facts: { 'ssh.hostKey': FP_A }, problems: [], checkedAt: '2026-01-01T00:00:00Z' }
  it('shows a key pinned on first contact with its endpoint, and a re-pin action', () => {
    const pin = { path: '', endpoint: '127.0.0.1:2222', fingerprint: FP_A }
    const { body } = render(HealthCell, { props: { state: healthy, onCheck: noop, pins: [pin], fresh: [pin], onRepin: noop } })
    expect(text(body)).toBe(
      `healthy checked ${formatTime('2026-01-01T00:00:00Z')} Check now First contact: pinned ${FP_A} for 127.0.0.1:2222 Re-pin… Compare with ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub on the host.`,
    )
    const later = render(HealthCell, { props: { state: undefined, onCheck: noop, pins: [pin] } })
    expect(text(later.body)).toBe(`Check now Host key pinned ${FP_A} for 127.0.0.1:2222`)
  })
  it('shows a changed-key refusal as a clear error', () => {
    const refusal = `host key of 127.0.0.1:2222 changed: pinned ${FP_A}, presented ${FP_B} — refusing to connect`
    const { body } = render(HealthCell, { props: { state: { ...healthy, ok: false, problems: [refusal] }, onCheck: noop } })
    expect(body).toContain('role="alert"')
    expect(text(body)).toBe(`unhealthy checked ${formatTime('2026-01-01T00:00:00Z')} Host key changed — connection refused. ${refusal} Check now No pin left: check again to pin the key the host presents now.`)
  })
})
