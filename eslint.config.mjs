// ESLint flat config: TypeScript + Svelte, and the layer import rules of STYLE.md (no-restricted-imports per folder).
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import svelte from 'eslint-plugin-svelte'
import globals from 'globals'
import svelteParser from 'svelte-eslint-parser'

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'worker_threads', 'crypto', 'net', 'http', 'https', 'zlib', 'stream', 'events', 'url', 'util']
const nativePkgs = ['better-sqlite3', 'ssh2', 'electron', 'electron/*']
const uiPkgs = ['svelte', 'svelte/*', 'chart.js', 'chart.js/*']

const restrict = (patterns, message) => ({ group: patterns, message })

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', '.test-results/**', 'resources/**', 'src-renderer/dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parser: svelteParser, parserOptions: { parser: tseslint.parser }, globals: { ...globals.browser } },
  },
  // src-core: ECMAScript and typed arrays only.
  {
    files: ['src-core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        restrict([...nodeBuiltins, ...nativePkgs], 'src-core is platform-neutral: no node:*, native packages or electron (STYLE.md).'),
        restrict(uiPkgs, 'src-core must not import UI packages.'),
        restrict(['**/src-main/**', '@main/*', '**/src-renderer/**'], 'src-core must not import from src-main or src-renderer.'),
      ] }],
    },
  },
  // src-main: electron only in index.ts, preload/, ipc/; never UI packages.
  {
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/index.ts', 'src-main/preload/**', 'src-main/ipc/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        restrict(['electron', 'electron/*'], 'electron may be imported only in src-main/index.ts, preload/ and ipc/ (STYLE.md).'),
        restrict(uiPkgs, 'src-main must not import UI packages.'),
        restrict(['**/src-renderer/**'], 'src-main must not import from src-renderer.'),
      ] }],
    },
  },
  {
    files: ['src-main/index.ts', 'src-main/preload/**/*.ts', 'src-main/ipc/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [restrict(uiPkgs, 'src-main must not import UI packages.')] }],
    },
  },
  // src-renderer: only the api/ and domain/ parts of src-core, no node, no electron.
  {
    files: ['src-renderer/**/*.ts', 'src-renderer/**/*.svelte'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        restrict([...nodeBuiltins, ...nativePkgs], 'The renderer has no Node and no electron: talk to main through lab (src/lib/lab.ts).'),
        restrict(['@core/emulator/*', '@core/emulator', '**/src-core/emulator/**'], 'The renderer may import only src-core/api and src-core/domain.'),
        restrict(['@main/*', '**/src-main/**'], 'The renderer must not import from src-main.'),
      ] }],
    },
  },
)
