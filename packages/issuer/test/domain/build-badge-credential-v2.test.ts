import { describe, expect, it } from '@jest/globals';
import {
  buildBadgeCredential,
  findBadge,
  loadDefaultCatalog,
  type OpenBadgeCredentialV2,
} from '../../src/index.js';
import { ob3SchemaErrors as schemaErrors } from '@skillproof/testing';
import { baseUrl, issuedAt, learnerDid, ob3Badge } from '../fixtures/ob3-signing.js';

function findPythonBadge() {
  return findBadge(loadDefaultCatalog(), 'python-problems-1');
}

const issuerDid = 'did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp';

describe('buildBadgeCredentialV2', () => {
  it('builds the VCDM 2.0 OpenBadgeCredential of the same badge as buildBadgeCredential', () => {
    const v2 = ob3Badge(issuerDid);
    expect(v2['@context']).toEqual([
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ]);
    expect(v2.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(v2.issuer).toEqual({
      id: issuerDid,
      type: ['Profile'],
      name: 'Skillproof Academy',
      url: baseUrl,
    });
    expect(v2.validFrom).toBe('2030-02-28T12:34:56.000Z');
    expect(v2).not.toHaveProperty('issuanceDate');
    expect(v2.credentialSubject.type).toEqual(['AchievementSubject']);
    expect(v2.credentialSubject.achievement.type).toEqual(['Achievement']);
    expect(v2.credentialSubject.achievement).toHaveProperty('criteria.narrative');

    const v1 = buildBadgeCredential({
      id: v2.id,
      issuer: { id: issuerDid, type: 'Profile', name: 'Skillproof Academy', url: baseUrl },
      baseUrl,
      badge: findPythonBadge(),
      learnerDid,
      grade: { score: 90, correct: 9, total: 10 },
      attemptNumber: 1,
      credentialStatus: Array.isArray(v2.credentialStatus) ? v2.credentialStatus : [],
      now: issuedAt,
    });
    // The same claims: name, subject (but for the types), evidence, status, validity.
    expect(v2.name).toBe(v1['name']);
    expect(v2.evidence).toEqual(v1['evidence']);
    expect(v2.credentialStatus).toEqual(v1.credentialStatus);
    expect(v2.validUntil).toBe(v1.expirationDate);
    expect({ ...v2.credentialSubject.achievement, type: 'Achievement' }).toEqual(
      (v1.credentialSubject as OpenBadgeCredentialV2['credentialSubject']).achievement,
    );
    expect(v2.credentialSubject.result).toEqual(v1.credentialSubject['result']);
  });

  it('writes a single status entry as an object (OB 3.0: credentialStatus 0..1), several as an array', () => {
    expect(ob3Badge(issuerDid, ['revocation']).credentialStatus).toMatchObject({
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
    });
    expect(ob3Badge(issuerDid).credentialStatus).toHaveLength(2);
    expect(ob3Badge(issuerDid, [])).not.toHaveProperty('credentialStatus');
  });
});

describe('the OB 3.0 JSON schema of 1EdTech', () => {
  it('accepts the v2 badge with one status entry, or none', () => {
    expect(schemaErrors(ob3Badge(issuerDid, ['revocation']))).toEqual([]);
    expect(schemaErrors(ob3Badge(issuerDid, []))).toEqual([]);
  });

  it('refuses two status entries (revocation and suspension) only at credentialStatus: OB 3.0 allows one', () => {
    const errors = schemaErrors(ob3Badge(issuerDid));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((error) => error.startsWith('/credentialStatus '))).toBe(true);
  });

  it('refuses a badge whose achievement has no criteria', () => {
    const badge = ob3Badge(issuerDid, ['revocation']);
    const { criteria: _criteria, ...achievement } = badge.credentialSubject.achievement;
    const withoutCriteria = {
      ...badge,
      credentialSubject: { ...badge.credentialSubject, achievement },
    };
    expect(schemaErrors(withoutCriteria)).toContain(
      "/credentialSubject/achievement must have required property 'criteria'",
    );
  });

  it('refuses the VCDM 1.1 badge (issuanceDate, not validFrom; the v1 context)', () => {
    const v1 = buildBadgeCredential({
      id: 'urn:uuid:11111111-1111-4111-8111-111111111111',
      issuer: { id: issuerDid, type: 'Profile', name: 'Skillproof Academy', url: baseUrl },
      baseUrl,
      badge: findPythonBadge(),
      learnerDid,
      grade: { score: 90, correct: 9, total: 10 },
      credentialStatus: [],
      now: issuedAt,
    });
    expect(schemaErrors(v1)).toEqual(
      expect.arrayContaining([" must have required property 'validFrom'"]),
    );
  });
});
