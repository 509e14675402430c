import { describe, expect, it } from '@jest/globals';
import {
  awardStanding,
  credentialExpired,
  heldBadge,
  type AttemptRecord,
  type IssuedCredentialRecord,
} from '../../src/index.js';
import { attemptLearnerDid, attemptRecord } from '../fixtures/attempt-record.js';

const did = attemptLearnerDid;

const attempt = (attemptNumber: number, createdAt: string): AttemptRecord =>
  attemptRecord(attemptNumber, { createdAt, expiresAt: createdAt });

function award(expirationDate?: string): IssuedCredentialRecord {
  return {
    id: 'urn:uuid:award',
    subjectDid: did,
    achievementId: 'https://academy.test/achievements/git-basics',
    attemptId: 'a1',
    format: 'jwt_vc_json',
    jwt: 'jwt',
    credential: {
      '@context': ['https://www.w3.org/2018/credentials/v1'],
      id: 'urn:uuid:award',
      type: ['VerifiableCredential'],
      issuer: 'did:key:issuer',
      issuanceDate: '2030-01-01T00:00:00.000Z',
      ...(expirationDate === undefined ? {} : { expirationDate }),
      credentialSubject: { id: did },
      proof: { type: 'JwtProof2020', jwt: 'jwt' },
    },
    issuedAt: '2030-01-01T00:00:00.000Z',
  };
}

const attempts = [
  attempt(1, '2029-12-31T23:50:00.000Z'),
  attempt(2, '2031-06-01T00:00:00.000Z'),
  attempt(3, '2032-01-01T00:00:00.000Z'),
];

describe('credentialExpired', () => {
  it('compares instants, whatever the ISO form, expiring at the expiration date itself', () => {
    const credential = { expirationDate: '2032-01-01T00:00:00Z' };
    expect(credentialExpired(credential, new Date('2031-12-31T23:59:59.999Z'))).toBe(false);
    expect(credentialExpired(credential, '2032-01-01T00:00:00.000Z')).toBe(true);
  });

  it('reads validUntil (VCDM 2.0) as it reads expirationDate (VCDM 1.1)', () => {
    const credential = { validUntil: '2032-01-01T00:00:00Z' };
    expect(credentialExpired(credential, '2031-12-31T23:59:59.999Z')).toBe(false);
    expect(credentialExpired(credential, '2032-01-01T00:00:00.000Z')).toBe(true);
  });

  it('never expires a credential without an expiration date', () => {
    expect(credentialExpired({}, new Date('9999-01-01T00:00:00.000Z'))).toBe(false);
  });
});

describe('heldBadge', () => {
  it('holds nothing before a pass, counting every attempt', () => {
    expect(heldBadge(undefined, attempts, new Date('2032-06-01T00:00:00.000Z'))).toEqual({
      credential: undefined,
      attempts,
    });
  });

  it('holds a badge until it expires, counting every attempt', () => {
    const held = heldBadge(
      award('2032-01-01T00:00:00Z'),
      attempts,
      new Date('2031-12-31T23:59:59.000Z'),
    );
    expect(held.credential?.id).toBe('urn:uuid:award');
    expect(held.attempts).toEqual(attempts);
  });

  it('holds nothing once it has expired, counting only the attempts since', () => {
    const held = heldBadge(
      award('2032-01-01T00:00:00Z'),
      attempts,
      new Date('2032-01-01T00:00:00.000Z'),
    );
    expect(held.credential).toBeUndefined();
    expect(held.attempts.map((record) => record.attemptNumber)).toEqual([3]);
  });

  it('holds a badge without an expiration date for good', () => {
    const held = heldBadge(award(), attempts, new Date('2099-01-01T00:00:00.000Z'));
    expect(held.credential?.id).toBe('urn:uuid:award');
  });

  it('holds nothing once revoked, counting every attempt; holds a suspended badge', () => {
    const at = new Date('2031-01-01T00:00:00.000Z');
    const revoked = heldBadge({ ...award(), revoked: true, suspended: false }, attempts, at);
    expect(revoked).toEqual({ credential: undefined, attempts });
    const suspended = heldBadge({ ...award(), revoked: false, suspended: true }, attempts, at);
    expect(suspended.credential?.id).toBe('urn:uuid:award');
  });
});

describe('awardStanding', () => {
  const at = '2031-01-01T00:00:00.000Z';
  const facts = (expirationDate: string | undefined, revoked: boolean, suspended: boolean) => ({
    credential: expirationDate === undefined ? {} : { expirationDate },
    revoked,
    suspended,
  });

  it.each([
    [facts(undefined, false, false), 'held'],
    [facts('2032-01-01T00:00:00Z', false, false), 'held'],
    [facts(undefined, false, true), 'suspended'],
    [facts('2030-01-01T00:00:00Z', false, false), 'expired'],
    // An expired badge stands no longer, suspended or not; a revoked one never does.
    [facts('2030-01-01T00:00:00Z', false, true), 'expired'],
    [facts(undefined, true, false), 'revoked'],
    [facts(undefined, true, true), 'revoked'],
    [facts('2030-01-01T00:00:00Z', true, false), 'revoked'],
  ])('%j stands %s', (award, standing) => {
    expect(awardStanding(award, at)).toBe(standing);
  });
});
