import type { DatabaseMigration } from '@skillproof/server/database';
import { sqlMigrationStep } from './sql-migration-step.js';

/** The web pages' table (scope `issuer-web`, versioned apart from the issuer's own tables). */
export const webOfferMigrations: readonly DatabaseMigration[] = [
  {
    version: 1,
    description: 'the credential offer shown for each passed web attempt',
    up: sqlMigrationStep(`
      CREATE TABLE issuer_web_offers (
        attempt_id TEXT PRIMARY KEY REFERENCES issuer_attempts (id),
        offer_id TEXT NOT NULL,
        offer_uri TEXT NOT NULL,
        tx_code TEXT,
        expires_at TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
    `),
  },
  {
    version: 2,
    description: 'web offers sealed under the learner cookie, not kept in the clear',
    // Version 1 kept the offer URI (its id derives the pre-authorized code) and the tx code in
    // the clear. Its rows are discarded, not sealed: only the learner's browser holds the
    // cookie they would be sealed under, and they expire within the offer lifetime (minutes)
    // anyway. A learner whose row went simply gets a new offer on the next reload.
    up: sqlMigrationStep(`
      DROP TABLE issuer_web_offers;
      CREATE TABLE issuer_web_offers (
        attempt_id TEXT PRIMARY KEY REFERENCES issuer_attempts (id),
        sealed_offer TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
    `),
  },
];
