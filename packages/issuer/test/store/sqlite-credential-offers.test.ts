import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type SqliteDatabase } from '@skillproof/server/sqlite';
import { createIssuerStore, type IssuerStore, type NewCredential } from '../../src/index.js';

// The OpenID4VCI single uses hold in the database, not in a process: two connections to one
// file (two issuer processes) each see the other's redemption, and a refused reservation rolls
// back everything it had done.
const now = '2030-01-15T10:00:00.000Z';
const later = '2030-01-15T10:10:00.000Z';
const did = 'did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp';

let dir: string;
let dbs: SqliteDatabase[];
let first: IssuerStore;
let second: IssuerStore;

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

const entries = (db: SqliteDatabase) =>
  (db.prepare('SELECT COUNT(*) AS n FROM issuer_status_entries').get() as { n: number }).n;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'skillproof-offers-'));
  dbs = [openDatabase(join(dir, 'issuer.db')), openDatabase(join(dir, 'issuer.db'))];
  first = createIssuerStore(dbs[0] as SqliteDatabase);
  second = createIssuerStore(dbs[1] as SqliteDatabase);
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

afterEach(() => {
  for (const db of dbs) db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('OpenID4VCI single uses in SQLite', () => {
  it('gives a pre-authorized code one access token across two connections', async () => {
    expect((await first.redeemPreAuthorizedCode(redemption('token-1'))).outcome).toBe('issued');
    expect((await second.redeemPreAuthorizedCode(redemption('token-2'))).outcome).toBe('used');
    expect(await second.findAccessToken('token-2')).toBeUndefined();
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
    const allocated = entries(dbs[0] as SqliteDatabase);
    expect(
      (await second.reserveOfferedCredential(request('nonce-2', 'urn:uuid:two'))).outcome,
    ).toBe('token_used');
    // Nothing of the refused one stays: its nonce unspent, no credential, no status entry.
    expect((await second.findCNonce('nonce-2'))?.consumedAt).toBeNull();
    expect(await second.findCredential('urn:uuid:two')).toBeUndefined();
    expect(entries(dbs[1] as SqliteDatabase)).toBe(allocated);
    expect((await second.findCredentialOffer('offer-hash'))?.credentialId).toBe('urn:uuid:one');
    expect((await second.findAttempt('attempt-1'))?.credentialId).toBe('urn:uuid:one');
  });

  it('rolls the token back when the nonce was spent meanwhile', async () => {
    await first.redeemPreAuthorizedCode(redemption('token-1'));
    await first.saveCNonce({ nonceHash: 'nonce-1', createdAt: now, expiresAt: later });
    dbs[1]?.prepare('UPDATE issuer_oid4vci_nonces SET consumed_at = ?').run(now);
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
    expect(entries(dbs[1] as SqliteDatabase)).toBe(0);
  });
});
