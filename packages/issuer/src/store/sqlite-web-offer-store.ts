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
  {
    version: 2,
    description: 'web offers sealed under the learner cookie, not kept in the clear',
    // Version 1 kept the offer URI (its id derives the pre-authorized code) and the tx code in
    // the clear. Its rows are discarded, not sealed: only the learner's browser holds the
    // cookie they would be sealed under, and they expire within the offer lifetime (minutes)
    // anyway. A learner whose row went simply gets a new offer on the next reload.
    up: `
      DROP TABLE issuer_web_offers;
      CREATE TABLE issuer_web_offers (
        attempt_id TEXT PRIMARY KEY REFERENCES issuer_attempts (id),
        sealed_offer TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
    `,
  },
];

interface WebOfferRow {
  attempt_id: string;
  sealed_offer: string;
  expires_at: string;
  created_at: string;
}

function toRecord(row: WebOfferRow): WebOfferRecord {
  return {
    attemptId: row.attempt_id,
    sealedOffer: row.sealed_offer,
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
    `INSERT INTO issuer_web_offers (attempt_id, sealed_offer, expires_at, created_at)
     VALUES (@attemptId, @sealedOffer, @expiresAt, @createdAt)
     ON CONFLICT (attempt_id) DO UPDATE SET
       sealed_offer = excluded.sealed_offer, expires_at = excluded.expires_at,
       created_at = excluded.created_at
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
