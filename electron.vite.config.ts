// electron-vite: main (ESM), sandboxed preload (CommonJS, everything bundled), Svelte 5 renderer.
import { defineConfig, externalizeDepsPlugin } from 'electron-vite'
import { svelte } from '@sveltejs/vite-plugin-svelte'
import type { Plugin } from 'vite'
import { fileURLToPath } from 'node:url'

const alias = {
  '@core': fileURLToPath(new URL('./src-core', import.meta.url)),
  '@main': fileURLToPath(new URL('./src-main', import.meta.url)),
}

/** Links the app chunk (src/app.ts, imported dynamically by the small entry) and its styles from index.html: the
 *  browser fetches them alongside the entry instead of after the entry has run. Marks the entry async. */
const preloadApp: Plugin = {
  name: 'labcon-preload-app',
  apply: 'build',
  transformIndexHtml: {
    order: 'post',
    handler(html, ctx) {
      // The chunk holding src/app.ts (no facade when it also holds code the lazy views share).
      const app = Object.values(ctx.bundle ?? {}).find((c) => c.type === 'chunk' && c.isDynamicEntry && c.moduleIds.some((id) => id.endsWith('/src/app.ts')))
      if (!app || app.type !== 'chunk') return html
      const css = [...(app.viteMetadata?.importedCss ?? [])].map((f) => `    <link rel="stylesheet" crossorigin href="./${f}">\n`).join('')
      // The entry runs as soon as it has arrived (async): it sends the first screen's requests before the stylesheet
      // has loaded, and mounts the app once the page is styled (src/main.ts).
      return html
        .replace('<script type="module" crossorigin', '<script type="module" async crossorigin')
        .replace('</head>', `  <link rel="modulepreload" crossorigin href="./${app.fileName}">\n${css}  </head>`)
    },
  },
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
    plugins: [svelte(), preloadApp],
    resolve: { alias },
    // Minified: the browser parses less before the first paint (electron-vite leaves the renderer unminified). One
    // stylesheet for every view (14 kB): the entry script waits for the page's stylesheets, one request instead of
    // two, and a view loaded later needs no stylesheet of its own.
    build: { outDir: 'out/renderer', minify: true, cssCodeSplit: false, rollupOptions: { input: { index: 'src-renderer/index.html' } } },
  },
})
