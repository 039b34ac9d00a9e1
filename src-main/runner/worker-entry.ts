// The emulator worker's entry (out/worker/emulator-worker.js, what the pool starts with new Worker): loads the
// emulator worker itself (out/worker/emulator.cjs, a CommonJS bundle of emulator-worker.ts) with V8's code cache, as
// `labcon emu` loads emu.cjs (src-main/cli/code-cache.ts). Compiling the ~570 KB bundle as an ES module took ~25 ms
// of every worker start; the cache, written once the first worker of a build is warm, also holds the bytecode of
// every function its warm-up compiled. The cache lives in out/worker/cache (one file per build, Node version and
// Node options); where it cannot be written (a read-only install) the worker runs uncached.
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { requireWithCodeCache } from '../cli/code-cache'
import type { WorkerModule } from './emulator-worker'

const dir = dirname(fileURLToPath(import.meta.url))
const worker = requireWithCodeCache<WorkerModule>(join(dir, 'emulator.cjs'), join(dir, 'cache'), undefined, 'later')
worker.exports.loadedWith(worker.cache)
worker.exports.afterWarm(() => worker.save())
