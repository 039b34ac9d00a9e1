// Secret resolution for drivers: configs name a secret (`passwordEnv: 'HMC_PASSWORD'`), never hold it.
import { isSecretLookingKey } from '@core/domain/env-schema'
import { LabError } from '@core/domain/errors'

/** A secret could not be found; names the reference, never a value. */
export class SecretMissingError extends LabError {
  override name = 'SecretMissingError'
  readonly kind = 'config'
}

/** A reference to a secret as it appears in an environment's config. */
export interface SecretRef {
  /** Environment variable holding the secret (CLI, CI). */
  env?: string
  /** Key for an injected resolver (the app's keychain via safeStorage). */
  key?: string
}

/** Supplies secrets by key; the Electron app passes one backed by safeStorage. */
export type SecretResolver = (key: string) => Promise<string | null>

/** Asks the user for a secret nothing else supplied (the CLI's no-echo terminal prompt); null = cannot ask. May throw SecretMissingError with its own advice. */
export type SecretPrompt = (what: string, ref: SecretRef) => Promise<string | null>

/** Where secrets come from, as the composition root wired them: the keychain, the process environment, the user. */
export interface SecretSources {
  env: Readonly<Record<string, string | undefined>>
  keychain?: SecretResolver | null
  prompt?: SecretPrompt | null
}

/** Resolves a secret: the keychain first (by key), then the environment variable, then the prompt; throws SecretMissingError naming what was tried. */
export async function resolveSecret(what: string, ref: SecretRef, sources: SecretSources): Promise<string> {
  const { env, keychain, prompt } = sources
  if (ref.key && keychain) {
    const v = await keychain(ref.key)
    if (v !== null && v !== '') return v
  }
  if (ref.env) {
    const v = env[ref.env]
    if (v !== undefined && v !== '') return v
  }
  if (prompt) {
    const v = await prompt(what, ref)
    if (v !== null && v !== '') return v
  }
  const tried = [ref.key ? `keychain entry '${ref.key}'` : null, ref.env ? `environment variable ${ref.env}` : null].filter(Boolean)
  if (tried.length === 0) throw new SecretMissingError(`${what}: no secret configured (set passwordEnv or passwordKey)`)
  throw new SecretMissingError(`${what}: secret not found (tried ${tried.join(', ')})`)
}

/** Replaces every occurrence of the given secrets in a text with `***`, for logs and error messages. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text
  for (const s of secrets) if (s.length > 0) out = out.split(s).join('***')
  return out
}

/** The path of a key in a config that would hold a secret in plain text (`staging.password`, `hmcPassword`), or null. */
export function findPlainSecret(config: Record<string, unknown>, prefix = ''): string | null {
  for (const [k, v] of Object.entries(config)) {
    const last = k.split('.').pop() ?? k
    if (isSecretLookingKey(last)) return prefix + k
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
      const inner = findPlainSecret(v as Record<string, unknown>, `${prefix}${k}.`)
      if (inner) return inner
    }
  }
  return null
}
