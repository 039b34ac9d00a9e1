// Version 5: who did what, and run leases. run.who and run.owner_host already say who started a run and from which
// host; labcon_version adds the program version. known_issue.author says who filed an issue. run.lease_until is the
// time (ISO 8601 UTC) until which the owning process promises to be alive: a client that dies stops renewing it and
// any store that sees it expired marks the run interrupted (hosts cannot check each other's pids). One SQL for both
// engines.
import type { Migration } from '../migrate'

const SQL = `
ALTER TABLE run ADD COLUMN labcon_version TEXT;
ALTER TABLE run ADD COLUMN lease_until TEXT;
ALTER TABLE known_issue ADD COLUMN author TEXT;
`

/** Adds run.labcon_version, run.lease_until and known_issue.author (NULL for rows written before). */
export const migration005: Migration = {
  version: 5,
  name: 'who-and-lease',
  up: (db) => db.exec(SQL),
  postgres: SQL,
}
