// The bundled catalog (our own kernels in resources/kernels) is imported on first start, so a new user can run at once.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { CatalogSummary, LabApi } from '@core/api/lab-api'

/** Directory of the bundled kernels and their unittests.cfg under an app root. */
export const bundledCatalogDir = (appRoot: string): string => join(appRoot, 'resources', 'kernels')

/** Imports the bundled catalog when the database has no catalog yet; returns it, or null when nothing was done. */
export async function ensureBundledCatalog(api: LabApi, dir: string): Promise<CatalogSummary | null> {
  if (!existsSync(join(dir, 'unittests.cfg'))) return null
  if ((await api.catalogs.list()).length > 0) return null
  return api.catalogs.import(dir)
}
