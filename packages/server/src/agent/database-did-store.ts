import type { IIdentifier } from '@veramo/core-types';
import { AbstractDIDStore } from '@veramo/did-manager';
import type { Kysely } from 'kysely';
import type { Database } from '../database/database.js';
import type { AgentTables } from './agent-tables.js';

/**
 * Veramo's DID store on either engine: each identifier kept whole as JSON, indexed by DID and
 * alias.
 */
export class DatabaseDidStore extends AbstractDIDStore {
  private readonly db: Kysely<AgentTables>;

  constructor(database: Database) {
    super();
    this.db = database.kysely as Kysely<AgentTables>;
  }

  async importDID(identifier: IIdentifier): Promise<boolean> {
    const row = {
      did: identifier.did,
      alias: identifier.alias ?? null,
      provider: identifier.provider,
      controller_key_id: identifier.controllerKeyId ?? null,
      document: JSON.stringify(identifier),
    };
    await this.db
      .insertInto('agent_identifiers')
      .values(row)
      .onConflict((conflict) =>
        conflict.column('did').doUpdateSet({
          alias: row.alias,
          provider: row.provider,
          controller_key_id: row.controller_key_id,
          document: row.document,
        }),
      )
      .execute();
    return true;
  }

  async getDID(args: { did?: string; alias?: string; provider?: string }): Promise<IIdentifier> {
    let query = this.db.selectFrom('agent_identifiers').select('document');
    if (args.did) query = query.where('did', '=', args.did);
    else if (args.alias) {
      query = query.where('alias', '=', args.alias);
      if (args.provider) query = query.where('provider', '=', args.provider);
    } else {
      throw new Error('invalid_argument: Get requires did or alias');
    }
    const row = await query.orderBy('did').limit(1).executeTakeFirst();
    if (!row) throw new Error(`not_found: IIdentifier not found`);
    return JSON.parse(row.document) as IIdentifier;
  }

  async deleteDID({ did }: { did: string }): Promise<boolean> {
    const result = await this.db
      .deleteFrom('agent_identifiers')
      .where('did', '=', did)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async listDIDs(args: { alias?: string; provider?: string } = {}): Promise<IIdentifier[]> {
    let query = this.db.selectFrom('agent_identifiers').select('document');
    if (args.alias !== undefined) query = query.where('alias', '=', args.alias);
    if (args.provider !== undefined) query = query.where('provider', '=', args.provider);
    const rows = await query.orderBy('did').execute();
    return rows.map((row) => JSON.parse(row.document) as IIdentifier);
  }
}
