// Issue 9 item 5 through the real `labcon env add`: secret-looking keys, unknown keys and broken simulator templates
// are refused when the environment is added (exit 2, the key named), not at run time; values are typed by the schema.
import { afterAll, describe, expect, it } from 'vitest'
import { tempDbDir } from '../runner/fixture'
import { labcon } from './labcon'

const t = tempDbDir()
afterAll(() => t.cleanup())
const add = (name: string, kind: string, ...config: string[]): ReturnType<typeof labcon> =>
  labcon(['env', 'add', '--name', name, '--kind', kind, ...config.flatMap((c) => ['--config', c]), '--db', t.db])

describe('labcon env add validates the config against the schema', () => {
  it.each([
    ['hmcPassword', ['url=https://hmc:6794', 'userid=ops', 'staging.host=s', 'hmcPassword=hunter2'], 'lpar-hmc', 'input.config.hmcPassword: secrets are never stored'],
    ['apiToken', ['command=["sim"]', 'apiToken=abc'], 'simulator', 'input.config.apiToken: secrets are never stored'],
    ['pw', ['host=h', 'pw=abc'], 'qemu-ssh', 'input.config.pw: secrets are never stored'],
    ['privateKey', ['host=h', 'privateKey=abc'], 'qemu-ssh', 'input.config.privateKey: secrets are never stored'],
    ['an unknown key', ['binray=/usr/bin/qemu'], 'qemu-tcg', 'input.config.binray: unknown key for qemu-tcg (allowed: binary, accel, accelTests)'],
    ['an unknown placeholder', ['command=["sim","{kernal}"]'], 'simulator', "input.config.command: environment 'bad': command: element 1 '{kernal}': unknown placeholder {kernal}"],
    ['an argv of numbers', ['command=[1,2]'], 'simulator', 'input.config.command: expected a non-empty array of strings (one element per argument), got "[1,2]"'],
    ['malformed JSON', ['command=["sim",'], 'simulator', 'input.config.command: is not valid JSON: '],
    ['a port out of range', ['host=h', 'port=70000'], 'qemu-ssh', 'input.config.port: expected a whole number from 1 to 65535, got 70000'],
  ])('refuses %s (exit 2, nothing stored)', async (_what, config, kind, message) => {
    const r = await add('bad', kind, ...config)
    expect({ code: r.code, starts: r.stderr.startsWith(`labcon env: InvalidInputError: ${message}`) ? 'as expected' : r.stderr }).toEqual({ code: 2, starts: 'as expected' })
  })

  it('nothing was stored by the refused adds; a valid one keeps typed values (cpuSerial=000001 stays text)', async () => {
    const ok = await add('herc', 'hercules', 'cpuSerial=000001', 'cpuModel=2964', 'port=2222', 'host=h', 'agent=true')
    expect([ok.code, ok.stderr]).toEqual([0, ''])
    const list = JSON.parse((await labcon(['env', 'list', '--json', '--db', t.db])).stdout) as { name: string; config: Record<string, unknown> }[]
    expect(list.filter((e) => !['builtin', 'tcg'].includes(e.name)).map((e) => [e.name, e.config])).toEqual([['herc', { cpuSerial: '000001', cpuModel: '2964', port: 2222, host: 'h', agent: true }]])
  })
})
