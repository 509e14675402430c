import { describe, expect, it } from '@jest/globals';
import {
  encodeJwtSigningInput,
  type RequirementClause,
  type W3cCredential,
} from '@skillproof/core';
import { evaluateRequirements, type EvaluatedCredential } from '@skillproof/verifier/requirements';
import {
  academyAchievements,
  issuerDidA as accepted,
  issuerDidAShort as academyShort,
  issuerDidB as other,
  pythonSkillUrl as skill,
} from '@skillproof/testing';

const { python, sql, pandas } = academyAchievements;

const badgeClause: RequirementClause = {
  id: 'r1',
  type: 'badge',
  achievementId: python,
  acceptedIssuers: [accepted],
};

interface BadgeOptions {
  id?: string;
  name?: string;
  score?: string;
  scoreFor?: string;
  alignment?: string[];
}

function badge(issuer: string, achievementId: string, options: BadgeOptions = {}): W3cCredential {
  return {
    '@context': ['https://www.w3.org/2018/credentials/v1'],
    id: options.id ?? 'urn:uuid:badge-1',
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: issuer },
    credentialSubject: {
      id: 'did:key:z6MkLearner',
      type: 'AchievementSubject',
      achievement: {
        id: achievementId,
        type: 'Achievement',
        name: options.name ?? 'Python problems 1',
        ...(options.alignment
          ? { alignment: options.alignment.map((targetUrl) => ({ targetUrl })) }
          : {}),
      },
      ...(options.score === undefined
        ? {}
        : {
            result: [
              {
                type: ['Result'],
                resultDescription: `${options.scoreFor ?? achievementId}#score`,
                value: options.score,
              },
            ],
          }),
    },
  };
}

function verified(credential: W3cCredential): EvaluatedCredential {
  return { verified: true, errors: [], credential };
}

function failed(credential: W3cCredential, code: string, message: string): EvaluatedCredential {
  return {
    verified: false,
    errors: [{ id: 'x', ok: false, code: code as 'EXPIRED', message }],
    credential,
  };
}

/** The outcomes of {@link evaluateRequirements}. */
function outcomesOf(...args: Parameters<typeof evaluateRequirements>) {
  return evaluateRequirements(...args).requirements;
}

