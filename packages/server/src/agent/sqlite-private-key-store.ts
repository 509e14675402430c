import { randomUUID } from 'node:crypto';
import type { TKeyType } from '@veramo/core-types';
import {
  AbstractPrivateKeyStore,
  type ImportablePrivateKey,
  type ManagedPrivateKey,
} from '@veramo/key-manager';
import type { SqliteDatabase } from '../sqlite/open-database.js';
import {
  createSealer,
  deriveSealingKey,
  newScryptParams,
  type ScryptParams,
  type Sealer,
} from '@skillproof/core';

interface PrivateKeyRow {
  alias: string;
  type: string;
  sealed: string;
}

/** Options for {@link openSqlitePrivateKeyStore}. */
export interface SqlitePrivateKeyStoreOptions {
  /** The secret that encrypts the keys at rest (a passphrase or a service secret). */
  secret: string;
  /** log2 of scrypt's N for a new store. Default 17. Tests may lower it. */
  scryptLogN?: number;
}

/**
 * Veramo's private key store in SQLite, every key sealed with AES-256-GCM under a key that
 * scrypt derives from the caller's secret. Opening with the wrong secret fails at once with
 * `KEY_SECRET_INVALID` (unlike Veramo's SecretBox, which returns an empty key).
 */
export class SqlitePrivateKeyStore extends AbstractPrivateKeyStore {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly sealer: Sealer,
  ) {
    super();
  }

  async importKey(args: ImportablePrivateKey): Promise<ManagedPrivateKey> {
    const alias = args.alias ?? randomUUID();
    const existing = this.db
      .prepare('SELECT * FROM agent_private_keys WHERE alias = ?')
      .get(alias) as PrivateKeyRow | undefined;
    if (existing) {
      if (this.sealer.open(existing.sealed, alias) !== args.privateKeyHex) {
        throw new Error(
          'key_already_exists: key exists with different data, please use a different alias',
        );
      }
      return { alias, type: args.type, privateKeyHex: args.privateKeyHex };
    }
    this.db
      .prepare('INSERT INTO agent_private_keys (alias, type, sealed) VALUES (?, ?, ?)')
      .run(alias, args.type, this.sealer.seal(args.privateKeyHex, alias));
    return { alias, type: args.type, privateKeyHex: args.privateKeyHex };
  }

  async getKey({ alias }: { alias: string }): Promise<ManagedPrivateKey> {
    const row = this.db.prepare('SELECT * FROM agent_private_keys WHERE alias = ?').get(alias) as
      PrivateKeyRow | undefined;
    if (!row) throw new Error(`not_found: PrivateKey not found for alias=${alias}`);
    return {
      alias,
      type: row.type as TKeyType,
      privateKeyHex: this.sealer.open(row.sealed, alias),
    };
  }

  async deleteKey({ alias }: { alias: string }): Promise<boolean> {
    return this.db.prepare('DELETE FROM agent_private_keys WHERE alias = ?').run(alias).changes > 0;
  }

  async listKeys(): Promise<ManagedPrivateKey[]> {
    const rows = this.db
      .prepare('SELECT * FROM agent_private_keys ORDER BY alias')
      .all() as PrivateKeyRow[];
    return rows.map((row) => ({
      alias: row.alias,
      type: row.type as TKeyType,
      privateKeyHex: this.sealer.open(row.sealed, row.alias),
    }));
  }
}

/**
 * Opens the encrypted private key store in `db` (its tables must exist, see `agentMigrations`).
 * The first open fixes the scrypt parameters and stores a check value; later opens verify the
 * secret against it before anything else is read.
 *
 * @throws SkillproofError `KEY_SECRET_INVALID` when `secret` is not the one the store was made with.
 */
export async function openSqlitePrivateKeyStore(
  db: SqliteDatabase,
  options: SqlitePrivateKeyStoreOptions,
): Promise<SqlitePrivateKeyStore> {
  const row = db.prepare('SELECT kdf FROM agent_key_encryption WHERE id = 1').get() as
    { kdf: string } | undefined;
  if (row) {
    const { check, ...params } = JSON.parse(row.kdf) as ScryptParams & { check: string };
    const sealer = createSealer(await deriveSealingKey(options.secret, params));
    sealer.assertCheck(check);
    return new SqlitePrivateKeyStore(db, sealer);
  }
  const params = newScryptParams(options.scryptLogN);
  const sealer = createSealer(await deriveSealingKey(options.secret, params));
  db.prepare('INSERT OR IGNORE INTO agent_key_encryption (id, kdf) VALUES (1, ?)').run(
    JSON.stringify({ ...params, check: sealer.makeCheck() }),
  );
  // Another process may have won the race to create the store: use whatever is stored now.
  const stored = db.prepare('SELECT kdf FROM agent_key_encryption WHERE id = 1').get() as {
    kdf: string;
  };
  const { check, ...storedParams } = JSON.parse(stored.kdf) as ScryptParams & { check: string };
  if (storedParams.salt !== params.salt) {
    const winner = createSealer(await deriveSealingKey(options.secret, storedParams));
    winner.assertCheck(check);
    return new SqlitePrivateKeyStore(db, winner);
  }
  return new SqlitePrivateKeyStore(db, sealer);
}
