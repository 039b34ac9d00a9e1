// electron-vite: main (ESM), sandboxed preload (CommonJS, everything bundled), Svelte 5 renderer.
import { defineConfig, externalizeDepsPlugin } from 'electron-vite'
import { svelte } from '@sveltejs/vite-plugin-svelte'
import { fileURLToPath } from 'node:url'

const alias = {
  '@core': fileURLToPath(new URL('./src-core', import.meta.url)),
  '@main': fileURLToPath(new URL('./src-main', import.meta.url)),
}

export default defineConfig({
  main: {
    plugins: [externalizeDepsPlugin()],
    resolve: { alias },
    build: { outDir: 'out/main', rollupOptions: { input: { index: 'src-main/index.ts' } } },
  },
  preload: {
    // A sandboxed preload cannot require anything but electron: bundle all, emit CommonJS.
    resolve: { alias },
    build: {
      outDir: 'out/preload',
      rollupOptions: { input: { index: 'src-main/preload/index.ts' }, external: ['electron'], output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    root: 'src-renderer',
    plugins: [svelte()],
    resolve: { alias },
    // Minified: the browser parses less before the first paint (electron-vite leaves the renderer unminified).
    build: { outDir: 'out/renderer', minify: true, rollupOptions: { input: { index: 'src-renderer/index.html' } } },
  },
})
