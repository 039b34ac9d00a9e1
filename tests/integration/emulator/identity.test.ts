// The identity the built-in emulator reports through STSI: its own name by default (kernels take a real machine's
// paths), QEMU 7.2 TCG's answers on request; our selftest kernel prints what it read, pgm passes either way.
import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { boot, BootOptionError } from '@core/emulator/boot'

const KERNELS = fileURLToPath(new URL('../../../resources/kernels/', import.meta.url))

function run(file: string, o: { args?: string; identity?: string }): string {
  const m = boot(readFileSync(KERNELS + file), file, { args: o.args ?? '', identity: o.identity })
  let out = ''
  m.onConsole = (s) => void (out += s)
  while (m.ended === null) m.run(1_000_000)
  return out
}
const lines = (out: string, re: RegExp): string[] => out.split('\n').filter((l) => re.test(l))

describe('STSI identity', () => {
  it('names itself LABCON by default and QEMU with identity qemu-tcg', () => {
    expect(lines(run('selftest.elf', { args: 'test 123 mem=128' }), /^INFO: .*manufacturer/)).toEqual(["INFO: selftest: stsi: manufacturer 'LABCON' type '8561' model '' sequence 'LABCON'"])
    expect(lines(run('selftest.elf', { args: 'test 123 mem=128', identity: 'qemu-tcg' }), /^INFO: .*manufacturer/)).toEqual(["INFO: selftest: stsi: manufacturer 'QEMU' type '8561' model '' sequence 'LABCON'"])
  })

  it('pgm passes on both paths: strict (labcon) and TCG (qemu-tcg), with no KFAIL', () => {
    const summary = (id: string): string[] => lines(run('pgm.elf', { identity: id }), /^(SUMMARY|KFAIL|FAIL)/)
    expect({ labcon: summary('labcon'), tcg: summary('qemu-tcg') }).toEqual({ labcon: ['SUMMARY: 57 tests'], tcg: ['SUMMARY: 57 tests'] })
  })

  it('refuses an unknown identity, naming it', () => {
    expect(() => boot(new Uint8Array(0), 'x.elf', { identity: 'kvm' })).toThrow(new BootOptionError("identity 'kvm': expected labcon or qemu-tcg"))
  })
})
