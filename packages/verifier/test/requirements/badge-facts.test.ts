import { describe, expect, it } from '@jest/globals';
import type { W3cCredential } from '@skillproof/core';
import { badgeFactsOf } from '@skillproof/verifier/requirements';

// Open Badges 3.0 as 1EdTech's examples and DCC's issuer write it: VCDM 2.0, issuer as a string
// or Profile, types as lists, results described by the achievement's own ResultDescription.
const achievementId = 'https://example.edu/achievements/data-literacy';

function oneEdTechStyle(subject: Record<string, unknown>): W3cCredential {
  return {
    '@context': [
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ],
    id: 'http://example.edu/credentials/3732',
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: 'did:web:example.edu',
    credentialSubject: subject as W3cCredential['credentialSubject'],
  };
}

const achievement = {
  id: achievementId,
  type: ['Achievement'],
  name: 'Data Literacy',
  criteria: { narrative: 'Analyse a data set.' },
  alignment: [
    {
      type: ['Alignment'],
      targetName: 'Data analysis',
      targetUrl: 'https://skills.example/data-analysis',
      targetFramework: 'Example skills',
    },
  ],
  resultDescription: [
    { id: 'urn:uuid:f6ab24cd', type: ['ResultDescription'], name: 'Score', resultType: 'Percent' },
    {
      id: 'urn:uuid:a1b2',
      type: ['ResultDescription'],
      name: 'Points',
      resultType: 'ScaledScore',
      valueMin: '0',
      valueMax: '40',
    },
    {
      id: 'urn:uuid:c3d4',
      type: ['ResultDescription'],
      name: 'Level',
      resultType: 'RubricCriterionLevel',
    },
  ],
};

describe('badge facts of Open Badges 3.0 from other issuers', () => {
  it('reads the achievement, alignment and a Percent result', () => {
    const facts = badgeFactsOf(
      oneEdTechStyle({
        id: 'did:key:z6MkholderA',
        type: ['AchievementSubject'],
        achievement,
        result: [{ type: ['Result'], resultDescription: 'urn:uuid:f6ab24cd', value: '87.5' }],
      }),
    );
    expect(facts).toMatchObject({
      issuer: 'did:web:example.edu',
      achievementId,
      name: 'Data Literacy',
      alignmentUrls: ['https://skills.example/data-analysis'],
      score: 87,
    });
  });

  it('scales a score with valueMin and valueMax, and ignores a level', () => {
    const scaled = badgeFactsOf(
      oneEdTechStyle({
        type: ['AchievementSubject'],
        achievement,
        result: [
          { type: ['Result'], resultDescription: 'urn:uuid:c3d4', value: 'Expert' },
          { type: ['Result'], resultDescription: 'urn:uuid:a1b2', value: '30' },
        ],
      }),
    );
    expect(scaled?.score).toBe(75);
    const level = badgeFactsOf(
      oneEdTechStyle({
        type: ['AchievementSubject'],
        achievement,
        result: [{ type: ['Result'], resultDescription: 'urn:uuid:c3d4', value: '90' }],
      }),
    );
    expect(level?.score).toBeUndefined();
  });

  it('refuses a percent out of range or a value outside its scale', () => {
    for (const [description, value] of [
      ['urn:uuid:f6ab24cd', '101'],
      ['urn:uuid:f6ab24cd', '1e2'],
      ['urn:uuid:a1b2', '41'],
    ] as const) {
      const facts = badgeFactsOf(
        oneEdTechStyle({
          type: ['AchievementSubject'],
          achievement,
          result: [{ type: ['Result'], resultDescription: description, value }],
        }),
      );
      expect(facts?.score).toBeUndefined();
    }
  });

  it('finds the badge in a list of subjects', () => {
    const facts = badgeFactsOf(
      oneEdTechStyle([
        { id: 'did:key:z6MkholderA', name: 'Ada' },
        { id: 'did:key:z6MkholderA', type: ['AchievementSubject'], achievement },
      ] as unknown as Record<string, unknown>),
    );
    expect(facts?.achievementId).toBe(achievementId);
  });
});