describe('evaluateRequirements: badge clauses', () => {
  it('meets a requirement with a verified credential for its achievement, from an accepted issuer', () => {
    const outcomes = outcomesOf([badgeClause], [verified(badge(accepted, python))]);
    expect(outcomes).toEqual([
      {
        id: 'r1',
        type: 'badge',
        achievementId: python,
        met: true,
        code: 'met',
        reason: `met by "Python problems 1" from ${academyShort}`,
        credentialId: 'urn:uuid:badge-1',
        issuer: accepted,
        credentials: [
          {
            credentialId: 'urn:uuid:badge-1',
            issuer: accepted,
            achievementId: python,
            name: 'Python problems 1',
          },
        ],
      },
    ]);
  });

  it('says qualified only when every requirement is met', () => {
    const sqlClause: RequirementClause = { ...badgeClause, id: 'r2', achievementId: sql };
    const both = [verified(badge(accepted, python)), verified(badge(accepted, sql))];
    expect(evaluateRequirements([badgeClause, sqlClause], both).qualified).toBe(true);
    expect(evaluateRequirements([badgeClause, sqlClause], both.slice(0, 1)).qualified).toBe(false);
    expect(evaluateRequirements([], []).qualified).toBe(true);
  });

  it('names an issuer that is not accepted', () => {
    const [outcome] = outcomesOf(
      [badgeClause],
      [failed(badge(other, python), 'ISSUER_UNTRUSTED', `the issuer ${other} is not trusted`)],
    );
    expect(outcome).toMatchObject({
      met: false,
      code: 'untrusted-issuer',
      reason:
        '"Python problems 1" was presented, but its issuer is not accepted for this requirement',
      issuer: other,
    });
  });

  it('never meets a requirement from an issuer it does not accept, even if verified', () => {
    const [outcome] = outcomesOf([badgeClause], [verified(badge(other, python))]);
    expect(outcome).toMatchObject({ met: false, code: 'untrusted-issuer' });
  });

  it.each([
    ['STATUS_REVOKED', 'revoked', 'its issuer has revoked it'],
    ['STATUS_SUSPENDED', 'suspended', 'its issuer has suspended it'],
    ['EXPIRED', 'expired', 'it has expired'],
    ['HOLDER_NOT_SUBJECT', 'invalid', 'it was issued to someone other than the applicant'],
    ['PAYLOAD_MISMATCH', 'invalid', 'what it shows differs from what was signed'],
    ['CREDENTIAL_INVALID', 'invalid', 'it did not verify'],
    ['TERM_UNDEFINED', 'invalid', 'it holds terms no context defines'],
    ['CONTEXT_UNKNOWN', 'invalid', 'it uses a JSON-LD context that is not accepted'],
    ['DID_RESOLUTION_FAILED', 'invalid', "its issuer's DID could not be resolved"],
    ['STATUS_HOST_NOT_ALLOWED', 'invalid', 'its status list is on a host not allowed'],
  ])('says why a credential from an accepted issuer failed (%s)', (code, outcomeCode, why) => {
    const message = `the verifier's words, naming ${accepted}`;
    const [outcome] = outcomesOf([badgeClause], [failed(badge(accepted, python), code, message)]);
    expect(outcome).toMatchObject({
      met: false,
      code: outcomeCode,
      reason: `"Python problems 1" was presented, but ${why}`,
      credentialId: 'urn:uuid:badge-1',
    });
  });

  it('never reads a credential whose signature failed: its unsigned payload claiming the badge meets nothing and names nothing', () => {
    const payload = {
      iss: accepted,
      sub: 'did:key:z6MkLearner',
      jti: 'urn:uuid:forged',
      vc: {
        '@context': ['https://www.w3.org/2018/credentials/v1'],
        type: ['VerifiableCredential'],
        credentialSubject: { achievement: { id: python, name: 'Forged Python Master' } },
      },
    };
    const jwt = `${encodeJwtSigningInput({ alg: 'EdDSA' }, payload)}.AAAA`;
    const signatureFailed = [
      {
        id: 'signature',
        ok: false,
        code: 'SIGNATURE_INVALID' as const,
        message: `the signature is not by ${accepted}`,
      },
    ];
    // As the verifier returns it: no credential, since the signature did not check out. The JWT
    // rides along, claiming the badge.
    const [outcome] = outcomesOf(
      [badgeClause],
      [{ verified: false, errors: signatureFailed, jwt } as EvaluatedCredential],
    );
    expect(outcome).toEqual({
      id: 'r1',
      type: 'badge',
      achievementId: python,
      met: false,
      code: 'invalid',
      reason:
        'no credential for "python-problems-1" was presented that verified: credential 1 of the presentation did not verify (its signature does not hold), so what it claims was not read',
      credentials: [],
    });
    expect(JSON.stringify(outcome)).not.toMatch(/forged|Forged/);
  });

  it('says when nothing for the achievement was presented', () => {
    const [outcome] = outcomesOf([badgeClause], [verified(badge(accepted, sql))]);
    expect(outcome).toEqual({
      id: 'r1',
      type: 'badge',
      achievementId: python,
      met: false,
      code: 'missing',
      reason: 'no credential for "python-problems-1" was presented',
      credentials: [],
    });
  });

  it('says which credentials came back unread, where nothing for the achievement verified', () => {
    const unread = (message: string): EvaluatedCredential => {
      const errors = [{ id: 'jwt', ok: false, code: 'JWT_MALFORMED' as const, message }];
      return { verified: false, errors };
    };
    const [outcome] = outcomesOf(
      [badgeClause],
      [unread('not a JWT'), verified(badge(accepted, sql)), unread('not a JWT either')],
    );
    expect(outcome).toMatchObject({
      met: false,
      code: 'invalid',
      reason:
        'no credential for "python-problems-1" was presented that verified: credentials 1 and 3 of the presentation did not verify (it is not a readable credential), so what they claim was not read',
      credentials: [],
    });
  });

  it('prefers a credential that meets the requirement over one that failed', () => {
    const [outcome] = outcomesOf(
      [badgeClause],
      [
        failed(badge(accepted, python, { id: 'urn:uuid:old' }), 'EXPIRED', 'expired'),
        verified(badge(accepted, python, { id: 'urn:uuid:new' })),
      ],
    );
    expect(outcome).toMatchObject({ met: true, credentialId: 'urn:uuid:new' });
  });
});

