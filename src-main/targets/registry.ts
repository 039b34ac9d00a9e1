// Environment kind -> driver factory. Adding a kind is one line in TARGET_FACTORIES.
import type { Environment, EnvironmentKind } from '@core/domain/environment'
import { createQemuTcgTarget } from './qemu-tcg'
import { createBuiltinTarget } from './builtin'
import { createQemuSshTarget } from './qemu-ssh'
import { createHerculesTarget } from './hercules'
import { createHmcTarget } from './hmc'
import { createZvmTarget } from './zvm'
import { createSimulatorTarget } from './simulator'
import type { Target, TargetFactory, TargetHost } from './target'
import { LabError } from '@core/domain/errors'

/** The drivers this build knows, by environment kind. */
export const TARGET_FACTORIES: Partial<Record<EnvironmentKind, TargetFactory>> = {
  builtin: createBuiltinTarget,
  'qemu-tcg': createQemuTcgTarget,
  'qemu-ssh': createQemuSshTarget,
  simulator: createSimulatorTarget,
  hercules: createHerculesTarget,
  'lpar-hmc': createHmcTarget,
  zvm: createZvmTarget,
}

/** No driver exists for an environment's kind in this build. */
export class UnsupportedKindError extends LabError {
  override name = 'UnsupportedKindError'
  readonly kind = 'config'
}

/** True when a driver for this kind is available. */
export const isKindSupported = (kind: EnvironmentKind): boolean => TARGET_FACTORIES[kind] !== undefined

/** Builds the driver for a configured environment with what the application lends it; throws UnsupportedKindError naming the environment and kind. */
export function createTarget(env: Environment, host: TargetHost): Target {
  const factory = TARGET_FACTORIES[env.kind]
  if (!factory) {
    const known = Object.keys(TARGET_FACTORIES).join(', ')
    throw new UnsupportedKindError(`environment '${env.name}': kind '${env.kind}' has no driver in this build (available: ${known})`)
  }
  return factory(env, host)
}
