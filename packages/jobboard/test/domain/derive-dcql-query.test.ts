import { describe, expect, it } from '@jest/globals';
import { DcqlQuery } from 'dcql';
import {
  deriveDcqlQuery,
  type DcqlQuery as SkillproofDcqlQuery,
  type RequirementClause,
} from '@skillproof/jobboard';
import {
  academyAchievements,
  issuerDidA as issuerA,
  issuerDidB as issuerB,
  pythonSkillUrl as pythonSkill,
} from '@skillproof/testing';
import { dataAnalystPosting } from '../fixtures/data-analyst-posting.js';

const { python, sql, pandas, git } = academyAchievements;

const typeValues = [
  ['https://purl.imsglobal.org/spec/vc/ob/vocab.html#OpenBadgeCredential'],
  ['OpenBadgeCredential'],
  ['AchievementCredential'],
];

function derive(requirements: RequirementClause[]): SkillproofDcqlQuery {
  return deriveDcqlQuery({ id: 'posting-1', title: 'Data analyst', requirements });
}

/** The query as the OpenWallet Foundation's `dcql` package reads it; throws when it is invalid. */
function parsedByDcql(query: SkillproofDcqlQuery): DcqlQuery.Output {
  const parsed = DcqlQuery.parse(query as DcqlQuery.Input);
  DcqlQuery.validate(parsed);
  return parsed;
}

