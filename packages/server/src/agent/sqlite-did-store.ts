import type { IIdentifier } from '@veramo/core-types';
import { AbstractDIDStore } from '@veramo/did-manager';
import type { SqliteDatabase } from '../sqlite/open-database.js';

interface IdentifierRow {
  did: string;
  document: string;
}

/** Veramo's DID store in SQLite: each identifier kept whole as JSON, indexed by DID and alias. */
export class SqliteDidStore extends AbstractDIDStore {
  constructor(private readonly db: SqliteDatabase) {
    super();
  }

  async importDID(identifier: IIdentifier): Promise<boolean> {
    this.db
      .prepare(
        `INSERT INTO agent_identifiers (did, alias, provider, controller_key_id, document)
         VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (did) DO UPDATE SET alias = excluded.alias, provider = excluded.provider,
           controller_key_id = excluded.controller_key_id, document = excluded.document`,
      )
      .run(
        identifier.did,
        identifier.alias ?? null,
        identifier.provider,
        identifier.controllerKeyId ?? null,
        JSON.stringify(identifier),
      );
    return true;
  }

  async getDID(args: { did?: string; alias?: string; provider?: string }): Promise<IIdentifier> {
    let row: IdentifierRow | undefined;
    if (args.did) {
      row = this.db.prepare('SELECT * FROM agent_identifiers WHERE did = ?').get(args.did) as
        IdentifierRow | undefined;
    } else if (args.alias) {
      row = this.db
        .prepare(
          'SELECT * FROM agent_identifiers WHERE alias = ? AND (? IS NULL OR provider = ?) LIMIT 1',
        )
        .get(args.alias, args.provider ?? null, args.provider ?? null) as IdentifierRow | undefined;
    } else {
      throw new Error('invalid_argument: Get requires did or alias');
    }
    if (!row) throw new Error(`not_found: IIdentifier not found`);
    return JSON.parse(row.document) as IIdentifier;
  }

  async deleteDID({ did }: { did: string }): Promise<boolean> {
    return this.db.prepare('DELETE FROM agent_identifiers WHERE did = ?').run(did).changes > 0;
  }

  async listDIDs(args: { alias?: string; provider?: string } = {}): Promise<IIdentifier[]> {
    const rows = this.db
      .prepare(
        `SELECT * FROM agent_identifiers WHERE (? IS NULL OR alias = ?) AND (? IS NULL OR provider = ?)
         ORDER BY rowid`,
      )
      .all(
        args.alias ?? null,
        args.alias ?? null,
        args.provider ?? null,
        args.provider ?? null,
      ) as IdentifierRow[];
    return rows.map((row) => JSON.parse(row.document) as IIdentifier);
  }
}
