// A posting's requirements compile to a DCQL query and to a Presentation Exchange definition;
// the board decides on the clauses themselves (`evaluateRequirements`). This runs the same
// cases through all three: the `dcql` package's own matcher finds the query answered exactly when
// the evaluation says the requirements are met, and the decision and its reasons on what a wallet
// selects with DCQL are those on what it selects with PEX (for the JWT badges both ask for) and
// on everything it holds (met or not).
import { describe, expect, it } from '@jest/globals';
import { PEX, type IPresentationDefinition } from '@sphereon/pex';
import { DcqlQuery, type DcqlCredential } from 'dcql';
import {
  credentialFromJwtPayload,
  type RequirementClause,
  type W3cCredential,
} from '@skillproof/core';
import {
  evaluateRequirements,
  type RequirementsEvaluation,
} from '@skillproof/verifier/requirements';
import { deriveDcqlQuery, derivePresentationDefinition } from '@skillproof/jobboard';
import {
  academyAchievements,
  makeIdentity,
  openBadgeV2Credential,
  payloadOf,
  pythonSkillUrl as pythonSkill,
  type TestIdentity,
} from '@skillproof/testing';
import { signedBadge } from '../fixtures/signed-badge.js';

const { python, sql, pandas, git } = academyAchievements;
const academy = makeIdentity();
const stranger = makeIdentity();
const holder = makeIdentity();

/** A badge the wallet holds: its credential, and how each matcher is handed it. */
interface Held {
  credential: W3cCredential;
  /** The compact JWT PEX selects from; absent for a Data Integrity badge (PE asks for jwt_vc). */
  jwt?: string;
  /** As the dcql package's matcher takes a W3C credential. */
  dcql: DcqlCredential;
}

interface BadgeOptions {
  issuer?: TestIdentity;
  score?: number;
  alignment?: string[];
}

/** A `jwt_vc_json` badge; the matcher reads the credential its JWT decodes to (VCDM 1.1 §6.3.1). */
function jwtBadge(achievementId: string, options: BadgeOptions = {}): Held {
  const { issuer = academy, ...rest } = options;
  const jwt = signedBadge(issuer, holder, achievementId, rest);
  const credential = credentialFromJwtPayload(payloadOf(jwt));
  return {
    credential,
    jwt,
    dcql: {
      credential_format: 'jwt_vc_json',
      type: credential.type,
      claims: credential as unknown as Record<string, never>,
      cryptographic_holder_binding: true,
    },
  };
}

/** An `ldp_vc` badge: the same subject in a VCDM 2.0 Open Badge (its proof is not read here). */
function ldpBadge(achievementId: string, options: BadgeOptions = {}): Held {
  const { credentialSubject } = jwtBadge(achievementId, options).credential;
  const credential = {
    ...openBadgeV2Credential((options.issuer ?? academy).did, holder.did),
    id: `urn:uuid:${crypto.randomUUID()}`,
    credentialSubject,
  } as unknown as W3cCredential;
  return {
    credential,
    dcql: {
      credential_format: 'ldp_vc',
      type: credential.type,
      claims: credential as unknown as Record<string, never>,
      cryptographic_holder_binding: true,
    },
  };
}

/** The evaluation of what was presented, every signature having checked out. */
function decide(
  requirements: RequirementClause[],
  presented: readonly Held[],
): RequirementsEvaluation {
  return evaluateRequirements(
    requirements,
    presented.map((badge) => ({ verified: true, errors: [], credential: badge.credential })),
  );
}

