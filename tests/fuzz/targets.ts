// The fuzzed properties: every parser and validator that takes outside input either answers or throws its own named
// error — never a TypeError/RangeError, never a hang — and the streaming parsers agree with their one-shot forms.
// Used by tests/unit/fuzz.test.ts (a few thousand cases in CI) and tests/fuzz/run.ts (`npm run fuzz`, millions).
import { readFileSync } from 'node:fs'
import { LAB_METHODS } from '@core/api/lab-api'
import { parseQemuParams, parseUnittestsCfg, printable } from '@core/domain/catalog'
import { ConsoleParser, parseConsoleOutput } from '@core/domain/console'
import { checkEnvironmentConfig } from '@core/domain/env-schema'
import { ENVIRONMENT_KINDS } from '@core/domain/environment'
import { EbcdicLineDecoder, decodeEbcdic, decodeEbcdicText, encodeEbcdic } from '@core/domain/ebcdic'
import { boot } from '@core/emulator/boot'
import { parseSide } from '@main/cli/side'
import { validateArgs } from '@main/ipc/validate-args'
import { outcomeOf } from '@main/runner/outcome'
import { checkSide } from '@main/service/validate'
import { shrinkBytes, shrinkString, textOf, type Property, type Rng } from './prop'

/** Errors a component may legitimately throw at bad input; anything else is a crash. */
const expectOnly = (names: readonly string[], fn: () => void): string | void => {
  try {
    fn()
  } catch (e) {
    const err = e as Error
    if (!names.includes(err?.name)) return `unexpected ${err?.name ?? typeof e}: ${err?.message ?? String(e)}`
    if (printable(err.message, Infinity) !== err.message && !err.message.includes('\n')) return `error message carries control characters: ${JSON.stringify(err.message)}`
  }
}

const CFG_PIECES = [
  '[', ']', '[selftest]', '[t1]', '[a b]', 'file', 'file = selftest.elf', ' = ', '=', 'smp', 'smp = 2', 'smp = $MAX_SMP', 'smp = $((($MAX_SMP < 8)?$MAX_SMP:8))', '$((', '))',
  'test_args', "test_args = 'test 123 mem=256'", 'qemu_params = -m 256 -smp 2', 'extra_params = -cpu max', 'qemu_params = -m 3G', '-m', '-smp', 'groups = a b nodefault', 'accel = tcg', 'accel = kvm',
  'timeout = 90s', 'timeout = 1.5h', 'timeout = x', 'check = /sys/x=Y', 'arch = s390x', 'disabled_if = x', 'kvmtool_params', 'machine = s390-ccw-virtio', '"""', "'", '"', '#', '\\', '0', '-1', '999999999999',
]

const cfgGen = (r: Rng, size: number): string => {
  // Half structured (sections of plausible keys), half token soup.
  if (r.chance(0.5)) {
    let s = ''
    const n = r.int(1, 1 + Math.floor(8 * size))
    for (let i = 0; i < n; i++) {
      s += `[${r.chance(0.9) ? `t${r.int(0, 5)}` : textOf(r, CFG_PIECES, 2)}]\n`
      for (let k = r.int(0, 5); k > 0; k--) s += `${textOf(r, CFG_PIECES, r.int(1, 3))}\n`
    }
    return s
  }
  return textOf(r, CFG_PIECES, r.int(0, Math.floor(60 * size) + 1))
}

const CONSOLE_PIECES = ['PASS: ', 'FAIL: ', 'XPASS: ', 'XFAIL: ', 'KFAIL: ', 'SKIP: ', 'INFO: ', 'ABORT: ', 'selftest: ', 'sub: ', 'SUMMARY: ', '3 tests', ', 1 unexpected failures', ', 2 skipped', ', 1 known failures', 'EXIT: STATUS=', '1', '3', '0', '4294967297', 'x', '\0', ' ', ':']

const consoleGen = (r: Rng, size: number): { text: string; cuts: number[] } => {
  const text = textOf(r, CONSOLE_PIECES, r.int(0, Math.floor(120 * size) + 1))
  const cuts = Array.from({ length: r.int(0, 12) }, () => r.int(0, text.length)).sort((a, b) => a - b)
  return { text, cuts }
}

const chunksOf = <T extends { length: number; slice(a: number, b?: number): T }>(x: T, cuts: number[]): T[] => {
  const out: T[] = []
  let at = 0
  for (const c of cuts) {
    out.push(x.slice(at, c))
    at = c
  }
  out.push(x.slice(at))
  return out
}

const SIDE_PIECES = ['run', 'env', 'level', ':', '@', '12', '0', '-1', '007', 'tcg', 'builtin', '7.2.22', 'QEMU 7.2.22 (Debian)', ' ', 'a b', '', '9999999999999999999999', 'env:tcg', 'run:3', 'level:x']

