// Known issues of the SQLite store (a part of SqliteStore, src-main/db/sqlite-store.ts).
import type { KnownIssue, KnownIssueInput } from '@core/api/lab-api'
import { NotFoundError } from '../errors'
import { now, type KnownIssueRow, toKnownIssue } from './rows'
import { QueryStore } from './queries'

/** Known issues: scoped to test, environment and level. */
export abstract class KnownIssueStore extends QueryStore {
  listKnownIssues(): KnownIssue[] {
    return (this.st.kiList.all() as KnownIssueRow[]).map(toKnownIssue)
  }

  addKnownIssue(input: KnownIssueInput, author: string | null = null): KnownIssue {
    const id = Number(this.st.kiInsert.run({ ...this.kiParams(input), created_at: now(), author }).lastInsertRowid)
    return this.knownIssue(id)
  }

  updateKnownIssue(id: number, input: KnownIssueInput): KnownIssue {
    if (this.st.kiUpdate.run({ ...this.kiParams(input), id }).changes === 0) throw new NotFoundError('known issue', id)
    return this.knownIssue(id)
  }

  removeKnownIssue(id: number): void {
    if (this.st.kiDelete.run(id).changes === 0) throw new NotFoundError('known issue', id)
  }
}
