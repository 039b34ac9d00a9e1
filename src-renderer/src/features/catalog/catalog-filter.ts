// Catalog test filtering as run_tests.sh does it: by group (-g) and by name substring; nodefault tests only with "all".
import type { CatalogDetail } from '@core/api/lab-api'

type Test = CatalogDetail['tests'][number]

/** Filter of the catalog view. */
export interface CatalogFilter {
  text: string
  group: string
  includeNodefault: boolean
}

/** Every group name used by the catalog, sorted. */
export function catalogGroups(tests: Test[]): string[] {
  return [...new Set(tests.flatMap((t) => t.groups))].sort()
}

/** Tests matching the filter, in catalog order. A test in `nodefault` is shown only when asked for or its group is chosen. */
export function filterTests(tests: Test[], f: CatalogFilter): Test[] {
  const text = f.text.trim().toLowerCase()
  return tests.filter((t) => {
    if (f.group && !t.groups.includes(f.group)) return false
    if (!f.includeNodefault && t.groups.includes('nodefault') && f.group !== 'nodefault') return false
    return text === '' || t.name.toLowerCase().includes(text) || t.file.toLowerCase().includes(text)
  })
}
