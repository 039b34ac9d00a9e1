// The one schema of environment configs: per kind, every key a driver reads, with its type, default, whether it
// names a secret, and the label/hint users see. It drives validation at `env add` (LabService), the drivers' defaults
// (src-main/targets), the README's table (a test keeps them equal) and can drive the renderer's form.
import type { EnvironmentKind } from './environment'

/**
 * Value types. string/path: non-empty text; integer: whole number in [min, max]; boolean: true/false; enum: one of
 * `values`; url: http(s) URL; argv: an array of strings (or its JSON text, as `--config` gives it); lines: an array
 * of single-line strings; agent: true or a socket path; fingerprint: `SHA256:…` or null (not pinned yet).
 */
export type ConfigType = 'string' | 'path' | 'integer' | 'boolean' | 'enum' | 'url' | 'argv' | 'lines' | 'agent' | 'fingerprint'

/** One config key of one kind. */
export interface ConfigKeySpec {
  key: string
  type: ConfigType
  label: string
  hint?: string
  /** Example shown in an empty form field. */
  placeholder?: string
  /** Value the driver uses when the key is absent. */
  default?: string | number | boolean
  required?: boolean
  /** The value names where a secret lives (an environment variable, a keychain entry); it is never the secret. */
  secret?: boolean
  /** enum: the allowed values. */
  values?: readonly string[]
  /** integer: bounds. */
  min?: number
  max?: number
  /** Accepted for configs written before the key was renamed; not shown in forms. */
  alias?: boolean
}

const SSH = (required: boolean, prefix = ''): ConfigKeySpec[] => [
  { key: `${prefix}host`, type: 'string', label: 'SSH host', required, placeholder: 'z15-lab.example.com', hint: required ? undefined : 'empty: runs on this machine' },
  { key: `${prefix}port`, type: 'integer', label: 'SSH port', default: 22, min: 1, max: 65535 },
  { key: `${prefix}user`, type: 'string', label: 'SSH user', default: 'root' },
  { key: `${prefix}username`, type: 'string', label: 'SSH user', alias: true },
  { key: `${prefix}privateKeyPath`, type: 'path', label: 'Private key file', placeholder: '~/.ssh/id_ed25519', hint: 'a path to the key, or use the SSH agent; passwords are not used for SSH' },
  { key: `${prefix}agent`, type: 'agent', label: 'SSH agent', hint: 'true, or the agent socket path' },
  { key: `${prefix}hostKeyFingerprint`, type: 'fingerprint', label: 'Pinned host key', placeholder: 'SHA256:…', hint: 'pinned on first contact when empty; a different key is refused' },
]

/** `accel`: what the catalog's `accel =` rules see (src-main/runner/plan.ts); qemu-ssh also passes it to QEMU. */
const ACCEL = (dflt: string): ConfigKeySpec => ({
  key: 'accel',
  type: 'enum',
  label: 'Accelerator for accel= rules',
  values: ['kvm', 'tcg'],
  hint: `default${dflt ? ` ${dflt}` : ': none, accel rules do not apply'}`,
})

/**
 * `accelTests`: tests whose `accel =` rule the environment meets although its accelerator differs (src-main/runner/
 * plan.ts). builtin meets selftest-migration and migration-memory: upstream limits them to KVM only because of a
 * QEMU TCG migration bug, which the emulator's migration does not have.
 */
const ACCEL_TESTS = (dflt?: string): ConfigKeySpec => ({
  key: 'accelTests',
  type: 'string',
  label: 'Tests whose accel= rule this environment meets',
  placeholder: 'selftest-migration migration-memory',
  ...(dflt ? { default: dflt } : {}),
  hint: 'test names separated by spaces; they run here whatever the accelerator',
})

