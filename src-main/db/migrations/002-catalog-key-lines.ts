// Version 2: catalog_test.key_lines, the line of each key in unittests.cfg (CatalogTest.keyLines), so errors found
// when a stored test is planned or run can still name `unittests.cfg:<line>`.
import type { Migration } from '../migrate'

/** Adds catalog_test.key_lines (JSON object field → line, NULL when unknown). */
export const migration002: Migration = {
  version: 2,
  name: 'catalog-key-lines',
  up: (db) => db.exec(`ALTER TABLE catalog_test ADD COLUMN key_lines TEXT CHECK (key_lines IS NULL OR json_valid(key_lines))`),
  postgres: `ALTER TABLE catalog_test ADD COLUMN key_lines TEXT CHECK (key_lines IS NULL OR key_lines::json IS NOT NULL)`,
}
