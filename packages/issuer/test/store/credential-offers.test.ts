import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import { testDatabaseEngines } from '@skillproof/testing';
import { createIssuerStore, type IssuerStore, type NewCredential } from '../../src/index.js';
import { countRows } from '../fixtures/count-rows.js';
import { openTestDatabase, type TestDatabase } from '../fixtures/test-database.js';

// The OpenID4VCI single uses hold in the database, not in a process: two stores on one database
// (on PostgreSQL two pools, as two issuer instances have) each see the other's redemption, racing
// redemptions give one token, and a refused reservation rolls back everything it had done.
const now = '2030-01-15T10:00:00.000Z';
const later = '2030-01-15T10:10:00.000Z';
const did = 'did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp';

function redemption(tokenHash: string, txCodeHash: string | null = 'tx-hash') {
  return {
    codeHash: 'code-hash',
    txCodeHash,
    now,
    maxWrongTxCodes: 5,
    accessToken: { tokenHash, expiresAt: later },
  };
}

function credential(id: string): NewCredential {
  return {
    id,
    subjectDid: did,
    achievementId: 'https://academy.test/achievements/git-basics',
    issuedAt: now,
    build: (allocations) => ({
      '@context': ['https://www.w3.org/2018/credentials/v1'],
      id,
      type: ['VerifiableCredential'],
      issuer: 'did:key:issuer',
      credentialSubject: { id: did },
      credentialStatus: allocations.map((allocation) => ({ ...allocation })),
    }),
  };
}

describe.each(testDatabaseEngines())('OpenID4VCI single uses on %s', (engine) => {
  let db: TestDatabase;
  let first: IssuerStore;
  let second: IssuerStore;
  const entries = () => countRows(db, 'issuer_status_entries');

  beforeEach(async () => {
    db = await openTestDatabase(engine);
    first = await createIssuerStore(db);
    second = await createIssuerStore(db.another());
    await first.saveAttempt({
      id: 'attempt-1',
      did,
      badge: 'git-basics',
      attemptNumber: 1,
      createdAt: now,
      expiresAt: later,
    });
    await first.saveCredentialOffer({
      idHash: 'offer-hash',
      badge: 'git-basics',
      attemptId: 'attempt-1',
      subjectDid: did,
      configurationIds: ['git-basics.jwt_vc_json'],
      codeHash: 'code-hash',
      txCodeHash: 'tx-hash',
      createdAt: now,
      expiresAt: later,
    });
  });

  afterEach(async () => {
    await db.close();
  });

  it('gives a pre-authorized code one access token across two connections', async () => {
    expect((await first.redeemPreAuthorizedCode(redemption('token-1'))).outcome).toBe('issued');
    expect((await second.redeemPreAuthorizedCode(redemption('token-2'))).outcome).toBe('used');
    expect(await second.findAccessToken('token-2')).toBeUndefined();
  });

  it('gives a pre-authorized code one access token when 20 redemptions race', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        (index % 2 === 0 ? first : second).redeemPreAuthorizedCode(redemption(`token-${index}`)),
      ),
    );
    expect(outcomes.filter((outcome) => outcome.outcome === 'issued')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome.outcome === 'used')).toHaveLength(19);
  });

  it('spends a c_nonce once when 20 reservations race', async () => {
    await first.redeemPreAuthorizedCode(redemption('token-1'));
    await first.saveCNonce({ nonceHash: 'nonce-1', createdAt: now, expiresAt: later });
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        (index % 2 === 0 ? first : second).reserveOfferedCredential({
          tokenHash: 'token-1',
          nonceHash: 'nonce-1',
          offerIdHash: 'offer-hash',
          attemptId: 'attempt-1',
          now,
          credential: credential(`urn:uuid:race-${index}`),
        }),
      ),
    );
    expect(outcomes.filter((outcome) => outcome.outcome === 'reserved')).toHaveLength(1);
    expect(await entries()).toBe(2);
  });

  it('counts wrong tx codes in the database: the fifth, from either connection, burns the offer', async () => {
    const stores = [first, second, first, second, first];
    const outcomes = [];
    for (const store of stores)
      outcomes.push(await store.redeemPreAuthorizedCode(redemption('t', 'wrong')));
    expect(
      outcomes.map((outcome) => ('attemptsLeft' in outcome ? outcome.attemptsLeft : -1)),
    ).toEqual([4, 3, 2, 1, 0]);
    expect((await second.redeemPreAuthorizedCode(redemption('t'))).outcome).toBe('burned');
    expect((await first.findCredentialOffer('offer-hash'))?.wrongTxCodes).toBe(5);
  });

  it('reserves once: token, nonce and offer spent together; a second request on the other connection is refused', async () => {
    await first.redeemPreAuthorizedCode(redemption('token-1'));
    await first.saveCNonce({ nonceHash: 'nonce-1', createdAt: now, expiresAt: later });
    await first.saveCNonce({ nonceHash: 'nonce-2', createdAt: now, expiresAt: later });
    const request = (nonceHash: string, id: string) => ({
      tokenHash: 'token-1',
      nonceHash,
      offerIdHash: 'offer-hash',
      attemptId: 'attempt-1',
      now,
      credential: credential(id),
    });
    const reserved = await first.reserveOfferedCredential(request('nonce-1', 'urn:uuid:one'));
    expect(reserved.outcome).toBe('reserved');
    const allocated = await entries();
    expect(
      (await second.reserveOfferedCredential(request('nonce-2', 'urn:uuid:two'))).outcome,
    ).toBe('token_used');
    // Nothing of the refused one stays: its nonce unspent, no credential, no status entry.
    expect((await second.findCNonce('nonce-2'))?.consumedAt).toBeNull();
    expect(await second.findCredential('urn:uuid:two')).toBeUndefined();
    expect(await entries()).toBe(allocated);
    expect((await second.findCredentialOffer('offer-hash'))?.credentialId).toBe('urn:uuid:one');
    expect((await second.findAttempt('attempt-1'))?.credentialId).toBe('urn:uuid:one');
  });

  it('rolls the token back when the nonce was spent meanwhile', async () => {
    await first.redeemPreAuthorizedCode(redemption('token-1'));
    await first.saveCNonce({ nonceHash: 'nonce-1', createdAt: now, expiresAt: later });
    await sql`UPDATE issuer_oid4vci_nonces SET consumed_at = ${now}`.execute(db.another().kysely);
    const refused = await first.reserveOfferedCredential({
      tokenHash: 'token-1',
      nonceHash: 'nonce-1',
      offerIdHash: 'offer-hash',
      attemptId: 'attempt-1',
      now,
      credential: credential('urn:uuid:one'),
    });
    expect(refused.outcome).toBe('nonce_used');
    expect((await second.findAccessToken('token-1'))?.usedAt).toBeNull();
    expect(await second.findCredential('urn:uuid:one')).toBeUndefined();
    expect(await entries()).toBe(0);
  });
});