/** Config keys per environment kind (src-main/targets and the run planner read exactly these). */
export const ENV_CONFIG_SCHEMA: Record<EnvironmentKind, readonly ConfigKeySpec[]> = {
  builtin: [
    ACCEL('tcg'),
    ACCEL_TESTS('selftest-migration migration-memory'),
    { key: 'identity', type: 'enum', label: 'STSI identity', values: ['labcon', 'qemu-tcg'], default: 'labcon', hint: "labcon: STSI names the emulator, kernels take a real machine's paths; qemu-tcg: STSI answers as QEMU TCG" },
  ],
  'qemu-tcg': [{ key: 'binary', type: 'string', label: 'QEMU binary', default: 'qemu-system-s390x' }, ACCEL('tcg'), ACCEL_TESTS()],
  'qemu-ssh': [
    ...SSH(true),
    { key: 'binary', type: 'string', label: 'Remote QEMU binary', default: 'qemu-system-s390x' },
    { key: 'accel', type: 'enum', label: 'Accelerator', values: ['kvm', 'tcg'], default: 'kvm' },
    ACCEL_TESTS(),
    { key: 'nested', type: 'boolean', label: 'Nested KVM', default: false, hint: 'the host is itself a guest (recorded as a fact)' },
  ],
  hercules: [
    { key: 'binary', type: 'string', label: 'Hercules binary', default: 'hercules' },
    { key: 'cpuModel', type: 'string', label: 'CPU model', default: '2964', hint: '4 hex digits (machine type)' },
    { key: 'cpuSerial', type: 'string', label: 'CPU serial', default: '000001', hint: '6 hex digits' },
    { key: 'device', type: 'string', label: 'Device statement', default: '000A 1442 /dev/null', hint: 'Hercules will not start without one device' },
    { key: 'extraConfig', type: 'lines', label: 'Extra configuration', hint: 'further configuration statements, one per element' },
    { key: 'imageDir', type: 'path', label: 'Image directory', hint: 'take <name>.bin from here (e.g. a -march=z196 build for Hercules 3.13)' },
    ACCEL(''),
    ACCEL_TESTS(),
    ...SSH(false),
  ],
  'lpar-hmc': [
    { key: 'url', type: 'url', label: 'HMC Web Services URL', required: true, placeholder: 'https://hmc.example.com:6794' },
    { key: 'allowInsecureHttp', type: 'boolean', label: 'Allow plain http', default: false, hint: 'only for a test server' },
    { key: 'rejectUnauthorized', type: 'boolean', label: 'Verify the HMC certificate', default: true },
    { key: 'caPath', type: 'path', label: 'CA certificate file', hint: 'to trust the HMC certificate' },
    { key: 'userid', type: 'string', label: 'HMC user id', required: true },
    { key: 'passwordEnv', type: 'string', label: 'Password: environment variable', secret: true, placeholder: 'HMC_PASSWORD', hint: 'the variable the CLI and server mode read the password from — its name, never the password' },
    { key: 'passwordKey', type: 'string', label: 'Password: keychain entry', secret: true, placeholder: 'hmc-lab', hint: 'the desktop app keeps the password under this name in the OS keychain' },
    { key: 'lparUri', type: 'string', label: 'LPAR URI', placeholder: '/api/logical-partitions/{id}', hint: "or 'cpcName' and 'lparName'" },
    { key: 'cpcName', type: 'string', label: 'CPC', placeholder: 'CPC1' },
    { key: 'lparName', type: 'string', label: 'LPAR', placeholder: 'LPTEST1' },
    { key: 'pollMs', type: 'integer', label: 'OS message poll interval (ms)', default: 1000, min: 10, max: 600_000 },
    { key: 'osMessageLineMax', type: 'integer', label: 'OS message line limit', default: 80, min: 0, max: 10_000, hint: 'messages split at this length are joined again; 0: do not join' },
    ACCEL(''),
    ACCEL_TESTS(),
    ...SSH(true, 'staging.').map((k) => ({ ...k, label: `Staging ${k.label}` })),
    { key: 'staging.dir', type: 'path', label: 'Staging directory', default: '/tmp', hint: 'absolute path on the SFTP server' },
    { key: 'staging.hmcHostName', type: 'string', label: 'Staging host as the HMC reaches it', hint: "default: 'staging.host'" },
    { key: 'staging.hmcUser', type: 'string', label: 'Staging user the HMC logs in as', hint: "default: 'staging.user'" },
    { key: 'staging.passwordEnv', type: 'string', label: 'Staging password: variable', secret: true, placeholder: 'STAGING_PASSWORD' },
    { key: 'staging.passwordKey', type: 'string', label: 'Staging password: keychain entry', secret: true, placeholder: 'staging-sftp' },
  ],
  zvm: [
    ...SSH(true),
    { key: 'guest', type: 'string', label: 'Guest user id', required: true, placeholder: 'KUTGUEST' },
    { key: 'controller', type: 'string', label: 'Controller user id', hint: "read with 'vmcp q userid' when empty" },
    { key: 'pollMs', type: 'integer', label: 'Spool poll interval (ms)', default: 1000, min: 10, max: 600_000 },
    ACCEL(''),
    ACCEL_TESTS(),
  ],
  simulator: [
    { key: 'command', type: 'argv', label: 'Simulator command', required: true, placeholder: '["sim","--kernel","{kernel}","--smp","{smp}"]', hint: 'one element per argument; {kernel} {bin} {workDir} {smp} {memMiB} {timeoutSec} {args} are filled in' },
    { key: 'consoleFile', type: 'string', label: 'Console file', hint: 'read the console from this file (a template) instead of stdout' },
    { key: 'consoleEncoding', type: 'enum', label: 'Console encoding', values: ['ascii', 'ebcdic'], default: 'ascii' },
    { key: 'stopOnExit', type: 'boolean', label: 'Stop at EXIT:', default: false, hint: 'for simulators that do not end by themselves' },
    { key: 'versionCommand', type: 'argv', label: 'Version command', hint: 'prints the level, e.g. ["zpdt","--version"]' },
    ACCEL(''),
    ACCEL_TESTS(),
    ...SSH(false),
  ],
}

