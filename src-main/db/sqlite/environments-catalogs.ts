// Environments and catalogs of the SQLite store (a part of SqliteStore, src-main/db/sqlite-store.ts).
import type { CatalogDetail, CatalogSummary, EnvironmentInput } from '@core/api/lab-api'
import type { Environment, HealthReport } from '@core/domain/environment'
import { NotFoundError, StoreConflictError } from '../errors'
import type { CatalogImport } from '../store'
import {
  now,
  type EnvRow,
  type CatalogRow,
  type TestRow,
  envParams,
  testParams,
  toEnvironment,
  toCatalogTest,
  summaryOf,
} from './rows'
import { StoreBase } from './base'

/** Environments and catalogs: their rows and the catalog tests. */
export abstract class EnvironmentCatalogStore extends StoreBase {
  listEnvironments(): Environment[] {
    return (this.st.envList.all() as EnvRow[]).map(toEnvironment)
  }

  getEnvironment(id: number): Environment {
    const row = this.st.envById.get(id) as EnvRow | undefined
    if (!row || row.removed_at !== null) throw new NotFoundError('environment', id)
    return toEnvironment(row)
  }

  findEnvironment(name: string): Environment | null {
    const row = this.st.envByName.get(name) as EnvRow | undefined
    return row ? toEnvironment(row) : null
  }

  addEnvironment(input: EnvironmentInput): Environment {
    const row = envParams(input, {})
    const insert = (): number => Number(this.st.envInsert.run({ ...row, created_at: now() }).lastInsertRowid)
    const id = this.uniqueName(input.name, insert)
    return this.getEnvironment(id)
  }

  updateEnvironment(id: number, input: EnvironmentInput): Environment {
    const old = this.getEnvironment(id)
    const row = envParams(input, old)
    this.uniqueName(input.name, () => this.st.envUpdate.run({ ...row, id }))
    return this.getEnvironment(id)
  }

  setEnvironmentLevel(id: number, level: string, facts: Record<string, string> = {}): Environment {
    const old = this.getEnvironment(id)
    const merged = { ...old.facts, ...facts }
    this.st.envUpdate.run({ ...envParams({ ...old, level, facts: merged }, old), id })
    return this.getEnvironment(id)
  }

  setEnvironmentHealth(id: number, report: HealthReport): Environment {
    if (this.st.envHealth.run(JSON.stringify(report), id).changes === 0) throw new NotFoundError('environment', id)
    return this.getEnvironment(id)
  }

  removeEnvironment(id: number): void {
    if (this.st.envRemove.run(now(), id).changes === 0) throw new NotFoundError('environment', id)
  }

  upsertCatalog(input: CatalogImport): CatalogSummary {
    const seen = new Set<string>()
    for (const t of input.catalog.tests) {
      if (seen.has(t.name)) throw new StoreConflictError(`${input.source}: test '${t.name}' appears twice in the catalog`)
      seen.add(t.name)
    }
    const at = now()
    const id = this.write(() => {
      const existing = this.st.catalogBySource.get(input.source) as CatalogRow | undefined
      let catalogId: number
      if (existing) {
        catalogId = existing.id
        this.st.catalogUpdate.run(input.name, at, catalogId)
      } else {
        catalogId = Number(this.st.catalogInsert.run(input.name, input.source, at).lastInsertRowid)
      }
      input.catalog.tests.forEach((t, position) => {
        this.st.testUpsert.run(testParams(catalogId, position, t, input.kernelsPresent.has(t.name)))
      })
      this.st.testRetire.run(at, catalogId, JSON.stringify([...seen]))
      return catalogId
    })
    return this.catalogSummary(this.st.catalogById.get(id) as CatalogRow)
  }

  listCatalogs(): CatalogSummary[] {
    return (this.st.catalogList.all() as CatalogRow[]).map((c) => this.catalogSummary(c))
  }

  getCatalog(id: number): CatalogDetail {
    const row = this.st.catalogById.get(id) as CatalogRow | undefined
    if (!row) throw new NotFoundError('catalog', id)
    const tests = (this.st.testsOfCatalog.all(id) as TestRow[]).map(toCatalogTest)
    return { ...summaryOf(row, tests), tests }
  }
}
