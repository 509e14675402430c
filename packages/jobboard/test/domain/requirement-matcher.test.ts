import { describe, expect, it } from '@jest/globals';
import { PEX, type IPresentationDefinition } from '@sphereon/pex';
import { credentialFromJwtPayload, decodeJwt, type W3cCredential } from '@skillproof/core';
import {
  createRequirementMatcher,
  derivePresentationDefinition,
  matchRequirements,
  type PresentationDefinition,
  type RequirementMatches,
} from '@skillproof/jobboard';
import { makeIdentity, type TestIdentity } from '@skillproof/testing';
import { signedBadge } from '../fixtures/signed-badge.js';

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

function presentationsOf(holder: TestIdentity): string[][] {
  return [
    [
      signedBadge(academy, holder, python, { score: '90' }),
      signedBadge(academy, holder, sql),
      signedBadge(academy, holder, pandas, { alignment: [skill] }),
    ],
    [signedBadge(academy, holder, python, { score: '79' }), signedBadge(stranger, holder, sql)],
    [
      signedBadge(academy, holder, sql),
      signedBadge(academy, holder, sql),
      signedBadge(academy, holder, python),
    ],
    [signedBadge(academy, holder, pandas, { alignment: ['https://skills.test/other', skill] })],
  ];
}

/** The credentials as the verifier hands them over: from their signed payloads. */
function verified(jwts: readonly string[]): W3cCredential[] {
  return jwts.map((jwt) => credentialFromJwtPayload(decodeJwt(jwt).payload));
}

/**
 * What PEX itself finds, as a verifier, over the full signed JWTs (each decoded by PEX, every
 * claim there): for each requirement, the credentials answering one of its input descriptors.
 */
function pexOverJwts(
  pex: PEX,
  of: PresentationDefinition,
  jwts: readonly string[],
): RequirementMatches {
  const found: RequirementMatches = new Map(
    of.submission_requirements.map((requirement) => [requirement.from, []]),
  );
  if (jwts.length === 0) return found;
  const evaluation = pex.evaluateCredentials(of as unknown as IPresentationDefinition, [...jwts]);
  for (const { id, path } of evaluation.value?.descriptor_map ?? []) {
    const index = Number(/\[(\d+)\]$/.exec(path)?.[1]);
    for (const group of of.input_descriptors.find((descriptor) => descriptor.id === id)?.group ??
      []) {
      const indexes = found.get(group) ?? [];
      if (!indexes.includes(index)) indexes.push(index);
      found.set(group, indexes);
    }
  }
  for (const indexes of found.values()) indexes.sort((a, b) => a - b);
  return found;
}

