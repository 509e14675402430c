import { describe, expect, it } from '@jest/globals';
import {
  encodeBase64url,
  openBadgesContextV3,
  signEd25519Jwt,
  vcContextV1,
} from '@skillproof/core';
import { verifyCredential, type VerificationPolicy } from '@skillproof/verifier';
import {
  achievementId,
  badgeCredential,
  fixedNow,
  makeIdentity,
  nowSeconds,
  payloadOf,
  signCredential,
  signPayload,
  withPayload,
  codesOf,
  issueTestBadge,
} from '@skillproof/testing';

const { issuer, learner, credential: valid } = issueTestBadge();
const policy: VerificationPolicy = { now: () => fixedNow, trustedIssuers: [{ did: issuer.did }] };

describe('verifyCredential', () => {
  it('accepts a valid credential as JWT and as normalized JSON', async () => {
    for (const input of [valid, valid.proof.jwt]) {
      const result = await verifyCredential(input, policy);
      expect(result.errors).toEqual([]);
      expect(result.verified).toBe(true);
      expect(result.credential?.credentialSubject.id).toBe(learner.did);
      expect(result.checks.map((check) => check.id)).toEqual(
        expect.arrayContaining([
          'format',
          'jws',
          'signature',
          'payload',
          'validity',
          'issuer.trusted',
        ]),
      );
    }
  });

  it('warns instead of passing when no trusted issuers are configured', async () => {
    const result = await verifyCredential(valid, { now: () => fixedNow });
    expect(result.verified).toBe(true);
    expect(result.checks.find((check) => check.id === 'issuer.trusted')).toBeUndefined();
    expect(result.warnings).toContain(
      'issuer trust was not evaluated: no trusted issuers are configured',
    );
  });

  it('refuses alg none', async () => {
    const [, payload] = valid.proof.jwt.split('.');
    const jwt = `${encodeBase64url(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${payload}.`;
    expect(codesOf(await verifyCredential(jwt, policy))).toEqual(['ALG_NOT_ALLOWED']);
  });

  it('refuses HS256 even when the allow-list names it', async () => {
    const [, payload] = valid.proof.jwt.split('.');
    const jwt = `${encodeBase64url(JSON.stringify({ alg: 'HS256' }))}.${payload}.${encodeBase64url('x'.repeat(32))}`;
    const result = await verifyCredential(jwt, {
      ...policy,
      allowedAlgorithms: ['EdDSA', 'HS256'],
    });
    expect(codesOf(result)).toEqual(['ALG_NOT_ALLOWED']);
  });

  it('refuses an algorithm left off the allow-list', async () => {
    expect(
      codesOf(await verifyCredential(valid, { ...policy, allowedAlgorithms: ['ES256'] })),
    ).toEqual(['ALG_NOT_ALLOWED']);
  });

  it('refuses an unknown crit header', async () => {
    const jwt = signPayload(issuer, payloadOf(valid.proof.jwt), {
      crit: ['exp-extension'],
      'exp-extension': 1,
    });
    expect(codesOf(await verifyCredential(jwt, policy))).toEqual(['CRIT_UNSUPPORTED']);
  });

  it('refuses a flipped payload byte', async () => {
    const payload = payloadOf(valid.proof.jwt);
    const tampered = withPayload(valid.proof.jwt, { ...payload, sub: makeIdentity().did });
    expect(codesOf(await verifyCredential(tampered, policy))).toEqual(['SIGNATURE_INVALID']);
  });

  it('refuses a signature taken from another token', async () => {
    const other = signCredential(issuer, badgeCredential(issuer, makeIdentity().did));
    const [header, payload] = valid.proof.jwt.split('.');
    const jwt = `${header}.${payload}.${other.proof.jwt.split('.')[2]}`;
    expect(codesOf(await verifyCredential(jwt, policy))).toEqual(['SIGNATURE_INVALID']);
  });

  it('refuses a credential signed by a key that is not the iss DID', async () => {
    const forger = makeIdentity();
    const jwt = signEd25519Jwt({ alg: 'EdDSA' }, payloadOf(valid.proof.jwt), forger.privateKey);
    expect(codesOf(await verifyCredential(jwt, policy))).toEqual(['SIGNATURE_INVALID']);
  });

  it.each([
    ['not three parts', 'abc.def'],
    [
      'malformed base64url',
      `${valid.proof.jwt.split('.')[0]}.%%%.${valid.proof.jwt.split('.')[2]}`,
    ],
    [
      'a payload that is not JSON',
      `${valid.proof.jwt.split('.')[0]}.${encodeBase64url('not json')}.AA`,
    ],
    [
      'a payload that is not an object',
      `${valid.proof.jwt.split('.')[0]}.${encodeBase64url('[1,2]')}.AA`,
    ],
  ])('refuses %s as JWT_MALFORMED', async (_name, jwt) => {
    expect(codesOf(await verifyCredential(jwt, policy))).toEqual(['JWT_MALFORMED']);
  });

  it.each([
    ['a number', 42],
    ['null', null],
    ['an object without proof.jwt', { proof: {} }],
  ])('refuses %s as FORMAT_INVALID', async (_name, input) => {
    expect(codesOf(await verifyCredential(input, policy))).toEqual(['FORMAT_INVALID']);
  });

  it('refuses oversized input before parsing it', async () => {
    const result = await verifyCredential('a'.repeat(70_000), policy);
    expect(codesOf(result)).toEqual(['TOO_LARGE']);
  });

  it.each([
    ['issuer', { issuer: { id: makeIdentity().did } }],
    ['subject', { credentialSubject: { ...valid.credentialSubject, id: makeIdentity().did } }],
    [
      'type',
      { type: ['VerifiableCredential', 'OpenBadgeCredential', 'UniversityDegreeCredential'] },
    ],
    ['expirationDate', { expirationDate: '2099-01-01T00:00:00.000Z' }],
    ['issuanceDate', { issuanceDate: '2020-01-01T00:00:00.000Z' }],
  ])('refuses outer JSON whose %s differs from the signed payload', async (field, change) => {
    const result = await verifyCredential({ ...valid, ...change }, policy);
    expect(codesOf(result)).toEqual(['PAYLOAD_MISMATCH']);
    expect(result.errors[0]?.message).toContain(field === 'subject' ? 'credentialSubject' : field);
  });

  it('refuses outer JSON that adds an unsigned field', async () => {
    expect(codesOf(await verifyCredential({ ...valid, evidence: [{ id: 'x' }] }, policy))).toEqual([
      'PAYLOAD_MISMATCH',
    ]);
  });

  it('refuses a payload whose issuer object names another DID than iss', async () => {
    const payload = {
      ...payloadOf(valid.proof.jwt),
      issuer: { id: makeIdentity().did, name: 'Someone else' },
    };
    expect(codesOf(await verifyCredential(signPayload(issuer, payload), policy))).toEqual([
      'ISSUER_MISMATCH',
    ]);
  });

  it('refuses a payload without a vc object', async () => {
    const jwt = signPayload(issuer, { iss: issuer.did, sub: learner.did, nbf: nowSeconds });
    expect(codesOf(await verifyCredential(jwt, policy))).toEqual(['PAYLOAD_INVALID']);
  });

  it('refuses an untrusted issuer', async () => {
    const result = await verifyCredential(valid, {
      ...policy,
      trustedIssuers: [{ did: makeIdentity().did }],
    });
    expect(codesOf(result)).toEqual(['ISSUER_UNTRUSTED']);
  });

  it('refuses an issuer trusted only for other achievements', async () => {
    const result = await verifyCredential(valid, {
      ...policy,
      trustedIssuers: [
        { did: issuer.did, achievements: ['https://issuer.example/achievements/other'] },
      ],
    });
    expect(codesOf(result)).toEqual(['ISSUER_UNTRUSTED']);
    expect(result.errors[0]?.message).toContain(achievementId);
  });

  it('refuses a credential expired by exp', async () => {
    const expired = signCredential(
      issuer,
      badgeCredential(issuer, learner.did, {
        expirationDate: new Date((nowSeconds - 3600) * 1000).toISOString(),
      }),
    );
    expect(codesOf(await verifyCredential(expired, policy))).toEqual(['EXPIRED']);
  });

  it.each(['expirationDate', 'validUntil'])(
    'refuses a credential expired by vc.%s',
    async (field) => {
      const payload = payloadOf(valid.proof.jwt);
      const vc = {
        ...(payload['vc'] as object),
        [field]: new Date((nowSeconds - 60 * 60) * 1000).toISOString(),
      };
      const result = await verifyCredential(signPayload(issuer, { ...payload, vc }), policy);
      expect(codesOf(result)).toEqual(['EXPIRED']);
      expect(result.errors[0]?.message).toContain(`vc.${field}`);
    },
  );

  it('refuses a credential that is not yet valid', async () => {
    const early = signCredential(
      issuer,
      badgeCredential(issuer, learner.did, {
        issuanceDate: new Date((nowSeconds + 3600) * 1000).toISOString(),
      }),
    );
    expect(codesOf(await verifyCredential(early, policy))).toEqual(['NOT_YET_VALID']);
  });

  it('refuses a credential whose signed vc.issuanceDate lies ahead, whatever nbf says', async () => {
    const payload = payloadOf(valid.proof.jwt);
    const vc = payload['vc'] as Record<string, unknown>;
    const jwt = signPayload(issuer, {
      ...payload,
      vc: { ...vc, issuanceDate: new Date((nowSeconds + 86_400) * 1000).toISOString() },
    });
    const result = await verifyCredential(jwt, policy);
    expect(codesOf(result)).toEqual(['NOT_YET_VALID']);
    expect(result.errors[0]?.message).toContain('vc.issuanceDate');
  });

  it.each([
    ['no @context', undefined],
    ['a first context that is not the data model', [openBadgesContextV3, vcContextV1]],
    ['a context that is not a list', vcContextV1],
  ])('refuses a credential with %s', async (_name, context) => {
    const payload = payloadOf(valid.proof.jwt);
    const vc = { ...(payload['vc'] as Record<string, unknown>), '@context': context };
    const result = await verifyCredential(signPayload(issuer, { ...payload, vc }), policy);
    expect(codesOf(result)).toEqual(['PAYLOAD_INVALID']);
    expect(result.errors[0]?.message).toContain('@context');
  });

  it('accepts the VCDM 2.0 base context', async () => {
    const payload = payloadOf(valid.proof.jwt);
    const vc = {
      ...(payload['vc'] as Record<string, unknown>),
      '@context': ['https://www.w3.org/ns/credentials/v2', openBadgesContextV3],
    };
    const result = await verifyCredential(signPayload(issuer, { ...payload, vc }), policy);
    expect(result.errors).toEqual([]);
  });

  it('accepts a credential within the clock skew of its dates', async () => {
    const justIssued = signCredential(
      issuer,
      badgeCredential(issuer, learner.did, {
        issuanceDate: new Date((nowSeconds + 30) * 1000).toISOString(),
      }),
    );
    expect((await verifyCredential(justIssued, policy)).verified).toBe(true);
  });
});

