export { Sql, type Params } from './sql.js';
export type { Migration } from './migration.js';
export { DatabaseTooNewError, migrate, schemaVersion } from './migrate.js';
