export { openDatabase, type OpenDatabaseOptions, type SqliteDatabase } from './open-database.js';
export { migrate, type Migration } from './migrate.js';