/** What a wallet presents with DCQL: every held badge some credential query matched. */
function answerDcql(requirements: RequirementClause[], held: readonly Held[]) {
  const query = DcqlQuery.parse(
    deriveDcqlQuery({ id: 'p', title: 'A job', requirements }) as DcqlQuery.Input,
  );
  DcqlQuery.validate(query);
  const result = DcqlQuery.query(
    query,
    held.map((badge) => badge.dcql),
  );
  const matched = new Set(
    Object.values(result.credential_matches).flatMap((match) =>
      match.success ? match.valid_credentials.map((valid) => valid.input_credential_index) : [],
    ),
  );
  // A clause is answered when each of its required credential sets has a matching option.
  const answered = new Map<string, boolean>();
  for (const set of result.credential_sets ?? []) {
    const clauseId = set.options[0]?.[0]?.split('-')[0] ?? '';
    const ok = !set.required || set.matching_options !== undefined;
    answered.set(clauseId, (answered.get(clauseId) ?? true) && ok);
  }
  return {
    satisfied: result.can_be_satisfied,
    answered,
    presented: held.filter((_, index) => matched.has(index)),
  };
}

/** What a wallet presents with PEX: every held JWT badge the definition selects. */
function answerPex(requirements: RequirementClause[], held: readonly Held[]): Held[] {
  const jwts = held.flatMap((badge) => (badge.jwt ? [badge.jwt] : []));
  if (jwts.length === 0) return [];
  const definition = derivePresentationDefinition({ id: 'p', title: 'A job', requirements });
  const selection = new PEX().selectFrom(definition as unknown as IPresentationDefinition, jwts);
  const selectable = selection.verifiableCredential ?? [];
  const chosen = new Set(
    (selection.matches ?? []).flatMap((match) =>
      match.vc_path.map((path) => selectable[Number(/\d+/.exec(path)?.[0])]),
    ),
  );
  return held.filter((badge) => badge.jwt !== undefined && chosen.has(badge.jwt));
}

const badge = (
  achievementId: string,
  more: { minScore?: number; issuers?: TestIdentity[] } = {},
): RequirementClause => ({
  id: 'r1',
  type: 'badge',
  achievementId,
  acceptedIssuers: (more.issuers ?? [academy]).map((issuer) => issuer.did),
  ...(more.minScore === undefined ? {} : { minScore: more.minScore }),
});
const anyOf = (id: string, count: number, achievementIds: string[]): RequirementClause => ({
  id,
  type: 'any-of',
  count,
  achievementIds,
  acceptedIssuers: [academy.did],
});
const skill = (id: string): RequirementClause => ({
  id,
  type: 'skill',
  skillUrl: pythonSkill,
  acceptedIssuers: [academy.did],
});

type Case = [
  name: string,
  requirements: RequirementClause[],
  held: () => Held[],
  qualified: boolean,
];

