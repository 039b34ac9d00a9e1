// The process environment is read once at a composition root: what each variable becomes in the service options.
import { describe, expect, it } from 'vitest'
import { serviceOptionsFromEnv } from '@main/service/process-env'

describe('serviceOptionsFromEnv', () => {
  it('hands TIMEOUT, MAX_SMP and USER to the engine and the whole environment to the drivers', () => {
    const env = { TIMEOUT: '30s', MAX_SMP: '4', USER: 'lab', QEMU: '/opt/qemu', HMC_PW: 'x' }
    expect(serviceOptionsFromEnv(env)).toEqual({ processEnv: env, engine: { timeout: '30s', maxSmp: 4, user: 'lab' } })
  })
  it('leaves the engine its defaults when the variables are unset, and an empty MAX_SMP unset', () => {
    expect(serviceOptionsFromEnv({ MAX_SMP: '' })).toEqual({ processEnv: { MAX_SMP: '' }, engine: {} })
  })
  it('refuses a malformed MAX_SMP, naming the variable', () => {
    expect(() => serviceOptionsFromEnv({ MAX_SMP: 'many' })).toThrow("MAX_SMP: expected a whole number of CPUs from 1 to 4096, got 'many'")
  })
})
