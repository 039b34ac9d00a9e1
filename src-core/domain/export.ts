// Standard report formats for CI: TAP 13 and JUnit XML. Unlike run_tests.sh's TAP, both keep XFAIL, XPASS and
// KFAIL visible, and keep infrastructure errors apart from test failures.
import type { SubtestResult, Summary, Verdict } from './results'

/** One test × environment result to export. */
export interface ExportResult {
  test: string
  env: string
  level: string
  verdict: Verdict
  reason: string | null
  durationMs: number
  subtests: SubtestResult[]
  summary: Summary | null
  /** Full console log; included when present (TAP YAML `log`, JUnit `system-out`). */
  log?: string
}

// ---------------------------------------------------------------------------------------------------------------
// TAP 13

/** TAP description text: no line breaks, `#` and `\` escaped as TAP requires. */
function tapText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/#/g, '\\#').replace(/[\r\n]+/g, ' ')
}

/** A YAML scalar: JSON strings are valid YAML double-quoted scalars. */
const yamlScalar = (v: string | number | null): string => (typeof v === 'string' ? JSON.stringify(v) : String(v))

/**
 * Subtest lines as TAP points (the status → TAP mapping):
 *   PASS → `ok`; FAIL → `not ok`; ABORT → `not ok … # ABORT` (a comment, not a directive: it counts as failing);
 *   XFAIL → `not ok … # TODO XFAIL` and KFAIL → `not ok … # TODO KFAIL` (TODO: expected, not counted as failing);
 *   XPASS → `not ok … # XPASS` — deliberately no TODO, since kvm-unit-tests counts an unexpected pass as an
 *   unexpected failure and a TODO would hide it; SKIP → `ok … # SKIP`; INFO → a `# INFO:` comment, not a point.
 */
function tapSubtestLine(n: number, s: SubtestResult): string {
  const d = tapText(s.name)
  switch (s.status) {
    case 'PASS':
      return `ok ${n} - ${d}`
    case 'FAIL':
      return `not ok ${n} - ${d}`
    case 'ABORT':
      return `not ok ${n} - ${d} # ABORT`
    case 'XFAIL':
      return `not ok ${n} - ${d} # TODO XFAIL expected failure`
    case 'KFAIL':
      return `not ok ${n} - ${d} # TODO KFAIL known failure`
    case 'XPASS':
      return `not ok ${n} - ${d} # XPASS unexpectedly passed`
    case 'SKIP':
      return `ok ${n} - ${d} # SKIP`
    case 'INFO':
      return `# INFO: ${s.name.replace(/[\r\n]+/g, ' ')}`
  }
}

/**
 * Test verdict → TAP point: PASS `ok`; FAIL, TIMEOUT, SIGNAL `not ok`; SKIP `ok # SKIP reason`; CANCELLED and NOTRUN
 * `ok # SKIP cancelled|not run`; INFRA `not ok # INFRA reason` (the YAML says `verdict: INFRA`: a CI gate must see
 * that the run did not happen, and nothing claims the test failed).
 */
function tapTestLine(n: number, r: ExportResult): string {
  const d = `${tapText(r.test)} [${tapText(r.env)}]`
  const why = r.reason ? ` ${tapText(r.reason)}` : ''
  switch (r.verdict) {
    case 'PASS':
      return `ok ${n} - ${d}`
    case 'SKIP':
      return `ok ${n} - ${d} # SKIP${why}`
    case 'CANCELLED':
      return `ok ${n} - ${d} # SKIP cancelled`
    case 'NOTRUN':
      return `ok ${n} - ${d} # SKIP not run`
    case 'INFRA':
      return `not ok ${n} - ${d} # INFRA${why}`
    case 'FAIL':
    case 'TIMEOUT':
    case 'SIGNAL':
      return `not ok ${n} - ${d}`
  }
}