describe('evaluateRequirements: minimum scores', () => {
  const scored: RequirementClause = {
    id: 'r1',
    type: 'badge',
    achievementId: python,
    acceptedIssuers: [accepted],
    minScore: 80,
  };

  it('meets the score with the result bound to the achievement', () => {
    const [outcome] = outcomesOf([scored], [verified(badge(accepted, python, { score: '80' }))]);
    expect(outcome).toMatchObject({ met: true, credentials: [{ score: 80 }] });
  });

  it('says a score is too low, and by how much', () => {
    const [outcome] = outcomesOf([scored], [verified(badge(accepted, python, { score: '79' }))]);
    expect(outcome).toMatchObject({
      met: false,
      code: 'score-too-low',
      reason: '"Python problems 1" has a score of 79, below the 80 required',
    });
  });

  it('reads the score bound to the achievement: a score for another achievement does not count', () => {
    // A Presentation Exchange pattern sees any result's value; only the one described as this
    // achievement's score may count.
    const [outcome] = outcomesOf(
      [scored],
      [verified(badge(accepted, python, { score: '95', scoreFor: sql }))],
    );
    expect(outcome).toMatchObject({
      met: false,
      code: 'score-too-low',
      reason: '"Python problems 1" carries no score, and at least 80 is required',
    });
  });

  it.each(['80.5', '080', '1000', ''])('reads a malformed score %p as none', (score) => {
    const [outcome] = outcomesOf([scored], [verified(badge(accepted, python, { score }))]);
    expect(outcome).toMatchObject({ met: false, code: 'score-too-low' });
  });
});

describe('evaluateRequirements: any-of clauses', () => {
  const anyOf: RequirementClause = {
    id: 'r1',
    type: 'any-of',
    count: 2,
    achievementIds: [python, sql, pandas],
    acceptedIssuers: [accepted],
  };

  it('is met by enough distinct badges', () => {
    const [outcome] = outcomesOf(
      [anyOf],
      [
        verified(badge(accepted, python, { id: 'urn:uuid:p' })),
        verified(badge(accepted, python, { id: 'urn:uuid:p2' })),
        verified(badge(accepted, pandas, { id: 'urn:uuid:d', name: 'Pandas' })),
      ],
    );
    expect(outcome).toMatchObject({
      type: 'any-of',
      met: true,
      code: 'met',
      reason: `met by "Python problems 1" and "Pandas" from ${academyShort}`,
      credentialId: 'urn:uuid:p',
    });
    expect(outcome?.credentials.map((credential) => credential.credentialId)).toEqual([
      'urn:uuid:p',
      'urn:uuid:d',
    ]);
    expect(outcome).not.toHaveProperty('achievementId');
  });

  it('says how many were met and why each other badge was not', () => {
    const [outcome] = outcomesOf(
      [anyOf],
      [
        verified(badge(accepted, python, { id: 'urn:uuid:p' })),
        failed(
          badge(accepted, sql, { id: 'urn:uuid:s', name: 'SQL' }),
          'STATUS_REVOKED',
          'the issuer has revoked this credential',
        ),
      ],
    );
    expect(outcome).toMatchObject({
      met: false,
      code: 'not-enough',
      reason: `2 of the 3 badges are needed and 1 was met ("Python problems 1" from ${academyShort}): "SQL" was presented, but its issuer has revoked it; no credential for "pandas" was presented`,
    });
  });

  it('takes the code of the first real miss when none was met', () => {
    const [outcome] = outcomesOf([anyOf], [verified(badge(other, sql))]);
    expect(outcome).toMatchObject({ met: false, code: 'untrusted-issuer' });
  });
});

