// The process environment variables the lab service and its drivers honour, read in one place by the composition
// roots (CLI, server start, Electron main) and passed in: nothing deeper reads process.env. LABCON_DB, the database
// file, is the roots' own business.
import { parseMaxSmp } from '@main/runner/timeouts'
import type { LabServiceOptions } from './lab-service'

/** What `env` contributes to the service options. */
export interface EnvServiceOptions {
  processEnv: NonNullable<LabServiceOptions['processEnv']>
  engine: NonNullable<LabServiceOptions['engine']>
}

/**
 * Service options from the process environment: TIMEOUT (per-test limit override) and MAX_SMP as run_tests.sh reads
 * them, USER (who started a run when the login name is unknown), and the environment the drivers are lent (variables
 * named by `passwordEnv`, SSH_AUTH_SOCK, QEMU, LABCON_EMU_TRACE_TAIL). Throws MaxSmpValueError on a malformed MAX_SMP.
 */
export function serviceOptionsFromEnv(env: NodeJS.ProcessEnv): EnvServiceOptions {
  const maxSmp = env['MAX_SMP']
  return {
    processEnv: env,
    engine: {
      ...(env['TIMEOUT'] !== undefined ? { timeout: env['TIMEOUT'] } : {}),
      ...(maxSmp !== undefined && maxSmp !== '' ? { maxSmp: parseMaxSmp(maxSmp) } : {}),
      ...(env['USER'] !== undefined ? { user: env['USER'] } : {}),
    },
  }
}
