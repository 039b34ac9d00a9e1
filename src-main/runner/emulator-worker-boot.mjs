// Worker-thread entry when running from source: registers tsx (TypeScript + path aliases) and loads the worker.
const { register } = await import('tsx/esm/api')
register()
await import('./emulator-worker.ts')
