// kvm-unit-tests catalog model (s390x/unittests.cfg). The parser lives here too (see parseUnittestsCfg).
import { ShellWordsError, splitShellWords } from './shell-words'
import { LabError } from './errors'

/** A `check = path=value` requirement of a test. */
export interface CatalogCheck {
  path: string
  value: string
}

/** One `[section]` of unittests.cfg, with every key LAB.md lists. Unset keys are null / empty. */
export interface CatalogTest {
  name: string
  /** Kernel file name as written (`selftest.elf`). */
  file: string
  /** `smp` as written (a number, or an expression such as `$MAX_SMP`), default '1'. */
  smp: string
  testArgs: string
  qemuParams: string
  kvmtoolParams: string
  groups: string[]
  arch: string | null
  machine: string | null
  accel: string | null
  check: CatalogCheck[]
  disabledIf: string | null
  /** Seconds (fractions allowed); upstream default 90. 0 means no time limit, as `timeout = 0` upstream. */
  timeoutSec: number
  /** 1-based line of the `[section]` header, for error messages. */
  line: number
  /** 1-based line of each key that was set (qemu_params also when written as extra_params), for error messages. */
  keyLines?: Partial<Record<CatalogField, number>>
}

/** A parsed catalog: where it came from and its tests in file order. */
export interface Catalog {
  /** Path or name of the unittests.cfg it was parsed from. */
  source: string
  tests: CatalogTest[]
}

/** Every key a unittests.cfg section may hold (LAB.md); `extra_params` is the older alias of `qemu_params`. */
export const CATALOG_KEYS = [
  'file',
  'smp',
  'test_args',
  'qemu_params',
  'extra_params',
  'kvmtool_params',
  'groups',
  'arch',
  'machine',
  'accel',
  'check',
  'disabled_if',
  'timeout',
] as const
export type CatalogKey = (typeof CATALOG_KEYS)[number]
/** A catalog key after alias resolution (`extra_params` is stored as `qemu_params`). */
export type CatalogField = Exclude<CatalogKey, 'extra_params'>

/** Accelerators the `accel` key may name. */
export const ACCELS = ['kvm', 'tcg'] as const
export type Accel = (typeof ACCELS)[number]

/** Upstream run_tests.sh default per-test timeout. */
export const DEFAULT_TIMEOUT_SEC = 90

/** Bounds of a catalog we parse: a hostile or broken file costs at most this much (upstream s390x: ~8 KB, 60 tests). */
export const CATALOG_LIMITS = { chars: 4 << 20, lineChars: 16 << 10, valueChars: 64 << 10, tests: 10_000 } as const

