import { randomUUID } from 'node:crypto';
import type { TKeyType } from '@veramo/core-types';
import {
  AbstractPrivateKeyStore,
  type ImportablePrivateKey,
  type ManagedPrivateKey,
} from '@veramo/key-manager';
import type { Kysely } from 'kysely';
import {
  createSealer,
  deriveSealingKey,
  newScryptParams,
  type ScryptParams,
  type Sealer,
} from '@skillproof/core';
import type { Database } from '../database/database.js';
import type { AgentTables } from './agent-tables.js';

/** How {@link openDatabasePrivateKeyStore} seals the keys. */
export interface PrivateKeyStoreOptions {
  /** The secret that encrypts the keys at rest (a passphrase or a service secret). */
  secret: string;
  /** log2 of scrypt's N for a new store. Default 17. Tests may lower it. */
  scryptLogN?: number;
}

/**
 * Veramo's private key store on either engine, every key sealed with AES-256-GCM under a key
 * scrypt derives from the caller's secret.
 */
export class DatabasePrivateKeyStore extends AbstractPrivateKeyStore {
  private readonly db: Kysely<AgentTables>;
  /**
   * Keys opened by this process, by alias: a stored key never changes under its alias (a rotation
   * adds one under another), so each signature needs no database read. It matters beyond speed:
   * Veramo's KMS turns any error of `getKey` into `key_not_found`, so a database that is away
   * for a moment would otherwise make a signature fail as if the key were gone (500, not 503).
   */
  private readonly opened = new Map<string, ManagedPrivateKey>();

  constructor(
    database: Database,
    private readonly sealer: Sealer,
  ) {
    super();
    this.db = database.kysely as Kysely<AgentTables>;
  }

  async importKey(args: ImportablePrivateKey): Promise<ManagedPrivateKey> {
    const alias = args.alias ?? randomUUID();
    await this.db
      .insertInto('agent_private_keys')
      .values({ alias, type: args.type, sealed: this.sealer.seal(args.privateKeyHex, alias) })
      .onConflict((conflict) => conflict.column('alias').doNothing())
      .execute();
    // Whatever is stored under the alias now (ours, or one stored before) must be this key.
    const stored = await this.getKey({ alias });
    if (stored.privateKeyHex !== args.privateKeyHex) {
      throw new Error(
        'key_already_exists: key exists with different data, please use a different alias',
      );
    }
    return { alias, type: args.type, privateKeyHex: args.privateKeyHex };
  }

  async getKey({ alias }: { alias: string }): Promise<ManagedPrivateKey> {
    const cached = this.opened.get(alias);
    if (cached) return { ...cached };
    const row = await this.db
      .selectFrom('agent_private_keys')
      .selectAll()
      .where('alias', '=', alias)
      .executeTakeFirst();
    if (!row) throw new Error(`not_found: PrivateKey not found for alias=${alias}`);
    const key = {
      alias,
      type: row.type as TKeyType,
      privateKeyHex: this.sealer.open(row.sealed, alias),
    };
    this.opened.set(alias, key);
    return { ...key };
  }

  async deleteKey({ alias }: { alias: string }): Promise<boolean> {
    this.opened.delete(alias);
    const result = await this.db
      .deleteFrom('agent_private_keys')
      .where('alias', '=', alias)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async listKeys(): Promise<ManagedPrivateKey[]> {
    const rows = await this.db
      .selectFrom('agent_private_keys')
      .selectAll()
      .orderBy('alias')
      .execute();
    return rows.map((row) => ({
      alias: row.alias,
      type: row.type as TKeyType,
      privateKeyHex: this.sealer.open(row.sealed, row.alias),
    }));
  }
}

async function storedKdf(
  db: Kysely<AgentTables>,
): Promise<(ScryptParams & { check: string }) | undefined> {
  const row = await db
    .selectFrom('agent_key_encryption')
    .select('kdf')
    .where('id', '=', 1)
    .executeTakeFirst();
  return row && (JSON.parse(row.kdf) as ScryptParams & { check: string });
}

/**
 * Opens the sealed private key store in `database` (its tables must exist, see
 * `agentDatabaseMigrations`). The first open fixes the scrypt parameters and stores a check
 * value; later opens, from any instance, verify the secret against it before anything is read.
 *
 * @throws SkillproofError `KEY_SECRET_INVALID` when `secret` is not the one the store was made with.
 */
export async function openDatabasePrivateKeyStore(
  database: Database,
  options: PrivateKeyStoreOptions,
): Promise<DatabasePrivateKeyStore> {
  const db = database.kysely as Kysely<AgentTables>;
  let stored = await storedKdf(db);
  if (!stored) {
    const params = newScryptParams(options.scryptLogN);
    const sealer = createSealer(await deriveSealingKey(options.secret, params));
    await db
      .insertInto('agent_key_encryption')
      .values({ id: 1, kdf: JSON.stringify({ ...params, check: sealer.makeCheck() }) })
      .onConflict((conflict) => conflict.column('id').doNothing())
      .execute();
    // Another instance may have won the race to create the store: use whatever is stored now.
    stored = await storedKdf(db);
    if (stored?.salt === params.salt) return new DatabasePrivateKeyStore(database, sealer);
  }
  if (!stored) throw new Error('the key store could not be created');
  const { check, ...params } = stored;
  const sealer = createSealer(await deriveSealingKey(options.secret, params));
  sealer.assertCheck(check);
  return new DatabasePrivateKeyStore(database, sealer);
}
