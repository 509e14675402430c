// The web offers' migration to sealed rows: a database of version 1, which kept offers in the
// clear, loses those rows (they expire within minutes anyway) and keeps no column for them.
import { afterEach, expect, it } from '@jest/globals';
import { databaseFromSqlite, migrateDatabase } from '@skillproof/server/database';
import { openDatabase, type SqliteDatabase } from '@skillproof/server/sqlite';
import { createIssuerStore, webOfferMigrations } from '../../src/index.js';
import { createWebOfferStore } from '../../src/store/database-web-offer-store.js';

const now = '2030-01-15T10:00:00.000Z';
let db: SqliteDatabase;

afterEach(() => {
  db.close();
});

it('discards the offers version 1 kept in the clear, and keeps only sealed ones after', async () => {
  db = openDatabase(':memory:');
  const store = await createIssuerStore(db);
  await store.saveAttempt({
    id: 'a1',
    did: 'urn:skillproof:web-learner:abc',
    badge: 'git-basics',
    attemptNumber: 1,
    createdAt: now,
    expiresAt: '2030-01-15T11:00:00.000Z',
  });
  await migrateDatabase(databaseFromSqlite(db), 'issuer-web', webOfferMigrations.slice(0, 1));
  db.prepare(
    `INSERT INTO issuer_web_offers (attempt_id, offer_id, offer_uri, tx_code, expires_at, created_at)
     VALUES ('a1', 'clear-offer-id', 'openid-credential-offer://?clear', '123456', ?, ?)`,
  ).run('2030-01-15T10:10:00.000Z', now);

  const offers = await createWebOfferStore(db);
  expect(await offers.findOffer('a1')).toBeUndefined();
  const columns = (db.prepare('PRAGMA table_info(issuer_web_offers)').all() as { name: string }[])
    .map((column) => column.name)
    .sort();
  expect(columns).toEqual(['attempt_id', 'created_at', 'expires_at', 'sealed_offer']);
  expect(
    db.prepare("SELECT version FROM schema_migrations WHERE scope = 'issuer-web'").all(),
  ).toEqual([{ version: 1 }, { version: 2 }]);
});