/** A random JSON-and-beyond value (IPC's structured clone carries more than JSON): prototype keys, NaN, deep nesting. */
function anyValue(r: Rng, depth: number): unknown {
  switch (r.int(0, depth > 3 ? 7 : 10)) {
    case 0:
      return null
    case 1:
      return undefined
    case 2:
      return r.pick([0, 1, -1, 1.5, 2 ** 53, -(2 ** 31), Number.NaN, Infinity, -0, 256, 257, 65536])
    case 3:
      return r.chance(0.5)
    case 4:
    case 5:
      return r.pick(['', 'tcg', 'builtin', 'a b', 'x'.repeat(r.int(0, 300)), '__proto__', 'constructor', '../etc', '\u0000', 'run', 'env', '1', 'https://example.org/x', 'qemu-tcg', 'simulator'])
    case 6:
      return textOf(r, ['a', '-', '.', '_', '1', ' ', '{kernel}', '"', '['], r.int(0, 20))
    case 7:
      return r.pick([new Date(0), new Map(), new Uint8Array(2), [], {}])
    case 8:
    case 9:
      return Array.from({ length: r.int(0, 4) }, () => anyValue(r, depth + 1))
    default: {
      const keys = ['name', 'kind', 'config', 'level', 'facts', 'concurrency', 'catalogId', 'envs', 'groups', 'tests', 'all', 'repeat', 'jobs', 'who', 'runId', 'env', 'test', 'limit', 'subtest', 'url', 'intermittent', 'note', 'command', 'host', 'port', 'password', '__proto__', 'constructor', 'toString']
      const o: Record<string, unknown> = JSON.parse('{}') as Record<string, unknown>
      for (let k = r.int(0, 5); k > 0; k--) Object.defineProperty(o, r.pick(keys), { value: anyValue(r, depth + 1), enumerable: true, configurable: true, writable: true })
      return o
    }
  }
}

const METHODS = Object.entries(LAB_METHODS).flatMap(([g, ms]) => ms.map((m) => [g, m] as const))
const KERNEL = readFileSync(new URL('../../resources/kernels/selftest.elf', import.meta.url))
const EMU_ERRORS = ['ImageFormatError', 'BootOptionError', 'StorageConfigError', 'EmulatorError', 'ProgramException']
const EMU_BUDGET = 20_000