/** The spec of `key` for `kind` (flat `staging.x` form for nested keys), or undefined. */
export function configKeySpec(kind: EnvironmentKind, key: string): ConfigKeySpec | undefined {
  return ENV_CONFIG_SCHEMA[kind].find((s) => s.key === key)
}

/** The schema's default of `key` for `kind`; throws for a key without one (a programming error). */
export function configDefault<T extends string | number | boolean>(kind: EnvironmentKind, key: string): T {
  const d = configKeySpec(kind, key)?.default
  if (d === undefined) throw new Error(`env schema: ${kind}.${key} has no default`)
  return d as T
}

/**
 * Keys that would hold a secret in plain text: passwords, passphrases, tokens, API keys, private keys and other key
 * material, credentials. `passwordEnv`/`passwordKey` (references), `privateKeyPath` and `hostKeyFingerprint` are not.
 */
const SECRET_KEY_RE = /(pass(word|wd|phrase)?|^pw|pwd|secret|token|credential|api[-_]?key|private[-_]?key|secret[-_]?key|access[-_]?key|ssh[-_]?key|^key$|cookie|session)$|^(pass(word|wd)?|pw|pwd|secret|token|private[-_]?key|api[-_]?key)[-_]?\w*$/i

/** True when a config key looks like it holds a secret (and the schema does not mark it as a reference). */
export function isSecretLookingKey(key: string): boolean {
  const last = key.split('.').pop() ?? key
  if (/^(passwordEnv|passwordKey|privateKeyPath|hostKeyFingerprint)$/.test(last)) return false
  return SECRET_KEY_RE.test(last)
}

const PRIVATE_KEY_TEXT = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----|^PuTTY-User-Key-File/m

/** One problem with a config: the key path (`staging.port`) and what is wrong. */
export interface ConfigProblem {
  key: string
  message: string
}

const show = (v: unknown): string => {
  const s = JSON.stringify(v) ?? String(v)
  return s.length > 60 ? `${s.slice(0, 57)}...` : s
}

function checkValue(spec: ConfigKeySpec, v: unknown): string | null {
  switch (spec.type) {
    case 'string':
    case 'path':
      if (typeof v !== 'string' || v === '') return `expected a non-empty string, got ${show(v)}`
      if (/[\0\r\n]/.test(v)) return 'must be one line without NUL characters'
      return null
    case 'integer': {
      const lo = spec.min ?? Number.MIN_SAFE_INTEGER
      const hi = spec.max ?? Number.MAX_SAFE_INTEGER
      if (typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi) return `expected a whole number from ${lo} to ${hi}, got ${show(v)}`
      return null
    }
    case 'boolean':
      return typeof v === 'boolean' ? null : `expected true or false, got ${show(v)}`
    case 'enum':
      return typeof v === 'string' && (spec.values ?? []).includes(v) ? null : `expected one of ${(spec.values ?? []).join(', ')}, got ${show(v)}`
    case 'url': {
      if (typeof v !== 'string') return `expected an http(s) URL, got ${show(v)}`
      try {
        const u = new URL(v)
        return u.protocol === 'https:' || u.protocol === 'http:' ? null : `expected an http(s) URL, got ${show(v)}`
      } catch {
        return `expected an http(s) URL, got ${show(v)}`
      }
    }
    case 'argv': {
      let a = v
      if (typeof a === 'string') {
        if (!a.trim().startsWith('[')) return `expected a JSON array of strings (one element per argument), got ${show(v)}`
        try {
          a = JSON.parse(a)
        } catch (e) {
          return `is not valid JSON: ${(e as Error).message}`
        }
      }
      if (!Array.isArray(a) || a.length === 0 || !a.every((x) => typeof x === 'string')) return `expected a non-empty array of strings (one element per argument), got ${show(v)}`
      return null
    }
    case 'lines':
      return Array.isArray(v) && v.every((x) => typeof x === 'string' && !/[\r\n\0]/.test(x)) ? null : `expected an array of single-line strings, got ${show(v)}`
    case 'agent':
      return v === true || (typeof v === 'string' && v !== '') ? null : `expected true or an agent socket path, got ${show(v)}`
    case 'fingerprint':
      return v === null || (typeof v === 'string' && /^SHA256:[A-Za-z0-9+/=]+$/.test(v)) ? null : `expected 'SHA256:…' (or empty to pin on first contact), got ${show(v)}`
  }
}

