// The board decides on the clauses themselves (`evaluateRequirements`); wallets select with the
// Presentation Exchange definition derived from the same clauses. This checks the two agree on
// random badges and clauses: whatever meets a clause, a wallet's PEX selects for it, and what it
// selects meets the clause unless a badge's score is described as another achievement's (a score
// pattern reads every result's value). A wallet that selects with PEX must still tell its holder
// whether they qualify with the evaluation, as the board decides.
import { describe, expect, it } from '@jest/globals';
import { PEX, type IPresentationDefinition } from '@sphereon/pex';
import fc from 'fast-check';
import { credentialFromJwtPayload, type RequirementClause } from '@skillproof/core';
import { evaluateRequirements } from '@skillproof/verifier/requirements';
import { derivePresentationDefinition } from '@skillproof/jobboard';
import { makeIdentity, payloadOf, signPayload } from '@skillproof/testing';
import { signedBadge } from '../fixtures/signed-badge.js';

const academy = makeIdentity();
const stranger = makeIdentity();
const holder = makeIdentity();
const base = 'https://academy.test/achievements';
const achievements = [`${base}/python`, `${base}/sql`, `${base}/pandas`];
const skills = ['https://skills.test/python', 'https://skills.test/data'];

interface HeldBadge {
  issuer: 0 | 1;
  achievement: number;
  score?: number;
  /** The score is described as another achievement's (contract B binds it to its own). */
  scoreForOther: boolean;
  alignment: number[];
}

const heldBadge: fc.Arbitrary<HeldBadge> = fc.record({
  issuer: fc.constantFrom<0 | 1>(0, 0, 1),
  achievement: fc.nat({ max: achievements.length - 1 }),
  score: fc.option(fc.nat({ max: 100 }), { nil: undefined }),
  scoreForOther: fc.constantFrom(false, false, false, true),
  alignment: fc.uniqueArray(fc.nat({ max: skills.length - 1 }), { maxLength: 2 }),
});

const acceptedIssuers = fc
  .constantFrom([academy.did], [stranger.did], [academy.did, stranger.did])
  .map((dids) => [...dids]);

const clause: fc.Arbitrary<RequirementClause> = fc.oneof(
  fc
    .record({
      id: fc.constant('r1'),
      type: fc.constant('badge' as const),
      achievementId: fc.constantFrom(...achievements),
      acceptedIssuers,
      minScore: fc.option(fc.nat({ max: 100 }), { nil: undefined }),
    })
    .map(({ minScore, ...rest }) => (minScore === undefined ? rest : { ...rest, minScore })),
  fc
    .uniqueArray(fc.constantFrom(...achievements), { minLength: 1, maxLength: 3 })
    .chain((achievementIds) =>
      fc.record({
        id: fc.constant('r1'),
        type: fc.constant('any-of' as const),
        count: fc.integer({ min: 1, max: achievementIds.length }),
        achievementIds: fc.constant(achievementIds),
        acceptedIssuers,
      }),
    ),
  fc.record({
    id: fc.constant('r1'),
    type: fc.constant('skill' as const),
    skillUrl: fc.constantFrom(...skills),
    acceptedIssuers,
  }),
);

function sign(badge: HeldBadge): string {
  const achievementId = achievements[badge.achievement] as string;
  const issuer = badge.issuer === 0 ? academy : stranger;
  const jwt = signedBadge(issuer, holder, achievementId, {
    ...(badge.score === undefined ? {} : { score: badge.score }),
    alignment: badge.alignment.map((index) => skills[index] as string),
  });
  if (badge.score === undefined || !badge.scoreForOther) return jwt;
  // Re-signed by its issuer with the result described as another achievement's score.
  const payload = payloadOf(jwt);
  const subject = (
    payload['vc'] as { credentialSubject: { result: Array<Record<string, unknown>> } }
  ).credentialSubject;
  subject.result[0] = { ...subject.result[0], resultDescription: `${base}/other#score` };
  return signPayload(issuer, payload);
}

describe('the derived definition and the evaluation of the clauses', () => {
  it('agree: what meets a clause a wallet selects, and what a wallet selects meets it', () => {
    const pex = new PEX();
    fc.assert(
      fc.property(fc.array(heldBadge, { maxLength: 4 }), clause, (held, requirement) => {
        const jwts = held.map(sign);
        const definition = derivePresentationDefinition({
          id: 'p',
          title: 'A job',
          requirements: [requirement],
        });
        // As a wallet selects: each input descriptor alone (PEX answers a whole definition
        // with 'warn', not 'error', when a required descriptor finds nothing), then the
        // submission requirement's rule over the descriptors that found something.
        const answered = definition.input_descriptors.filter((descriptor) => {
          if (jwts.length === 0) return false;
          const { group: _group, ...alone } = descriptor;
          const selection = pex.selectFrom(
            { id: 'p', input_descriptors: [alone] } as unknown as IPresentationDefinition,
            jwts,
          );
          // `verifiableCredential` lists what was handed in; the match's paths, what was found.
          return (selection.matches ?? []).some((match) => match.vc_path.length > 0);
        }).length;
        const selected = answered >= (requirement.type === 'any-of' ? requirement.count : 1);
        // As the verifier returns them: every signature checked out, every issuer's standing
        // left to the clause (the evaluation checks `acceptedIssuers` itself).
        const { qualified } = evaluateRequirements(
          [requirement],
          jwts.map((jwt) => ({
            verified: true,
            errors: [],
            credential: credentialFromJwtPayload(payloadOf(jwt)),
          })),
        );
        if (qualified) expect(selected).toBe(true);
        // A score pattern reads every result's value, so it can't tell whose score it is: a
        // badge whose score is described as another achievement's is selected, and refused.
        const scoresOwn = held.every((badge) => !badge.scoreForOther);
        if (selected && scoresOwn) expect(qualified).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});
