import { describe, expect, it } from '@jest/globals';
import { encodeJwtSigningInput, type W3cCredential } from '@skillproof/core';
import {
  evaluateRequirements,
  trustedIssuersForRequirements,
  type EvaluatedCredential,
  type PostingRequirement,
} from '@skillproof/jobboard';

const accepted = 'did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp';
const other = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';
const python = 'https://academy.test/achievements/python-problems-1';
const sql = 'https://academy.test/achievements/sql-basics';

const requirements: PostingRequirement[] = [
  { id: 'r1', achievementId: python, acceptedIssuers: [accepted] },
];

function badge(issuer: string, achievementId: string, id = 'urn:uuid:badge-1'): W3cCredential {
  return {
    '@context': ['https://www.w3.org/2018/credentials/v1'],
    id,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: issuer },
    credentialSubject: {
      id: 'did:key:z6MkLearner',
      type: 'AchievementSubject',
      achievement: { id: achievementId, type: 'Achievement', name: 'Python problems 1' },
    },
  };
}

function verified(credential: W3cCredential): EvaluatedCredential {
  return { verified: true, errors: [], credential };
}

function failed(credential: W3cCredential, code: string, message: string): EvaluatedCredential {
  return {
    verified: false,
    errors: [{ id: 'x', ok: false, code: code as 'EXPIRED', message }],
    credential,
  };
}

describe('evaluateRequirements', () => {
  it('meets a requirement with a verified credential from an accepted issuer', () => {
    expect(evaluateRequirements(requirements, [verified(badge(accepted, python))])).toEqual([
      {
        id: 'r1',
        achievementId: python,
        met: true,
        reason: `met by "Python problems 1" (urn:uuid:badge-1) from ${accepted}`,
        credentialId: 'urn:uuid:badge-1',
        issuer: accepted,
      },
    ]);
  });

  it('names an issuer that is not accepted', () => {
    const [outcome] = evaluateRequirements(requirements, [
      failed(badge(other, python), 'ISSUER_UNTRUSTED', `the issuer ${other} is not trusted`),
    ]);
    expect(outcome).toMatchObject({
      met: false,
      reason: `"Python problems 1" was presented, but its issuer ${other} is not accepted for this requirement`,
      issuer: other,
    });
  });

  it('never meets a requirement from an issuer it does not accept, even if verified', () => {
    const [outcome] = evaluateRequirements(requirements, [verified(badge(other, python))]);
    expect(outcome?.met).toBe(false);
    expect(outcome?.reason).toContain('is not accepted for this requirement');
  });

  it('says why a credential from an accepted issuer did not verify', () => {
    const [outcome] = evaluateRequirements(requirements, [
      failed(badge(accepted, python), 'EXPIRED', 'the credential expired at 2026-01-01T00:00:00Z'),
    ]);
    expect(outcome).toMatchObject({
      met: false,
      reason:
        '"Python problems 1" was presented but did not verify: the credential expired at 2026-01-01T00:00:00Z',
      credentialId: 'urn:uuid:badge-1',
    });
  });

  it('attributes a credential whose signature failed from its unverified payload, never meeting with it', () => {
    const payload = {
      iss: accepted,
      sub: 'did:key:z6MkLearner',
      jti: 'urn:uuid:forged',
      vc: {
        '@context': ['https://www.w3.org/2018/credentials/v1'],
        type: ['VerifiableCredential'],
        credentialSubject: { achievement: { id: python, name: 'Python problems 1' } },
      },
    };
    const jwt = `${encodeJwtSigningInput({ alg: 'EdDSA' }, payload)}.AAAA`;
    const [outcome] = evaluateRequirements(requirements, [
      {
        verified: false,
        errors: [
          {
            id: 'signature',
            ok: false,
            code: 'SIGNATURE_INVALID',
            message: `the signature is not by ${accepted}`,
          },
        ],
        jwt,
      },
    ]);
    expect(outcome).toMatchObject({
      met: false,
      reason: `"Python problems 1" was presented but did not verify: the signature is not by ${accepted}`,
      credentialId: 'urn:uuid:forged',
    });
  });

  it('says when nothing for the achievement was presented', () => {
    const [outcome] = evaluateRequirements(requirements, [
      verified(badge(accepted, sql)),
      { verified: false, errors: [], jwt: 'not a jwt' },
    ]);
    expect(outcome).toEqual({
      id: 'r1',
      achievementId: python,
      met: false,
      reason: `no credential for ${python} was presented`,
    });
  });

  it('prefers a credential that meets the requirement over one that failed', () => {
    const [outcome] = evaluateRequirements(requirements, [
      failed(badge(accepted, python, 'urn:uuid:old'), 'EXPIRED', 'expired'),
      verified(badge(accepted, python, 'urn:uuid:new')),
    ]);
    expect(outcome).toMatchObject({ met: true, credentialId: 'urn:uuid:new' });
  });
});

describe('trustedIssuersForRequirements', () => {
  it('trusts each issuer only for the achievements it is accepted for, merged per DID', () => {
    expect(
      trustedIssuersForRequirements([
        { id: 'r1', achievementId: python, acceptedIssuers: [accepted, other] },
        { id: 'r2', achievementId: sql, acceptedIssuers: [accepted] },
      ]),
    ).toEqual([
      { did: accepted, achievements: [python, sql] },
      { did: other, achievements: [python] },
    ]);
  });
});
