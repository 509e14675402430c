export type { Database, DatabaseEngine } from './database.js';
export { databaseFromSqlite } from './database-from-sqlite.js';
export {
  isPostgresUrl,
  openDatabaseFromConfig,
  type DatabaseConfig,
} from './open-database-from-config.js';
export {
  checkDatabaseReadiness,
  migrateDatabase,
  type DatabaseMigration,
  type DatabaseReadiness,
} from './migrate-database.js';
export {
  createDatabaseRateLimiter,
  migrateRateLimits,
  rateLimitMigrations,
  type DatabaseRateLimiter,
  type DatabaseRateLimiterOptions,
} from './database-rate-limiter.js';
export { isTransientDatabaseError } from './is-transient-database-error.js';
export { isUniqueViolation } from './is-unique-violation.js';
export { readDatabaseSettings, type DatabaseSettings } from './read-database-settings.js';
export {
  createScratchPostgresDatabase,
  type ScratchPostgresDatabase,
} from './create-scratch-postgres-database.js';
export { isUnstorableTextError } from './is-unstorable-text-error.js';
export {
  copySqliteToPostgres,
  DatabaseCopyError,
  formatCopiedTables,
  type CopiedTable,
  type CopyDatabaseOptions,
} from './copy-sqlite-to-postgres.js';
export { lockInTransaction } from './lock-in-transaction.js';
