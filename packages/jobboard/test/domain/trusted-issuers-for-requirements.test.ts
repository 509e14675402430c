import { describe, expect, it } from '@jest/globals';
import { trustedIssuersForRequirements } from '@skillproof/jobboard';
import {
  academyAchievements,
  issuerDidA as accepted,
  issuerDidB as other,
  pythonSkillUrl as skill,
} from '@skillproof/testing';

const { python, sql } = academyAchievements;

describe('trustedIssuersForRequirements', () => {
  it('trusts each issuer only for the achievements it is accepted for, merged per DID', () => {
    expect(
      trustedIssuersForRequirements([
        { id: 'r1', type: 'badge', achievementId: python, acceptedIssuers: [accepted, other] },
        {
          id: 'r2',
          type: 'any-of',
          count: 1,
          achievementIds: [sql, python],
          acceptedIssuers: [accepted],
        },
      ]),
    ).toEqual([
      { did: accepted, achievements: [python, sql] },
      { did: other, achievements: [python] },
    ]);
  });

  it('trusts an issuer a skill clause accepts for any achievement', () => {
    expect(
      trustedIssuersForRequirements([
        { id: 'r1', type: 'badge', achievementId: python, acceptedIssuers: [accepted, other] },
        { id: 'r2', type: 'skill', skillUrl: skill, acceptedIssuers: [other] },
      ]),
    ).toEqual([{ did: accepted, achievements: [python] }, { did: other }]);
  });
});
