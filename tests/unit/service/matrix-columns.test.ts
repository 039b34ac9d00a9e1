// The matrix's column order, which the server's column windows count in and the console draws in: environments holding
// a cell, by level, then name, in English collation (not code units: 'emu 0.2.0' before 'QEMU 7.2.22').
import { describe, expect, it } from 'vitest'
import { matrixColumns } from '@main/service/views'

describe('matrix columns', () => {
  it('are the environments holding a cell, by level then name, case and accents second', () => {
    const env = (name: string, level: string) => ({ name, kind: 'qemu-tcg' as const, level })
    const envs = [env('tcg', 'QEMU 7.2.22'), env('Z15', 'emu 0.2.0'), env('builtin', 'emu 0.2.0'), env('idle', 'a'), env('kvm', 'QEMU 7.2.22')]
    expect(matrixColumns({ envs, withCells: ['tcg', 'Z15', 'builtin', 'kvm'] })).toEqual(['builtin', 'Z15', 'kvm', 'tcg'])
  })
})
