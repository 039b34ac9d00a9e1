// Environment add/edit form model: kind-specific fields and validation with messages naming the field.
import type { EnvironmentInput } from '@core/api/lab-api'
import { ENVIRONMENT_KINDS, type Environment, type EnvironmentKind } from '@core/domain/environment'

/** One kind-specific setting shown in the form; stored in `config[key]`. Secrets are referenced by name, never stored. */
export interface ConfigField {
  key: string
  label: string
  required?: boolean
  type?: 'text' | 'number' | 'url'
  placeholder?: string
  hint?: string
}

/** Settings per environment kind. */
export const KIND_FIELDS: Record<EnvironmentKind, ConfigField[]> = {
  builtin: [],
  'qemu-tcg': [{ key: 'binary', label: 'QEMU binary', placeholder: 'qemu-system-s390x' }],
  'qemu-ssh': [
    { key: 'host', label: 'SSH host', required: true, placeholder: 'z15-lab.example.com' },
    { key: 'port', label: 'SSH port', type: 'number', placeholder: '22' },
    { key: 'user', label: 'SSH user', required: true },
    { key: 'keyRef', label: 'Key (secret reference)', placeholder: 'env:LAB_SSH_KEY', hint: 'name of a keychain entry or environment variable, never the key itself' },
    { key: 'hostKey', label: 'Pinned host key', placeholder: 'SHA256:…', hint: 'the connection is refused if the host key differs' },
    { key: 'binary', label: 'Remote QEMU binary', placeholder: 'qemu-system-s390x' },
  ],
  hercules: [{ key: 'binary', label: 'Hercules binary', placeholder: 'hercules' }],
  'lpar-hmc': [
    { key: 'hmcUrl', label: 'HMC Web Services URL', required: true, type: 'url', placeholder: 'https://hmc.example.com:6794' },
    { key: 'cpc', label: 'CPC', required: true },
    { key: 'lpar', label: 'LPAR', required: true },
    { key: 'userRef', label: 'Credentials (secret reference)', placeholder: 'env:HMC_USER' },
    { key: 'certFingerprint', label: 'Pinned certificate', placeholder: 'SHA256:…' },
  ],
  zvm: [
    { key: 'host', label: 'z/VM host', required: true },
    { key: 'guest', label: 'Guest user id', required: true },
    { key: 'userRef', label: 'Credentials (secret reference)', placeholder: 'env:ZVM_USER' },
  ],
  simulator: [{ key: 'command', label: 'Simulator command', required: true }],
}

/** Editable form state: every value a string, as typed. */
export interface EnvForm {
  name: string
  kind: EnvironmentKind
  level: string
  concurrency: string
  config: Record<string, string>
  facts: string
}

/** An empty form, or one filled from an existing environment. */
export function formFrom(env?: Environment): EnvForm {
  if (!env) return { name: '', kind: 'qemu-tcg', level: '', concurrency: '2', config: {}, facts: '' }
  const config: Record<string, string> = {}
  for (const [k, v] of Object.entries(env.config)) config[k] = typeof v === 'string' ? v : JSON.stringify(v)
  return {
    name: env.name,
    kind: env.kind,
    level: env.level,
    concurrency: String(env.concurrency),
    config,
    facts: Object.entries(env.facts)
      .map(([k, v]) => `${k}=${v}`)
      .join('\n'),
  }
}

/** Validates the form: field → message for every problem, and the EnvironmentInput when there is none. */
export function validateForm(f: EnvForm, existingNames: string[] = []): { errors: Record<string, string>; input: EnvironmentInput | null } {
  const errors: Record<string, string> = {}
  const name = f.name.trim()
  if (name === '') errors.name = 'Name is required'
  else if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) errors.name = `Name '${name}' may contain only letters, digits, '.', '_' and '-'`
  else if (existingNames.includes(name)) errors.name = `An environment named '${name}' already exists`
  if (!ENVIRONMENT_KINDS.includes(f.kind)) errors.kind = `Unknown kind '${f.kind}'`
  const concurrency = Number(f.concurrency)
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 256) errors.concurrency = `Concurrency must be a whole number from 1 to 256, got '${f.concurrency}'`
  const config: Record<string, unknown> = {}
  for (const field of KIND_FIELDS[f.kind] ?? []) {
    const v = (f.config[field.key] ?? '').trim()
    if (v === '') {
      if (field.required) errors[`config.${field.key}`] = `${field.label} is required for ${f.kind}`
      continue
    }
    if (field.type === 'number') {
      const n = Number(v)
      if (!Number.isInteger(n) || n < 1 || n > 65535) errors[`config.${field.key}`] = `${field.label} must be a port number 1–65535, got '${v}'`
      else config[field.key] = n
    } else if (field.type === 'url') {
      if (!/^https:\/\/[^\s/]+/.test(v)) errors[`config.${field.key}`] = `${field.label} must be an https:// URL, got '${v}'`
      else config[field.key] = v
    } else config[field.key] = v
  }
  const facts: Record<string, string> = {}
  f.facts.split('\n').forEach((line, i) => {
    const t = line.trim()
    if (t === '') return
    const eq = t.indexOf('=')
    if (eq <= 0) errors.facts = `Facts line ${i + 1}: expected key=value, got '${t}'`
    else facts[t.slice(0, eq).trim()] = t.slice(eq + 1).trim()
  })
  if (Object.keys(errors).length > 0) return { errors, input: null }
  return { errors, input: { name, kind: f.kind, level: f.level.trim(), concurrency, config, facts } }
}
