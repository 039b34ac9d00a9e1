// labcon end to end: the real entry (node src-main/cli/labcon.cjs, package.json's bin) with a temporary database, real qemu-system-s390x
// and our kernels. Import, run --json, results, compare as a CI gate, TAP/JUnit export, bad inputs and exit codes.
import { spawn, spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROOT, kernelCopy, processesMentioning, tempDbDir } from '../runner/fixture'

const ENTRY = join(ROOT, 'src-main', 'cli', 'labcon.cjs')
/** The entry's former name, kept for scripts that call it. */
const MJS_ENTRY = join(ROOT, 'src-main', 'cli', 'labcon.mjs')

interface Ran {
  code: number | null
  stdout: string
  stderr: string
}

let db: string
let dbDir: string
let kernels: string
const cleanups: (() => void)[] = []

function labcon(args: string[], opts: { env?: NodeJS.ProcessEnv; onStderr?: (text: string, kill: (sig: NodeJS.Signals) => void) => void; noDb?: boolean; entry?: string } = {}): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const argv = opts.noDb ? args : [...args, '--db', db]
    const child = spawn(process.execPath, [opts.entry ?? ENTRY, ...argv], { cwd: ROOT, env: { ...process.env, TIMEOUT: '', ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString()
      opts.onStderr?.(stderr, (sig) => child.kill(sig))
    })
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

beforeAll(() => {
  const d = tempDbDir()
  db = d.db
  dbDir = d.dir
  const k = kernelCopy()
  kernels = k.dir
  cleanups.push(d.cleanup, k.cleanup)
})
afterAll(() => cleanups.forEach((c) => c()))

/** Minimal XML well-formedness check: one root, every tag closed in order, attributes quoted, entities known. */
function assertWellFormedXml(xml: string): void {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '')
  const stack: string[] = []
  let roots = 0
  const tag = /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>|<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->/g
  let last = 0
  for (const m of body.matchAll(tag)) {
    const text = body.slice(last, m.index)
    if (/[<>]/.test(text.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, ''))) throw new Error(`stray markup near offset ${m.index}: ${text.slice(0, 80)}`)
    if (/&(?!(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(text)) throw new Error(`bad entity near offset ${m.index}`)
    last = (m.index as number) + m[0].length
    if (m[2] === undefined) continue
    if (stack.length === 0) roots++
    if (m[1] === '/') {
      const open = stack.pop()
      if (open !== m[2]) throw new Error(`</${m[2]}> closes <${open}>`)
    } else if (m[4] !== '/') stack.push(m[2])
  }
  if (body.slice(last).trim() !== '') throw new Error(`text after the root: ${body.slice(last, last + 80)}`)
  if (stack.length > 0) throw new Error(`unclosed <${stack.join('>, <')}>`)
  if (roots !== 1) throw new Error(`${roots} root elements`)
}

describe('labcon CLI', () => {
  let failingRun = 0
  let passingRun = 0

  it('imports a catalog directory and lists the default environments', async () => {
    const imp = await labcon(['import', kernels])
    expect(imp.code).toBe(0)
    expect(imp.stdout).toMatch(new RegExp(`^catalog 1 'labcon-kernels-\\w+': \\d+ tests from ${kernels}\\n$`))
    const envs = await labcon(['env', 'list', '--json'])
    expect(envs.code).toBe(0)
    const list = JSON.parse(envs.stdout) as { name: string; kind: string; level: string }[]
    expect(list.map((e) => [e.name, e.kind])).toEqual([
      ['builtin', 'builtin'],
      ['tcg', 'qemu-tcg'],
    ])
    expect(list[1]?.level).toMatch(/^QEMU \d+\.\d+\.\d+/)
  })

  it('run --json prints the results, progress goes to stderr, exit 1 on a failing test', async () => {
    // -j 1: results in catalog order, so the TAP numbering below is deterministic.
    const r = await labcon(['run', '--catalog', kernels, '--env', 'tcg', '--test', 'selftest,fail', '-j', '1', '--json'])
    expect(r.code).toBe(1)
    const out = JSON.parse(r.stdout) as { runId: number; results: { test: string; env: string; verdict: string; durationMs: number; summary: unknown; subtests: { status: string; name: string }[] }[] }
    failingRun = out.runId
    expect(out.results.map((x) => ({ test: x.test, env: x.env, verdict: x.verdict, summary: x.summary, statuses: x.subtests.map((s) => s.status) }))).toEqual([
      { test: 'selftest', env: 'tcg', verdict: 'PASS', summary: expect.objectContaining({ unexpectedFailures: 0 }), statuses: expect.arrayContaining(['PASS']) },
      {
        test: 'fail',
        env: 'tcg',
        verdict: 'FAIL',
        summary: { tests: 5, unexpectedFailures: 1, knownFailures: 1, expectedFailures: 1, skipped: 1 },
        statuses: ['PASS', 'FAIL', 'XFAIL', 'KFAIL', 'SKIP', 'INFO'],
      },
    ])
    expect(out.results.every((x) => typeof x.durationMs === 'number' && x.durationMs > 0)).toBe(true)
    expect(r.stderr).toContain(`run ${out.runId}:`)
    expect(r.stderr).toMatch(/\[2\/2\] FAIL\s+fail \[tcg\]/)
  })

  it('exit 0 when nothing fails; results --run shows the stored run', async () => {
    const r = await labcon(['run', '--catalog', kernels, '--env', 'tcg', '-t', 'selftest', '--json'])
    expect(r.code).toBe(0)
    passingRun = (JSON.parse(r.stdout) as { runId: number }).runId
    const res = await labcon(['results', '--run', String(failingRun), '--json'])
    expect(res.code).toBe(1)
    expect((JSON.parse(res.stdout) as { results: { test: string; verdict: string }[] }).results.map((x) => `${x.test}:${x.verdict}`)).toEqual(['selftest:PASS', 'fail:FAIL'])
    const runs = JSON.parse((await labcon(['runs', '--json', '--limit', '2'])).stdout) as { id: number; state: string; verdicts: Record<string, number> }[]
    expect(runs.map((x) => [x.id, x.state, x.verdicts])).toEqual([
      [passingRun, 'done', { PASS: 1 }],
      [failingRun, 'done', { PASS: 1, FAIL: 1 }],
    ])
    const text = await labcon(['results', '--run', String(passingRun)])
    expect(text.code).toBe(0)
    expect(text.stdout).toMatch(new RegExp(`run ${passingRun} done: 1 PASS\\n$`))
  })

  it('compare is a CI gate: exit 0 without regressions, exit 1 when a passing test starts failing', async () => {
    const same = await labcon(['compare', `run:${failingRun}`, 'env:tcg', '--json'])
    expect(same.code).toBe(0)
    // Same catalog source, test 'flip' first bound to a passing kernel, then to the failing one.
    const dir = kernelCopy('[flip]\nfile = selftest.elf\nqemu_params = -m 256\ntest_args = test 123 mem=256\n')
    cleanups.push(dir.cleanup)
    const before = await labcon(['run', '--catalog', dir.dir, '--env', 'tcg', '--json'])
    writeFileSync(join(dir.dir, 'unittests.cfg'), '[flip]\nfile = fail.elf\n')
    const after = await labcon(['run', '--catalog', dir.dir, '--env', 'tcg', '--json'])
    const [a, b] = [before, after].map((x) => (JSON.parse(x.stdout) as { runId: number }).runId)
    const cmp = await labcon(['compare', `run:${a}`, `run:${b}`])
    expect(cmp.code).toBe(1)
    expect(cmp.stdout).toMatch(/^tests: +1 regression$/m)
    const json = JSON.parse((await labcon(['compare', `run:${a}`, `run:${b}`, '--json'])).stdout) as { tests: Record<string, number> }
    expect(json.tests['regression']).toBe(1)
    const back = await labcon(['compare', `run:${b}`, `run:${a}`])
    expect(back.code).toBe(0)
    expect(back.stdout).toMatch(/^tests: +1 fixed$/m)
  })

  it('exports TAP 13 and well-formed JUnit XML', async () => {
    const tap = await labcon(['export', '--run', String(failingRun), '--format', 'tap'])
    expect(tap.code).toBe(0)
    const lines = tap.stdout.split('\n')
    expect(lines.slice(0, 2)).toEqual(['TAP version 13', '1..2'])
    expect(lines.filter((l) => /^(not )?ok \d+ /.test(l))).toEqual(['ok 1 - selftest [tcg]', 'not ok 2 - fail [tcg]'])
    expect(tap.stdout).toContain('# TODO XFAIL')
    expect(tap.stdout).toContain('# TODO KFAIL')
    const out = join(dbDir, 'junit.xml')
    const junit = await labcon(['export', '--run', String(failingRun), '--format', 'junit', '--out', out])
    expect(junit.code).toBe(0)
    const xml = readFileSync(out, 'utf8')
    expect(() => assertWellFormedXml(xml)).not.toThrow()
    expect(xml).toMatch(/<testsuites [^>]*failures="[1-9]/)
  })

  // After the compare tests: env:tcg sides would see these results too.
  it('prints results in plan order, not in the order they finished', async () => {
    const k = kernelCopy('[slow]\nfile = loop.elf\ntimeout = 4\n[fast]\nfile = selftest.elf\nqemu_params = -m 256\ntest_args = test 123 mem=256\n')
    cleanups.push(k.cleanup)
    const r = await labcon(['run', '--catalog', k.dir, '--env', 'tcg', '-j', '2', '--json'])
    expect(r.stderr).toMatch(/\[1\/2\] PASS\s+fast[\s\S]*\[2\/2\] TIMEOUT\s+slow/)
    expect((JSON.parse(r.stdout) as { results: { test: string }[] }).results.map((x) => x.test)).toEqual(['slow', 'fast'])
  })

  it('manages environments', async () => {
    const add = await labcon(['env', 'add', '--name', 'tcg-alt', '--kind', 'qemu-tcg', '--config', 'binary=/usr/bin/qemu-system-s390x', '--concurrency', '1'])
    expect([add.code, add.stdout]).toEqual([0, "environment 'tcg-alt' (qemu-tcg) added, concurrency 1\n"])
    const dup = await labcon(['env', 'add', '--name', 'tcg-alt', '--kind', 'qemu-tcg'])
    expect([dup.code, dup.stderr]).toEqual([3, "labcon env: DuplicateNameError: environment 'tcg-alt' already exists\n"])
    const check = await labcon(['env', 'check', 'tcg-alt'])
    expect(check.code).toBe(0)
    expect(check.stdout).toMatch(/^tcg-alt: ok, level QEMU \d/)
    const rm = await labcon(['env', 'remove', 'tcg-alt'])
    expect(rm.code).toBe(0)
    const list = JSON.parse((await labcon(['env', 'list', '--json'])).stdout) as { name: string }[]
    expect(list.map((e) => e.name)).toEqual(['builtin', 'tcg'])
  })

  it('rejects bad inputs with a clear message and exit code', async () => {
    const cases: [string[], number, string][] = [
      [['frobnicate'], 2, "labcon: unknown command 'frobnicate'"],
      [['run', '--catalog', kernels, '--env', 'tcg', '--bogus'], 2, "labcon run: unknown option '--bogus'"],
      [['run', '--env', 'tcg'], 2, 'labcon run: missing --catalog'],
      [['run', '--catalog', kernels, '--env', 'tcg', '--repeat', 'many'], 2, "labcon run: --repeat expects a whole number from 1 to 1000, got 'many'"],
      [['run', '--catalog', '/no/such/dir', '--env', 'tcg'], 3, 'labcon run: CatalogImportError: /no/such/dir: no such file or directory'],
      [['run', '--catalog', kernels, '--env', 'nowhere'], 3, "labcon run: NotFoundError: environment 'nowhere' not found (known: builtin, tcg)"],
      [['run', '--catalog', kernels, '--env', 'tcg', '--test', 'nosuch'], 3, "no test named 'nosuch'"],
      [['import', dbDir], 3, `labcon import: CatalogImportError: ${dbDir}: no unittests.cfg found`],
      [['results', '--run', '999'], 3, 'labcon results: NotFoundError: run 999 not found'],
      [['results'], 2, 'labcon results: missing --run <id>'],
      [['compare', 'run:1'], 2, 'labcon compare: needs two sides'],
      [['compare', 'run:x', 'env:tcg'], 2, "side 'run:x': run id 'x' is not a positive integer"],
      [['export', '--run', '1', '--format', 'html'], 2, "labcon export: --format 'html' is not one of tap, junit"],
      [['env', 'add', '--name', 'x', '--kind', 'mainframe'], 2, "labcon env add: --kind 'mainframe' is not one of"],
      [['env', 'add', '--name', 'bad name', '--kind', 'qemu-tcg'], 2, "InvalidInputError: input.name: invalid environment name \"bad name\""],
    ]
    for (const [args, code, message] of cases) {
      const r = await labcon(args)
      expect({ args, code: r.code, hasMessage: r.stderr.includes(message) ? true : r.stderr }).toEqual({ args, code, hasMessage: true })
    }
  })

  it('reports a catalog parse error with file and line', async () => {
    const bad = kernelCopy('[selftest]\nfile = selftest.elf\nsmpp = 2\n')
    cleanups.push(bad.cleanup)
    const r = await labcon(['import', bad.dir])
    expect(r.code).toBe(3)
    expect(r.stderr).toContain(`CatalogParseError: ${bad.dir}/unittests.cfg:3: unknown key 'smpp'`)
  })

  it('honours LABCON_DB and prints help', async () => {
    const env = { LABCON_DB: db }
    const r = await labcon(['env', 'list'], { env, noDb: true })
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^NAME +KIND +JOBS +LEVEL\nbuiltin/)
    for (const cmd of ['import', 'env', 'run', 'results', 'runs', 'compare', 'export', 'start']) {
      const h = await labcon([cmd, '--help'], { noDb: true })
      expect([cmd, h.code, h.stdout.startsWith('Usage: labcon')]).toEqual([cmd, 0, true])
    }
  })

  it('answers --help, help <command> and unknown commands the same through labcon.cjs and labcon.mjs', async () => {
    const commands = ['import', 'env', 'run', 'results', 'runs', 'compare', 'regressions', 'export', 'start', 'emu', 'db']
    const cases = [[], ['--help'], ['help'], ['-h', 'frob'], ['help', 'env'], ['--help', 'runs'], ['frob'], ['emu', '--bogus']]
    const summary = (r: Ran): unknown => ({ code: r.code, out: r.stdout.split('\n')[0], err: r.stderr.split('\n')[0] })
    const viaCjs = await Promise.all(cases.map((c) => labcon(c, { noDb: true })))
    const viaMjs = await Promise.all(cases.map((c) => labcon(c, { noDb: true, entry: MJS_ENTRY })))
    const main = { out: 'Usage: labcon <command> [options]', err: '' }
    expect(viaCjs.map(summary)).toEqual([
      { code: 2, ...main },
      { code: 0, ...main },
      { code: 0, ...main },
      { code: 0, ...main },
      { code: 0, out: 'Usage: labcon env list [--json]', err: '' },
      { code: 0, out: expect.stringMatching(/^Usage: labcon runs /), err: '' },
      { code: 2, out: '', err: `labcon: unknown command 'frob' (commands: ${commands.join(', ')})` },
      { code: 2, out: '', err: expect.stringMatching(/^labcon emu: Unknown option '--bogus'/) },
    ])
    expect(viaMjs.map((r) => [r.code, r.stdout, r.stderr])).toEqual(viaCjs.map((r) => [r.code, r.stdout, r.stderr]))
    for (const name of commands) expect(viaCjs[1]!.stdout).toContain(`\n  ${name} `)
  })

  it('ends quietly when the reader of its output goes away (labcon … | head)', () => {
    // The reader closes its end at once, so every write of labcon meets EPIPE: the help written without a stream and
    // a command's help written through process.stdout.
    for (const args of [['--help'], ['help', 'env']]) {
      const r = spawnSync('bash', ['-c', `"$0" "$1" ${args.join(' ')} | (exec 0<&-; sleep 1); echo "labcon exit \${PIPESTATUS[0]}"`, process.execPath, ENTRY], { cwd: ROOT, encoding: 'utf8' })
      expect([args, r.stdout, r.stderr]).toEqual([args, 'labcon exit 0\n', ''])
    }
  })

  it('a SIGKILLed labcon leaves no qemu behind; the run shows as interrupted with its unfinished tests', async () => {
    const loop = kernelCopy('[selftest]\nfile = selftest.elf\nqemu_params = -m 256\ntest_args = test 123 mem=256\n[loop]\nfile = loop.elf\ntimeout = 0\n')
    cleanups.push(loop.cleanup)
    let killed = false
    const r = await labcon(['run', '--catalog', loop.dir, '--env', 'tcg', '-j', '1'], {
      onStderr: (text, kill) => {
        if (!killed && /\[1\/2\] PASS/.test(text)) {
          killed = true
          setTimeout(() => kill('SIGKILL'), 500)
        }
      },
    })
    expect(r.code).toBe(null)
    await new Promise((res) => setTimeout(res, 300))
    expect(processesMentioning(loop.dir)).toEqual([])
    const runId = Number(/run (\d+):/.exec(r.stderr)?.[1])
    const after = await labcon(['results', '--run', String(runId), '--json'])
    const out = JSON.parse(after.stdout) as { state: string; results: { test: string; verdict: string }[]; unfinished: { test: string }[] }
    expect({ state: out.state, results: out.results.map((x) => `${x.test}:${x.verdict}`), unfinished: out.unfinished.map((u) => u.test) }).toEqual({
      state: 'interrupted',
      results: ['selftest:PASS'],
      unfinished: ['loop'],
    })
  })

  it('Ctrl-C stops the run: qemu killed, exit 130, the run recorded as cancelled', async () => {
    const loop = kernelCopy('[loop]\nfile = loop.elf\ntimeout = 0\n[after]\nfile = selftest.elf\n')
    cleanups.push(loop.cleanup)
    let sent = false
    const r = await labcon(['run', '--catalog', loop.dir, '--env', 'tcg', '-j', '1', '--json'], {
      onStderr: (text, kill) => {
        if (!sent && /run \d+:/.test(text)) {
          sent = true
          // Give qemu a moment to start before interrupting.
          setTimeout(() => kill('SIGINT'), 700)
        }
      },
    })
    expect(r.code).toBe(130)
    expect(processesMentioning(loop.dir)).toEqual([])
    const out = JSON.parse(r.stdout) as { state: string; results: { test: string; verdict: string }[]; unfinished: { test: string }[] }
    expect({ state: out.state, results: out.results.map((x) => `${x.test}:${x.verdict}`), unfinished: out.unfinished.map((u) => u.test) }).toEqual({
      state: 'cancelled',
      results: ['loop:CANCELLED'],
      unfinished: ['after'],
    })
  })
})
