// The run engine: turns a RunPlanInput into stored results. Plans tests × environments × repetitions (filtered like
// run_tests.sh), runs each environment's slots under its concurrency limit through its Target, parses the console
// live, retries infrastructure failures only, records every result as it arrives and reports progress.
import { availableParallelism, userInfo } from 'node:os'
import { join } from 'node:path'
import type { RunPlanInput, RunProgress, RunState, Unsubscribe } from '@core/api/lab-api'
import { parseQemuParams, type CatalogTest } from '@core/domain/catalog'
import { ConsoleParser, parseConsoleOutput } from '@core/domain/console'
import { expandPlan } from '@core/domain/plan'
import type { Environment } from '@core/domain/environment'
import type { TestOutcome } from '@core/domain/results'
import { isRetryableVerdict } from '@core/domain/verdict'
import { flatImageOf, kernelPathOf, locateCatalog } from '@main/catalogs/import'
import { NotFoundError } from '@main/db/errors'
import type { CreatedRun, PlannedSlot, SlotPlan, Store } from '@main/db/store'
import { createTarget as registryTarget } from '@main/targets/registry'
import { detachedHost, type Target, type TargetHost, type TargetRunOutcome } from '@main/targets/target'
import { EnvGate } from './env-gate'
import { outcomeOf } from './outcome'
import { planSelection, type SelectedTest } from './plan'
import { parseDuration, timeoutMs } from './timeouts'
import { LabError } from '@core/domain/errors'
import { LABCON_VERSION } from '@main/version'

/** How the engine is wired; everything but the store has a default. */
export interface EngineOptions {
  store: Store
  /** Driver factory (default: the target registry, lending the drivers `targetHost`). */
  createTarget?: (env: Environment) => Target
  /** What the registry's drivers are lent (default: nothing: no environment variables, secrets or pin store). */
  targetHost?: TargetHost
  /** Extra attempts for a slot whose verdict is INFRA (default 1). */
  infraRetries?: number
  /** Per-test time limit override as run_tests.sh's TIMEOUT (`90s`, `2m`); default none (the catalog's timeouts). */
  timeout?: string
  /** `$MAX_SMP` for `smp` expressions; default the number of host CPUs. */
  maxSmp?: number
  /** Who starts a run when the plan does not say and the login name is unknown ($USER); default 'unknown'. */
  user?: string
  /** Run kernels that `file =` places outside the catalog's directory (`--allow-outside-kernels`); default false. */
  allowKernelsOutsideCatalog?: boolean
  /** Where drivers keep files with a result (a failing builtin result's snapshot), in `run-<id>/`; default none. */
  artifactDir?: string
}

/** A test or environment name as part of a file name: anything but letters, digits, `-` and `_` becomes `_`. */
const fileSafe = (s: string): string => s.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 100)

/** A plan that cannot start (unknown test name, environment, catalog path gone); names the input. */
export class RunPlanError extends LabError {
  override readonly name = 'RunPlanError'
  readonly kind = 'not-found'
}

/** A run that this engine does not execute cannot be cancelled from here. */
export class RunNotActiveError extends LabError {
  override readonly name = 'RunNotActiveError'
  readonly kind = 'conflict'
}

interface ActiveRun {
  runId: number
  abort: AbortController
  done: Promise<void>
  progress: RunProgress
}

/** Default extra attempts for INFRA verdicts. */
export const DEFAULT_INFRA_RETRIES = 1

/** Runs plans; one engine per store. */
export class RunEngine {
  private readonly store: Store
  private readonly makeTarget: (env: Environment) => Target
  private readonly infraRetries: number
  private readonly timeoutOverrideSec: number | null
  private readonly maxSmp: number
  private readonly allowOutside: boolean
  private readonly artifactDir: string | null
  private readonly fallbackUser: string
  private readonly listeners = new Set<(p: RunProgress) => void>()
  private readonly active = new Map<number, ActiveRun>()
  private readonly gates = new Map<number, EnvGate>()
  private closed = false

  constructor(opts: EngineOptions) {
    this.store = opts.store
    const host = opts.targetHost ?? detachedHost()
    this.makeTarget = opts.createTarget ?? ((env) => registryTarget(env, host))
    this.infraRetries = opts.infraRetries ?? DEFAULT_INFRA_RETRIES
    const timeout = opts.timeout
    this.timeoutOverrideSec = timeout !== undefined && timeout !== '' ? parseDuration(timeout, 'TIMEOUT') : null
    this.allowOutside = opts.allowKernelsOutsideCatalog ?? false
    this.artifactDir = opts.artifactDir ?? null
    this.maxSmp = opts.maxSmp ?? availableParallelism()
    this.fallbackUser = opts.user ?? 'unknown'
  }