describe('evaluateRequirements: skill clauses', () => {
  const skillClause: RequirementClause = {
    id: 'r1',
    type: 'skill',
    skillUrl: skill,
    acceptedIssuers: [accepted],
  };

  it('is met by any verified badge aligned to the skill', () => {
    const [outcome] = outcomesOf(
      [skillClause],
      [verified(badge(accepted, sql, { name: 'SQL', alignment: ['https://x.test', skill] }))],
    );
    expect(outcome).toMatchObject({
      type: 'skill',
      met: true,
      reason: `met by "SQL" from ${academyShort}, aligned to python`,
    });
  });

  it('names the badges that are not aligned to it', () => {
    const [outcome] = outcomesOf(
      [skillClause],
      [verified(badge(accepted, sql, { name: 'SQL', alignment: ['https://x.test'] }))],
    );
    expect(outcome).toMatchObject({
      met: false,
      code: 'not-aligned',
      reason: 'no badge aligned to python was presented: "SQL" is not aligned to it',
    });
  });

  it('names an aligned badge from an issuer not accepted, and says when nothing was shown', () => {
    const [untrusted] = outcomesOf(
      [skillClause],
      [verified(badge(other, sql, { alignment: [skill] }))],
    );
    expect(untrusted).toMatchObject({ met: false, code: 'untrusted-issuer' });
    const [missing] = outcomesOf([skillClause], []);
    expect(missing).toMatchObject({
      met: false,
      code: 'missing',
      reason: 'no badge aligned to python was presented',
    });
  });
});

describe("evaluateRequirements: the posting's labels in reasons", () => {
  const labels = {
    achievements: { [python]: 'Python Problem Solver I', [sql]: 'SQL Basics' },
    issuers: { [accepted]: 'Skillproof Academy', [other]: 'Other School' },
    skills: { [skill]: 'Python' },
  };

  it('names the issuer of a credential that met a requirement by its label', () => {
    const [outcome] = outcomesOf([badgeClause], [verified(badge(accepted, python))], labels);
    expect(outcome?.reason).toBe('met by "Python problems 1" from Skillproof Academy');
  });

  it("names an issuer without a label by its profile's name in the credential", () => {
    const named = { ...badge(accepted, python), issuer: { id: accepted, name: 'Test Academy' } };
    const [outcome] = outcomesOf([badgeClause], [verified(named)]);
    expect(outcome?.reason).toBe('met by "Python problems 1" from Test Academy');
  });

  it('shows the score that met a minimum', () => {
    const scored: RequirementClause = { ...badgeClause, minScore: 80 };
    const [outcome] = outcomesOf(
      [scored],
      [verified(badge(accepted, python, { score: '92' }))],
      labels,
    );
    expect(outcome?.reason).toBe('met by "Python problems 1" (score 92) from Skillproof Academy');
  });

  it("names a skill without a label as a presented badge's alignment does", () => {
    const skillClause: RequirementClause = {
      id: 'r1',
      type: 'skill',
      skillUrl: skill,
      acceptedIssuers: [accepted],
    };
    const aligned = badge(accepted, sql, { name: 'SQL', alignment: [skill] });
    const subject = aligned.credentialSubject as { achievement: { alignment: object[] } };
    subject.achievement.alignment = [{ targetUrl: skill, targetName: 'Python programming' }];
    const [outcome] = outcomesOf([skillClause], [verified(aligned)]);
    expect(outcome?.reason).toBe(
      `met by "SQL" from ${academyShort}, aligned to Python programming`,
    );
  });

  it('names a missing badge and an issuer not accepted by their labels', () => {
    const [missing] = outcomesOf([badgeClause], [], labels);
    expect(missing?.reason).toBe('no credential for "Python Problem Solver I" was presented');
    const [untrusted] = outcomesOf([badgeClause], [verified(badge(other, python))], labels);
    expect(untrusted?.reason).toBe(
      '"Python problems 1" was presented, but its issuer is not accepted for this requirement',
    );
  });

  it('names the badges of an any-of clause and the skill of a skill clause by their labels', () => {
    const anyOf: RequirementClause = {
      id: 'r2',
      type: 'any-of',
      count: 2,
      achievementIds: [sql, pandas],
      acceptedIssuers: [accepted],
    };
    const skillClause: RequirementClause = {
      id: 'r3',
      type: 'skill',
      skillUrl: skill,
      acceptedIssuers: [accepted],
    };
    const [anyOfOutcome, skillOutcome] = outcomesOf([anyOf, skillClause], [], labels);
    expect(anyOfOutcome?.reason).toBe(
      '2 of the 2 badges are needed and none was met: no credential for "SQL Basics" was presented; no credential for "pandas" was presented',
    );
    expect(skillOutcome?.reason).toBe('no badge aligned to Python was presented');
  });

  it('never reads a label from Object.prototype', () => {
    const clause: RequirementClause = {
      id: 'r1',
      type: 'badge',
      achievementId: 'constructor',
      acceptedIssuers: [accepted],
    };
    const [outcome] = outcomesOf([clause], [], { achievements: {} });
    expect(outcome?.reason).toBe('no credential for "constructor" was presented');
  });
});

