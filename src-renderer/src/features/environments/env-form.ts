// Environment add/edit form model: kind-specific fields and validation with messages naming the field.
import type { EnvironmentInput } from '@core/api/lab-api'
import { ENVIRONMENT_KINDS, type Environment, type EnvironmentKind } from '@core/domain/environment'

/** One kind-specific setting shown in the form; stored in `config[key]` as the driver reads it. Secrets are referenced
 *  by name (environment variable or keychain key), never stored. */
export interface ConfigField {
  key: string
  label: string
  required?: boolean
  /** text: string; number: port; url: https URL; argv: whitespace-separated → string[]; flag: "true" → true, else text. */
  type?: 'text' | 'number' | 'url' | 'argv' | 'flag'
  placeholder?: string
  hint?: string
}

const SSH_FIELDS = (required: boolean): ConfigField[] => [
  { key: 'host', label: 'SSH host', required, placeholder: 'z15-lab.example.com' },
  { key: 'port', label: 'SSH port', type: 'number', placeholder: '22' },
  { key: 'user', label: 'SSH user', placeholder: 'root' },
  { key: 'privateKeyPath', label: 'Private key file', placeholder: '~/.ssh/id_ed25519', hint: 'a path to the key, or use the SSH agent below; passwords are not used' },
  { key: 'agent', label: 'SSH agent', type: 'flag', placeholder: 'true or the agent socket path' },
  { key: 'hostKeyFingerprint', label: 'Pinned host key', placeholder: 'SHA256:…', hint: 'pinned on first contact when empty; a different key is refused (empty it to pin a deliberately changed key)' },
]

/** Settings per environment kind, with the keys each driver reads (src-main/targets). */
export const KIND_FIELDS: Record<EnvironmentKind, ConfigField[]> = {
  builtin: [],
  'qemu-tcg': [{ key: 'binary', label: 'QEMU binary', placeholder: 'qemu-system-s390x' }],
  'qemu-ssh': [
    ...SSH_FIELDS(true),
    { key: 'binary', label: 'Remote QEMU binary', placeholder: 'qemu-system-s390x' },
    { key: 'accel', label: 'Accelerator', placeholder: 'kvm (or tcg)' },
  ],
  hercules: [
    { key: 'binary', label: 'Hercules binary', placeholder: 'hercules' },
    { key: 'cpuModel', label: 'CPU model', placeholder: '2964' },
    { key: 'imageDir', label: 'Image directory', placeholder: 'where the flat .bin kernels are' },
    ...SSH_FIELDS(false).map((f) => ({ ...f, hint: f.key === 'host' ? 'empty: Hercules runs on this machine' : f.hint })),
  ],
  'lpar-hmc': [
    { key: 'url', label: 'HMC Web Services URL', required: true, type: 'url', placeholder: 'https://hmc.example.com:6794' },
    { key: 'userid', label: 'HMC user id', required: true },
    { key: 'passwordEnv', label: 'Password: environment variable', placeholder: 'HMC_PASSWORD', hint: 'the variable the CLI and server mode read the password from — its name, never the password' },
    { key: 'passwordKey', label: 'Password: keychain entry', placeholder: 'hmc-lab', hint: 'the desktop app keeps the password under this name in the OS keychain; store it under Credentials after saving' },
    { key: 'cpcName', label: 'CPC', placeholder: 'CPC1' },
    { key: 'lparName', label: 'LPAR', placeholder: 'LPTEST1' },
    { key: 'caPath', label: 'CA certificate file', hint: 'to trust the HMC certificate' },
    { key: 'staging.host', label: 'Staging SFTP host', required: true, hint: 'the server the HMC loads the kernel from' },
    { key: 'staging.dir', label: 'Staging directory', placeholder: '/tmp' },
    { key: 'staging.port', label: 'Staging SFTP port', type: 'number', placeholder: '22' },
    { key: 'staging.user', label: 'Staging SFTP user' },
    { key: 'staging.privateKeyPath', label: 'Staging private key file', hint: 'or a password below' },
    { key: 'staging.passwordEnv', label: 'Staging password: variable', placeholder: 'STAGING_PASSWORD', hint: 'the variable holding it, never the password' },
    { key: 'staging.passwordKey', label: 'Staging password: keychain entry', placeholder: 'staging-sftp' },
    { key: 'staging.hostKeyFingerprint', label: 'Staging pinned host key', placeholder: 'SHA256:…', hint: 'pinned on first contact when empty; a different key is refused' },
  ],
  zvm: [...SSH_FIELDS(true), { key: 'guest', label: 'Guest user id', required: true, placeholder: 'KUTGUEST' }, { key: 'controller', label: 'Controller user id' }],
  simulator: [
    { key: 'command', label: 'Simulator command', required: true, type: 'argv', placeholder: 'sim --kernel {kernel} --smp {smp}', hint: 'one argument per word; {kernel}, {smp}, … are filled in' },
    { key: 'consoleEncoding', label: 'Console encoding', placeholder: 'ascii (or ebcdic)' },
    { key: 'consoleFile', label: 'Console file', placeholder: 'read the console from this file instead of stdout' },
    { key: 'host', label: 'SSH host', hint: 'empty: the simulator runs on this machine' },
    { key: 'user', label: 'SSH user' },
    { key: 'privateKeyPath', label: 'Private key file' },
    { key: 'hostKeyFingerprint', label: 'Pinned host key', placeholder: 'SHA256:…' },
  ],
}

/** Editable form state: every value a string, as typed. */
export interface EnvForm {
  name: string
  kind: EnvironmentKind
  level: string
  concurrency: string
  config: Record<string, string>
  /** The environment's config values as stored, to keep keys the form has no field for. */
  extra: Record<string, unknown>
  facts: string
}

/** An empty form, or one filled from an existing environment. */
export function formFrom(env?: Environment): EnvForm {
  if (!env) return { name: '', kind: 'qemu-tcg', level: '', concurrency: '2', config: {}, extra: {}, facts: '' }
  const config: Record<string, string> = {}
  for (const [k, v] of Object.entries(env.config)) {
    config[k] = typeof v === 'string' ? v : Array.isArray(v) && v.every((x) => typeof x === 'string') ? v.join(' ') : JSON.stringify(v)
  }
  return {
    name: env.name,
    kind: env.kind,
    level: env.level,
    concurrency: String(env.concurrency),
    config,
    extra: env.config,
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
  const known = new Set((KIND_FIELDS[f.kind] ?? []).map((x) => x.key))
  // Settings without a form field (set with `labcon env add --config`) are kept as they were.
  for (const [k, v] of Object.entries(f.extra)) if (!known.has(k)) config[k] = v
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
    } else if (field.type === 'argv') config[field.key] = v.split(/\s+/)
    else if (field.type === 'flag') config[field.key] = v === 'true' ? true : v === 'false' ? false : v
    else config[field.key] = v
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
