// Vitest global setup of the integration and e2e projects: builds out/cli and out/worker when they are missing or
// older than the sources, so the CLI tests and the emulator pool run the compiled output of this checkout.
import { ensureNodeBuild } from '../../scripts/build-node.mjs'

export default async function setup(): Promise<void> {
  await ensureNodeBuild()
}
