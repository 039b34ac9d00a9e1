// Version 4: environment.last_health, the last health check's report (with its time), so the console shows it after
// a restart instead of only during a live check.
import type { Migration } from '../migrate'

/** Adds environment.last_health (JSON HealthReport, NULL until the first check). */
export const migration004: Migration = {
  version: 4,
  name: 'environment-health',
  up: (db) => db.exec(`ALTER TABLE environment ADD COLUMN last_health TEXT CHECK (last_health IS NULL OR json_valid(last_health))`),
  postgres: `ALTER TABLE environment ADD COLUMN last_health TEXT CHECK (last_health IS NULL OR last_health::json IS NOT NULL)`,
}
