import { describe, expect, it } from '@jest/globals';
import { PEX } from '@sphereon/pex';
import { credentialFromJwtPayload, decodeJwt, type W3cCredential } from '@skillproof/core';
import {
  createRequirementMatcher,
  derivePresentationDefinition,
  matchRequirements,
} from '@skillproof/jobboard';
import {
  badgeCredential,
  makeIdentity,
  signCredential,
  type TestIdentity,
} from '@skillproof/testing';

const academy = makeIdentity();
const stranger = makeIdentity();
const base = 'https://academy.test/achievements';
const python = `${base}/python-problems-1`;
const sql = `${base}/sql-basics`;
const pandas = `${base}/pandas`;
const skill = 'https://skills.test/python';

const definition = derivePresentationDefinition({
  id: 'p1',
  title: 'Data analyst',
  requirements: [
    {
      id: 'r1',
      type: 'badge',
      achievementId: python,
      acceptedIssuers: [academy.did],
      minScore: 80,
    },
    {
      id: 'r2',
      type: 'any-of',
      count: 2,
      achievementIds: [sql, pandas],
      acceptedIssuers: [academy.did],
    },
    { id: 'r3', type: 'skill', skillUrl: skill, acceptedIssuers: [academy.did] },
  ],
});

function badge(
  issuer: TestIdentity,
  holder: TestIdentity,
  achievementId: string,
  extra: { score?: string; alignment?: string[] } = {},
): string {
  const subject: W3cCredential['credentialSubject'] = {
    id: holder.did,
    type: 'AchievementSubject',
    achievement: {
      id: achievementId,
      type: 'Achievement',
      name: 'A badge',
      ...(extra.alignment
        ? { alignment: extra.alignment.map((targetUrl) => ({ targetUrl })) }
        : {}),
    },
    ...(extra.score === undefined
      ? {}
      : { result: [{ resultDescription: `${achievementId}#score`, value: extra.score }] }),
  };
  return signCredential(
    issuer,
    badgeCredential(issuer, holder.did, {
      id: `urn:uuid:${crypto.randomUUID()}`,
      credentialSubject: subject,
    }),
  ).proof.jwt;
}

function presentationsOf(holder: TestIdentity): string[][] {
  return [
    [
      badge(academy, holder, python, { score: '90' }),
      badge(academy, holder, sql),
      badge(academy, holder, pandas, { alignment: [skill] }),
    ],
    [badge(academy, holder, python, { score: '79' }), badge(stranger, holder, sql)],
    [badge(academy, holder, sql), badge(academy, holder, sql), badge(academy, holder, python)],
    [badge(academy, holder, pandas, { alignment: ['https://skills.test/other', skill] })],
  ];
}

/** The credentials as the verifier hands them over: from their signed payloads. */
function verified(jwts: readonly string[]): W3cCredential[] {
  return jwts.map((jwt) => credentialFromJwtPayload(decodeJwt(jwt).payload));
}

describe('createRequirementMatcher', () => {
  it('finds what PEX finds over the full credentials, for every presentation', () => {
    const match = createRequirementMatcher();
    const pex = new PEX();
    for (const jwts of [...presentationsOf(makeIdentity()), ...presentationsOf(makeIdentity())]) {
      expect(match(definition, verified(jwts))).toEqual(matchRequirements(pex, definition, jwts));
    }
  });

  it('evaluates once for applicants showing the same badges at the same scores', () => {
    let evaluations = 0;
    const pex = new PEX();
    const counting = new Proxy(pex, {
      get(target, property, receiver) {
        if (property === 'selectFrom') evaluations += 1;
        return Reflect.get(target, property, receiver) as unknown;
      },
    });
    const match = createRequirementMatcher({ pex: counting });
    const [first] = presentationsOf(makeIdentity());
    const [second] = presentationsOf(makeIdentity());
    match(definition, verified(first ?? []));
    match(definition, verified(second ?? []));
    expect(evaluations).toBe(1);
    const [, lowScore] = presentationsOf(makeIdentity());
    expect(match(definition, verified(lowScore ?? [])).get('r1')).toEqual([]);
    expect(evaluations).toBe(2);
  });

  it('forgets the least recently used evaluation beyond its bound', () => {
    let evaluations = 0;
    const pex = new PEX();
    const counting = new Proxy(pex, {
      get(target, property, receiver) {
        if (property === 'selectFrom') evaluations += 1;
        return Reflect.get(target, property, receiver) as unknown;
      },
    });
    const match = createRequirementMatcher({ pex: counting, maxCachedEvaluations: 1 });
    const holder = makeIdentity();
    const [a, b] = presentationsOf(holder);
    match(definition, verified(a ?? []));
    match(definition, verified(b ?? []));
    match(definition, verified(a ?? []));
    expect(evaluations).toBe(3);
  });
});

describe('matchRequirements', () => {
  it('finds nothing, rather than throwing, for a credential PEX cannot read', () => {
    expect(matchRequirements(new PEX(), definition, ['not a jwt', '{}'])).toEqual(new Map());
  });
});
