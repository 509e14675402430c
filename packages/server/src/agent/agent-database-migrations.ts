import { sql } from 'kysely';
import type { DatabaseMigration } from '../database/migrate-database.js';

/**
 * The Veramo stores' tables (keys, DIDs, sealed private keys) on either engine: the same schema,
 * step for step, as the SQLite-only migrations of earlier releases made it (scope `agent`), so an
 * older database goes on.
 */
export const agentDatabaseMigrations: readonly DatabaseMigration[] = [
  {
    version: 1,
    description: 'keys, DIDs and encrypted private keys',
    up: async (db) => {
      await db.schema
        .createTable('agent_keys')
        .addColumn('kid', 'text', (column) => column.primaryKey())
        .addColumn('kms', 'text', (column) => column.notNull())
        .addColumn('type', 'text', (column) => column.notNull())
        .addColumn('public_key_hex', 'text', (column) => column.notNull())
        .addColumn('meta', 'text')
        .execute();
      await db.schema
        .createTable('agent_identifiers')
        .addColumn('did', 'text', (column) => column.primaryKey())
        .addColumn('alias', 'text')
        .addColumn('provider', 'text', (column) => column.notNull())
        .addColumn('controller_key_id', 'text')
        .addColumn('document', 'text', (column) => column.notNull())
        .execute();
      await db.schema
        .createIndex('agent_identifiers_alias')
        .unique()
        .on('agent_identifiers')
        .columns(['alias', 'provider'])
        .execute();
      await db.schema
        .createTable('agent_private_keys')
        .addColumn('alias', 'text', (column) => column.primaryKey())
        .addColumn('type', 'text', (column) => column.notNull())
        .addColumn('sealed', 'text', (column) => column.notNull())
        .execute();
      await db.schema
        .createTable('agent_key_encryption')
        .addColumn('id', 'integer', (column) => column.primaryKey().check(sql`id = 1`))
        .addColumn('kdf', 'text', (column) => column.notNull())
        .execute();
    },
  },
];
