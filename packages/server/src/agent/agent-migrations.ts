import type { Migration } from '../sqlite/migrate.js';

/** Tables of the Veramo stores (keys, DIDs, encrypted private keys). */
export const agentMigrations: readonly Migration[] = [
  {
    version: 1,
    description: 'keys, DIDs and encrypted private keys',
    up: `
      CREATE TABLE agent_keys (
        kid TEXT PRIMARY KEY,
        kms TEXT NOT NULL,
        type TEXT NOT NULL,
        public_key_hex TEXT NOT NULL,
        meta TEXT
      );
      CREATE TABLE agent_identifiers (
        did TEXT PRIMARY KEY,
        alias TEXT,
        provider TEXT NOT NULL,
        controller_key_id TEXT,
        document TEXT NOT NULL
      );
      CREATE UNIQUE INDEX agent_identifiers_alias ON agent_identifiers (alias, provider);
      CREATE TABLE agent_private_keys (
        alias TEXT PRIMARY KEY,
        type TEXT NOT NULL,
        sealed TEXT NOT NULL
      );
      CREATE TABLE agent_key_encryption (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        kdf TEXT NOT NULL
      );
    `,
  },
];
