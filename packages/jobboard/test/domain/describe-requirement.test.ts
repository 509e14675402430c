import { describe, expect, it } from '@jest/globals';
import { describeRequirement } from '@skillproof/jobboard';
import {
  academyAchievements,
  issuerDidA as academy,
  issuerDidAShort as academyShort,
  issuerDidB as other,
  issuerDidBShort as otherShort,
} from '@skillproof/testing';

const { python, sql, pandas } = academyAchievements;

describe('describeRequirement', () => {
  it('names the badge, the issuers and the score, with the labels given', () => {
    expect(
      describeRequirement(
        {
          id: 'r1',
          type: 'badge',
          achievementId: python,
          acceptedIssuers: [academy],
          minScore: 80,
        },
        {
          achievements: { [python]: 'Python Problem Solver I' },
          issuers: { [academy]: 'Skillproof Academy' },
        },
      ),
    ).toBe('Python Problem Solver I from Skillproof Academy, score ≥ 80');
  });

  it('shows short ids where no label is given, and lists issuers with "or"', () => {
    expect(
      describeRequirement({
        id: 'r1',
        type: 'badge',
        achievementId: python,
        acceptedIssuers: [academy, other],
      }),
    ).toBe(`python-problems-1 from ${academyShort} or ${otherShort}`);
  });

  it('says "any N of" for an any-of clause, and "all of" when N is every badge', () => {
    const clause = {
      id: 'r2',
      type: 'any-of' as const,
      count: 2,
      achievementIds: [python, sql, pandas],
      acceptedIssuers: [academy],
    };
    expect(describeRequirement(clause)).toBe(
      `any 2 of python-problems-1, sql-basics and pandas, from ${academyShort}`,
    );
    expect(describeRequirement({ ...clause, count: 3 })).toBe(
      `all of python-problems-1, sql-basics and pandas, from ${academyShort}`,
    );
  });

  it('names the skill of a skill clause', () => {
    expect(
      describeRequirement(
        {
          id: 'r3',
          type: 'skill',
          skillUrl: 'https://skills.test/python',
          acceptedIssuers: [academy],
        },
        { skills: { 'https://skills.test/python': 'Python programming' } },
      ),
    ).toBe(`any badge aligned to Python programming from ${academyShort}`);
  });
});
