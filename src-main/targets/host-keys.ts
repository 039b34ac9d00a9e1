// SSH host key pinning: first contact returns the SHA256 fingerprint to pin; a changed key is refused.
import { createHash } from 'node:crypto'
import { LabError } from '@core/domain/errors'

/** The host presented a key different from the pinned one. Never connect in that case. */
export class HostKeyMismatchError extends LabError {
  override name = 'HostKeyMismatchError'
  readonly kind = 'conflict'
  constructor(
    readonly host: string,
    readonly pinned: string,
    readonly presented: string,
  ) {
    super(
      `host key of ${host} changed: pinned ${pinned}, presented ${presented} — refusing to connect ` +
        `(if the host was really re-keyed, remove the pinned fingerprint from the environment and pin the new one)`,
    )
  }
}

/** OpenSSH-style fingerprint of a raw public key blob: `SHA256:` + unpadded base64. */
export function fingerprintOf(keyBlob: Buffer): string {
  return 'SHA256:' + createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '')
}

/** Normalizes a user-entered fingerprint (`SHA256:abc=`, `abc`) to the form fingerprintOf returns. */
export function normalizeFingerprint(fp: string): string {
  const t = fp.trim().replace(/=+$/, '')
  return t.startsWith('SHA256:') ? t : `SHA256:${t}`
}

/** Outcome of checking a presented key against the pin: `first-contact` means nothing was pinned yet. */
export type HostKeyCheck = { kind: 'match' | 'first-contact'; fingerprint: string } | { kind: 'mismatch'; fingerprint: string; pinned: string }

/** Compares a presented key with the pinned fingerprint (null = not pinned yet). */
export function checkHostKey(keyBlob: Buffer, pinned: string | null | undefined): HostKeyCheck {
  const fingerprint = fingerprintOf(keyBlob)
  if (!pinned) return { kind: 'first-contact', fingerprint }
  const p = normalizeFingerprint(pinned)
  return p === fingerprint ? { kind: 'match', fingerprint } : { kind: 'mismatch', fingerprint, pinned: p }
}

/** A copy of an environment config with the fingerprint pinned at `configPath` ('' = top level, 'staging' = nested or flat `staging.` keys). */
export function pinIntoConfig(config: Record<string, unknown>, configPath: string, fingerprint: string): Record<string, unknown> {
  if (configPath === '') return { ...config, hostKeyFingerprint: fingerprint }
  const nested = config[configPath]
  if (typeof nested === 'object' && nested !== null) return { ...config, [configPath]: { ...(nested as Record<string, unknown>), hostKeyFingerprint: fingerprint } }
  return { ...config, [`${configPath}.hostKeyFingerprint`]: fingerprint }
}
