// V8 settings for the threads that run the emulator: the pool's workers and `labcon emu`. V8 flags are the whole
// process's, so this also holds for the main thread of a process that runs a pool.
//
// On-stack replacement is off. The interpreter loop (cpu/interpret.ts fastLoop) is one large function that TurboFan
// compiles in ~300 ms. A worker's warm-up starts that compile; while it runs, the first kernel's calls of the loop
// run in V8's bytecode interpreter, and V8 then compiled the loop a second time for on-stack entry (~350 ms more of
// a core that the other worker of a `-j 2` run needs), whose code arrived after those calls had returned. Without
// on-stack replacement the next call takes the optimized code. Translated blocks are small and leave after at most a
// slice, so their next call takes theirs.
//
// Snapshots leave an emulator thread copied unless they are large (snapshotTransferList): transferring detaches the
// buffer, and the first detach in a V8 isolate invalidates its "no ArrayBuffer was ever detached" protector, so that
// every optimized function that reads a typed array (the interpreter loop, every translated block, storage access)
// deoptimizes at once and is compiled again with detach checks. A worker whose test migrated (upstream's migration
// tests, a few hundred KiB each) paid ~0.5 s of compiles for it.
import { setFlagsFromString } from 'node:v8'

/** The V8 flags set for emulator threads. */
export const EMULATOR_V8_FLAGS = ['--no-use-osr'] as const

let tuned = false

/** Sets EMULATOR_V8_FLAGS once per process, before the emulator runs. */
export function tuneV8ForEmulator(): void {
  if (tuned) return
  tuned = true
  for (const f of EMULATOR_V8_FLAGS) setFlagsFromString(f)
}

/** Snapshots up to this size are copied out of an emulator thread (see above); larger ones are transferred. */
export const COPY_SNAPSHOT_UP_TO = 64 * 1024 * 1024

/** The transfer list for posting snapshot `bytes` from an emulator thread: empty (a copy) up to COPY_SNAPSHOT_UP_TO. */
export function snapshotTransferList(bytes: Uint8Array): ArrayBuffer[] {
  return bytes.byteLength <= COPY_SNAPSHOT_UP_TO ? [] : [bytes.buffer as ArrayBuffer]
}
