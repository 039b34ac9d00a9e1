// Version 1: environments, catalogs and their tests, runs with planned slots, results, subtests (interned names),
// deflated console logs, known issues. STRICT tables; open vocabularies (environment kind, verdict) are checked in
// code, not by CHECK, so that adding a kind or verdict needs no table rebuild.
import type { Migration } from '../migrate'

const SQL = `
CREATE TABLE environment (
  id          INTEGER PRIMARY KEY,
  name        TEXT    NOT NULL,
  kind        TEXT    NOT NULL,
  level       TEXT    NOT NULL DEFAULT '',
  config      TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid(config)),
  facts       TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid(facts)),
  concurrency INTEGER NOT NULL DEFAULT 1 CHECK (concurrency >= 1),
  created_at  TEXT    NOT NULL,
  removed_at  TEXT
) STRICT;
-- Names are unique among live environments; a removed one keeps its name in history and frees it for reuse.
CREATE UNIQUE INDEX environment_name ON environment (name) WHERE removed_at IS NULL;

CREATE TABLE catalog (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,
  source      TEXT NOT NULL UNIQUE,
  imported_at TEXT NOT NULL
) STRICT;

CREATE TABLE catalog_test (
  id             INTEGER PRIMARY KEY,
  catalog_id     INTEGER NOT NULL REFERENCES catalog (id),
  position       INTEGER NOT NULL,
  name           TEXT    NOT NULL,
  file           TEXT    NOT NULL,
  smp            TEXT    NOT NULL,
  test_args      TEXT    NOT NULL,
  qemu_params    TEXT    NOT NULL,
  kvmtool_params TEXT    NOT NULL,
  groups         TEXT    NOT NULL CHECK (json_valid(groups)),
  arch           TEXT,
  machine        TEXT,
  accel          TEXT,
  checks         TEXT    NOT NULL CHECK (json_valid(checks)),
  disabled_if    TEXT,
  timeout_sec    REAL    NOT NULL,
  line           INTEGER NOT NULL,
  kernel_present INTEGER NOT NULL CHECK (kernel_present IN (0, 1)),
  -- Set when a re-import no longer has the test; rows are never deleted because slots reference them.
  retired_at     TEXT,
  UNIQUE (catalog_id, name)
) STRICT;

CREATE TABLE run (
  id          INTEGER PRIMARY KEY,
  catalog_id  INTEGER NOT NULL REFERENCES catalog (id),
  plan        TEXT    NOT NULL CHECK (json_valid(plan)),
  who         TEXT    NOT NULL,
  state       TEXT    NOT NULL CHECK (state IN ('queued', 'running', 'done', 'cancelled', 'interrupted')),
  -- The process executing the run: crash recovery leaves runs of live processes alone.
  owner_pid   INTEGER,
  owner_host  TEXT,
  started_at  TEXT    NOT NULL,
  finished_at TEXT
) STRICT;
CREATE INDEX run_active ON run (state) WHERE state IN ('queued', 'running');

CREATE TABLE run_slot (
  id         INTEGER PRIMARY KEY,
  run_id     INTEGER NOT NULL REFERENCES run (id),
  test_id    INTEGER NOT NULL REFERENCES catalog_test (id),
  env_id     INTEGER NOT NULL REFERENCES environment (id),
  repetition INTEGER NOT NULL CHECK (repetition >= 1),
  UNIQUE (run_id, test_id, env_id, repetition)
) STRICT;

CREATE TABLE result (
  id             INTEGER PRIMARY KEY,
  slot_id        INTEGER NOT NULL UNIQUE REFERENCES run_slot (id),
  -- run, test name and environment are copied from the slot: they are what every query groups by.
  run_id         INTEGER NOT NULL REFERENCES run (id),
  test           TEXT    NOT NULL,
  env_id         INTEGER NOT NULL REFERENCES environment (id),
  level          TEXT    NOT NULL,
  verdict        TEXT    NOT NULL,
  reason         TEXT,
  exit_status    INTEGER,
  duration_ms    REAL    NOT NULL,
  sum_tests      INTEGER,
  sum_unexpected INTEGER,
  sum_known      INTEGER,
  sum_expected   INTEGER,
  sum_skipped    INTEGER,
  n_pass         INTEGER NOT NULL,
  n_fail         INTEGER NOT NULL,
  n_xpass        INTEGER NOT NULL,
  n_xfail        INTEGER NOT NULL,
  n_kfail        INTEGER NOT NULL,
  n_skip         INTEGER NOT NULL,
  n_info         INTEGER NOT NULL,
  n_abort        INTEGER NOT NULL,
  started_at     TEXT    NOT NULL,
  finished_at    TEXT    NOT NULL,
  command        TEXT    NOT NULL,
  facts          TEXT    NOT NULL CHECK (json_valid(facts))
) STRICT;
CREATE INDEX result_run ON result (run_id, test);
-- Latest result per test on an environment (matrix, env side): max(id) grouped by test is an index-only scan.
CREATE INDEX result_env_test ON result (env_id, test, id);
-- Latest result per test at a level (level side).
CREATE INDEX result_level_test ON result (level, test, id);
-- History of one test.
CREATE INDEX result_test ON result (test, run_id);

CREATE TABLE subtest_name (
  id   INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
) STRICT;

-- Status is the index in SUBTEST_STATUS_CODES (db/codes.ts); names are interned: a million rows stay small.
CREATE TABLE subtest (
  result_id INTEGER NOT NULL REFERENCES result (id),
  seq       INTEGER NOT NULL,
  status    INTEGER NOT NULL CHECK (status BETWEEN 0 AND 7),
  name_id   INTEGER NOT NULL REFERENCES subtest_name (id),
  PRIMARY KEY (result_id, seq)
) STRICT, WITHOUT ROWID;

-- Console text, raw deflate (node:zlib deflateRawSync) of its UTF-8 bytes.
CREATE TABLE log (
  result_id INTEGER PRIMARY KEY REFERENCES result (id),
  deflated  BLOB    NOT NULL,
  bytes     INTEGER NOT NULL
) STRICT;

CREATE TABLE known_issue (
  id           INTEGER PRIMARY KEY,
  test         TEXT    NOT NULL,
  subtest      TEXT,
  env_id       INTEGER REFERENCES environment (id),
  level        TEXT,
  url          TEXT    NOT NULL,
  intermittent INTEGER NOT NULL CHECK (intermittent IN (0, 1)),
  note         TEXT    NOT NULL,
  created_at   TEXT    NOT NULL
) STRICT;
CREATE INDEX known_issue_test ON known_issue (test);
`

