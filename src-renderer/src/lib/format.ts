// Small display helpers shared by the views.
import type { Verdict } from '@core/domain/results'

/** 1234 → "1.2 s", 65000 → "1m05s". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`
  const s = Math.round(ms / 1000)
  return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`
}

/** ISO timestamp → local "YYYY-MM-DD HH:MM:SS". */
export function formatTime(iso: string | null): string {
  if (!iso) return '—'
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  const p = (n: number): string => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`
}

/** Short cell label of a verdict. */
export const VERDICT_SHORT: Record<Verdict, string> = {
  PASS: 'PASS',
  FAIL: 'FAIL',
  SKIP: 'SKIP',
  TIMEOUT: 'TIME',
  SIGNAL: 'SIG',
  INFRA: 'INFRA',
  CANCELLED: 'CANC',
  NOTRUN: '—',
}

/** CSS class of a verdict or subtest status (colour comes from the theme). */
export function statusClass(s: string | null | undefined): string {
  switch (s) {
    case 'PASS':
    case 'XFAIL':
      return 's-pass'
    case 'FAIL':
    case 'XPASS':
    case 'ABORT':
    case 'TIMEOUT':
    case 'SIGNAL':
      return 's-fail'
    case 'KFAIL':
      return 's-known'
    case 'SKIP':
    case 'INFO':
      return 's-skip'
    case 'INFRA':
      return 's-infra'
    default:
      return 's-none'
  }
}
