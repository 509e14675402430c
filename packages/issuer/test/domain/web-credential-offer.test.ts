// webCredentialOffer over the real SQLite stores, with the offer maker it is given (the
// composition root gives it createCredentialOffer): one offer per passed attempt while it is
// unexpired, a new one after, none once the credential was collected; stored sealed under the
// learner's key, so that another key (another cookie) opens nothing.
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { createSealer } from '@skillproof/core';
import { openDatabase, type SqliteDatabase } from '@skillproof/server/sqlite';
import { createTestClock, type TestClock } from '@skillproof/testing';
import type {
  CreateCredentialOfferOptions,
  CredentialOfferResult,
} from '../../src/oid4vci/create-credential-offer.js';
import { webCredentialOffer } from '../../src/domain/web-credential-offer.js';
import { createWebOfferStore } from '../../src/store/database-web-offer-store.js';
import { createIssuerStore, type AttemptRecord, type IssuerStore } from '../../src/index.js';

let db: SqliteDatabase;
let store: IssuerStore;
let clock: TestClock;
let asked: CreateCredentialOfferOptions[];
const sealer = createSealer(randomBytes(32));
const otherSealer = createSealer(randomBytes(32));

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

beforeEach(async () => {
  db = openDatabase(':memory:');
  store = await createIssuerStore(db);
  clock = createTestClock('2030-01-15T10:00:00.000Z');
  asked = [];
});

afterEach(() => {
  db.close();
});

async function deps(txCode = false) {
  return { offers: await createWebOfferStore(db), createOffer: makeOffer, txCode, now: clock.now };
}

describe('webCredentialOffer', () => {
  it('asks for an offer to no DID for the attempt and its badge, with a tx code when configured', async () => {
    const attempt = await passedAttempt('a1');
    const outcome = await webCredentialOffer(await deps(true), attempt, sealer);
    expect(asked).toEqual([
      { badgeId: 'git-basics', attemptId: 'a1', subjectDid: null, txCode: true },
    ]);
    expect(outcome).toEqual({
      kind: 'offered',
      offer: {
        offerUri: expect.stringMatching(/^openid-credential-offer:\/\/.*offer-1$/),
        txCode: '123451',
        expiresAt: '2030-01-15T10:10:00.000Z',
      },
    });
  });

  it('shows the same offer until it expires, then makes a new one', async () => {
    const attempt = await passedAttempt('a1');
    const first = await webCredentialOffer(await deps(), attempt, sealer);
    clock.advance(9 * 60_000);
    expect(await webCredentialOffer(await deps(), attempt, sealer)).toEqual(first);
    expect(asked).toHaveLength(1);
    clock.advance(60_000);
    const renewed = await webCredentialOffer(await deps(), attempt, sealer);
    expect(renewed).toMatchObject({
      kind: 'offered',
      offer: { offerUri: expect.stringMatching(/offer-2$/) },
    });
    expect(asked).toHaveLength(2);
  });

  it('keeps the first of two offers stored at the same moment', async () => {
    await passedAttempt('a1');
    const offers = await createWebOfferStore(db);
    const record = {
      attemptId: 'a1',
      expiresAt: '2030-01-15T10:10:00.000Z',
      createdAt: '2030-01-15T10:00:00.000Z',
    };
    const now = '2030-01-15T10:00:00.000Z';
    await offers.saveOffer({ ...record, sealedOffer: 'first' }, now);
    expect(await offers.saveOffer({ ...record, sealedOffer: 'second' }, now)).toMatchObject({
      sealedOffer: 'first',
    });
  });

  it('makes no offer once the credential was collected, nor for an attempt that did not pass', async () => {
    const attempt = await passedAttempt('a1');
    expect(
      await webCredentialOffer(
        await deps(),
        { ...attempt, credentialId: 'urn:uuid:collected' },
        sealer,
      ),
    ).toEqual({ kind: 'collected', credentialId: 'urn:uuid:collected' });
    await expect(
      webCredentialOffer(await deps(), { ...attempt, passed: false }, sealer),
    ).rejects.toThrow(TypeError);
    expect(asked).toEqual([]);
  });

  it('stores nothing when the offer cannot be made', async () => {
    const attempt = await passedAttempt('a1');
    const offers = await createWebOfferStore(db);
    await expect(
      webCredentialOffer(
        { ...(await deps()), offers, createOffer: () => Promise.reject(new Error('down')) },
        attempt,
        sealer,
      ),
    ).rejects.toThrow('down');
    expect(await offers.findOffer('a1')).toBeUndefined();
  });

  it('stores the offer sealed: the row holds neither its URI, nor its id, nor its tx code', async () => {
    const attempt = await passedAttempt('a1');
    const outcome = await webCredentialOffer(await deps(true), attempt, sealer);
    const row = JSON.stringify(db.prepare('SELECT * FROM issuer_web_offers').all());
    expect(row).toContain('"sealed_offer":"v1.');
    for (const secret of ['offer-1', 'credential_offer_uri', '123451']) {
      expect(row).not.toContain(secret);
    }
    expect(outcome).toMatchObject({ kind: 'offered', offer: { txCode: '123451' } });
  });

  it('treats an offer another key sealed as none, and leaves it to the key that sealed it', async () => {
    const attempt = await passedAttempt('a1');
    const first = await webCredentialOffer(await deps(), attempt, sealer);
    const other = await webCredentialOffer(await deps(), attempt, otherSealer);
    expect(other).toMatchObject({
      kind: 'offered',
      offer: { offerUri: expect.stringMatching(/offer-2$/) },
    });
    expect(asked).toHaveLength(2);
    expect(await webCredentialOffer(await deps(), attempt, sealer)).toEqual(first);
  });

  it('does not open an offer moved to another attempt’s row', async () => {
    const a1 = await passedAttempt('a1');
    const a2 = await passedAttempt('a2');
    await webCredentialOffer(await deps(), a1, sealer);
    db.prepare(
      `INSERT INTO issuer_web_offers (attempt_id, sealed_offer, expires_at, created_at)
       SELECT 'a2', sealed_offer, expires_at, created_at FROM issuer_web_offers WHERE attempt_id = 'a1'`,
    ).run();
    const moved = await webCredentialOffer(await deps(), a2, sealer);
    expect(moved).toMatchObject({
      kind: 'offered',
      offer: { offerUri: expect.stringMatching(/offer-2$/) },
    });
  });
});
