// better-sqlite3 implementation of Store, composed of one part per concern under db/sqlite/: environments and
// catalogs, the runs and results write path, read queries, known issues. Statements are prepared once when the store
// opens; every write is one short synchronous transaction; rows become API/domain types in db/sqlite/rows.ts.
import type { SyncStore } from './store'
import { KnownIssueStore } from './sqlite/known-issues'

/** The Store over one better-sqlite3 connection (opened and migrated by openStore). */
export class SqliteStore extends KnownIssueStore implements SyncStore {}
