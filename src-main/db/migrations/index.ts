// Every migration in version order; SCHEMA_VERSION is the length of this list, so versions must be 1, 2, 3, … .
import type { Migration } from '../migrate'
import { migration001 } from './001-initial'
import { migration002 } from './002-catalog-key-lines'
import { migration003 } from './003-metrics-latest'
import { migration004 } from './004-environment-health'
import { migration005 } from './005-who-and-lease'

/** All schema migrations, oldest first. */
export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005]
