import { defineConfig } from 'vitest/config'
import { svelte } from '@sveltejs/vite-plugin-svelte'
import { fileURLToPath } from 'node:url'

const alias = {
  '@core': fileURLToPath(new URL('./src-core', import.meta.url)),
  '@main': fileURLToPath(new URL('./src-main', import.meta.url)),
}

/** Builds out/cli and out/worker (compiled CLI, server mode, emulator worker) before the tests that run them. */
const BUILD = 'tests/setup/build-node.ts'

/** Four projects as in STYLE.md: unit (pure), isa (emulator instruction tables), integration (real sqlite, sshd, qemu, workers), e2e (Chromium). */
export default defineConfig({
  resolve: { alias },
  test: {
    reporters: ['default', 'json'],
    outputFile: { json: '.test-results/vitest.json' },
    projects: [
      { plugins: [svelte()], resolve: { alias }, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' } },
      { resolve: { alias }, test: { name: 'isa', include: ['tests/isa/**/*.test.ts'], environment: 'node', testTimeout: 30_000 } },
      {
        resolve: { alias },
        test: { name: 'integration', include: ['tests/integration/**/*.test.ts'], environment: 'node', testTimeout: 120_000, hookTimeout: 120_000, globalSetup: [BUILD] },
      },
      {
        plugins: [svelte()],
        resolve: { alias },
        test: { name: 'e2e', include: ['tests/e2e/**/*.test.ts'], environment: 'node', testTimeout: 180_000, hookTimeout: 180_000, fileParallelism: false, globalSetup: [BUILD] },
      },
    ],
  },
})
