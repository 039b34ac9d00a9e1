// Execution environments: the columns of every matrix.

/** Environment kinds the console can drive. `builtin` (our emulator) always exists. */
export const ENVIRONMENT_KINDS = ['builtin', 'qemu-tcg', 'qemu-ssh', 'hercules', 'lpar-hmc', 'zvm', 'simulator'] as const
export type EnvironmentKind = (typeof ENVIRONMENT_KINDS)[number]

/**
 * A configured environment. `config` holds the kind-specific settings (host, port, qemu binary, HMC URL, …) and never
 * holds a secret: secrets are referenced by name and kept in the OS keychain / environment variables.
 */
export interface Environment {
  id: number
  name: string
  kind: EnvironmentKind
  /** Firmware / software level: microcode bundle, z/VM level, QEMU version, emulator version. The comparison axis. */
  level: string
  /** Kind-specific configuration, JSON-serializable. */
  config: Record<string, unknown>
  /** Identity facts, read automatically (qemu --version, STSI answers) or tagged by the user. */
  facts: Record<string, string>
  /** Maximum tests run at once on this environment (an LPAR is 1). */
  concurrency: number
  createdAt: string
  /** The last health check's report (kept across restarts); absent before the first check. */
  lastHealth?: HealthReport
}

/** What a health check found. */
export interface HealthReport {
  ok: boolean
  /** Software/firmware level read during the check, if any. */
  level: string | null
  facts: Record<string, string>
  problems: string[]
  checkedAt: string
}
