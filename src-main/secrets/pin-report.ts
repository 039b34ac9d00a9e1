// What `labcon env check` tells the user about host keys: the fingerprints a health check pinned on first contact.

/** One fingerprint pinned on first contact, with the endpoint it belongs to (`host:port`). */
export interface PinnedHostKey {
  endpoint: string
  fingerprint: string
}

/** Every `hostKeyFingerprint` in a config by endpoint prefix ('' top level, 'staging' nested or flat `staging.` keys). */
function fingerprints(config: Record<string, unknown>, prefix = ''): Map<string, { fp: string; host: unknown; port: unknown }> {
  const out = new Map<string, { fp: string; host: unknown; port: unknown }>()
  for (const [k, v] of Object.entries(config)) {
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
      for (const [p, x] of fingerprints(v as Record<string, unknown>, `${prefix}${k}.`)) out.set(p, x)
      continue
    }
    if (typeof v !== 'string' || !(k === 'hostKeyFingerprint' || k.endsWith('.hostKeyFingerprint'))) continue
    const flat = k.slice(0, -'hostKeyFingerprint'.length)
    out.set(prefix + flat, { fp: v, host: config[`${flat}host`], port: config[`${flat}port`] })
  }
  return out
}

/** The fingerprints present in `after` but not in `before` (what a first contact pinned), one per endpoint, top level first. */
export function newlyPinned(before: Record<string, unknown>, after: Record<string, unknown>): PinnedHostKey[] {
  const old = fingerprints(before)
  const pins: PinnedHostKey[] = []
  for (const [path, x] of [...fingerprints(after)].sort(([a], [b]) => a.localeCompare(b))) {
    if (old.get(path)?.fp === x.fp) continue
    const host = typeof x.host === 'string' ? x.host : path.replace(/\.$/, '') || '?'
    const port = typeof x.port === 'number' || typeof x.port === 'string' ? String(x.port) : '22'
    pins.push({ endpoint: `${host}:${port}`, fingerprint: x.fp })
  }
  return pins
}