/** Control characters (C0, DEL, C1) and the bidi/line separators that can rewrite what a terminal or page shows. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g

/** Text safe to print: unsafe characters as `\xNN`/`\uNNNN` escapes, cut to `max` characters with an ellipsis. */
export function printable(text: string, max = 80): string {
  const cut = text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text
  return cut.replace(UNSAFE_CHARS, (c) => {
    const n = c.charCodeAt(0)
    return n < 0x100 ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16).padStart(4, '0')}`
  })
}

/** A malformed unittests.cfg: message `file:line: what is wrong`; `key` names the offending key when there is one. */
export class CatalogParseError extends LabError {
  override readonly name = 'CatalogParseError'
  readonly kind = 'config'
  constructor(
    readonly file: string,
    readonly line: number,
    readonly key: string | null,
    detail: string,
  ) {
    // Quoted pieces of the file are already cut short; escaping here catches any raw text a message carries.
    super(`${file}:${line}: ${printable(detail, 1000)}`)
  }
}

const SECTION = /^\[(.*)\]$/
const KEY_VALUE = /^([A-Za-z_][A-Za-z0-9_]*)[ \t]*=[ \t]*(.*)$/
const TRIPLE = '"""'
const DURATION_RE = /^(\d+(?:\.\d+)?|\.\d+)([smhd]?)$/
const DURATION_UNIT: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }

/** Seconds in a `timeout(1)`-style duration (`90`, `90s`, `2m`, `1.5h`, `1d`; `0` = no limit), or null if `text` is not one (no surrounding space allowed). */
export function parseDurationSec(text: string): number | null {
  const m = DURATION_RE.exec(text)
  if (!m) return null
  return Number(m[1]) * (DURATION_UNIT[m[2] as string] as number)
}

/** Strips one pair of matching outer quotes ('..' or ".."), as the shell would for a single-word value. */
export function unquote(value: string): string {
  if (value.length >= 2) {
    const q = value[0]
    if ((q === "'" || q === '"') && value[value.length - 1] === q && !value.slice(1, -1).includes(q)) return value.slice(1, -1)
  }
  return value
}

interface RawSection {
  name: string
  line: number
  values: Map<CatalogField, { value: string; line: number; key: CatalogKey }>
}

/**
 * Parses the text of a kvm-unit-tests unittests.cfg (`source` names it in errors). Stricter than run_tests.sh:
 * unknown keys, duplicate sections or keys, keys outside a section, a missing `file`, a bad `timeout`/`accel`/`smp`/
 * `check`, unsplittable `test_args`/`qemu_params` and an unterminated `"""` all throw CatalogParseError.
 * Value rules: `test_args` is shell-split and re-joined with spaces (what `-append` receives); `qemu_params` and
 * `kvmtool_params` stay as written (split them with splitShellWords); in a `"""` block a backslash-newline is
 * removed and any other newline becomes a space; the other keys lose one pair of outer quotes.
 */
export function parseUnittestsCfg(text: string, source: string): Catalog {
  const fail = (line: number, key: string | null, detail: string): never => {
    throw new CatalogParseError(source, line, key, detail)
  }
  if (text.length > CATALOG_LIMITS.chars) fail(0, null, `${text.length} characters is more than a catalog may have (${CATALOG_LIMITS.chars})`)
  const lines = text.split(/\r\n|\r|\n/)
  const sections: RawSection[] = []
  const seen = new Map<string, number>()
  let current: RawSection | null = null

  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1
    if ((lines[i] as string).length > CATALOG_LIMITS.lineChars) fail(lineNo, null, `line of ${(lines[i] as string).length} characters (at most ${CATALOG_LIMITS.lineChars})`)
    const line = (lines[i] as string).trim()
    if (line === '' || line.startsWith('#')) continue
    const sec = SECTION.exec(line)
    if (sec) {
      const name = (sec[1] as string).trim()
      if (name === '') fail(lineNo, null, 'empty test name in section header')
      if (/\s/.test(name)) fail(lineNo, null, `test name '${printable(name)}' contains whitespace`)
      if (printable(name, Infinity) !== name) fail(lineNo, null, `test name '${printable(name)}' contains control characters`)
      if (sections.length >= CATALOG_LIMITS.tests) fail(lineNo, null, `more than ${CATALOG_LIMITS.tests} tests`)
      const first = seen.get(name)
      if (first !== undefined) fail(lineNo, null, `duplicate section '[${printable(name)}]' (first defined on line ${first})`)
      seen.set(name, lineNo)
      current = { name, line: lineNo, values: new Map() }
      sections.push(current)
      continue
    }
    const kv = KEY_VALUE.exec(line)
    if (!kv) fail(lineNo, null, `expected '[name]', 'key = value' or a '#' comment, got '${printable(line)}'`)
    const key = (kv as RegExpExecArray)[1] as string
    let value = (kv as RegExpExecArray)[2] as string
    if (!(CATALOG_KEYS as readonly string[]).includes(key)) fail(lineNo, key, `unknown key '${key}'`)
    const ckey = key as CatalogKey
    if (current === null) fail(lineNo, key, `key '${key}' outside of a [test] section`)
    const section = current as RawSection
    const field: CatalogField = ckey === 'extra_params' ? 'qemu_params' : ckey
    const prev = section.values.get(field)
    if (prev) {
      const also = prev.key !== ckey ? ` (as '${prev.key}')` : ''
      fail(lineNo, key, `duplicate key '${key}' in [${section.name}] (already set${also} on line ${prev.line})`)
    }
    if (value.startsWith(TRIPLE)) {
      const rest = value.slice(TRIPLE.length)
      const sameLine = rest.trimEnd()
      if (sameLine.endsWith(TRIPLE)) {
        value = sameLine.slice(0, -TRIPLE.length)
      } else {
        let acc = rest
        let closed = false
        for (i++; i < lines.length; i++) {
          const raw = lines[i] as string
          // Upstream joins a line ending in an odd number of backslashes with the next one.
          const bs = /(\\*)$/.exec(acc)?.[1]?.length ?? 0
          acc = bs % 2 === 1 ? acc.slice(0, -1) : acc + '\n'
          const end = raw.trimEnd()
          if (end.endsWith(TRIPLE)) {
            acc += end.slice(0, -TRIPLE.length)
            closed = true
            break
          }
          acc += raw
          if (acc.length > CATALOG_LIMITS.valueChars) fail(lineNo, key, `value of '${key}' longer than ${CATALOG_LIMITS.valueChars} characters`)
        }
        if (!closed) fail(lineNo, key, `unterminated """ value of '${key}' (opened here)`)
        value = acc.replace(/\n/g, ' ').trim()
      }
    }
    section.values.set(field, { value, line: lineNo, key: ckey })
  }

  return { source, tests: sections.map((s) => buildTest(s, fail)) }
}

function buildTest(s: RawSection, fail: (line: number, key: string | null, detail: string) => never): CatalogTest {
  const get = (f: CatalogField): { value: string; line: number; key: CatalogKey } | undefined => s.values.get(f)
  const keyLines: Partial<Record<CatalogField, number>> = {}
  for (const [f, v] of s.values) keyLines[f] = v.line
  const simple = (f: CatalogField): string | null => {
    const v = get(f)
    if (!v) return null
    const u = unquote(v.value.trim())
    return u === '' ? null : u
  }

  const file = simple('file')
  if (file === null) fail(get('file')?.line ?? s.line, 'file', `test '${s.name}' has no 'file' key (the kernel to run)`)

  const smpEntry = get('smp')
  const smp = simple('smp') ?? '1'
  if (smpEntry) {
    try {
      resolveSmp(smp, 1)
    } catch (e) {
      if (!(e instanceof SmpExpressionError)) throw e
      fail(smpEntry.line, 'smp', `bad smp '${printable(smp)}': ${e.message}`)
    }
  }

  const words = (f: CatalogField): string[] => {
    const v = get(f)
    if (!v) return []
    try {
      return splitShellWords(v.value)
    } catch (e) {
      if (!(e instanceof ShellWordsError)) throw e
      return fail(v.line, v.key, `bad ${v.key} '${printable(v.value)}': ${e.message}`)
    }
  }
  const testArgs = words('test_args').join(' ')
  words('qemu_params')

  const accelEntry = get('accel')
  const accel = simple('accel')
  if (accel !== null && !(ACCELS as readonly string[]).includes(accel)) {
    fail(accelEntry?.line ?? s.line, 'accel', `bad accel '${printable(accel as string)}' (expected ${ACCELS.join(' or ')})`)
  }

  const check: CatalogCheck[] = []
  const checkEntry = get('check')
  for (const item of (simple('check') ?? '').split(/\s+/).filter(Boolean)) {
    const eq = item.indexOf('=')
    if (eq <= 0) fail(checkEntry?.line ?? s.line, 'check', `bad check '${printable(item)}' (expected path=value)`)
    check.push({ path: item.slice(0, eq), value: item.slice(eq + 1) })
  }

  let timeoutSec = DEFAULT_TIMEOUT_SEC
  const timeoutEntry = get('timeout')
  const t = timeoutEntry ? unquote(timeoutEntry.value.trim()) : ''
  // An empty value keeps the default, as upstream's `${timeout:-90s}` does.
  if (timeoutEntry && t !== '') {
    const sec = parseDurationSec(t)
    if (sec === null) fail(timeoutEntry.line, 'timeout', `bad timeout '${printable(t)}' (expected seconds, optionally with suffix s, m, h or d)`)
    timeoutSec = sec as number
  }

  return {
    name: s.name,
    file: file as string,
    smp,
    testArgs,
    qemuParams: get('qemu_params')?.value.trim() ?? '',
    kvmtoolParams: get('kvmtool_params')?.value.trim() ?? '',
    groups: (simple('groups') ?? '').split(/\s+/).filter(Boolean),
    arch: simple('arch'),
    machine: simple('machine'),
    accel,
    check,
    disabledIf: get('disabled_if')?.value.trim() || null,
    timeoutSec,
    line: s.line,
    keyLines,
  }
}

/** An `smp` value that is neither a count nor a `$MAX_SMP` arithmetic expression run_tests.sh could evaluate. */
export class SmpExpressionError extends LabError {
  override readonly name = 'SmpExpressionError'
  readonly kind = 'config'
}

/**
 * Resolves an `smp` value: a number, `$MAX_SMP`/`${MAX_SMP}`, or a shell arithmetic expression `$((...))` over
 * MAX_SMP with + - * / % ( ) comparisons and ?: (e.g. `$((($MAX_SMP < 8)?$MAX_SMP:8))`). Result must be ≥ 1.
 */
export function resolveSmp(expr: string, maxSmp: number): number {
  let e = expr.trim()
  const arith = /^\$\(\((.*)\)\)$/s.exec(e)
  if (arith) e = arith[1] as string
  e = e.replace(/\$\{MAX_SMP\}|\$MAX_SMP|\bMAX_SMP\b/g, String(maxSmp))
  if (!arith && !/^\d+$/.test(e.trim())) {
    throw new SmpExpressionError('expected a CPU count, $MAX_SMP or $((arithmetic over $MAX_SMP))')
  }
  const value = evalArith(e)
  if (!Number.isInteger(value) || value < 1) throw new SmpExpressionError(`evaluates to ${value}, expected at least 1`)
  return value
}

// Shell arithmetic subset: ternary > || > && > comparisons > + - > * / % > unary > primary.
function evalArith(src: string): number {
  const tokens = src.match(/\d+|<=|>=|==|!=|&&|\|\||[-+*/%()<>?:!]|\S/g) ?? []
  let pos = 0
  const peek = (): string | undefined => tokens[pos]
  const take = (t: string): boolean => (tokens[pos] === t ? (pos++, true) : false)
  const expect = (t: string): void => {
    if (!take(t)) throw new SmpExpressionError(`expected '${t}' at '${tokens.slice(pos).join(' ') || 'end'}'`)
  }
  const primary = (): number => {
    const t = tokens[pos++]
    if (t === undefined) throw new SmpExpressionError('unexpected end of expression')
    if (/^\d+$/.test(t)) return Number(t)
    if (t === '(') {
      const v = ternary()
      expect(')')
      return v
    }
    if (t === '-') return -primary()
    if (t === '+') return primary()
    if (t === '!') return primary() ? 0 : 1
    throw new SmpExpressionError(`unexpected '${t}'`)
  }
  const mul = (): number => {
    let v = primary()
    for (;;) {
      const op = peek()
      if (op !== '*' && op !== '/' && op !== '%') return v
      pos++
      const r = primary()
      if (op !== '*' && r === 0) throw new SmpExpressionError('division by zero')
      v = op === '*' ? v * r : op === '/' ? Math.trunc(v / r) : v % r
    }
  }
  const add = (): number => {
    let v = mul()
    for (;;) {
      if (take('+')) v += mul()
      else if (take('-')) v -= mul()
      else return v
    }
  }
  const cmp = (): number => {
    let v = add()
    for (;;) {
      const op = peek()
      if (op === undefined || !['<', '>', '<=', '>=', '==', '!='].includes(op)) return v
      pos++
      const r = add()
      const res = op === '<' ? v < r : op === '>' ? v > r : op === '<=' ? v <= r : op === '>=' ? v >= r : op === '==' ? v === r : v !== r
      v = res ? 1 : 0
    }
  }
  const and = (): number => {
    let v = cmp()
    while (take('&&')) v = cmp() && v ? 1 : 0
    return v
  }
  const or = (): number => {
    let v = and()
    while (take('||')) v = and() || v ? 1 : 0
    return v
  }
  const ternary = (): number => {
    const c = or()
    if (!take('?')) return c
    const a = ternary()
    expect(':')
    const b = ternary()
    return c ? a : b
  }
  const v = ternary()
  if (pos < tokens.length) throw new SmpExpressionError(`unexpected '${tokens[pos]}'`)
  return v
}

/** A `-smp`/`-m` value in a test's parameters that cannot be understood; names the test and the key. */
export class TestParamsError extends LabError {
  override readonly name = 'TestParamsError'
  readonly kind = 'config'
  constructor(
    readonly test: string,
    readonly key: string,
    detail: string,
  ) {
    // Details quote the catalog's values (found by fuzzing: `-m \x1c`): escape what a terminal would act on.
    super(printable(`test '${test}': ${key}: ${detail}`, 1000))
  }
}

/** CPU and memory resources a test asks for. */
export interface TestResources {
  /** CPUs online at boot. */
  smp: number
  /** Hot-pluggable maximum (`maxcpus`), else equal to smp. */
  maxCpus: number
  memMiB: number
}

/** QEMU's s390-ccw-virtio default memory when no `-m` is given. */
export const DEFAULT_MEM_MIB = 128

const SMP_KEYS = ['cpus', 'maxcpus', 'sockets', 'dies', 'clusters', 'books', 'drawers', 'cores', 'threads'] as const
const SIZE_UNIT: Record<string, number> = { '': 1, b: 1 / (1024 * 1024), k: 1 / 1024, m: 1, g: 1024, t: 1024 * 1024 }

/**
 * Derives CPUs and memory from `smp` and `qemu_params` the way QEMU merges its options: the catalog's `-smp <smp>`
 * comes first, later `-smp`/`-m` options override earlier keys (`-smp 1,maxcpus=8`, `-smp cpus=1,sockets=2,...`);
 * `-m 3G|2200|1024M|size=2G,...` (no unit = MiB), default 128 MiB. `maxSmp` resolves `$MAX_SMP` (default 1).
 * Throws TestParamsError naming the test and the value it cannot parse.
 */
export function parseQemuParams(test: Pick<CatalogTest, 'name' | 'smp' | 'qemuParams'>, opts: { maxSmp?: number } = {}): TestResources {
  const smpOpts = new Map<string, number>()
  let cpusFromKey: number
  try {
    cpusFromKey = resolveSmp(test.smp, opts.maxSmp ?? 1)
  } catch (e) {
    if (!(e instanceof SmpExpressionError)) throw e
    throw new TestParamsError(test.name, 'smp', `bad smp '${test.smp}': ${e.message}`)
  }
  smpOpts.set('cpus', cpusFromKey)
  let memMiB = DEFAULT_MEM_MIB

  let words: string[]
  try {
    words = splitShellWords(test.qemuParams)
  } catch (e) {
    if (!(e instanceof ShellWordsError)) throw e
    throw new TestParamsError(test.name, 'qemu_params', e.message)
  }
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string
    const opt = w.replace(/^--?/, '-')
    if (opt !== '-smp' && opt !== '-m') continue
    const arg = words[++i]
    if (arg === undefined || arg === '') throw new TestParamsError(test.name, 'qemu_params', `${w} without a value`)
    if (opt === '-smp') mergeSmp(test.name, arg, smpOpts)
    else memMiB = parseMem(test.name, arg)
  }

  const cpus = smpOpts.get('cpus') as number
  const maxCpus = smpOpts.get('maxcpus') ?? cpus
  if (cpus < 1) throw new TestParamsError(test.name, 'qemu_params', `-smp cpus=${cpus}: need at least 1 CPU`)
  if (maxCpus < cpus) throw new TestParamsError(test.name, 'qemu_params', `-smp: cpus ${cpus} exceeds maxcpus ${maxCpus}`)
  return { smp: cpus, maxCpus, memMiB }
}

function mergeSmp(test: string, arg: string, into: Map<string, number>): void {
  const parts = arg.split(',')
  parts.forEach((part, idx) => {
    const eq = part.indexOf('=')
    const key = eq < 0 && idx === 0 ? 'cpus' : part.slice(0, eq)
    const raw = eq < 0 ? part : part.slice(eq + 1)
    if (eq < 0 && idx > 0) throw new TestParamsError(test, 'qemu_params', `bad -smp '${arg}': '${part}' is not key=value`)
    if (!(SMP_KEYS as readonly string[]).includes(key)) {
      throw new TestParamsError(test, 'qemu_params', `bad -smp '${arg}': unknown key '${key}'`)
    }
    if (!/^\d+$/.test(raw)) throw new TestParamsError(test, 'qemu_params', `bad -smp '${arg}': '${key}' is not a number`)
    into.set(key, Number(raw))
  })
}

function parseMem(test: string, arg: string): number {
  let size: string | null = null
  arg.split(',').forEach((part, idx) => {
    if (idx === 0 && !part.includes('=')) size = part
    else if (part.startsWith('size=')) size = part.slice(5)
  })
  const s = size as string | null
  const m = s === null ? null : /^(\d+(?:\.\d+)?)([bkmgtBKMGT]?)$/.exec(s)
  if (!m) throw new TestParamsError(test, 'qemu_params', `bad -m '${arg}' (expected a size such as 1024, 1024M or 3G)`)
  const mib = Number(m[1]) * (SIZE_UNIT[(m[2] as string).toLowerCase()] as number)
  if (!Number.isInteger(mib) || mib < 1) {
    throw new TestParamsError(test, 'qemu_params', `bad -m '${arg}': ${mib} MiB is not a whole number of MiB ≥ 1`)
  }
  return mib
}