/**
 * TAP version 13: one top-level point per result, preceded by its subtests as an indented TAP block
 * (`# Subtest: name`, four spaces, its own plan — the node-tap / TAP 14 convention, ignored by plain TAP 13
 * readers) and followed by a YAML block with env, level, verdict, reason, duration, summary and log.
 */
export function toTap(results: readonly ExportResult[]): string {
  const out: string[] = ['TAP version 13', `1..${results.length}`]
  results.forEach((r, i) => {
    const points = r.subtests.filter((s) => s.status !== 'INFO').length
    out.push(`# Subtest: ${tapText(r.test)} [${tapText(r.env)}]`)
    out.push(`    1..${points}`)
    let n = 0
    for (const s of r.subtests) out.push(`    ${tapSubtestLine(s.status === 'INFO' ? n : ++n, s)}`)
    out.push(tapTestLine(i + 1, r))
    out.push('  ---')
    out.push(`  env: ${yamlScalar(r.env)}`)
    out.push(`  level: ${yamlScalar(r.level)}`)
    out.push(`  verdict: ${r.verdict}`)
    if (r.reason !== null) out.push(`  reason: ${yamlScalar(r.reason)}`)
    out.push(`  duration_ms: ${r.durationMs}`)
    if (r.summary) {
      const s = r.summary
      out.push('  summary:')
      out.push(`    tests: ${s.tests}`)
      out.push(`    unexpected_failures: ${s.unexpectedFailures}`)
      out.push(`    known_failures: ${s.knownFailures}`)
      out.push(`    expected_failures: ${s.expectedFailures}`)
      out.push(`    skipped: ${s.skipped}`)
    }
    if (r.log !== undefined) out.push(`  log: ${yamlScalar(r.log)}`)
    out.push('  ...')
  })
  return out.join('\n') + '\n'
}

// ---------------------------------------------------------------------------------------------------------------
// JUnit XML

// XML 1.0 forbids most C0 controls, lone surrogates and U+FFFE/U+FFFF; they become U+FFFD.
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