// PostgreSQL: the same tables. Ids are identities (BY DEFAULT, so `labcon db copy` keeps them); text is COLLATE "C" so
// that ORDER BY sorts bytewise like SQLite (same answers on both engines whatever the database's locale).
const T = 'TEXT COLLATE "C"'
const PG_SQL = `
CREATE TABLE environment (
  id          BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  name        ${T} NOT NULL,
  kind        ${T} NOT NULL,
  level       ${T} NOT NULL DEFAULT '',
  config      ${T} NOT NULL DEFAULT '{}' CHECK (config::json IS NOT NULL),
  facts       ${T} NOT NULL DEFAULT '{}' CHECK (facts::json IS NOT NULL),
  concurrency INTEGER NOT NULL DEFAULT 1 CHECK (concurrency >= 1),
  created_at  ${T} NOT NULL,
  removed_at  ${T}
);
CREATE UNIQUE INDEX environment_name ON environment (name) WHERE removed_at IS NULL;

CREATE TABLE catalog (
  id          BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  name        ${T} NOT NULL,
  source      ${T} NOT NULL UNIQUE,
  imported_at ${T} NOT NULL
);

CREATE TABLE catalog_test (
  id             BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  catalog_id     BIGINT  NOT NULL REFERENCES catalog (id),
  position       INTEGER NOT NULL,
  name           ${T} NOT NULL,
  file           ${T} NOT NULL,
  smp            ${T} NOT NULL,
  test_args      ${T} NOT NULL,
  qemu_params    ${T} NOT NULL,
  kvmtool_params ${T} NOT NULL,
  groups         ${T} NOT NULL CHECK (groups::json IS NOT NULL),
  arch           ${T},
  machine        ${T},
  accel          ${T},
  checks         ${T} NOT NULL CHECK (checks::json IS NOT NULL),
  disabled_if    ${T},
  timeout_sec    DOUBLE PRECISION NOT NULL,
  line           INTEGER NOT NULL,
  kernel_present INTEGER NOT NULL CHECK (kernel_present IN (0, 1)),
  retired_at     ${T},
  UNIQUE (catalog_id, name)
);

CREATE TABLE run (
  id          BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  catalog_id  BIGINT NOT NULL REFERENCES catalog (id),
  plan        ${T} NOT NULL CHECK (plan::json IS NOT NULL),
  who         ${T} NOT NULL,
  state       ${T} NOT NULL CHECK (state IN ('queued', 'running', 'done', 'cancelled', 'interrupted')),
  owner_pid   INTEGER,
  owner_host  ${T},
  started_at  ${T} NOT NULL,
  finished_at ${T}
);
CREATE INDEX run_active ON run (state) WHERE state IN ('queued', 'running');

CREATE TABLE run_slot (
  id         BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  run_id     BIGINT  NOT NULL REFERENCES run (id),
  test_id    BIGINT  NOT NULL REFERENCES catalog_test (id),
  env_id     BIGINT  NOT NULL REFERENCES environment (id),
  repetition INTEGER NOT NULL CHECK (repetition >= 1),
  UNIQUE (run_id, test_id, env_id, repetition)
);

CREATE TABLE result (
  id             BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  slot_id        BIGINT  NOT NULL UNIQUE REFERENCES run_slot (id),
  run_id         BIGINT  NOT NULL REFERENCES run (id),
  test           ${T} NOT NULL,
  env_id         BIGINT  NOT NULL REFERENCES environment (id),
  level          ${T} NOT NULL,
  verdict        ${T} NOT NULL,
  reason         ${T},
  exit_status    INTEGER,
  duration_ms    DOUBLE PRECISION NOT NULL,
  sum_tests      INTEGER,
  sum_unexpected INTEGER,
  sum_known      INTEGER,
  sum_expected   INTEGER,
  sum_skipped    INTEGER,
  n_pass         INTEGER NOT NULL,
  n_fail         INTEGER NOT NULL,
  n_xpass        INTEGER NOT NULL,
  n_xfail        INTEGER NOT NULL,
  n_kfail        INTEGER NOT NULL,
  n_skip         INTEGER NOT NULL,
  n_info         INTEGER NOT NULL,
  n_abort        INTEGER NOT NULL,
  started_at     ${T} NOT NULL,
  finished_at    ${T} NOT NULL,
  command        ${T} NOT NULL,
  facts          ${T} NOT NULL CHECK (facts::json IS NOT NULL)
);
CREATE INDEX result_run ON result (run_id, test);
CREATE INDEX result_env_test ON result (env_id, test, id);
CREATE INDEX result_level_test ON result (level, test, id);
CREATE INDEX result_test ON result (test, run_id);

CREATE TABLE subtest_name (
  id   BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  name ${T} NOT NULL UNIQUE
);

CREATE TABLE subtest (
  result_id BIGINT  NOT NULL REFERENCES result (id),
  seq       INTEGER NOT NULL,
  status    INTEGER NOT NULL CHECK (status BETWEEN 0 AND 7),
  name_id   BIGINT  NOT NULL REFERENCES subtest_name (id),
  PRIMARY KEY (result_id, seq)
);

CREATE TABLE log (
  result_id BIGINT  PRIMARY KEY REFERENCES result (id),
  deflated  BYTEA   NOT NULL,
  bytes     INTEGER NOT NULL
);

CREATE TABLE known_issue (
  id           BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  test         ${T} NOT NULL,
  subtest      ${T},
  env_id       BIGINT REFERENCES environment (id),
  level        ${T},
  url          ${T} NOT NULL,
  intermittent INTEGER NOT NULL CHECK (intermittent IN (0, 1)),
  note         ${T} NOT NULL,
  created_at   ${T} NOT NULL
);
CREATE INDEX known_issue_test ON known_issue (test);
`

/** The initial schema. */
export const migration001: Migration = {
  version: 1,
  name: 'initial',
  up: (db) => db.exec(SQL),
  postgres: PG_SQL,
}