describe('evaluateRequirements: a status that could not be learnt', () => {
  const unavailable = (credential: W3cCredential): EvaluatedCredential => ({
    verified: false,
    errors: [
      {
        id: 'status',
        ok: false,
        code: 'STATUS_UNAVAILABLE',
        message: 'status list https://academy.test/status/1: it did not answer',
      },
    ],
    credential,
  });

  it('fails closed, and says the outcome is undecided when knowing the status could change it', () => {
    const evaluation = evaluateRequirements([badgeClause], [unavailable(badge(accepted, python))]);
    expect(evaluation).toMatchObject({
      qualified: false,
      undecided: true,
      requirements: [{ met: false, code: 'invalid' }],
    });
  });

  it('is decided when the credentials whose status is unknown change nothing', () => {
    const evaluation = evaluateRequirements(
      [badgeClause],
      [verified(badge(accepted, python)), unavailable(badge(accepted, sql, { id: 'urn:uuid:2' }))],
    );
    expect(evaluation).toMatchObject({ qualified: true, undecided: false });
    expect(evaluateRequirements([badgeClause], [verified(badge(accepted, python))]).undecided).toBe(
      false,
    );
  });

  it('is decided when a failure the issuer reported outweighs the unknown status', () => {
    const errors = [
      { id: 'status', ok: false, code: 'STATUS_REVOKED' as const, message: 'revoked' },
      { id: 'status', ok: false, code: 'STATUS_UNAVAILABLE' as const, message: 'no answer' },
    ];
    const evaluation = evaluateRequirements(
      [badgeClause],
      [{ verified: false, errors, credential: badge(accepted, python) }],
    );
    expect(evaluation).toMatchObject({ qualified: false, undecided: false });
  });
});