/** Escapes text for an XML attribute value (quotes and line breaks included). */
export function xmlAttr(s: string): string {
  return s
    .replace(XML_INVALID, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;')
}

/** Escapes text for XML element content. */
export function xmlText(s: string): string {
  return s.replace(XML_INVALID, '\ufffd').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

const seconds = (ms: number): string => (ms / 1000).toFixed(3)

const prop = (name: string, value: string): string => `<property name="${xmlAttr(name)}" value="${xmlAttr(value)}"/>`

interface Counts {
  tests: number
  failures: number
  errors: number
  skipped: number
}

/**
 * The harness-level testcase (named after the test) is emitted only when the subtests do not already tell the
 * story: TIMEOUT, SIGNAL, INFRA, CANCELLED, NOTRUN always; FAIL without a failing subtest (no EXIT line, bad exit
 * status); SKIP or PASS without any subtest testcase.
 */
function needsHarnessCase(r: ExportResult, subtestCases: number): boolean {
  switch (r.verdict) {
    case 'TIMEOUT':
    case 'SIGNAL':
    case 'INFRA':
    case 'CANCELLED':
    case 'NOTRUN':
      return true
    case 'FAIL':
      return !r.subtests.some((s) => s.status === 'FAIL' || s.status === 'XPASS' || s.status === 'ABORT')
    case 'PASS':
    case 'SKIP':
      return subtestCases === 0
  }
}

/**
 * JUnit XML: one `<testsuite>` per result (name = test, properties env/level/verdict/reason/summary, console log as
 * `<system-out>`), one `<testcase>` per subtest (classname `env.test`): FAIL, XPASS and ABORT get `<failure type=…>`,
 * SKIP `<skipped>`, XFAIL/KFAIL pass with a `status` property, INFO lines go to `<system-out>`. Harness verdicts
 * (see needsHarnessCase): FAIL/TIMEOUT/SIGNAL `<failure>`, INFRA `<error type="INFRA">` (never a failure),
 * SKIP/CANCELLED/NOTRUN `<skipped>`.
 */
export function toJUnit(results: readonly ExportResult[]): string {
  const total: Counts = { tests: 0, failures: 0, errors: 0, skipped: 0 }
  let totalMs = 0
  const suites: string[] = []
  for (const r of results) {
    const c: Counts = { tests: 0, failures: 0, errors: 0, skipped: 0 }
    const cls = xmlAttr(`${r.env}.${r.test}`)
    const cases: string[] = []
    const info: string[] = []
    for (const s of r.subtests) {
      if (s.status === 'INFO') {
        info.push(`INFO: ${s.name}`)
        continue
      }
      c.tests++
      const open = `    <testcase classname="${cls}" name="${xmlAttr(s.name)}">`
      const status = `\n      <properties>${prop('status', s.status)}</properties>`
      if (s.status === 'PASS') {
        cases.push(`    <testcase classname="${cls}" name="${xmlAttr(s.name)}"/>`)
      } else if (s.status === 'FAIL' || s.status === 'XPASS' || s.status === 'ABORT') {
        c.failures++
        const msg = s.status === 'XPASS' ? 'unexpectedly passed (XPASS)' : s.status === 'ABORT' ? 'aborted' : 'failed'
        cases.push(`${open}${status}\n      <failure type="${s.status}" message="${xmlAttr(msg)}"/>\n    </testcase>`)
      } else if (s.status === 'SKIP') {
        c.skipped++
        cases.push(`${open}\n      <skipped/>\n    </testcase>`)
      } else {
        cases.push(`${open}${status}\n    </testcase>`)
      }
    }
    if (needsHarnessCase(r, c.tests)) {
      c.tests++
      const msg = xmlAttr(r.reason ?? r.verdict)
      const open = `    <testcase classname="${cls}" name="${xmlAttr(r.test)}" time="${seconds(r.durationMs)}">`
      if (r.verdict === 'PASS') cases.push(`${open}</testcase>`)
      else if (r.verdict === 'INFRA') {
        c.errors++
        cases.push(`${open}\n      <error type="INFRA" message="${msg}"/>\n    </testcase>`)
      } else if (r.verdict === 'SKIP' || r.verdict === 'CANCELLED' || r.verdict === 'NOTRUN') {
        c.skipped++
        cases.push(`${open}\n      <skipped message="${r.verdict === 'SKIP' ? msg : r.verdict === 'CANCELLED' ? 'cancelled' : 'not run'}"/>\n    </testcase>`)
      } else {
        c.failures++
        cases.push(`${open}\n      <failure type="${r.verdict}" message="${msg}"/>\n    </testcase>`)
      }
    }
    const props = [prop('env', r.env), prop('level', r.level), prop('verdict', r.verdict)]
    if (r.reason !== null) props.push(prop('reason', r.reason))
    if (r.summary) {
      const s = r.summary
      props.push(
        prop('summary', `${s.tests} tests, ${s.unexpectedFailures} unexpected failures, ${s.knownFailures} known failures, ${s.expectedFailures} expected failures, ${s.skipped} skipped`),
      )
    }
    const out = r.log !== undefined ? r.log : info.join('\n')
    const lines = [
      `  <testsuite name="${xmlAttr(r.test)}" hostname="${xmlAttr(r.env)}" tests="${c.tests}" failures="${c.failures}" errors="${c.errors}" skipped="${c.skipped}" time="${seconds(r.durationMs)}">`,
      `    <properties>${props.join('')}</properties>`,
      ...cases,
    ]
    if (out !== '') lines.push(`    <system-out>${xmlText(out)}</system-out>`)
    lines.push('  </testsuite>')
    suites.push(lines.join('\n'))
    total.tests += c.tests
    total.failures += c.failures
    total.errors += c.errors
    total.skipped += c.skipped
    totalMs += r.durationMs
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="labcon" tests="${total.tests}" failures="${total.failures}" errors="${total.errors}" skipped="${total.skipped}" time="${seconds(totalMs)}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n')
}