/** A real PEX that counts its evaluations (`evaluateCredentials` calls). */
function countingPex(): { pex: PEX; readonly evaluations: number } {
  let evaluations = 0;
  const pex = new Proxy(new PEX(), {
    get(target, property, receiver) {
      if (property === 'evaluateCredentials') evaluations += 1;
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
  return {
    pex,
    get evaluations() {
      return evaluations;
    },
  };
}

describe('createRequirementMatcher', () => {
  it('finds what PEX finds over the full credentials, for every presentation', () => {
    const match = createRequirementMatcher();
    const pex = new PEX();
    for (const jwts of [...presentationsOf(makeIdentity()), ...presentationsOf(makeIdentity())]) {
      expect(match(definition, verified(jwts))).toEqual(pexOverJwts(pex, definition, jwts));
    }
  });

  it("finds each requirement's badge where another requirement goes unmet", () => {
    const holder = makeIdentity();
    const jwts = [
      signedBadge(academy, holder, sql),
      signedBadge(academy, holder, python, { score: '90' }),
    ];
    const found = createRequirementMatcher()(definition, verified(jwts));
    expect(found).toEqual(
      new Map([
        ['r1', [1]],
        ['r2', [0]],
        ['r3', []],
      ]),
    );
    expect(found).toEqual(pexOverJwts(new PEX(), definition, jwts));
  });

  it('evaluates once for applicants showing the same badges at the same scores', () => {
    const counting = countingPex();
    const match = createRequirementMatcher({ pex: counting.pex });
    const [first] = presentationsOf(makeIdentity());
    const [second] = presentationsOf(makeIdentity());
    match(definition, verified(first ?? []));
    match(definition, verified(second ?? []));
    expect(counting.evaluations).toBe(1);
    const [, lowScore] = presentationsOf(makeIdentity());
    expect(match(definition, verified(lowScore ?? [])).get('r1')).toEqual([]);
    expect(counting.evaluations).toBe(2);
  });

  it('answers as PEX over the full credentials, cache warm, whichever field the definition reads differs', () => {
    const holder = makeIdentity();
    // One badge that meets r1 and r3, and variants that each change one field the definition
    // reads: a cache keyed on less than all of them would hand a variant the first answer.
    const pool = [
      signedBadge(academy, holder, python, { score: '90', alignment: [skill] }),
      signedBadge(stranger, holder, python, { score: '90', alignment: [skill] }),
      signedBadge(academy, holder, sql, { score: '90', alignment: [skill] }),
      signedBadge(academy, holder, python, { score: '79', alignment: [skill] }),
      signedBadge(academy, holder, python, { score: '100', alignment: [skill] }),
      signedBadge(academy, holder, python, { score: '080', alignment: [skill] }),
      signedBadge(academy, holder, python, { alignment: [skill] }),
      signedBadge(academy, holder, python, {
        score: '90',
        alignment: ['https://skills.test/other'],
      }),
      signedBadge(academy, holder, python, { score: '90' }),
      signedBadge(academy, holder, pandas, { alignment: [skill] }),
      signedBadge(academy, holder, sql),
      signedBadge(stranger, holder, pandas),
    ];
    const match = createRequirementMatcher();
    const pex = new PEX();
    // A fixed linear congruential sequence: the same presentations on every run.
    let seed = 7;
    const next = (bound: number): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % bound;
    };
    // Distinct credentials only, as the verifier refuses a presentation repeating one.
    const pick = (count: number): string[] => {
      const left = [...pool];
      return Array.from({ length: count }, () => left.splice(next(left.length), 1)[0] ?? '');
    };
    const presentations = [
      ...pool.map((jwt) => [jwt]),
      ...Array.from({ length: 60 }, () => pick(1 + next(3))),
    ];
    for (const jwts of [...presentations, ...presentations]) {
      expect(match(definition, verified(jwts))).toEqual(pexOverJwts(pex, definition, jwts));
    }
  });

  it('keeps the answers of different definitions apart', () => {
    const elsewhere = derivePresentationDefinition({
      id: 'p2',
      title: 'Data analyst elsewhere',
      requirements: [
        { id: 'r1', type: 'badge', achievementId: python, acceptedIssuers: [stranger.did] },
      ],
    });
    const match = createRequirementMatcher();
    const jwts = [signedBadge(academy, makeIdentity(), python, { score: '90' })];
    expect(match(definition, verified(jwts)).get('r1')).toEqual([0]);
    expect(match(elsewhere, verified(jwts)).get('r1') ?? []).toEqual([]);
    // A copy of a definition is the same definition: its answer is the same too.
    expect(match(structuredClone(definition), verified(jwts)).get('r1')).toEqual([0]);
  });

  it('forgets the least recently used evaluation beyond its bound', () => {
    const counting = countingPex();
    const match = createRequirementMatcher({ pex: counting.pex, maxCachedEvaluations: 1 });
    const holder = makeIdentity();
    const [a, b] = presentationsOf(holder);
    match(definition, verified(a ?? []));
    match(definition, verified(b ?? []));
    match(definition, verified(a ?? []));
    expect(counting.evaluations).toBe(3);
  });
});

describe('matchRequirements', () => {
  it('answers as PEX over the full JWTs, uncached', () => {
    const pex = new PEX();
    for (const jwts of presentationsOf(makeIdentity())) {
      expect(matchRequirements(pex, definition, verified(jwts))).toEqual(
        pexOverJwts(pex, definition, jwts),
      );
    }
  });

  it.each([
    [
      'a signed `vc` claim (its path comes first in the definition)',
      { vc: { credentialSubject: { achievement: { id: python } } } },
    ],
    [
      'a `proof.jwt` (PEX would decode and read that JWT instead)',
      { proof: { type: 'JwtProof2020', jwt: signedBadge(academy, makeIdentity(), python) } },
    ],
  ])('hands PEX only what the definition reads of a credential, not %s', (_label, extra) => {
    const pythonOnly = derivePresentationDefinition({
      id: 'p3',
      title: 'Python',
      requirements: [
        { id: 'r1', type: 'badge', achievementId: python, acceptedIssuers: [academy.did] },
      ],
    });
    const [sqlBadge] = verified([signedBadge(academy, makeIdentity(), sql)]);
    const shadowed = { ...sqlBadge, ...extra } as W3cCredential;
    expect(matchRequirements(new PEX(), pythonOnly, [shadowed]).get('r1')).toEqual([]);
  });

  it('finds nothing, rather than throwing, for a credential PEX cannot read', () => {
    const unreadable = { '@context': 42, type: 'x', issuer: 'did:key:z', credentialSubject: 'x' };
    expect(
      matchRequirements(new PEX(), definition, [unreadable as unknown as W3cCredential]),
    ).toEqual(
      new Map([
        ['r1', []],
        ['r2', []],
        ['r3', []],
      ]),
    );
  });
});
