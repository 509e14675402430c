import { migrateDatabase } from '@skillproof/server/database';
import type { WebOfferRecord, WebOfferStore } from '../ports/web-offer-store.js';
import { issuerDatabase, issuerTables, type IssuerDatabase } from './issuer-database.js';
import type { IssuerTables } from './issuer-tables.js';
import { issuerMigrations } from './issuer-migrations.js';
import { webOfferMigrations } from './web-offer-migrations.js';

type WebOfferRow = IssuerTables['issuer_web_offers'];

function toRecord(row: WebOfferRow): WebOfferRecord {
  return {
    attemptId: row.attempt_id,
    sealedOffer: row.sealed_offer,
    expiresAt: row.expires_at,
    createdAt: row.created_at,
  };
}

/**
 * The {@link WebOfferStore} on the issuer's database, either engine. Runs the issuer's
 * migrations and then its own (its table references the attempts) first.
 *
 * @example
 * ```ts
 * const offers = await createWebOfferStore(database);
 * ```
 */
export async function createWebOfferStore(db: IssuerDatabase): Promise<WebOfferStore> {
  const database = issuerDatabase(db);
  await migrateDatabase(database, 'issuer', issuerMigrations);
  await migrateDatabase(database, 'issuer-web', webOfferMigrations);
  const kysely = issuerTables(database);
  const select = (attemptId: string) =>
    kysely
      .selectFrom('issuer_web_offers')
      .selectAll()
      .where('attempt_id', '=', attemptId)
      .executeTakeFirst();
  return {
    async findOffer(attemptId) {
      const row = await select(attemptId);
      return row && toRecord(row);
    },
    async saveOffer(record, now) {
      // An expired offer is replaced; an unexpired one stays (the first of two concurrent saves
      // wins: on PostgreSQL the second waits for the first's row and then finds it unexpired).
      await kysely
        .insertInto('issuer_web_offers')
        .values({
          attempt_id: record.attemptId,
          sealed_offer: record.sealedOffer,
          expires_at: record.expiresAt,
          created_at: record.createdAt,
        })
        .onConflict((conflict) =>
          conflict
            .column('attempt_id')
            .doUpdateSet((eb) => ({
              sealed_offer: eb.ref('excluded.sealed_offer'),
              expires_at: eb.ref('excluded.expires_at'),
              created_at: eb.ref('excluded.created_at'),
            }))
            .where('issuer_web_offers.expires_at', '<=', now),
        )
        .execute();
      return toRecord((await select(record.attemptId)) as WebOfferRow);
    },
  };
}
