import { describe, expect, it } from '@jest/globals';
import { buildBadgeCredential, defaultCatalog, findBadge } from '../../src/index.js';

const issuer = {
  id: 'did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp',
  type: 'Profile' as const,
  name: 'Skillproof Academy',
  url: 'https://academy.test',
};
const learnerDid = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';

describe('buildBadgeCredential', () => {
  it('builds the Open Badges 3.0 credential for a pass', () => {
    const badge = findBadge(defaultCatalog, 'russian-history-1');
    const credential = buildBadgeCredential({
      id: 'urn:uuid:11111111-1111-4111-8111-111111111111',
      issuer,
      baseUrl: 'https://academy.test',
      badge,
      learnerDid,
      grade: { score: 90, correct: 9, total: 10 },
      now: new Date('2030-02-28T12:34:56.789Z'),
    });
    expect(credential).toEqual({
      '@context': [
        'https://www.w3.org/2018/credentials/v1',
        'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      ],
      id: 'urn:uuid:11111111-1111-4111-8111-111111111111',
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer,
      // Whole seconds, as the JWT's nbf/exp keep them.
      issuanceDate: '2030-02-28T12:34:56.000Z',
      expirationDate: '2032-02-28T12:34:56.000Z',
      name: 'Russian History I',
      credentialSubject: {
        id: learnerDid,
        type: 'AchievementSubject',
        achievement: {
          id: 'https://academy.test/achievements/russian-history-1',
          type: 'Achievement',
          achievementType: 'Badge',
          name: 'Russian History I',
          description: badge.description,
          criteria: { narrative: badge.criteria.narrative },
        },
        result: [{ type: ['Result'], value: '90' }],
      },
      evidence: [
        { type: ['Evidence'], name: 'Micro-test attempt', description: 'Passed 9 of 10 questions' },
      ],
    });
  });

  it("honours a badge's own validity", () => {
    const badge = { ...findBadge(defaultCatalog, 'git-basics'), validityYears: 1 };
    const credential = buildBadgeCredential({
      id: 'urn:uuid:1',
      issuer,
      baseUrl: 'https://academy.test',
      badge,
      learnerDid,
      grade: { score: 100, correct: 4, total: 4 },
      now: new Date('2030-01-01T00:00:00.000Z'),
    });
    expect(credential.expirationDate).toBe('2031-01-01T00:00:00.000Z');
  });
});
