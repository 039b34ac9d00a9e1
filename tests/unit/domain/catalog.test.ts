import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  CatalogParseError,
  parseQemuParams,
  parseUnittestsCfg,
  resolveSmp,
  TestParamsError,
  type CatalogTest,
} from '@core/domain/catalog'
import { splitShellWords, ShellWordsError } from '@core/domain/shell-words'

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/catalogs/${name}`, import.meta.url), 'utf8')

const base = (over: Partial<CatalogTest>): CatalogTest => ({
  name: 'x',
  file: 'x.elf',
  smp: '1',
  testArgs: '',
  qemuParams: '',
  kvmtoolParams: '',
  groups: [],
  arch: null,
  machine: null,
  accel: null,
  check: [],
  disabledIf: null,
  timeoutSec: 90,
  line: 1,
  keyLines: {},
  ...over,
})

describe('parseUnittestsCfg', () => {
  it('reads every key, both spacings, quotes, aliases, $MAX_SMP and multi-line values', () => {
    const cat = parseUnittestsCfg(fixture('all-keys.cfg'), 'all-keys.cfg')
    expect(cat).toEqual({
      source: 'all-keys.cfg',
      tests: [
        base({ name: 'basic', file: 'basic.elf', line: 6, keyLines: { file: 7 } }),
        base({
          name: 'everything',
          file: 'everything.elf',
          smp: '4',
          testArgs: 'mem=64 "two words"',
          qemuParams: '-m 2G -smp 4,maxcpus=8',
          kvmtoolParams: '--mem 2048',
          groups: ['alpha', 'beta', 'nodefault'],
          arch: 's390x',
          machine: 's390-ccw-virtio',
          accel: 'tcg',
          check: [
            { path: '/sys/module/kvm/parameters/nested', value: '1' },
            { path: '/proc/sys/x', value: 'Y' },
          ],
          disabledIf: '[[ "$TARGET" != qemu ]]',
          timeoutSec: 120,
          line: 9,
          keyLines: {
            file: 10,
            smp: 11,
            test_args: 12,
            qemu_params: 13,
            kvmtool_params: 14,
            groups: 15,
            arch: 16,
            machine: 17,
            accel: 18,
            check: 19,
            disabled_if: 20,
            timeout: 21,
          },
        }),
        base({
          name: 'alias-and-quotes',
          file: 'alias.elf',
          qemuParams: '-m 1024M',
          testArgs: 'quoted args',
          accel: 'kvm',
          timeoutSec: 30,
          line: 24,
          keyLines: { file: 25, qemu_params: 26, test_args: 27, accel: 28, timeout: 29 },
        }),
        base({
          name: 'max-smp',
          file: 'smp.elf',
          smp: '$((($MAX_SMP < 8)?$MAX_SMP:8))',
          groups: ['smp'],
          line: 31,
          keyLines: { file: 32, smp: 33, groups: 34 },
        }),
        base({
          name: 'multi-line',
          file: 'topo.elf',
          testArgs: '-sockets 2',
          qemuParams:
            '-cpu max -smp cpus=1,sockets=2,cores=2,maxcpus=4 -device max-s390x-cpu,core-id=3 -device max-s390x-cpu,core-id=2 -m 256',
          timeoutSec: 0.5,
          line: 36,
          keyLines: { file: 37, test_args: 38, qemu_params: 39, timeout: 44 },
        }),
      ],
    })
  })

  it('tolerates CRLF line ends, including inside a """ value', () => {
    const cat = parseUnittestsCfg(fixture('crlf.cfg'), 'crlf.cfg')
    expect(cat.tests.map((t) => [t.name, t.file, t.qemuParams, t.line])).toEqual([
      ['crlf', 'crlf.elf', '-m 512 -smp 2', 1],
      ['second', 'b.elf', '', 6],
    ])
  })

  it('accepts an empty file and a comment-only file', () => {
    expect(parseUnittestsCfg('', 'e.cfg')).toEqual({ source: 'e.cfg', tests: [] })
    expect(parseUnittestsCfg('# nothing\n\n   # here\n', 'c.cfg')).toEqual({ source: 'c.cfg', tests: [] })
  })

  it('keeps a one-line """ value and joins backslash-newlines without inserting spaces', () => {
    const cat = parseUnittestsCfg('[a]\nfile = a.elf\nqemu_params = """-m 1G"""\n[b]\nfile=b.elf\nqemu_params="""-de\\\nvice x\n"""\n', 't.cfg')
    expect(cat.tests.map((t) => t.qemuParams)).toEqual(['-m 1G', '-device x'])
  })

  it('treats empty values as unset, as run_tests.sh does', () => {
    const cat = parseUnittestsCfg('[a]\nfile = a.elf\ntimeout =\naccel=\ngroups =\narch = \nsmp =\ndisabled_if =\n', 'e.cfg')
    expect(cat.tests).toEqual([base({ name: 'a', file: 'a.elf', keyLines: { file: 2, timeout: 3, accel: 4, groups: 5, arch: 6, smp: 7, disabled_if: 8 } })])
  })

  const bad: [string, string, { line: number; key: string | null; message: string }][] = [
    ['unknown key', '[a]\nfile = a.elf\nsmpp = 2\n', { line: 3, key: 'smpp', message: "u.cfg:3: unknown key 'smpp'" }],
    [
      'duplicate section',
      '[a]\nfile = a.elf\n\n[a]\nfile = b.elf\n',
      { line: 4, key: null, message: "u.cfg:4: duplicate section '[a]' (first defined on line 1)" },
    ],
    [
      'key outside a section',
      '# header\nfile = a.elf\n[a]\n',
      { line: 2, key: 'file', message: "u.cfg:2: key 'file' outside of a [test] section" },
    ],
    [
      'missing file',
      '[a]\nsmp = 2\n[b]\nfile = b.elf\n',
      { line: 1, key: 'file', message: "u.cfg:1: test 'a' has no 'file' key (the kernel to run)" },
    ],
    [
      'empty file value',
      '[a]\nfile =\n',
      { line: 2, key: 'file', message: "u.cfg:2: test 'a' has no 'file' key (the kernel to run)" },
    ],
    [
      'bad timeout',
      '[a]\nfile = a.elf\ntimeout = 5 min\n',
      { line: 3, key: 'timeout', message: "u.cfg:3: bad timeout '5 min' (expected seconds, optionally with suffix s, m, h or d)" },
    ],
    [
      'negative timeout',
      '[a]\nfile = a.elf\ntimeout = -5\n',
      { line: 3, key: 'timeout', message: "u.cfg:3: bad timeout '-5' (expected seconds, optionally with suffix s, m, h or d)" },
    ],
    [
      'unterminated """',
      '[a]\nfile = a.elf\nqemu_params = """-m 1G \\\n-smp 2\n',
      { line: 3, key: 'qemu_params', message: `u.cfg:3: unterminated """ value of 'qemu_params' (opened here)` },
    ],
    ['bad accel', '[a]\nfile = a.elf\naccel = xen\n', { line: 3, key: 'accel', message: "u.cfg:3: bad accel 'xen' (expected kvm or tcg)" }],
    [
      'duplicate key',
      '[a]\nfile = a.elf\nfile = b.elf\n',
      { line: 3, key: 'file', message: "u.cfg:3: duplicate key 'file' in [a] (already set on line 2)" },
    ],
    [
      'qemu_params and its alias',
      '[a]\nfile = a.elf\nqemu_params = -m 1G\nextra_params = -m 2G\n',
      { line: 4, key: 'extra_params', message: "u.cfg:4: duplicate key 'extra_params' in [a] (already set (as 'qemu_params') on line 3)" },
    ],
    [
      'garbage line',
      '[a]\nfile = a.elf\nthis is not a key\n',
      { line: 3, key: null, message: "u.cfg:3: expected '[name]', 'key = value' or a '#' comment, got 'this is not a key'" },
    ],
    ['empty section name', '[]\nfile = a.elf\n', { line: 1, key: null, message: 'u.cfg:1: empty test name in section header' }],
    ['name with spaces', '[a b]\nfile = a.elf\n', { line: 1, key: null, message: "u.cfg:1: test name 'a b' contains whitespace" }],
    [
      'bad smp',
      '[a]\nfile = a.elf\nsmp = two\n',
      { line: 3, key: 'smp', message: "u.cfg:3: bad smp 'two': expected a CPU count, $MAX_SMP or $((arithmetic over $MAX_SMP))" },
    ],
    ['zero smp', '[a]\nfile = a.elf\nsmp = 0\n', { line: 3, key: 'smp', message: "u.cfg:3: bad smp '0': evaluates to 0, expected at least 1" }],
    [
      'bad check',
      '[a]\nfile = a.elf\ncheck = /sys/x\n',
      { line: 3, key: 'check', message: "u.cfg:3: bad check '/sys/x' (expected path=value)" },
    ],
    [
      'unterminated quote in test_args',
      "[a]\nfile = a.elf\ntest_args = 'abc\n",
      { line: 3, key: 'test_args', message: "u.cfg:3: bad test_args ''abc': unterminated single quote" },
    ],
    [
      'command substitution in qemu_params',
      '[a]\nfile = a.elf\nextra_params = -m `echo 1G`\n',
      { line: 3, key: 'extra_params', message: "u.cfg:3: bad extra_params '-m `echo 1G`': shell expansion '`echo 1G`' is not supported" },
    ],
  ]
  it.each(bad)('rejects %s with file, line and key', (_what, text, want) => {
    let err: unknown
    try {
      parseUnittestsCfg(text, 'u.cfg')
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(CatalogParseError)
    const e = err as CatalogParseError
    expect({ name: e.name, file: e.file, line: e.line, key: e.key, message: e.message }).toEqual({ name: 'CatalogParseError', file: 'u.cfg', ...want })
  })
})

describe('resolveSmp', () => {
  const cases: [string, number, number][] = [
    ['1', 64, 1],
    ['4', 64, 4],
    ['$MAX_SMP', 6, 6],
    ['${MAX_SMP}', 3, 3],
    ['$((($MAX_SMP < 8)?$MAX_SMP:8))', 4, 4],
    ['$((($MAX_SMP < 8)?$MAX_SMP:8))', 32, 8],
    ['$(($MAX_SMP / 2 + 1))', 6, 4],
    ['$(($MAX_SMP > 2 && $MAX_SMP <= 4 ? 2 : 1))', 4, 2],
  ]
  it.each(cases)('%s with MAX_SMP=%i is %i', (expr, max, want) => expect(resolveSmp(expr, max)).toBe(want))

  const bad: [string, string][] = [
    ['$((MAX_SMP / 0))', 'division by zero'],
    ['$(($MAX_SMP <))', 'unexpected end of expression'],
    ['$((($MAX_SMP + 1))', "expected ')' at 'end'"],
    ['$(( 2 3 ))', "unexpected '3'"],
    ['$NPROC', 'expected a CPU count, $MAX_SMP or $((arithmetic over $MAX_SMP))'],
    ['$(($MAX_SMP - 8))', 'evaluates to -4, expected at least 1'],
  ]
  it.each(bad)('rejects %s', (expr, message) => expect(() => resolveSmp(expr, 4)).toThrow(message))
})

describe('parseQemuParams', () => {
  const cases: [string, Partial<CatalogTest>, number | undefined, { smp: number; maxCpus: number; memMiB: number }][] = [
    ['defaults', {}, undefined, { smp: 1, maxCpus: 1, memMiB: 128 }],
    ['smp key', { smp: '2' }, undefined, { smp: 2, maxCpus: 2, memMiB: 128 }],
    ['$MAX_SMP', { smp: '$MAX_SMP' }, 5, { smp: 5, maxCpus: 5, memMiB: 128 }],
    ['-m in GiB', { qemuParams: '-m 3G' }, undefined, { smp: 1, maxCpus: 1, memMiB: 3072 }],
    ['-m without unit is MiB', { qemuParams: '-m 2200' }, undefined, { smp: 1, maxCpus: 1, memMiB: 2200 }],
    ['-m with M', { qemuParams: '-m 1024M' }, undefined, { smp: 1, maxCpus: 1, memMiB: 1024 }],
    ['-m size= with more keys', { qemuParams: '-m size=2g,slots=2,maxmem=4G' }, undefined, { smp: 1, maxCpus: 1, memMiB: 2048 }],
    ['-m fractional G', { qemuParams: '--m 1.5G' }, undefined, { smp: 1, maxCpus: 1, memMiB: 1536 }],
    ['last -m wins', { qemuParams: '-m 1G -m 512' }, undefined, { smp: 1, maxCpus: 1, memMiB: 512 }],
    ['-smp N,maxcpus', { qemuParams: '-smp 1,maxcpus=8' }, undefined, { smp: 1, maxCpus: 8, memMiB: 128 }],
    ['-smp cpus=', { smp: '2', qemuParams: '-smp cpus=3,sockets=2,cores=2,maxcpus=4' }, undefined, { smp: 3, maxCpus: 4, memMiB: 128 }],
    [
      'topology without cpus keeps the smp key (QEMU merges -smp)',
      { smp: '2', qemuParams: '-cpu max,ctop=on -smp sockets=31,cores=8,maxcpus=248' },
      undefined,
      { smp: 2, maxCpus: 248, memMiB: 128 },
    ],
    ['quoted words', { qemuParams: "-name 'a b' -smp '2'" }, undefined, { smp: 2, maxCpus: 2, memMiB: 128 }],
  ]
  it.each(cases)('%s', (_what, over, maxSmp, want) => expect(parseQemuParams(base(over), { maxSmp })).toEqual(want))

  it('handles every test of a real-world shaped multi-line catalog', () => {
    const cat = parseUnittestsCfg(fixture('all-keys.cfg'), 'all-keys.cfg')
    expect(cat.tests.map((t) => parseQemuParams(t, { maxSmp: 16 }))).toEqual([
      { smp: 1, maxCpus: 1, memMiB: 128 },
      { smp: 4, maxCpus: 8, memMiB: 2048 },
      { smp: 1, maxCpus: 1, memMiB: 1024 },
      { smp: 8, maxCpus: 8, memMiB: 128 },
      { smp: 1, maxCpus: 4, memMiB: 256 },
    ])
  })

  const bad: [Partial<CatalogTest>, string][] = [
    [{ qemuParams: '-m 3X' }, "test 'x': qemu_params: bad -m '3X' (expected a size such as 1024, 1024M or 3G)"],
    [{ qemuParams: '-m' }, "test 'x': qemu_params: -m without a value"],
    [{ qemuParams: '-m 0' }, "test 'x': qemu_params: bad -m '0': 0 MiB is not a whole number of MiB ≥ 1"],
    [{ qemuParams: '-m 100K' }, "test 'x': qemu_params: bad -m '100K': 0.09765625 MiB is not a whole number of MiB ≥ 1"],
    [{ qemuParams: '-m slots=2' }, "test 'x': qemu_params: bad -m 'slots=2' (expected a size such as 1024, 1024M or 3G)"],
    [{ qemuParams: '-smp two' }, "test 'x': qemu_params: bad -smp 'two': 'cpus' is not a number"],
    [{ qemuParams: '-smp 2,cpuz=3' }, "test 'x': qemu_params: bad -smp '2,cpuz=3': unknown key 'cpuz'"],
    [{ qemuParams: '-smp 2,4' }, "test 'x': qemu_params: bad -smp '2,4': '4' is not key=value"],
    [{ qemuParams: '-smp 4,maxcpus=2' }, "test 'x': qemu_params: -smp: cpus 4 exceeds maxcpus 2"],
    [{ qemuParams: '-smp cpus=0' }, "test 'x': qemu_params: -smp cpus=0: need at least 1 CPU"],
    [{ qemuParams: '-m "1G' }, "test 'x': qemu_params: unterminated double quote"],
    [{ smp: 'lots' }, "test 'x': smp: bad smp 'lots': expected a CPU count, $MAX_SMP or $((arithmetic over $MAX_SMP))"],
  ]
  it.each(bad)('rejects %j', (over, message) => {
    const run = (): unknown => parseQemuParams(base(over))
    expect(run).toThrow(TestParamsError)
    expect(run).toThrow(message)
  })
})

describe('splitShellWords', () => {
  const cases: [string, string[]][] = [
    ['', []],
    ['  a  b\tc ', ['a', 'b', 'c']],
    [`'a b' "c d" e\\ f`, ['a b', 'c d', 'e f']],
    [`x'y'"z"`, ['xyz']],
    [`"a \\"q\\" \\$ \\\\"`, ['a "q" $ \\']],
    ['a\\\nb c', ['ab', 'c']],
    ["''", ['']],
    ['-m 1G # comment here\n-smp 2', ['-m', '1G', '-smp', '2']],
    ['a$ b%', ['a$', 'b%']],
  ]
  it.each(cases)('%j', (text, want) => expect(splitShellWords(text)).toEqual(want))

  const bad: [string, string][] = [
    ["'open", 'unterminated single quote'],
    ['"open', 'unterminated double quote'],
    ['$(date)', "shell expansion '$(date)' is not supported"],
    ['"$HOME"', "shell expansion '$HOME\"' is not supported"],
    ['a; b', "shell operator ';' is not supported"],
  ]
  it.each(bad)('rejects %j', (text, message) => {
    expect(() => splitShellWords(text)).toThrow(ShellWordsError)
    expect(() => splitShellWords(text)).toThrow(message)
  })
})

describe('parseUnittestsCfg on generated catalogs', () => {
  // Small deterministic PRNG (mulberry32) so a failure reproduces.
  const rng = (seed: number): (() => number) => () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  it('reads back 200 random tests written with random spacing, quoting, comments and line ends', () => {
    const r = rng(42)
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T
    const eq = (): string => pick([' = ', '=', ' =', '= ', '  =\t'])
    const quote = (v: string): string => pick([v, `'${v}'`, `"${v}"`])
    const nl = pick(['\n', '\r\n'])
    const text: string[] = []
    const want: CatalogTest[] = []
    let line = 0
    const emit = (s: string): number => (text.push(s), ++line)
    for (let i = 0; i < 200; i++) {
      if (r() < 0.3) emit(pick(['# comment', '', '   ', '\t# indented comment']))
      const t = base({ name: `t-${i}_x`, file: `k${i}.elf`, keyLines: {} })
      t.line = emit(`[${t.name}]`)
      const keys: (() => void)[] = [
        () => (t.keyLines!.file = emit(`file${eq()}${quote(t.file)}`)),
        () => {
          t.smp = String(1 + Math.floor(r() * 8))
          t.keyLines!.smp = emit(`smp${eq()}${t.smp}`)
        },
        () => {
          t.testArgs = pick(['a b', '-x 1', 'mem=64'])
          t.keyLines!.test_args = emit(`test_args${eq()}${quote(t.testArgs)}`)
        },
        () => {
          t.qemuParams = pick(['-m 1G', '-smp 1,maxcpus=4', '-device virtio-net-ccw -m 2200'])
          t.keyLines!.qemu_params = emit(`${pick(['qemu_params', 'extra_params'])}${eq()}${t.qemuParams}`)
        },
        () => {
          t.groups = pick([['a'], ['a', 'b'], ['nodefault', 'slow']])
          t.keyLines!.groups = emit(`groups${eq()}${quote(t.groups.join(' '))}`)
        },
        () => {
          t.accel = pick(['kvm', 'tcg'])
          t.keyLines!.accel = emit(`accel${eq()}${quote(t.accel)}`)
        },
        () => {
          const secs = 1 + Math.floor(r() * 600)
          t.timeoutSec = secs
          t.keyLines!.timeout = emit(`timeout${eq()}${pick([`${secs}`, `${secs}s`])}`)
        },
      ]
      const order = keys.map((k) => ({ k, o: r() })).sort((a, b) => a.o - b.o)
      for (const { k } of order) if (k === keys[0] || r() < 0.5) k()
      want.push(t)
    }
    expect(parseUnittestsCfg(text.join(nl) + nl, 'gen.cfg')).toEqual({ source: 'gen.cfg', tests: want })
  })
})
