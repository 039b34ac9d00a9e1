// Issue 14 item 4: one error model. The kind of an error alone decides the CLI exit code, the HTTP status and the
// Reply code, from one table; every error class we throw derives from LabError and declares its kind.
import { describe, expect, it } from 'vitest'
import { ERROR_KINDS, LabError, errorKindOf, errorKindOfReplyCode, errorReportOf } from '@core/domain/errors'
import { LabRemoteError, toReplyError } from '@core/api/reply'
import { parseUnittestsCfg } from '@core/domain/catalog'
import { parseSide } from '@core/domain/side'
import { EXIT } from '@main/cli/args'
import { DuplicateNameError, NotFoundError } from '@main/db/errors'
import { InvalidInputError } from '@main/service/validate'
import { SshError } from '@main/targets/ssh'
import { herculesSettings } from '@main/targets/hercules'
import { zvmSettings } from '@main/targets/zvm'
import { HmcProtocolError, HmcUnreachableError } from '@main/targets/hmc'
import { EmulatorWorkerMissingError } from '@main/runner/emulator-pool'
import { boot, configFrom } from '@core/emulator/boot'
import { EmulatorError } from '@core/emulator/cpu/exceptions'
import { buildReaderDeck } from '@core/emulator/ipl/reader-deck'
import { Storage } from '@core/emulator/mem/storage'

const thrown = (fn: () => unknown): unknown => {
  try {
    fn()
  } catch (e) {
    return e
  }
  throw new Error('expected a throw')
}

describe('the error kind table', () => {
  it('maps each kind to the README exit code, an HTTP status and a Reply code', () => {
    expect(ERROR_KINDS).toEqual({
      input: { exit: EXIT.USAGE, http: 400, reply: 'EINVAL' },
      'not-found': { exit: EXIT.ERROR, http: 404, reply: 'ENOTFOUND' },
      conflict: { exit: EXIT.ERROR, http: 409, reply: 'ECONFLICT' },
      config: { exit: EXIT.ERROR, http: 422, reply: 'ECONFIG' },
      infra: { exit: EXIT.ERROR, http: 502, reply: 'EINFRA' },
      bug: { exit: EXIT.ERROR, http: 500, reply: 'EBUG' },
    })
  })

  it('gives a representative error of each kind its exit code, HTTP status and Reply code', () => {
    const samples = [
      new InvalidInputError('plan.envs', 'at least one environment is required'),
      thrown(() => parseSide('run:x')),
      new NotFoundError('run', 77),
      new DuplicateNameError('environment', 'tcg'),
      thrown(() => parseUnittestsCfg('[t]\nfile = t.elf\nsmpp = 2\n', 'unittests.cfg')),
      thrown(() => zvmSettings({ name: 'z', config: { guest: 'NOT A USERID' } })),
      thrown(() => herculesSettings({ name: 'h', config: { cpuModel: 'z16' } })),
      new SshError('ssh root@127.0.0.1:22: connection refused'),
      Object.assign(new Error("ENOENT: no such file or directory, open '/nope'"), { code: 'ENOENT', syscall: 'open' }),
      new TypeError("Cannot read properties of undefined (reading 'id')"),
    ]
    expect(samples.map((e) => [(e as Error).name, errorKindOf(e), errorReportOf(e).exit, errorReportOf(e).http, toReplyError(e).code])).toEqual([
      ['InvalidInputError', 'input', 2, 400, 'EINVAL'],
      ['SideSyntaxError', 'input', 2, 400, 'EINVAL'],
      ['NotFoundError', 'not-found', 3, 404, 'ENOTFOUND'],
      ['DuplicateNameError', 'conflict', 3, 409, 'ECONFLICT'],
      ['CatalogParseError', 'config', 3, 422, 'ECONFIG'],
      ['ZvmConfigError', 'config', 3, 422, 'ECONFIG'],
      ['HerculesConfigError', 'config', 3, 422, 'ECONFIG'],
      ['SshError', 'infra', 3, 502, 'EINFRA'],
      ['Error', 'infra', 3, 502, 'EINFRA'],
      ['TypeError', 'bug', 3, 500, 'EBUG'],
    ])
    expect(samples.slice(0, 8).every((e) => e instanceof LabError)).toBe(true)
  })

  it('rebuilds a Reply error with the kind its code names, and passes the code on unchanged', () => {
    const remote = new LabRemoteError({ name: 'NotFoundError', message: 'run 77 not found', code: 'ENOTFOUND' })
    const foreign = new LabRemoteError({ name: 'UntrustedSenderError', message: 'refused', code: 'EPERM' })
    expect([remote.kind, errorReportOf(remote).exit, toReplyError(remote), foreign.kind, toReplyError(foreign).code]).toEqual([
      'not-found',
      3,
      { name: 'NotFoundError', message: 'run 77 not found', code: 'ENOTFOUND' },
      'bug',
      'EPERM',
    ])
    expect(Object.values(ERROR_KINDS).map((r) => errorKindOfReplyCode(r.reply))).toEqual(Object.keys(ERROR_KINDS))
  })

  it('gives emulator and infrastructure failures their kind (issue 14 item 5)', () => {
    const elfHeader = new Uint8Array(64)
    elfHeader.set([0x7f, 0x45, 0x4c, 0x46, 1, 2])
    const samples = [
      thrown(() => boot(elfHeader, 'k.elf', {})),
      thrown(() => buildReaderDeck(elfHeader, { name: 'k.elf' })),
      thrown(() => configFrom({ smp: 0 })),
      thrown(() => new Storage(1000)),
      new HmcUnreachableError('HMC GET /api/version: connection refused by hmc:6794'),
      new HmcProtocolError('HMC POST /api/sessions: no api-session in the answer'),
      new EmulatorWorkerMissingError('the compiled emulator worker out/worker/emulator-worker.js is missing'),
      new EmulatorError('JIT: block at 0x1000 does not compile'),
    ]
    expect(samples.map((e) => [(e as Error).name, errorKindOf(e), errorReportOf(e).exit, errorReportOf(e).http])).toEqual([
      ['ImageFormatError', 'input', 2, 400],
      ['ReaderDeckError', 'input', 2, 400],
      ['BootOptionError', 'config', 3, 422],
      ['StorageConfigError', 'config', 3, 422],
      ['HmcUnreachableError', 'infra', 3, 502],
      ['HmcProtocolError', 'infra', 3, 502],
      ['EmulatorWorkerMissingError', 'infra', 3, 502],
      ['EmulatorError', 'bug', 3, 500],
    ])
    expect(samples.every((e) => e instanceof LabError)).toBe(true)
  })

  it('keeps messages that name the input', () => {
    expect([
      (thrown(() => zvmSettings({ name: 'z', config: { guest: 'NOT A USERID' } })) as Error).message,
      (thrown(() => herculesSettings({ name: 'h', config: { cpuModel: 'z16' } })) as Error).message,
    ]).toEqual([
      `environment 'z': 'guest' must be a z/VM userid (1-8 of A-Z 0-9 $ # @), got "NOT A USERID"`,
      `environment 'h': 'cpuModel' must be 4 hex digits (machine type, e.g. 2964) (got "z16")`,
    ])
  })
})
