// Version 3: measurements as metrics (name, value, unit) per result, and partial indexes for "latest real verdict"
// (CANCELLED and NOTRUN never become the latest result of an environment or level). Existing results get their
// metrics from their stored result lines, by the same domain rule new results use (classifyLines).
import type Database from 'better-sqlite3'
import { classifyLines, parseMeasurement } from '@core/domain/lines'
import type { SubtestStatus } from '@core/domain/results'
import { SUBTEST_STATUS_CODES } from '../codes'
import type { Migration } from '../migrate'

const SQL = `
CREATE TABLE metric (
  result_id INTEGER NOT NULL REFERENCES result (id),
  seq       INTEGER NOT NULL,
  name      TEXT    NOT NULL,
  value     REAL    NOT NULL,
  unit      TEXT    NOT NULL,
  PRIMARY KEY (result_id, seq)
) STRICT, WITHOUT ROWID;
-- A measurement's series (History) and the names of a test's measurements.
CREATE INDEX metric_name ON metric (name, result_id);
-- Latest real verdict per test on an environment / at a level: queries repeat this WHERE to use them.
CREATE INDEX result_env_real ON result (env_id, test, id) WHERE verdict NOT IN ('CANCELLED', 'NOTRUN');
CREATE INDEX result_level_real ON result (level, test, id) WHERE verdict NOT IN ('CANCELLED', 'NOTRUN');
`

// PostgreSQL stores start at the schema version that added PostgreSQL (5): no result predates metrics there, so only the
// tables and indexes are created.
const PG_SQL = `
CREATE TABLE metric (
  result_id BIGINT  NOT NULL REFERENCES result (id),
  seq       INTEGER NOT NULL,
  name      TEXT COLLATE "C" NOT NULL,
  value     DOUBLE PRECISION NOT NULL,
  unit      TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (result_id, seq)
);
CREATE INDEX metric_name ON metric (name, result_id);
CREATE INDEX result_env_real ON result (env_id, test, id) WHERE verdict NOT IN ('CANCELLED', 'NOTRUN');
CREATE INDEX result_level_real ON result (level, test, id) WHERE verdict NOT IN ('CANCELLED', 'NOTRUN');
`

function backfill(db: Database.Database): void {
  const names = db.prepare('SELECT id, name FROM subtest_name').all() as { id: number; name: string }[]
  const measured = names.filter((n) => parseMeasurement(n.name) !== null).map((n) => n.id)
  if (measured.length === 0) return
  const results = db
    .prepare('SELECT DISTINCT result_id FROM subtest WHERE name_id IN (SELECT value FROM json_each(?)) ORDER BY result_id')
    .pluck()
    .all(JSON.stringify(measured)) as number[]
  const lines = db.prepare(`SELECT st.status, n.name FROM subtest st JOIN subtest_name n ON n.id = st.name_id
    WHERE st.result_id = ? ORDER BY st.seq`)
  const insert = db.prepare('INSERT INTO metric (result_id, seq, name, value, unit) VALUES (?, ?, ?, ?, ?)')
  for (const id of results) {
    const rows = lines.all(id) as { status: number; name: string }[]
    const metrics = classifyLines(rows.map((r) => ({ status: SUBTEST_STATUS_CODES[r.status] as SubtestStatus, name: r.name }))).metrics
    metrics.forEach((m, seq) => insert.run(id, seq, m.name, m.value, m.unit))
  }
}

/** Adds the metric table (backfilled) and the latest-real-verdict indexes. */
export const migration003: Migration = {
  version: 3,
  name: 'metrics-latest',
  up: (db) => {
    db.exec(SQL)
    backfill(db)
  },
  postgres: PG_SQL,
}
