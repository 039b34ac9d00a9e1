// Which fingerprints a health check pinned, as `labcon env check` reports them (top level, nested and flat staging).
import { describe, expect, it } from 'vitest'
import { newlyPinned } from '@main/secrets/pin-report'
import { pinIntoConfig } from '@main/targets/host-keys'

describe('newlyPinned', () => {
  it('reports each endpoint whose fingerprint appeared or changed, with host:port', () => {
    const before = { host: 'kvm1', port: 2222, user: 'u', staging: { host: 'sftp1' }, 'hmc.host': 'x' }
    let after = pinIntoConfig(before, '', 'SHA256:top')
    after = pinIntoConfig(after, 'staging', 'SHA256:nested')
    expect(newlyPinned(before, after)).toEqual([
      { endpoint: 'kvm1:2222', fingerprint: 'SHA256:top' },
      { endpoint: 'sftp1:22', fingerprint: 'SHA256:nested' },
    ])
    expect(newlyPinned(after, after)).toEqual([])
    const flatBefore = { url: 'https://hmc', 'staging.host': 'sftp2', 'staging.port': 2022 }
    expect(newlyPinned(flatBefore, pinIntoConfig(flatBefore, 'staging', 'SHA256:flat'))).toEqual([{ endpoint: 'sftp2:2022', fingerprint: 'SHA256:flat' }])
  })
})
