// `npm run bench [-- <section> …] [-- --kut <kvm-unit-tests build dir>]`: prints performance figures; never asserts.
// Sections: emu (emulator MIPS vs qemu TCG), store (matrix/compare queries on a million subtest rows),
// runner (engine overhead per slot, bundled catalog on QEMU TCG), ui (the console's matrix at 1,000 tests × 50
// environments in Chromium), startup (CLI start-up, per-test overhead on builtin vs tcg, the bench kernel on both).
export {}
const argv = process.argv.slice(2)
const sections = argv.filter((a) => !a.startsWith('--') && !argv[argv.indexOf(a) - 1]?.startsWith('--'))
const want = (s: string): boolean => sections.length === 0 || sections.includes(s)

if (want('emu')) {
  const { runEmuBench } = await import('./emu-bench.ts')
  await runEmuBench(argv)
}
if (want('store')) {
  const { runStoreBench } = await import('./store-bench.ts')
  await runStoreBench(argv)
}
if (want('runner')) {
  const { runRunnerBench } = await import('./runner-bench.ts')
  await runRunnerBench(argv)
}
if (want('ui')) {
  const { runUiBench } = await import('./ui-bench.ts')
  await runUiBench(argv)
}
if (want('startup')) {
  const { runStartupBench } = await import('./startup-bench.ts')
  await runStartupBench(argv)
}
