import { describe, expect, it } from '@jest/globals';
import { PEX, type IPresentationDefinition } from '@sphereon/pex';
import {
  derivePresentationDefinition,
  type PresentationDefinition,
  type RequirementClause,
} from '@skillproof/jobboard';
import {
  academyAchievements,
  issuerDidA as issuerA,
  issuerDidAShort as shortA,
  issuerDidB as issuerB,
  issuerDidBShort as shortB,
  makeIdentity,
  pythonSkillUrl as pythonSkill,
  type TestIdentity,
} from '@skillproof/testing';
import { signedBadge } from '../fixtures/signed-badge.js';
import { dataAnalystPosting } from '../fixtures/data-analyst-posting.js';

const { python, sql, pandas, git } = academyAchievements;

describe('derivePresentationDefinition', () => {
  const definition = derivePresentationDefinition(dataAnalystPosting);

  it('makes one submission requirement per clause: all for a badge or skill, pick for any-of', () => {
    expect(definition.submission_requirements).toEqual([
      {
        name: 'r1',
        purpose: `Python Problem Solver I from ${shortA}, score ≥ 80`,
        rule: 'all',
        from: 'r1',
      },
      {
        name: 'r2',
        purpose: `any 1 of sql-basics and pandas, from ${shortB}`,
        rule: 'pick',
        min: 1,
        from: 'r2',
      },
      {
        name: 'r3',
        purpose: `any badge aligned to python from ${shortA} or ${shortB}`,
        rule: 'all',
        from: 'r3',
      },
    ]);
    expect(
      definition.input_descriptors.map((descriptor) => [descriptor.id, descriptor.group]),
    ).toEqual([
      ['r1', ['r1']],
      ['r2.1', ['r2']],
      ['r2.2', ['r2']],
      ['r3', ['r3']],
    ]);
  });

  it('writes JSON-schema filters PEX accepts: the JWT path first, a pattern for the score', () => {
    expect(definition.input_descriptors[0]).toEqual({
      id: 'r1',
      name: 'Python Problem Solver I',
      purpose: `Python Problem Solver I from ${shortA}, score ≥ 80`,
      group: ['r1'],
      constraints: {
        fields: [
          {
            path: ['$.vc.credentialSubject.achievement.id', '$.credentialSubject.achievement.id'],
            filter: { type: 'string', const: python },
          },
          {
            path: ['$.iss', '$.issuer.id', '$.issuer'],
            filter: { type: 'string', enum: [issuerA] },
          },
          {
            path: ['$.vc.credentialSubject.result[*].value', '$.credentialSubject.result[*].value'],
            filter: { type: 'string', pattern: '^(?:8[0-9]|9[0-9]|100)$' },
          },
        ],
      },
    });
    // PEX's validator knows no EdDSA (a registered JOSE algorithm, RFC 8037); nothing else in
    // the definition may trouble it.
    const problems = PEX.validateDefinition(definition as unknown as IPresentationDefinition);
    const complaints = (Array.isArray(problems) ? problems : [problems]).filter(
      (problem) => problem.status !== 'info',
    );
    expect(complaints.map((problem) => problem.message)).toEqual([
      'formats should only have known identifiers for alg or proof_type',
    ]);
  });

  it('does not share the issuer list with the clause it came from', () => {
    const clause = {
      id: 'r1',
      type: 'badge' as const,
      achievementId: 'https://a.test/x',
      acceptedIssuers: [issuerA],
    };
    const derived = derivePresentationDefinition({ id: 'p', title: 't', requirements: [clause] });
    clause.acceptedIssuers.push(issuerB);
    expect(derived.input_descriptors[0]?.constraints?.fields?.[1]?.filter?.enum).toEqual([issuerA]);
  });
});

describe('a wallet selecting with PEX over its JWT credentials', () => {
  const academyKey = makeIdentity();
  const strangerKey = makeIdentity();
  const holder = makeIdentity();

  function badge(
    issuer: TestIdentity,
    achievementId: string,
    options: { score?: string; alignment?: string[] } = {},
  ): string {
    return signedBadge(issuer, holder, achievementId, options);
  }

  /** The credentials PEX selects for each submission requirement, as indexes into `held`. */
  function selected(definition: PresentationDefinition, held: string[]): Record<string, number[]> {
    const selection = new PEX().selectFrom(definition as unknown as IPresentationDefinition, held);
    const selectable = selection.verifiableCredential ?? [];
    return Object.fromEntries(
      (selection.matches ?? []).map((match) => [
        match.from ?? '',
        match.vc_path
          .map((path) => held.indexOf(selectable[Number(/\d+/.exec(path)?.[0])] as string))
          .sort((a, b) => a - b),
      ]),
    );
  }

  const posting = (requirements: RequirementClause[]): PresentationDefinition =>
    derivePresentationDefinition({ id: 'p', title: 'A job', requirements });

  it('picks a badge from an accepted issuer with a high enough score, and nothing else', () => {
    const held = [
      badge(academyKey, python, { score: '92' }),
      badge(academyKey, python, { score: '79' }),
      badge(strangerKey, python, { score: '100' }),
      badge(academyKey, sql, { score: '100' }),
    ];
    const definition = posting([
      {
        id: 'r1',
        type: 'badge',
        achievementId: python,
        acceptedIssuers: [academyKey.did],
        minScore: 80,
      },
    ]);
    expect(selected(definition, held)).toEqual({ r1: [0] });
  });

  it('picks the badges of an any-of clause, and a badge aligned to a skill', () => {
    const held = [
      badge(academyKey, sql),
      badge(academyKey, git, { alignment: ['https://skills.test/other', pythonSkill] }),
      badge(academyKey, pandas),
      badge(strangerKey, python, { alignment: [pythonSkill] }),
    ];
    const definition = posting([
      {
        id: 'r1',
        type: 'any-of',
        count: 2,
        achievementIds: [sql, pandas, python],
        acceptedIssuers: [academyKey.did],
      },
      { id: 'r2', type: 'skill', skillUrl: pythonSkill, acceptedIssuers: [academyKey.did] },
    ]);
    expect(selected(definition, held)).toEqual({ r1: [0, 2], r2: [1] });
  });

  it('selects nothing for a clause the wallet cannot meet', () => {
    const held = [badge(academyKey, sql)];
    const definition = posting([
      { id: 'r1', type: 'badge', achievementId: python, acceptedIssuers: [academyKey.did] },
      { id: 'r2', type: 'skill', skillUrl: pythonSkill, acceptedIssuers: [academyKey.did] },
    ]);
    expect(selected(definition, held)).toEqual({ r1: [], r2: [] });
  });
});