/** Every fuzzed property. */
export const PROPERTIES: Property<never>[] = [
  {
    name: 'unittests.cfg parser',
    gen: cfgGen,
    shrink: shrinkString,
    check: (text: string) =>
      expectOnly(['CatalogParseError', 'SmpExpressionError', 'TestParamsError'], () => {
        const c = parseUnittestsCfg(text, 'fuzz.cfg')
        for (const t of c.tests) {
          if (t.name === '' || t.file === '') throw new Error(`empty name or file in ${JSON.stringify(t)}`)
          const res = parseQemuParams(t, { maxSmp: 4 })
          if (!(Number.isInteger(res.smp) && res.smp >= 1 && res.memMiB > 0)) throw new Error(`bad resources ${JSON.stringify(res)}`)
        }
      }),
  } as Property<string>,
  {
    name: 'console/TAP parser (streamed = one-shot)',
    gen: consoleGen,
    check: ({ text, cuts }: { text: string; cuts: number[] }) => {
      const whole = parseConsoleOutput(text)
      const p = new ConsoleParser()
      for (const c of chunksOf(text, cuts)) p.push(c)
      p.end()
      const streamed = JSON.stringify(p.result)
      if (streamed !== JSON.stringify(whole)) return `streamed ${streamed.slice(0, 200)} differs from one-shot ${JSON.stringify(whole).slice(0, 200)}`
      if (whole.exitStatus !== null && !(whole.exitStatus >= 0)) return `exit status ${whole.exitStatus}`
      // What gets stored: a status the store's INTEGER column takes, or null (a malformed EXIT line fails the test).
      const raw = { log: '', exitStatus: null, signal: null, timedOut: false, cancelled: false, infraError: null, command: '', facts: {}, durationMs: 0 }
      const o = outcomeOf(raw, whole, 1000)
      if (o.exitStatus !== null && !(Number.isSafeInteger(o.exitStatus) && o.exitStatus >= 0 && o.exitStatus <= 0xffffffff)) return `outcome exit status ${o.exitStatus} would not fit the store`
    },
  } as Property<{ text: string; cuts: number[] }>,
  {
    name: 'EBCDIC decoder (streamed lines = whole, text round trip)',
    gen: (r: Rng, size: number) => ({ bytes: r.bytes(r.int(0, Math.floor(400 * size) + 1)), cuts: Array.from({ length: r.int(0, 8) }, () => r.int(0, 400)).sort((a, b) => a - b), ascii: textOf(r, ['PASS: ', 'a', 'Z', '9', ' ', '.', ':', '=', '(', ')', '$'], r.int(0, 40)) }),
    check: ({ bytes, cuts, ascii }: { bytes: Uint8Array; cuts: number[]; ascii: string }) => {
      decodeEbcdic(bytes)
      const whole = new EbcdicLineDecoder()
      const a = [...whole.push(bytes), ...whole.end()]
      const parts = new EbcdicLineDecoder()
      const b = [...chunksOf(bytes, cuts.filter((c) => c <= bytes.length)).flatMap((c) => parts.push(c)), ...parts.end()]
      if (JSON.stringify(a) !== JSON.stringify(b)) return `chunked lines ${JSON.stringify(b).slice(0, 200)} differ from whole ${JSON.stringify(a).slice(0, 200)}`
      const printableAscii = ascii.replace(/[^\x20-\x7e]/g, '')
      const back = decodeEbcdicText(encodeEbcdic(printableAscii))
      if (back !== printableAscii) return `round trip of ${JSON.stringify(printableAscii)} gave ${JSON.stringify(back)}`
    },
  } as Property<{ bytes: Uint8Array; cuts: number[]; ascii: string }>,
  {
    name: 'ELF/flat loader + run (mutated kernels)',
    cost: 100,
    gen: (r: Rng) => {
      const img = r.chance(0.7) ? Uint8Array.from(KERNEL) : r.bytes(r.int(0, 512))
      for (let k = r.int(1, 24); k > 0; k--) {
        // Mostly the ELF and program headers, where the loader's decisions are.
        const at = r.chance(0.8) ? r.int(0, Math.min(img.length, 256) - 1) : r.int(0, Math.max(0, img.length - 1))
        if (img.length > 0) img[at] = r.chance(0.5) ? r.u32() & 0xff : r.pick([0, 0xff, 0x7f, 0x80])
      }
      return img
    },
    shrink: shrinkBytes,
    check: (img: Uint8Array) =>
      expectOnly(EMU_ERRORS, () => {
        const m = boot(img, 'fuzz.elf', { memMiB: 2, args: 'fuzz', jit: 'off' })
        m.run(EMU_BUDGET)
      }),
  } as Property<Uint8Array>,
  {
    name: 'random instruction streams (instruction budget)',
    cost: 80,
    gen: (r: Rng) => {
      const code = r.bytes(r.int(2, 4096))
      const img = new Uint8Array(0x10000 + code.length)
      // Short IPL PSW at 0: EC mode, 31-bit, start at 0x10000; then the random code.
      img.set([0x00, 0x08, 0x00, 0x00, 0x80, 0x01, 0x00, 0x00], 0)
      img.set(code, 0x10000)
      return img
    },
    check: (img: Uint8Array) =>
      expectOnly(EMU_ERRORS, () => {
        const m = boot(img, 'fuzz.bin', { memMiB: 2, args: '', jit: 'off' })
        const r = m.run(EMU_BUDGET)
        if (!r.ended && r.executed > EMU_BUDGET + 10_000) throw new Error(`ran ${r.executed} instructions on a budget of ${EMU_BUDGET}`)
      }),
  } as Property<Uint8Array>,
  {
    name: 'compare side syntax (CLI parser vs API validator)',
    gen: (r: Rng, size: number) => textOf(r, SIDE_PIECES, r.int(0, Math.floor(8 * size) + 1)),
    shrink: shrinkString,
    check: (text: string) =>
      // What the CLI accepts, the API validator either accepts or refuses by name.
      expectOnly(['SideSyntaxError', 'InvalidInputError'], () => void checkSide(parseSide(text), 'side')),
  } as Property<string>,
  {
    name: 'LabApi argument validators',
    gen: (r: Rng) => ({ method: r.pick(METHODS), args: r.chance(0.9) ? Array.from({ length: r.int(0, 3) }, () => anyValue(r, 0)) : anyValue(r, 0) }),
    check: ({ method, args }: { method: readonly [string, string]; args: unknown }) =>
      expectOnly(['LabArgumentError'], () => {
        const out = validateArgs(method[0], method[1], args)
        if (!Array.isArray(out)) throw new Error('validateArgs returned a non-array')
      }),
  } as Property<{ method: readonly [string, string]; args: unknown }>,
  {
    name: 'environment config schema',
    gen: (r: Rng) => ({ kind: r.pick(ENVIRONMENT_KINDS), config: anyValue(r, 1) }),
    check: ({ kind, config }: { kind: (typeof ENVIRONMENT_KINDS)[number]; config: unknown }) => {
      if (typeof config !== 'object' || config === null || Array.isArray(config)) return
      const problems = checkEnvironmentConfig(kind, config as Record<string, unknown>)
      for (const p of problems) if (typeof p.key !== 'string' || typeof p.message !== 'string' || p.message === '') return `bad problem ${JSON.stringify(p)}`
    },
  } as Property<{ kind: (typeof ENVIRONMENT_KINDS)[number]; config: unknown }>,
] as unknown as Property<never>[]
