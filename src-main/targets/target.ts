// The one interface every environment driver implements; the run engine knows nothing else about environments.
import type { CatalogTest } from '@core/domain/catalog'
import type { Environment, HealthReport } from '@core/domain/environment'
import { resolveSecret, type SecretRef } from './secrets'

/** Everything a driver needs to run one test once. */
export interface TargetRunRequest {
  test: CatalogTest
  /** Absolute path of the ELF kernel (`x.elf`), as found in the catalog's directory. */
  kernelPath: string
  /** Absolute path of the flat image (`x.bin`) next to it, when present (Hercules, LPAR, z/VM need it). */
  flatPath: string | null
  /** CPU count and memory derived from `smp` and `qemu_params` (`-smp`, `-m`). */
  smp: number
  memMiB: number
  /** Kernel arguments (`test_args`), passed like `-append`. */
  args: string
  timeoutMs: number
  /** Aborted on cancellation; the driver must stop the work (kill the process, the remote qemu, the worker). */
  signal: AbortSignal
  /** Live console output, as text (ASCII stream, or line-mode decoded from EBCDIC), in arrival order. */
  onOutput: (text: string) => void
  /** Where the driver may write a snapshot of the machine taken shortly before a failure (builtin); its directory
   * may not exist yet. Unset: keep none. */
  keepSnapshotAt?: string
}

/** What the driver observed. The engine turns it into a verdict with the domain rules. */
export interface TargetRunOutcome {
  /** Full console text as captured. */
  log: string
  /** `EXIT: STATUS=` seen on the console, else the launcher's exit code if it reflects the guest's, else null. */
  exitStatus: number | null
  /** The launcher was killed by this signal (not by us). */
  signal: string | null
  timedOut: boolean
  cancelled: boolean
  /** Set when the environment itself failed (unreachable, tool missing, crash of the launcher or emulator). */
  infraError: string | null
  /** How the guest ended without an EXIT line, when the driver can tell (the emulator's interruption loop): a FAIL reason. */
  guestEnd?: string | null
  /** The exact command line or API calls that produced the result, for the log view. */
  command: string
  /** Facts learnt during the run (STSI answers, versions). */
  facts: Record<string, string>
  durationMs: number
}

/** A driver bound to one configured environment. */
export interface Target {
  readonly env: Environment
  /** Reachability, tools present, versions. Never throws: problems are reported in the result. */
  health(): Promise<HealthReport>
  /** Runs one test once. Rejects only on programming errors; environment failures go into `infraError`. */
  run(req: TargetRunRequest): Promise<TargetRunOutcome>
  /** Releases connections and processes held by the driver. */
  dispose(): Promise<void>
}

/** The process environment as the composition root read it (never `process.env` deep inside). */
export type ProcessEnvironment = Readonly<Record<string, string | undefined>>

/**
 * What the application lends its drivers, built at the composition root (CLI, server, Electron main) and passed in:
 * the process environment (variables named by `passwordEnv`, SSH_AUTH_SOCK, QEMU), secret resolution, and where a
 * first-contact SSH host key is persisted. Nothing is installed module-wide, so nothing outlives the service.
 */
export interface TargetHost {
  readonly env: ProcessEnvironment
  /** Resolves a secret reference (keychain, environment variable, prompt); throws SecretMissingError naming what was tried. */
  resolveSecret(what: string, ref: SecretRef): Promise<string>
  /** Persists a fingerprint learnt on first contact (`configPath`: '' = top level, 'staging' = nested). */
  pinHostKey(envId: number, configPath: string, fingerprint: string): void
}

/** A host lending only `env`: secrets from its variables, no keychain or prompt, host keys pinned in memory only. */
export function detachedHost(env: ProcessEnvironment = {}): TargetHost {
  return { env, resolveSecret: (what, ref) => resolveSecret(what, ref, { env }), pinHostKey: () => {} }
}

/** Builds a Target for an environment of its kind, with what the application lends it. */
export type TargetFactory = (env: Environment, host: TargetHost) => Target
