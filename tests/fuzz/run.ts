// `npm run fuzz [-- --runs N] [--seed S] [--only substring]`: every property of targets.ts with N cases (default one
// million, fewer for the emulator properties by their cost), from a random seed unless given. Prints one line per
// property (cases, crashes, seconds) and the replay command of a failure; exits 1 when anything failed.
import { parseArgs } from 'node:util'
import { checkProperty } from './prop'
import { PROPERTIES } from './targets'

const { values } = parseArgs({ options: { runs: { type: 'string' }, seed: { type: 'string' }, only: { type: 'string' } } })
const runs = Number(values.runs ?? 1_000_000)
const seed = values.seed !== undefined ? Number(values.seed) : Math.floor(Math.random() * 2 ** 32)
if (!Number.isSafeInteger(runs) || runs < 1) throw new Error(`--runs expects a positive whole number, got '${values.runs}'`)
if (!Number.isSafeInteger(seed) || seed < 0) throw new Error(`--seed expects a whole number, got '${values.seed}'`)
process.stdout.write(`fuzz: seed ${seed}, ${runs} runs per property (divided by its cost)\n`)
let cases = 0
let crashes = 0
for (const p of PROPERTIES) {
  if (values.only && !p.name.includes(values.only)) continue
  const r = checkProperty(p, runs, seed)
  cases += r.cases
  crashes += r.failures
  process.stdout.write(`${r.failures ? 'FAIL' : 'ok  '} ${p.name.padEnd(52)} ${String(r.cases).padStart(9)} cases  ${r.failures} crashes  ${(r.ms / 1000).toFixed(1)} s\n`)
  if (r.failure) process.stdout.write(`     seed ${r.failure.seed}: ${r.failure.error}\n     input: ${r.failure.input}\n     replay: npm run fuzz -- --seed ${r.failure.seed} --runs ${p.cost ?? 1} --only '${p.name}'\n`)
}
process.stdout.write(`fuzz: ${cases} cases, ${crashes} crashes\n`)
process.exitCode = crashes > 0 ? 1 : 0
