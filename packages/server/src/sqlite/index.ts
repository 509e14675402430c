export { openDatabase, type OpenDatabaseOptions, type SqliteDatabase } from './open-database.js';
export { migrate, type Migration } from './migrate.js';
export {
  createSqliteRateLimiter,
  type RateLimiter,
  type SqliteRateLimiterOptions,
} from './sqlite-rate-limiter.js';
export { backupSqliteFile, type SqliteBackup } from './backup-sqlite-file.js';