describe('evaluateRequirements: reasons for people', () => {
  it('never put a full DID, a URL or a credential id in a reason', () => {
    const clauses: RequirementClause[] = [
      { ...badgeClause, minScore: 80 },
      {
        id: 'r2',
        type: 'any-of',
        count: 2,
        achievementIds: [sql, pandas, python],
        acceptedIssuers: [accepted],
      },
      { id: 'r3', type: 'skill', skillUrl: skill, acceptedIssuers: [accepted] },
    ];
    const presentations: EvaluatedCredential[][] = [
      [],
      [verified(badge(accepted, python, { score: '90', alignment: [skill] }))],
      [verified(badge(accepted, python, { score: '10' })), verified(badge(other, sql))],
      [
        failed(badge(accepted, python), 'STATUS_REVOKED', `revoked by ${accepted}`),
        failed(badge(accepted, sql), 'SIGNATURE_INVALID', `the signature is not by ${accepted}`),
        { verified: false, errors: [{ id: 'jwt', ok: false, code: 'JWT_MALFORMED' }] },
        verified(badge(accepted, pandas, { alignment: ['https://skills.test/other'] })),
      ],
    ];
    for (const credentials of presentations) {
      for (const outcome of evaluateRequirements(clauses, credentials).requirements) {
        expect(outcome.reason).not.toMatch(/did:key:z\w{40,}|urn:uuid|https?:\/\//);
      }
    }
  });
});

describe('evaluateRequirements: earned or renewed within N months (withinMonths)', () => {
  const now = () => new Date('2026-12-05T12:00:00Z');
  const dated = (field: 'validFrom' | 'issuanceDate', when: string) =>
    verified({ ...badge(accepted, python), [field]: when });
  const current: RequirementClause = { ...badgeClause, withinMonths: 12 };

  it.each([
    ['issuanceDate', '2026-01-10T00:00:00Z'],
    ['validFrom', '2025-12-05T12:00:00Z'],
  ] as const)('is met by a badge whose %s is within the months asked', (field, when) => {
    const [outcome] = outcomesOf([current], [dated(field, when)], {}, { now });
    expect(outcome).toMatchObject({ met: true, code: 'met' });
  });

  it('is not met by one earned a moment too early, and says when it was earned', () => {
    const [outcome] = outcomesOf(
      [current],
      [dated('validFrom', '2025-12-05T11:59:59Z')],
      {},
      {
        now,
      },
    );
    expect(outcome).toMatchObject({
      met: false,
      code: 'too-old',
      reason:
        '"Python problems 1" was earned or last renewed on 2025-12-05; this requirement asks for one earned or renewed within the last 12 months',
    });
  });

  it('takes the renewed badge when an old and a renewed one are presented', () => {
    const renewed = verified({
      ...badge(accepted, python, { id: 'urn:uuid:renewed' }),
      validFrom: '2026-11-01T00:00:00Z',
    });
    const [outcome] = outcomesOf(
      [current],
      [dated('issuanceDate', '2024-01-01T00:00:00Z'), renewed],
      {},
      { now },
    );
    expect(outcome).toMatchObject({ met: true, credentialId: 'urn:uuid:renewed' });
  });

  it('counts a badge with no date as not current', () => {
    const [outcome] = outcomesOf([current], [verified(badge(accepted, python))], {}, { now });
    expect(outcome).toMatchObject({ met: false, code: 'too-old' });
    expect(outcome?.reason).toContain('carries no date it was earned');
  });

  it('applies to any-of and skill clauses too', () => {
    const old = verified({
      ...badge(accepted, python, { alignment: [skill] }),
      issuanceDate: '2020-01-01T00:00:00Z',
    });
    const [anyOf, bySkill] = outcomesOf(
      [
        {
          id: 'r1',
          type: 'any-of',
          count: 1,
          achievementIds: [python, sql],
          acceptedIssuers: [accepted],
          withinMonths: 6,
        },
        { id: 'r2', type: 'skill', skillUrl: skill, acceptedIssuers: [accepted], withinMonths: 6 },
      ],
      [old],
      {},
      { now },
    );
    expect(anyOf).toMatchObject({ met: false, code: 'too-old' });
    expect(bySkill).toMatchObject({ met: false, code: 'too-old' });
  });

  it('without withinMonths, an old badge still meets the clause', () => {
    const [outcome] = outcomesOf(
      [badgeClause],
      [dated('issuanceDate', '2001-01-01T00:00:00Z')],
      {},
      { now },
    );
    expect(outcome?.met).toBe(true);
  });
});
