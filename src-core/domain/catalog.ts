// kvm-unit-tests catalog model (s390x/unittests.cfg). The parser lives here too (see parseUnittestsCfg).

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
  /** Seconds; upstream default 90. */
  timeoutSec: number
  /** 1-based line of the `[section]` header, for error messages. */
  line: number
}

/** A parsed catalog: where it came from and its tests in file order. */
export interface Catalog {
  /** Path or name of the unittests.cfg it was parsed from. */
  source: string
  tests: CatalogTest[]
}
