// Credentials and host keys of an environment as the form and the table show them: the keychain entries its config
// names (`passwordKey`), the variables it reads (`passwordEnv`), and the SSH host keys pinned in it.
import type { Environment } from '@core/domain/environment'
import type { EnvironmentInput } from '@core/api/lab-api'

/** One secret an environment's config refers to: `key` is the keychain entry (passwordKey), `env` the variable (passwordEnv). */
export interface SecretRef {
  /** Config prefix: '' for the top level (HMC password), 'staging' for the staging SFTP server. */
  path: string
  /** What the secret is for, for labels. */
  label: string
  key: string | null
  env: string | null
}

/** One SSH host key fingerprint pinned in a config, with where it sits (to clear it) and the endpoint it belongs to. */
export interface HostPin {
  path: string
  endpoint: string
  fingerprint: string
}

const LABELS: Record<string, string> = { '': 'Password', staging: 'Staging SFTP password' }

/** The value at `path.name`, whether the config keeps it flat (`staging.passwordKey`) or nested (`staging: {…}`). */
function valueAt(config: Record<string, unknown>, path: string, name: string): unknown {
  if (path === '') return config[name]
  const nested = config[path]
  if (typeof nested === 'object' && nested !== null && !Array.isArray(nested)) {
    const v = (nested as Record<string, unknown>)[name]
    if (v !== undefined) return v
  }
  return config[`${path}.${name}`]
}

/** Config prefixes that carry a setting ending in `name` ('' top level, then nested objects and flat `x.` keys, sorted). */
function pathsWith(config: Record<string, unknown>, name: string): string[] {
  const paths = new Set<string>()
  for (const [k, v] of Object.entries(config)) {
    if (k === name) paths.add('')
    else if (k.endsWith(`.${name}`)) paths.add(k.slice(0, -name.length - 1))
    else if (typeof v === 'object' && v !== null && !Array.isArray(v) && name in v) paths.add(k)
  }
  return [...paths].sort()
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null)

/** Every secret the config names through `passwordKey` or `passwordEnv`, top level first. */
export function secretRefs(config: Record<string, unknown>): SecretRef[] {
  const paths = new Set([...pathsWith(config, 'passwordKey'), ...pathsWith(config, 'passwordEnv')])
  return [...paths]
    .sort()
    .map((path) => ({ path, label: LABELS[path] ?? `${path} password`, key: str(valueAt(config, path, 'passwordKey')), env: str(valueAt(config, path, 'passwordEnv')) }))
    .filter((r) => r.key !== null || r.env !== null)
}

/** Every pinned host key in the config, with its endpoint `host:port` (port 22 when unset). */
export function hostPins(config: Record<string, unknown>): HostPin[] {
  return pathsWith(config, 'hostKeyFingerprint').flatMap((path) => {
    const fingerprint = str(valueAt(config, path, 'hostKeyFingerprint'))
    if (!fingerprint) return []
    const host = str(valueAt(config, path, 'host')) ?? (path || '?')
    const port = valueAt(config, path, 'port')
    return [{ path, endpoint: `${host}:${typeof port === 'number' || typeof port === 'string' ? String(port) : '22'}`, fingerprint }]
  })
}

/** The pins in `after` that `before` did not have (what a health check pinned on first contact). */
export function newlyPinned(before: Record<string, unknown>, after: Record<string, unknown>): HostPin[] {
  const old = new Map(hostPins(before).map((p) => [p.path, p.fingerprint]))
  return hostPins(after).filter((p) => old.get(p.path) !== p.fingerprint)
}

/** The environment as an update input with the pin at `path` removed, so the next contact pins the host's new key. */
export function withoutPin(env: Environment, path: string): EnvironmentInput {
  const config: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(env.config)) {
    if (path === '' && k === 'hostKeyFingerprint') continue
    if (path !== '' && k === `${path}.hostKeyFingerprint`) continue
    if (path !== '' && k === path && typeof v === 'object' && v !== null && !Array.isArray(v)) {
      const { hostKeyFingerprint: _drop, ...rest } = v as Record<string, unknown>
      config[k] = rest
      continue
    }
    config[k] = v
  }
  return { name: env.name, kind: env.kind, level: env.level, concurrency: env.concurrency, config, facts: env.facts }
}

/** True for the problem a driver reports when a host presents a key other than the pinned one. */
export function isHostKeyRefusal(problem: string): boolean {
  return /host key of \S+ changed/.test(problem)
}
