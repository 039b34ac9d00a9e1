// Environments every database has: `builtin` (our emulator, always), and `tcg` (local QEMU TCG) when
// qemu-system-s390x is installed.
import { availableParallelism } from 'node:os'
import type { Environment } from '@core/domain/environment'
import { DuplicateNameError } from '@main/db/errors'
import type { Store } from '@main/db/store'
import { createQemuTcgTarget } from '@main/targets/qemu-tcg'
import type { TargetHost } from '@main/targets/target'
import { EMULATOR_VERSION } from '@core/emulator/version'

/** Name of the always-present built-in emulator environment. */
export const BUILTIN_ENV = 'builtin'
/** Name of the auto-created local QEMU TCG environment. */
export const TCG_ENV = 'tcg'

/** Default concurrency of local environments: the host's CPUs (TCG and the emulator are CPU bound). */
export const localConcurrency = (): number => Math.max(1, availableParallelism())

async function addIfMissing(store: Store, name: string, make: () => Omit<Environment, 'id' | 'createdAt'>): Promise<Environment | null> {
  if (await store.findEnvironment(name)) return null
  try {
    const e = make()
    return await store.addEnvironment({ name: e.name, kind: e.kind, level: e.level, config: e.config, facts: e.facts, concurrency: e.concurrency })
  } catch (err) {
    if (err instanceof DuplicateNameError) return null // another process created it first
    throw err
  }
}

/** Creates `builtin`, and `tcg` when qemu (`$QEMU` of the host's environment) answers `--version`; never touches environments that exist. */
export async function ensureDefaultEnvironments(store: Store, host: TargetHost): Promise<void> {
  await addIfMissing(store, BUILTIN_ENV, () => ({ name: BUILTIN_ENV, kind: 'builtin', level: EMULATOR_VERSION, config: {}, facts: {}, concurrency: localConcurrency() }))
  if (await store.findEnvironment(TCG_ENV)) return
  const probe = createQemuTcgTarget({ id: 0, name: TCG_ENV, kind: 'qemu-tcg', level: '', config: {}, facts: {}, concurrency: 1, createdAt: '' }, host)
  const health = await probe.health()
  if (!health.ok || !health.level) return
  const level = health.level
  await addIfMissing(store, TCG_ENV, () => ({ name: TCG_ENV, kind: 'qemu-tcg', level, config: {}, facts: health.facts, concurrency: localConcurrency() }))
}
