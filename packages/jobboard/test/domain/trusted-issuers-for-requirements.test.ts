import { describe, expect, it } from '@jest/globals';
import { trustedIssuersForRequirements } from '@skillproof/jobboard';

const accepted = 'did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp';
const other = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';
const python = 'https://academy.test/achievements/python-problems-1';
const sql = 'https://academy.test/achievements/sql-basics';
const skill = 'https://skills.test/python';

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
