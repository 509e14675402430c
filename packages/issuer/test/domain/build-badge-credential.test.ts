import { describe, expect, it } from '@jest/globals';
import {
  badgeAchievement,
  buildBadgeCredential,
  credentialStatusEntries,
  findBadge,
  loadDefaultCatalog,
  type Badge,
} from '../../src/index.js';

const issuer = {
  id: 'did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp',
  type: 'Profile' as const,
  name: 'Skillproof Academy',
  url: 'https://academy.test',
};
const learnerDid = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';
const baseUrl = 'https://academy.test';
const catalog = loadDefaultCatalog();
const credentialStatus = credentialStatusEntries(baseUrl, [
  { purpose: 'revocation', listId: 'revocation-1', index: 41 },
  { purpose: 'suspension', listId: 'suspension-1', index: 41 },
]);

function build(badge: Badge, now = new Date('2030-02-28T12:34:56.789Z'), attemptNumber?: number) {
  return buildBadgeCredential({
    id: 'urn:uuid:11111111-1111-4111-8111-111111111111',
    issuer,
    baseUrl,
    badge,
    learnerDid,
    grade: { score: 90, correct: 9, total: 10 },
    ...(attemptNumber === undefined ? {} : { attemptNumber }),
    credentialStatus,
    now,
  });
}

describe('buildBadgeCredential', () => {
  it('builds the Open Badges 3.0 credential of contract B for a pass', () => {
    const badge = findBadge(catalog, 'russian-history-1');
    const achievement = badgeAchievement(badge, baseUrl);
    const credential = build({ ...badge, validityDays: 365 }, undefined, 2);
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
      expirationDate: '2031-02-28T12:34:56.000Z',
      name: 'Russian History I',
      credentialSubject: {
        id: learnerDid,
        type: 'AchievementSubject',
        achievement,
        result: [
          {
            type: ['Result'],
            resultDescription: 'https://academy.test/achievements/russian-history-1#score',
            value: '90',
          },
        ],
      },
      evidence: [
        {
          type: ['Evidence'],
          name: 'Micro-test result',
          description:
            'Attempt 2 at the micro-test of Russian History I, graded by the issuer: 9 of 10 tasks right, a score of 90%.',
          genre: 'Assessment',
        },
      ],
      credentialStatus: [
        {
          id: 'https://academy.test/status/revocation-1#41',
          type: 'BitstringStatusListEntry',
          statusPurpose: 'revocation',
          statusListIndex: '41',
          statusListCredential: 'https://academy.test/status/revocation-1',
        },
        {
          id: 'https://academy.test/status/suspension-1#41',
          type: 'BitstringStatusListEntry',
          statusPurpose: 'suspension',
          statusListIndex: '41',
          statusListCredential: 'https://academy.test/status/suspension-1',
        },
      ],
    });
    // The result points at the achievement's own ResultDescription.
    const descriptions = achievement['resultDescription'] as { id: string }[];
    expect(descriptions.map((description) => description.id)).toContain(
      'https://academy.test/achievements/russian-history-1#score',
    );
  });

  it('honours validityDays, and null means no expiry', () => {
    const badge = findBadge(catalog, 'git-basics');
    const now = new Date('2030-01-01T00:00:00.000Z');
    expect(build({ ...badge, validityDays: 30 }, now).expirationDate).toBe(
      '2030-01-31T00:00:00.000Z',
    );
    expect(build({ ...badge, validityDays: null }, now)).not.toHaveProperty('expirationDate');
  });

  it('summarises the attempt in the evidence, never the answers', () => {
    for (const badge of catalog.badges) {
      const evidence = JSON.stringify(build(badge)['evidence']);
      expect(evidence).toContain('9 of 10 tasks right');
      for (const task of badge.tasks) {
        const secrets = [
          ...('answer' in task ? [task.answer] : []),
          ...('acceptedAnswers' in task ? task.acceptedAnswers : []),
        ];
        for (const secret of secrets) {
          const text =
            task.kind === 'quiz'
              ? task.choices.find((choice) => choice.id === secret)?.text
              : secret;
          if (text && text.length > 3) expect(evidence).not.toContain(text);
        }
      }
    }
  });
});