/** Every value in a config, with its flat key path (`staging.host` for `{ staging: { host } }`). */
function flatten(config: Record<string, unknown>, prefix = ''): [string, unknown][] {
  return Object.entries(config).flatMap(([k, v]) =>
    prefix === '' && k === 'staging' && typeof v === 'object' && v !== null && !Array.isArray(v) ? flatten(v as Record<string, unknown>, 'staging.') : [[prefix + k, v] as [string, unknown]],
  )
}

/**
 * Checks a config against its kind's schema: secret-looking keys and private-key text are refused, unknown keys
 * (listing the allowed ones), wrong types and missing required keys are reported. Empty list = valid.
 */
export function checkEnvironmentConfig(kind: EnvironmentKind, config: Record<string, unknown>): ConfigProblem[] {
  const problems: ConfigProblem[] = []
  const specs = ENV_CONFIG_SCHEMA[kind]
  const entries = flatten(config)
  for (const [key, v] of entries) {
    if (isSecretLookingKey(key)) {
      problems.push({ key, message: 'secrets are never stored: name an environment variable (passwordEnv) or a keychain entry (passwordKey) instead' })
      continue
    }
    if (typeof v === 'string' && PRIVATE_KEY_TEXT.test(v)) {
      problems.push({ key, message: 'holds private key material: store the key in a file and give its path (privateKeyPath)' })
      continue
    }
    const spec = specs.find((s) => s.key === key)
    if (!spec) {
      const allowed = specs.filter((s) => !s.alias).map((s) => s.key)
      problems.push({ key, message: `unknown key for ${kind} (allowed: ${allowed.join(', ')})` })
      continue
    }
    const wrong = checkValue(spec, v)
    if (wrong) problems.push({ key, message: wrong })
  }
  const present = new Set(entries.map(([k]) => k))
  for (const s of specs) if (s.required && !present.has(s.key)) problems.push({ key: s.key, message: `required for ${kind} (${s.label})` })
  return problems
}

/**
 * A `--config key=value` text as the schema types it: integers and booleans become numbers and booleans, everything
 * else stays text (so `cpuSerial=000001` or `user=1234` keep their digits); unknown keys guess like JSON.
 */
export function parseConfigText(kind: EnvironmentKind, key: string, text: string): unknown {
  const spec = configKeySpec(kind, key)
  const t = spec?.type
  if (t === 'integer') return /^-?\d+$/.test(text) ? Number(text) : text
  if (t === 'boolean') return text === 'true' ? true : text === 'false' ? false : text
  if (t === 'agent') return text === 'true' ? true : text
  if (t === 'fingerprint') return text === '' ? null : text
  if (spec) return text
  return /^(true|false|-?(0|[1-9]\d*)(\.\d+)?)$/.test(text) ? JSON.parse(text) : text
}

/** The README's environments table, rendered from the schema (a test keeps README.md equal to it). */
export function renderConfigTable(): string {
  const rows = Object.entries(ENV_CONFIG_SCHEMA).flatMap(([kind, specs]) =>
    specs
      .filter((s) => !s.alias)
      .map((s) => {
        const type = s.type === 'enum' ? (s.values ?? []).join(' \\| ') : s.type
        const dflt = s.default === undefined ? (s.required ? 'required' : '') : `\`${String(s.default)}\``
        const note = [s.label, s.secret ? 'names a secret, never holds it' : '', s.hint ?? ''].filter(Boolean).join('; ')
        return `| \`${kind}\` | \`${s.key}\` | ${type} | ${dflt} | ${note.replace(/\|/g, '\\|')} |`
      }),
  )
  return ['| kind | key | type | default | meaning |', '|---|---|---|---|---|', ...rows].join('\n')
}
