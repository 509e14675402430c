// webCredentialOffer over the real SQLite stores, with the offer maker it is given (the
// composition root gives it createCredentialOffer): one offer per passed attempt while it is
// unexpired, a new one after, none once the credential was collected.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { openDatabase, type SqliteDatabase } from '@skillproof/server/sqlite';
import { createTestClock, type TestClock } from '@skillproof/testing';
import type {
  CreateCredentialOfferOptions,
  CredentialOfferResult,
} from '../../src/oid4vci/create-credential-offer.js';
import { webCredentialOffer } from '../../src/domain/web-credential-offer.js';
import { createWebOfferStore } from '../../src/store/sqlite-web-offer-store.js';
import { createIssuerStore, type AttemptRecord, type IssuerStore } from '../../src/index.js';

let db: SqliteDatabase;
let store: IssuerStore;
let clock: TestClock;
let asked: CreateCredentialOfferOptions[];

function makeOffer(options: CreateCredentialOfferOptions): Promise<CredentialOfferResult> {
  asked.push(options);
  const offerId = `offer-${asked.length}`;
  const credentialOfferUri = `https://academy.test/oid4vci/offers/${offerId}`;
  return Promise.resolve({
    offerId,
    offerUri: `openid-credential-offer://?credential_offer_uri=${encodeURIComponent(credentialOfferUri)}`,
    credentialOfferUri,
    credentialOffer: {},
    txCode: options.txCode ? `12345${asked.length}` : null,
    expiresAt: new Date(clock.nowMs() + 10 * 60_000).toISOString(),
  });
}

async function passedAttempt(id: string): Promise<AttemptRecord> {
  const now = clock.now().toISOString();
  await store.saveAttempt({
    id,
    did: 'urn:skillproof:web-learner:abc',
    badge: 'git-basics',
    attemptNumber: Number(id.slice(1)),
    createdAt: now,
    expiresAt: '2031-01-01T00:00:00.000Z',
  });
  await store.recordGrade({
    attemptId: id,
    gradedAt: now,
    score: 100,
    correct: 4,
    total: 4,
    passed: true,
  });
  return (await store.findAttempt(id)) as AttemptRecord;
}

beforeEach(() => {
  db = openDatabase(':memory:');
  store = createIssuerStore(db);
  clock = createTestClock('2030-01-15T10:00:00.000Z');
  asked = [];
});

afterEach(() => {
  db.close();
});

function deps(txCode = false) {
  return { offers: createWebOfferStore(db), createOffer: makeOffer, txCode, now: clock.now };
}

describe('webCredentialOffer', () => {
  it('asks for an offer to no DID for the attempt and its badge, with a tx code when configured', async () => {
    const attempt = await passedAttempt('a1');
    const outcome = await webCredentialOffer(deps(true), attempt);
    expect(asked).toEqual([
      { badgeId: 'git-basics', attemptId: 'a1', subjectDid: null, txCode: true },
    ]);
    expect(outcome).toEqual({
      kind: 'offered',
      offer: {
        attemptId: 'a1',
        offerId: 'offer-1',
        offerUri: expect.stringMatching(/^openid-credential-offer:\/\//),
        txCode: '123451',
        expiresAt: '2030-01-15T10:10:00.000Z',
        createdAt: '2030-01-15T10:00:00.000Z',
      },
    });
  });

  it('shows the same offer until it expires, then makes a new one', async () => {
    const attempt = await passedAttempt('a1');
    const first = await webCredentialOffer(deps(), attempt);
    clock.advance(9 * 60_000);
    expect(await webCredentialOffer(deps(), attempt)).toEqual(first);
    expect(asked).toHaveLength(1);
    clock.advance(60_000);
    const renewed = await webCredentialOffer(deps(), attempt);
    expect(renewed).toMatchObject({ kind: 'offered', offer: { offerId: 'offer-2' } });
    expect(asked).toHaveLength(2);
  });

  it('keeps the first of two offers stored at the same moment', async () => {
    await passedAttempt('a1');
    const offers = createWebOfferStore(db);
    const record = {
      attemptId: 'a1',
      offerUri: 'openid-credential-offer://?x',
      txCode: null,
      expiresAt: '2030-01-15T10:10:00.000Z',
      createdAt: '2030-01-15T10:00:00.000Z',
    };
    const now = '2030-01-15T10:00:00.000Z';
    await offers.saveOffer({ ...record, offerId: 'first' }, now);
    expect(await offers.saveOffer({ ...record, offerId: 'second' }, now)).toMatchObject({
      offerId: 'first',
    });
  });

  it('makes no offer once the credential was collected, nor for an attempt that did not pass', async () => {
    const attempt = await passedAttempt('a1');
    expect(
      await webCredentialOffer(deps(), { ...attempt, credentialId: 'urn:uuid:collected' }),
    ).toEqual({ kind: 'collected', credentialId: 'urn:uuid:collected' });
    await expect(webCredentialOffer(deps(), { ...attempt, passed: false })).rejects.toThrow(
      TypeError,
    );
    expect(asked).toEqual([]);
  });

  it('stores nothing when the offer cannot be made', async () => {
    const attempt = await passedAttempt('a1');
    const offers = createWebOfferStore(db);
    await expect(
      webCredentialOffer(
        { ...deps(), offers, createOffer: () => Promise.reject(new Error('down')) },
        attempt,
      ),
    ).rejects.toThrow('down');
    expect(await offers.findOffer('a1')).toBeUndefined();
  });
});