  /** Subscribes to progress events of every run. */
  onProgress(listener: (p: RunProgress) => void): Unsubscribe {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Ids of runs in progress. */
  activeRuns(): number[] {
    return [...this.active.keys()]
  }

  /** Creates the run with all its slots and starts it in the background; resolves to its id. */
  async start(plan: RunPlanInput): Promise<number> {
    if (this.closed) throw new RunPlanError('the run engine is closed')
    const catalog = await this.store.getCatalog(plan.catalogId)
    const envs: Environment[] = []
    for (const name of plan.envs) {
      const env = await this.store.findEnvironment(name)
      if (!env) throw new NotFoundError('environment', name)
      envs.push(env)
    }
    let kernelDir: string
    try {
      kernelDir = locateCatalog(catalog.source).kernelDir
    } catch (err) {
      throw new RunPlanError(`catalog '${catalog.name}' can no longer be read: ${(err as Error).message}; import it again`)
    }
    const repeat = plan.repeat ?? 1
    const perEnv = envs.map((env) => ({ env, tests: planSelection(catalog, env, plan) }))
    // Name and group filters do not depend on the environment: every environment plans the same tests.
    const names = perEnv[0]?.tests.map((t) => t.test.name) ?? []
    const slots: SlotPlan[] = expandPlan(names, envs, repeat).map((s) => ({ test: s.test, envId: s.env.id, repetition: s.repetition }))
    const targets = new Map<number, Target>()
    const disposeAll = (): void => {
      for (const t of targets.values()) void t.dispose().catch(() => {})
    }
    let created: CreatedRun
    try {
      for (const env of envs) targets.set(env.id, this.makeTarget(env))
      created = await this.store.createRun({ catalogId: catalog.id, plan, who: plan.who ?? safeUser(this.fallbackUser), slots, version: LABCON_VERSION })
    } catch (err) {
      disposeAll()
      throw err
    }
    const runId = created.runId
    if (this.closed) {
      // close() ran while the run was being created: it never starts.
      disposeAll()
      await this.store.setRunState(runId, 'cancelled')
      throw new RunPlanError('the run engine is closed')
    }

    const byKey = new Map<string, SelectedTest>()
    for (const { env, tests } of perEnv) for (const t of tests) byKey.set(`${env.id}\0${t.test.name}`, t)
    const progress: RunProgress = {
      runId,
      state: 'queued',
      total: created.slots.length,
      done: 0,
      perEnv: envs.map((env) => ({ env: env.name, total: created.slots.filter((s) => s.envId === env.id).length, done: 0, running: 0 })),
    }
    const abort = new AbortController()
    const run: ActiveRun = { runId, abort, progress, done: Promise.resolve() }
    this.active.set(runId, run)
    run.done = this.execute(run, envs, targets, created.slots, byKey, kernelDir, plan.jobs).finally(() => {
      this.active.delete(runId)
      disposeAll()
    })
    return runId
  }

  /**
   * Stops a run: running processes are killed, slots not started stay unfinished. Resolves when it has stopped; a
   * finished run is left as it is; a run executing in another process throws RunNotActiveError.
   */
  async cancel(runId: number): Promise<void> {
    const run = this.active.get(runId)
    if (!run) {
      const state = (await this.store.getRunSummary(runId)).state
      // A run still queued/running here belongs to another live process (dead owners are marked interrupted on open).
      if (state === 'queued' || state === 'running') {
        throw new RunNotActiveError(`run ${runId} is ${state} in another process; stop it there (labcon run: Ctrl-C)`)
      }
      return
    }
    run.abort.abort()
    await run.done
  }

  /** Resolves when the run has finished (immediately if it is not active). */
  async wait(runId: number): Promise<void> {
    await this.active.get(runId)?.done
  }

  /** Cancels every active run and waits for them to stop. */
  async close(): Promise<void> {
    this.closed = true
    await Promise.all([...this.active.keys()].map((id) => this.cancel(id)))
    this.listeners.clear()
  }

  private gateOf(envId: number): EnvGate {
    let gate = this.gates.get(envId)
    if (!gate) this.gates.set(envId, (gate = new EnvGate()))
    return gate
  }

  private emit(p: RunProgress): void {
    for (const l of this.listeners) {
      try {
        l(p)
      } catch {
        // A listener's failure must not stop the run.
      }
    }
  }

  private snapshot(run: ActiveRun, extra: Partial<RunProgress> = {}): RunProgress {
    const p = run.progress
    return { ...p, perEnv: p.perEnv.map((e) => ({ ...e })), ...extra }
  }

  private async setState(run: ActiveRun, state: RunState): Promise<void> {
    run.progress.state = state
    await this.store.setRunState(run.runId, state)
    this.emit(this.snapshot(run))
  }

  private async execute(
    run: ActiveRun,
    envs: Environment[],
    targets: Map<number, Target>,
    slots: PlannedSlot[],
    byKey: Map<string, SelectedTest>,
    kernelDir: string,
    jobs: number | undefined,
  ): Promise<void> {
    try {
      await this.setState(run, 'running')
      await Promise.all(
        envs.map(async (env) => {
          const target = targets.get(env.id) as Target
          const level = await this.refreshLevel(env, target)
          const limit = Math.max(1, jobs ?? env.concurrency)
          const queue = await this.ordered(
            slots.filter((s) => s.envId === env.id),
            env,
            byKey,
            limit,
          )
          const worker = async (): Promise<void> => {
            for (;;) {
              if (run.abort.signal.aborted) return
              const slot = queue.shift()
              if (!slot) return
              const sel = byKey.get(`${env.id}\0${slot.test}`) as SelectedTest
              if (sel.skipReason !== null) {
                await this.runSlot(run, env, level, target, slot, sel, kernelDir)
                continue
              }
              // The environment's limit holds across runs; -j sets this run's limit.
              const gate = this.gateOf(env.id)
              if (!(await gate.acquire(limit, run.abort.signal))) return
              try {
                await this.runSlot(run, env, level, target, slot, sel, kernelDir)
              } finally {
                gate.release()
              }
            }
          }
          await Promise.all(Array.from({ length: Math.min(limit, Math.max(1, queue.length)) }, worker))
        }),
      )
      await this.setState(run, run.abort.signal.aborted ? 'cancelled' : 'done')
    } catch (err) {
      // A store failure (disk full, database closed) ends the run; what was recorded stays.
      run.progress.state = 'interrupted'
      try {
        await this.store.setRunState(run.runId, 'interrupted')
      } catch {
        // The store itself is gone.
      }
      this.emit(this.snapshot(run))
      process.emitWarning(`run ${run.runId} interrupted: ${(err as Error).message}`)
    }
  }

  /**
   * The order an environment's slots start in. One at a time: the catalog's order. In parallel: plan skips first
   * (they only record a SKIP), then the longest test first by its last conclusive duration there, tests never run
   * there before those that have (their length is unknown), ties in catalog order. A long test started last keeps
   * one worker busy after the others ran dry: on the upstream catalog at -j 2, sieve (12 s on builtin) or exittime
   * started last adds up to its whole length to the run's wall time.
   */
  private async ordered(queue: PlannedSlot[], env: Environment, byKey: Map<string, SelectedTest>, limit: number): Promise<PlannedSlot[]> {
    if (limit <= 1 || queue.length <= 1) return queue
    const skips = (s: PlannedSlot): boolean => (byKey.get(`${env.id}\0${s.test}`) as SelectedTest).skipReason !== null
    const names = [...new Set(queue.filter((s) => !skips(s)).map((s) => s.test))]
    const ms = names.length > 0 ? await this.store.recentDurations(env.id, names) : {}
    // Rank: 0 skip, 1 never run here, 2 known duration (longest first). Array.prototype.sort is stable: equal keys
    // keep the catalog's order.
    const rank = (s: PlannedSlot): number => (skips(s) ? 0 : ms[s.test] === undefined ? 1 : 2)
    return [...queue].sort((a, b) => rank(a) - rank(b) || (ms[b.test] ?? 0) - (ms[a.test] ?? 0))
  }

  /** Reads the environment's level (qemu --version, …) once per run and stores it when it changed. */
  private async refreshLevel(env: Environment, target: Target): Promise<string> {
    try {
      const health = await target.health()
      if (health.ok && health.level && health.level !== env.level) {
        return (await this.store.setEnvironmentLevel(env.id, health.level, health.facts)).level
      }
    } catch {
      // health() must not throw; a driver that does only loses the level refresh.
    }
    return env.level
  }

  private async runSlot(run: ActiveRun, env: Environment, level: string, target: Target, slot: PlannedSlot, sel: SelectedTest, kernelDir: string): Promise<void> {
    const perEnv = run.progress.perEnv.find((e) => e.env === env.name)
    const startedAt = new Date().toISOString()
    let outcome: TestOutcome
    let log = ''
    let command = ''
    let facts: Record<string, string> = {}
    if (sel.skipReason !== null) {
      outcome = { verdict: 'SKIP', exitStatus: null, reason: sel.skipReason, subtests: [], summary: null, durationMs: 0 }
    } else {
      if (perEnv) perEnv.running++
      this.emit(this.snapshot(run))
      const res = await this.attempt(run, env, target, slot, sel.test, kernelDir)
      if (perEnv) perEnv.running--
      ;({ outcome, log, command, facts } = res)
    }
    const row = await this.store.recordResult(slot.id, { outcome, level, startedAt, finishedAt: new Date().toISOString(), log, command, facts })
    run.progress.done++
    if (perEnv) perEnv.done++
    this.emit(this.snapshot(run, { result: row }))
  }

  /** Runs one slot, retrying INFRA verdicts up to infraRetries times (never after cancellation). */
  private async attempt(
    run: ActiveRun,
    env: Environment,
    target: Target,
    slot: PlannedSlot,
    test: CatalogTest,
    kernelDir: string,
  ): Promise<{ outcome: TestOutcome; log: string; command: string; facts: Record<string, string> }> {
    let kernelPath: string
    let resources: { smp: number; memMiB: number }
    try {
      kernelPath = kernelPathOf(kernelDir, test, { allowOutside: this.allowOutside })
      resources = parseQemuParams(test, { maxSmp: this.maxSmp })
    } catch (err) {
      const reason = err instanceof Error && err.name === 'KernelOutsideCatalogError' ? err.message : `cannot derive CPUs/memory: ${(err as Error).message}`
      return { outcome: { verdict: 'INFRA', exitStatus: null, reason, subtests: [], summary: null, durationMs: 0 }, log: '', command: '', facts: {} }
    }
    const logs: string[] = []
    for (let attemptNo = 1; ; attemptNo++) {
      const parser = new ConsoleParser()
      let streamed = false
      const limitMs = timeoutMs(test.timeoutSec, this.timeoutOverrideSec)
      let raw: TargetRunOutcome
      try {
        raw = await target.run({
          test,
          kernelPath,
          flatPath: flatImageOf(kernelPath),
          smp: resources.smp,
          memMiB: resources.memMiB,
          args: test.testArgs,
          timeoutMs: limitMs,
          signal: run.abort.signal,
          ...(this.artifactDir !== null ? { keepSnapshotAt: join(this.artifactDir, `run-${run.runId}`, `${fileSafe(test.name)}.${fileSafe(env.name)}.${slot.repetition}.${attemptNo}.snap`) } : {}),
          onOutput: (text) => {
            streamed = true
            parser.push(text)
            this.emit(this.snapshot(run, { output: { test: test.name, env: env.name, repetition: slot.repetition, text } }))
          },
        })
      } catch (err) {
        // Drivers report environment failures in infraError; a throw is a driver bug, still not the test's fault.
        raw = { log: '', exitStatus: null, signal: null, timedOut: false, cancelled: false, infraError: `driver error: ${(err as Error).message}`, command: '', facts: {}, durationMs: 0 }
      }
      parser.end()
      // Drivers that only read the console at the end (z/VM spool, HMC message history) hand over the log instead.
      const parsed = streamed || raw.log === '' ? parser.result : parseConsoleOutput(raw.log)
      const outcome = outcomeOf(raw, parsed, limitMs)
      logs.push(raw.log)
      const last = !isRetryableVerdict(outcome.verdict) || attemptNo > this.infraRetries || run.abort.signal.aborted
      if (last) {
        const facts = { ...raw.facts }
        if (attemptNo > 1) {
          facts['attempts'] = String(attemptNo)
          if (outcome.verdict === 'INFRA') outcome.reason = `${outcome.reason ?? 'infrastructure error'} (after ${attemptNo} attempts)`
        }
        const log = logs.length > 1 ? logs.map((l, i) => `--- attempt ${i + 1} of ${logs.length} ---\n${l}`).join('\n') : raw.log
        return { outcome, log, command: raw.command, facts }
      }
      this.emit(
        this.snapshot(run, {
          output: { test: test.name, env: env.name, repetition: slot.repetition, text: `\n[labcon] infrastructure error: ${outcome.reason}; retrying (attempt ${attemptNo + 1})\n` },
        }),
      )
    }
  }
}

/** The user this process runs as (the `who` of runs and the author of known issues it files); `fallback` when unknown. */
export function safeUser(fallback = 'unknown'): string {
  try {
    return userInfo().username
  } catch {
    return fallback
  }
}
