// labcon's own version, recorded with every run (who did what). A leaf module; tests/unit/version.test.ts keeps it equal
// to package.json's version (bundles cannot read package.json at a fixed path).

/** The version of s390 Lab Console (package.json "version"). */
export const LABCON_VERSION = '0.1.0'
