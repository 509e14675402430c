import type { IKey, ManagedKeyInfo, TKeyType } from '@veramo/core-types';
import { AbstractKeyStore } from '@veramo/key-manager';
import type { SqliteDatabase } from '../sqlite/open-database.js';

interface KeyRow {
  kid: string;
  kms: string;
  type: string;
  public_key_hex: string;
  meta: string | null;
}

function toKey(row: KeyRow): IKey {
  return {
    kid: row.kid,
    kms: row.kms,
    type: row.type as TKeyType,
    publicKeyHex: row.public_key_hex,
    ...(row.meta ? { meta: JSON.parse(row.meta) as IKey['meta'] } : {}),
  };
}

/** Veramo's key store (public halves and their KMS) in SQLite. */
export class SqliteKeyStore extends AbstractKeyStore {
  constructor(private readonly db: SqliteDatabase) {
    super();
  }

  async importKey(key: Partial<IKey>): Promise<boolean> {
    if (!key.kid || !key.kms || !key.type || !key.publicKeyHex) {
      throw new TypeError('a key needs kid, kms, type and publicKeyHex');
    }
    this.db
      .prepare(
        `INSERT INTO agent_keys (kid, kms, type, public_key_hex, meta) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (kid) DO UPDATE SET kms = excluded.kms, type = excluded.type,
           public_key_hex = excluded.public_key_hex, meta = excluded.meta`,
      )
      .run(
        key.kid,
        key.kms,
        key.type,
        key.publicKeyHex,
        key.meta ? JSON.stringify(key.meta) : null,
      );
    return true;
  }

  async getKey({ kid }: { kid: string }): Promise<IKey> {
    const row = this.db.prepare('SELECT * FROM agent_keys WHERE kid = ?').get(kid) as
      KeyRow | undefined;
    if (!row) throw new Error('Key not found');
    return toKey(row);
  }

  async deleteKey({ kid }: { kid: string }): Promise<boolean> {
    return this.db.prepare('DELETE FROM agent_keys WHERE kid = ?').run(kid).changes > 0;
  }

  async listKeys(): Promise<ManagedKeyInfo[]> {
    return (this.db.prepare('SELECT * FROM agent_keys ORDER BY kid').all() as KeyRow[]).map(toKey);
  }
}
