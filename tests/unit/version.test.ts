// The version recorded with each run is the package's version.
import { readFileSync } from 'node:fs'
import { expect, it } from 'vitest'
import { LABCON_VERSION } from '@main/version'

it('LABCON_VERSION equals package.json version', () => {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
  expect(LABCON_VERSION).toBe(pkg.version)
})
