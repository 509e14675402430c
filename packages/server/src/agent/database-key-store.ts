import type { IKey, ManagedKeyInfo, TKeyType } from '@veramo/core-types';
import { AbstractKeyStore } from '@veramo/key-manager';
import type { Kysely } from 'kysely';
import type { Database } from '../database/database.js';
import type { AgentTables } from './agent-tables.js';

type KeyRow = AgentTables['agent_keys'];

function toKey(row: KeyRow): IKey {
  return {
    kid: row.kid,
    kms: row.kms,
    type: row.type as TKeyType,
    publicKeyHex: row.public_key_hex,
    ...(row.meta ? { meta: JSON.parse(row.meta) as IKey['meta'] } : {}),
  };
}

/**
 * Veramo's key store (public halves and their KMS) on either engine.
 */
export class DatabaseKeyStore extends AbstractKeyStore {
  private readonly db: Kysely<AgentTables>;

  constructor(database: Database) {
    super();
    this.db = database.kysely as Kysely<AgentTables>;
  }

  async importKey(key: Partial<IKey>): Promise<boolean> {
    if (!key.kid || !key.kms || !key.type || !key.publicKeyHex) {
      throw new TypeError('a key needs kid, kms, type and publicKeyHex');
    }
    const row: KeyRow = {
      kid: key.kid,
      kms: key.kms,
      type: key.type,
      public_key_hex: key.publicKeyHex,
      meta: key.meta ? JSON.stringify(key.meta) : null,
    };
    await this.db
      .insertInto('agent_keys')
      .values(row)
      .onConflict((conflict) =>
        conflict.column('kid').doUpdateSet({
          kms: row.kms,
          type: row.type,
          public_key_hex: row.public_key_hex,
          meta: row.meta,
        }),
      )
      .execute();
    return true;
  }

  async getKey({ kid }: { kid: string }): Promise<IKey> {
    const row = await this.db
      .selectFrom('agent_keys')
      .selectAll()
      .where('kid', '=', kid)
      .executeTakeFirst();
    if (!row) throw new Error('Key not found');
    return toKey(row);
  }

  async deleteKey({ kid }: { kid: string }): Promise<boolean> {
    const result = await this.db.deleteFrom('agent_keys').where('kid', '=', kid).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async listKeys(): Promise<ManagedKeyInfo[]> {
    const rows = await this.db.selectFrom('agent_keys').selectAll().orderBy('kid').execute();
    return rows.map(toKey);
  }
}