describe('verifyCredential: the finer rules', () => {
  const payload = payloadOf(valid.proof.jwt);
  const vc = payload['vc'] as Record<string, unknown>;
  const resign = (changes: Record<string, unknown>, header: object = {}): string =>
    signPayload(issuer, { ...payload, ...changes }, header);

  it.each([
    ['a string', 'exp-extension'],
    ['an empty list', []],
  ])('refuses crit given as %s', async (_name, crit) => {
    expect(codesOf(await verifyCredential(resign({}, { crit }), policy))).toEqual([
      'CRIT_UNSUPPORTED',
    ]);
  });

  it.each([
    ['that is not a string', 42],
    ['naming a DID that merely starts with iss', `${issuer.did}x#key-1`],
  ])('refuses a kid %s', async (_name, kid) => {
    expect(codesOf(await verifyCredential(resign({}, { kid }), policy))).toEqual(['KID_MISMATCH']);
  });

  it.each([
    ['an object', { id: makeIdentity().did, name: 'Someone else' }],
    ['a string', makeIdentity().did],
  ])('refuses vc.issuer as %s naming another DID than iss', async (_name, other) => {
    const result = await verifyCredential(resign({ vc: { ...vc, issuer: other } }), policy);
    expect(codesOf(result)).toEqual(['ISSUER_MISMATCH']);
  });

  it('refuses a vc.credentialSubject.id that differs from sub', async () => {
    const subject = { ...(vc['credentialSubject'] as object), id: makeIdentity().did };
    const result = await verifyCredential(
      resign({ vc: { ...vc, credentialSubject: subject } }),
      policy,
    );
    expect(codesOf(result)).toEqual(['PAYLOAD_INVALID']);
  });

  it('refuses a vc.id that differs from jti', async () => {
    const result = await verifyCredential(resign({ vc: { ...vc, id: 'urn:uuid:other' } }), policy);
    expect(codesOf(result)).toEqual(['PAYLOAD_INVALID']);
  });

  it('does not trust an issuer scoped to some achievements for a credential without one', async () => {
    const { achievement: _achievement, ...subject } = badgeCredential(
      issuer,
      learner.did,
    ).credentialSubject;
    const bare = signCredential(
      issuer,
      badgeCredential(issuer, learner.did, { credentialSubject: subject }),
    );
    const result = await verifyCredential(bare, {
      ...policy,
      trustedIssuers: [{ did: issuer.did, achievements: [achievementId] }],
    });
    expect(codesOf(result)).toEqual(['ISSUER_UNTRUSTED']);
  });

  it('trusts nobody under an empty trusted-issuer list', async () => {
    expect(codesOf(await verifyCredential(valid, { ...policy, trustedIssuers: [] }))).toEqual([
      'ISSUER_UNTRUSTED',
    ]);
  });

  it.each(['exp', 'nbf'])('refuses a signed %s that is not a number', async (claim) => {
    const result = await verifyCredential(resign({ [claim]: '2020-01-01T00:00:00Z' }), policy);
    expect(codesOf(result)).toEqual(['PAYLOAD_INVALID']);
  });

  it.each(['validUntil', 'expirationDate', 'validFrom', 'issuanceDate'])(
    'refuses a signed vc.%s that is not a date',
    async (field) => {
      const result = await verifyCredential(resign({ vc: { ...vc, [field]: 'soon' } }), policy);
      expect(codesOf(result)).toEqual(['PAYLOAD_INVALID']);
    },
  );

  it('ends a vc.validUntil with milliseconds at that millisecond', async () => {
    const end = new Date(fixedNow.getTime() + 500);
    const jwt = resign({ exp: undefined, vc: { ...vc, validUntil: end.toISOString() } });
    const result = await verifyCredential(jwt, {
      ...policy,
      clockSkewSeconds: 0,
      now: () => new Date(fixedNow.getTime() + 700),
    });
    expect(codesOf(result)).toEqual(['EXPIRED']);
  });

  it('bounds the size of the whole JSON, not only its JWT', async () => {
    const result = await verifyCredential({ ...valid, padding: 'x'.repeat(70_000) }, policy);
    expect(codesOf(result)).toEqual(['TOO_LARGE']);
  });

  it('bounds input in UTF-8 bytes, not UTF-16 units', async () => {
    expect(codesOf(await verifyCredential('é'.repeat(40_000), policy))).toEqual(['TOO_LARGE']);
  });

  it('reads JSON whose proof.type is not JwtProof2020 as a Data Integrity proof, and refuses a JWT in it', async () => {
    const input = { ...valid, proof: { type: 'Ed25519Signature2020', jwt: valid.proof.jwt } };
    expect(codesOf(await verifyCredential(input, policy))).toEqual(['PROOF_INVALID']);
  });
});