const cases: Case[] = [
  ['a badge, held as jwt_vc_json', [badge(python)], () => [jwtBadge(python)], true],
  ['a badge, held as ldp_vc', [badge(python)], () => [ldpBadge(python)], true],
  [
    'a badge not held (another achievement)',
    [badge(python)],
    () => [jwtBadge(sql), ldpBadge(git)],
    false,
  ],
  [
    'a badge from an issuer not accepted',
    [badge(python)],
    () => [jwtBadge(python, { issuer: stranger }), ldpBadge(python, { issuer: stranger })],
    false,
  ],
  [
    'a badge from either of two issuers',
    [badge(python, { issuers: [stranger, academy] })],
    () => [ldpBadge(python, { issuer: stranger })],
    true,
  ],
  [
    'a score at the minimum',
    [badge(python, { minScore: 80 })],
    () => [jwtBadge(python, { score: 80 })],
    true,
  ],
  [
    'a score below the minimum',
    [badge(python, { minScore: 80 })],
    () => [jwtBadge(python, { score: 79 }), ldpBadge(python, { score: 40 })],
    false,
  ],
  [
    'no score where one is required',
    [badge(python, { minScore: 1 })],
    () => [jwtBadge(python)],
    false,
  ],
  [
    'a high enough score in the other format',
    [badge(python, { minScore: 80 })],
    () => [jwtBadge(python, { score: 79 }), ldpBadge(python, { score: 100 })],
    true,
  ],
  [
    'any 2 of 3, in two formats',
    [anyOf('r1', 2, [sql, pandas, git])],
    () => [jwtBadge(sql), ldpBadge(git)],
    true,
  ],
  [
    'any 2 of 3, both as JWTs',
    [anyOf('r1', 2, [sql, pandas, git])],
    () => [jwtBadge(pandas), jwtBadge(git), jwtBadge(python)],
    true,
  ],
  [
    'any 2 of 3 with one held, one from a stranger',
    [anyOf('r1', 2, [sql, pandas, git])],
    () => [jwtBadge(sql), jwtBadge(pandas, { issuer: stranger })],
    false,
  ],
  [
    'any 2 of 3 with the same badge twice',
    [anyOf('r1', 2, [sql, pandas, git])],
    () => [jwtBadge(sql), ldpBadge(sql)],
    false,
  ],
  ['any 1 of 2, held as ldp_vc', [anyOf('r1', 1, [sql, pandas])], () => [ldpBadge(pandas)], true],
  ['all 2 of 2', [anyOf('r1', 2, [sql, pandas])], () => [ldpBadge(pandas), jwtBadge(sql)], true],
  ['all 2 of 2 with one missing', [anyOf('r1', 2, [sql, pandas])], () => [jwtBadge(pandas)], false],
  [
    'a skill',
    [skill('r1')],
    () => [jwtBadge(git, { alignment: ['https://skills.test/other', pythonSkill] })],
    true,
  ],
  [
    'a skill, no badge aligned to it',
    [skill('r1')],
    () => [jwtBadge(git, { alignment: ['https://skills.test/other'] })],
    false,
  ],
  [
    'a skill from an issuer not accepted',
    [skill('r1')],
    () => [ldpBadge(git, { issuer: stranger, alignment: [pythonSkill] })],
    false,
  ],
  [
    'three clauses, all met, in two formats',
    [badge(python, { minScore: 50 }), anyOf('r2', 1, [sql, pandas]), skill('r3')],
    () => [
      ldpBadge(python, { score: 60 }),
      jwtBadge(pandas),
      ldpBadge(git, { alignment: [pythonSkill] }),
    ],
    true,
  ],
  [
    'three clauses, all met by JWTs',
    [badge(python, { minScore: 50 }), anyOf('r2', 1, [sql, pandas]), skill('r3')],
    () => [jwtBadge(python, { score: 60, alignment: [pythonSkill] }), jwtBadge(sql)],
    true,
  ],
  [
    'three clauses, one not met',
    [badge(python, { minScore: 50 }), anyOf('r2', 1, [sql, pandas]), skill('r3')],
    () => [jwtBadge(python, { score: 60, alignment: [pythonSkill] }), jwtBadge(git)],
    false,
  ],
  ['nothing held', [badge(python), skill('r2')], () => [], false],
];

describe('the DCQL query, the PE definition and the evaluation of the clauses', () => {
  it.each(cases)('agree on %s', (_name, requirements, makeHeld, qualified) => {
    const held = makeHeld();
    const everything = decide(requirements, held);
    expect(everything.qualified).toBe(qualified);

    // (a) The dcql package's matcher answers the query exactly when the clauses are met, and
    // each clause's credential sets exactly when that clause is.
    const dcql = answerDcql(requirements, held);
    expect(dcql.satisfied).toBe(qualified);
    expect(Object.fromEntries(dcql.answered)).toEqual(
      Object.fromEntries(everything.requirements.map((outcome) => [outcome.id, outcome.met])),
    );

    // (b) Decided on what DCQL selects: the same decision as on everything held, with the same
    // reason for each clause met (what it did not select can't be a closest miss).
    const onDcql = decide(requirements, dcql.presented);
    expect(onDcql.qualified).toBe(qualified);
    everything.requirements.forEach((outcome, index) => {
      expect(onDcql.requirements[index]?.met).toBe(outcome.met);
      if (outcome.met) expect(onDcql.requirements[index]).toEqual(outcome);
    });

    // Where every badge is a JWT (all the PE definition asks for), PEX selects the same badges,
    // so the decision and every reason are the same whichever query the wallet answered.
    if (held.every((badge) => badge.jwt !== undefined)) {
      const onPex = decide(requirements, answerPex(requirements, held));
      expect(onPex).toEqual(onDcql);
    }
  });
});