describe('deriveDcqlQuery', () => {
  const query = deriveDcqlQuery(dataAnalystPosting);

  it('asks for each badge in jwt_vc_json and in ldp_vc, under ids named for its clause', () => {
    expect(query.credentials.map((credential) => [credential.id, credential.format])).toEqual([
      ['r1-jwt', 'jwt_vc_json'],
      ['r1-ldp', 'ldp_vc'],
      ['r2-1-jwt', 'jwt_vc_json'],
      ['r2-1-ldp', 'ldp_vc'],
      ['r2-2-jwt', 'jwt_vc_json'],
      ['r2-2-ldp', 'ldp_vc'],
      ['r3-jwt', 'jwt_vc_json'],
      ['r3-ldp', 'ldp_vc'],
    ]);
    expect(query.credentials[0]?.meta).toEqual({ type_values: typeValues });
  });

  it('makes one required credential set per clause, whose options are its queries', () => {
    expect(query.credential_sets).toEqual([
      {
        options: [['r1-jwt'], ['r1-ldp']],
        required: true,
        purpose: expect.stringContaining('Python Problem Solver I') as unknown as string,
      },
      {
        options: [['r2-1-jwt'], ['r2-1-ldp'], ['r2-2-jwt'], ['r2-2-ldp']],
        required: true,
        purpose: expect.stringContaining('any 1 of') as unknown as string,
      },
      {
        options: [['r3-jwt'], ['r3-ldp']],
        required: true,
        purpose: expect.stringContaining('aligned to') as unknown as string,
      },
    ]);
  });

  it('claims the achievement id, the issuer id and each score from the minimum up', () => {
    expect(query.credentials[0]?.claims).toEqual([
      { id: 'achievement', path: ['credentialSubject', 'achievement', 'id'], values: [python] },
      { id: 'issuer', path: ['issuer', 'id'], values: [issuerA] },
      {
        id: 'score',
        path: ['credentialSubject', 'result', null, 'value'],
        values: Array.from({ length: 21 }, (_, offset) => String(80 + offset)),
      },
    ]);
    expect(query.credentials[2]?.claims).toEqual([
      { id: 'achievement', path: ['credentialSubject', 'achievement', 'id'], values: [sql] },
      { id: 'issuer', path: ['issuer', 'id'], values: [issuerB] },
    ]);
    expect(query.credentials[6]?.claims).toEqual([
      {
        id: 'alignment',
        path: ['credentialSubject', 'achievement', 'alignment', null, 'targetUrl'],
        values: [pythonSkill],
      },
      { id: 'issuer', path: ['issuer', 'id'], values: [issuerA, issuerB] },
    ]);
  });

  it('names no trusted authorities: OpenID4VP 1.0 defines no type for DIDs', () => {
    expect(query.credentials.some((credential) => 'trusted_authorities' in credential)).toBe(false);
  });

  it.each<[string, RequirementClause]>([
    ['a badge', { id: 'r1', type: 'badge', achievementId: python, acceptedIssuers: [issuerA] }],
    [
      'a badge with a minimum score',
      { id: 'r1', type: 'badge', achievementId: python, acceptedIssuers: [issuerA], minScore: 0 },
    ],
    [
      'any 1 of several badges',
      {
        id: 'r1',
        type: 'any-of',
        count: 1,
        achievementIds: [sql, pandas],
        acceptedIssuers: [issuerA],
      },
    ],
    [
      'any 2 of 3 badges',
      {
        id: 'r1',
        type: 'any-of',
        count: 2,
        achievementIds: [sql, pandas, git],
        acceptedIssuers: [issuerA, issuerB],
      },
    ],
    [
      'all of the badges listed',
      {
        id: 'r1',
        type: 'any-of',
        count: 2,
        achievementIds: [sql, pandas],
        acceptedIssuers: [issuerA],
      },
    ],
    ['a skill', { id: 'r1', type: 'skill', skillUrl: pythonSkill, acceptedIssuers: [issuerA] }],
  ])('writes a query the dcql package parses and validates for %s', (_name, clause) => {
    const parsed = parsedByDcql(derive([clause]));
    expect(parsed.credentials.length).toBeGreaterThanOrEqual(2);
    expect(parsed.credential_sets?.every((set) => set.required)).toBe(true);
  });

  it('parses for a posting with every kind of clause, and for all of 20 badges', () => {
    expect(() => parsedByDcql(query)).not.toThrow();
    const many = Array.from({ length: 20 }, (_, index) => `https://academy.test/badges/${index}`);
    const parsed = parsedByDcql(
      derive([
        { id: 'r1', type: 'any-of', count: 20, achievementIds: many, acceptedIssuers: [issuerA] },
      ]),
    );
    expect(parsed.credential_sets).toHaveLength(20);
  });

  it('lists every choice of badges and formats for any N of a list', () => {
    const sets = derive([
      {
        id: 'r4',
        type: 'any-of',
        count: 2,
        achievementIds: [sql, pandas, git],
        acceptedIssuers: [issuerA],
      },
    ]).credential_sets;
    expect(sets).toHaveLength(1);
    // 3 pairs of badges, each badge in either of 2 formats.
    expect(sets?.[0]?.options).toHaveLength(3 * 2 * 2);
    expect(sets?.[0]?.options.slice(0, 4)).toEqual([
      ['r4-1-jwt', 'r4-2-jwt'],
      ['r4-1-jwt', 'r4-2-ldp'],
      ['r4-1-ldp', 'r4-2-jwt'],
      ['r4-1-ldp', 'r4-2-ldp'],
    ]);
  });

  it('asks for all of a list as one required set per badge', () => {
    const sets = derive([
      {
        id: 'r1',
        type: 'any-of',
        count: 2,
        achievementIds: [sql, pandas],
        acceptedIssuers: [issuerA],
      },
    ]).credential_sets;
    expect(sets?.map((set) => [set.options, set.required])).toEqual([
      [[['r1-1-jwt'], ['r1-1-ldp']], true],
      [[['r1-2-jwt'], ['r1-2-ldp']], true],
    ]);
  });

  it('asks for each badge on its own, none required, past 256 choices', () => {
    const many = Array.from({ length: 12 }, (_, index) => `https://academy.test/badges/${index}`);
    const sets = parsedByDcql(
      derive([
        { id: 'r1', type: 'any-of', count: 4, achievementIds: many, acceptedIssuers: [issuerA] },
      ]),
    ).credential_sets;
    expect(sets).toHaveLength(12);
    expect(sets?.[11]).toMatchObject({ options: [['r1-12-jwt'], ['r1-12-ldp']], required: false });
    // 10 of 20 would be 184,756 choices of badges alone.
    const twenty = Array.from({ length: 20 }, (_, index) => `https://academy.test/badges/${index}`);
    const halfOfTwenty = derive([
      { id: 'r1', type: 'any-of', count: 10, achievementIds: twenty, acceptedIssuers: [issuerA] },
    ]).credential_sets;
    expect(halfOfTwenty?.map((set) => set.required)).toEqual(Array<boolean>(20).fill(false));
  });

  it('leaves vc+jwt out: OpenID4VP 1.0 names no such format, and the dcql package refuses it', () => {
    expect(query.credentials.map((credential) => credential.format)).not.toContain('vc+jwt');
    const withVcJwt = { ...query.credentials[0], id: 'r1-vcjwt', format: 'vc+jwt' };
    expect(() =>
      DcqlQuery.parse({ credentials: [withVcJwt] } as unknown as DcqlQuery.Input),
    ).toThrow(/vc\+jwt/);
  });

  it('does not share the issuer list with the clause it came from', () => {
    const clause = {
      id: 'r1',
      type: 'badge' as const,
      achievementId: python,
      acceptedIssuers: [issuerA],
    };
    const derived = derive([clause]);
    clause.acceptedIssuers.push(issuerB);
    expect(derived.credentials[0]?.claims?.[1]?.values).toEqual([issuerA]);
  });
});
