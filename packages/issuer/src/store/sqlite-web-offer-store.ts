import { migrate, type Migration, type SqliteDatabase } from '@skillproof/server/sqlite';
import type { WebOfferRecord, WebOfferStore } from '../ports/web-offer-store.js';

/** The web pages' table (scope `issuer-web`, versioned apart from the issuer's own tables). */
export const webOfferMigrations: readonly Migration[] = [
  {
    version: 1,
    description: 'the credential offer shown for each passed web attempt',
    up: `
      CREATE TABLE issuer_web_offers (
        attempt_id TEXT PRIMARY KEY REFERENCES issuer_attempts (id),
        offer_id TEXT NOT NULL,
        offer_uri TEXT NOT NULL,
        tx_code TEXT,
        expires_at TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
    `,
  },
];

interface WebOfferRow {
  attempt_id: string;
  offer_id: string;
  offer_uri: string;
  tx_code: string | null;
  expires_at: string;
  created_at: string;
}

function toRecord(row: WebOfferRow): WebOfferRecord {
  return {
    attemptId: row.attempt_id,
    offerId: row.offer_id,
    offerUri: row.offer_uri,
    txCode: row.tx_code,
    expiresAt: row.expires_at,
    createdAt: row.created_at,
  };
}

/**
 * The SQLite {@link WebOfferStore}, on the issuer's database (after the issuer's migrations,
 * since its table references the attempts). Runs its migrations on `db` first.
 *
 * @example
 * ```ts
 * const offers = createWebOfferStore(db);
 * ```
 */
export function createWebOfferStore(db: SqliteDatabase): WebOfferStore {
  migrate(db, 'issuer-web', webOfferMigrations);
  const select = db.prepare<[string], WebOfferRow>(
    'SELECT * FROM issuer_web_offers WHERE attempt_id = ?',
  );
  // An expired offer is replaced; an unexpired one stays (the first of two concurrent saves wins).
  const upsert = db.prepare(
    `INSERT INTO issuer_web_offers
       (attempt_id, offer_id, offer_uri, tx_code, expires_at, created_at)
     VALUES (@attemptId, @offerId, @offerUri, @txCode, @expiresAt, @createdAt)
     ON CONFLICT (attempt_id) DO UPDATE SET
       offer_id = excluded.offer_id, offer_uri = excluded.offer_uri, tx_code = excluded.tx_code,
       expires_at = excluded.expires_at, created_at = excluded.created_at
     WHERE issuer_web_offers.expires_at <= @now`,
  );
  return {
    findOffer(attemptId) {
      const row = select.get(attemptId);
      return Promise.resolve(row && toRecord(row));
    },
    saveOffer(record, now) {
      upsert.run({ ...record, now });
      return Promise.resolve(toRecord(select.get(record.attemptId) as WebOfferRow));
    },
  };
}
