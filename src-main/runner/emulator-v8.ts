// V8 settings for the threads that run the emulator: the pool's workers and `labcon emu`. V8 flags are the whole
// process's, so this also holds for the main thread of a process that runs a pool.
//
// On-stack replacement is off. The interpreter loop (cpu/interpret.ts fastLoop) is one large function that TurboFan
// compiles in ~300 ms. A worker's warm-up starts that compile; while it runs, the first kernel's calls of the loop
// run in V8's bytecode interpreter, and V8 then compiled the loop a second time for on-stack entry (~350 ms more of
// a core that the other worker of a `-j 2` run needs), whose code arrived after those calls had returned. Without
// on-stack replacement the next call takes the optimized code. Translated blocks are small and leave after at most a
// slice, so their next call takes theirs.
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
