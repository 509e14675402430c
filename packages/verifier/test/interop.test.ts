import { describe, expect, it } from '@jest/globals';
import { openBadgesContextV3, vcContextV1 } from '@skillproof/core';
import {
  createSkillproofAgent,
  ensureIdentifier,
  signCredentialJwt,
} from '@skillproof/server/agent';
import { openDatabase } from '@skillproof/server/sqlite';
import { verifyCredential, verifyPresentation } from '@skillproof/verifier';
import { verifyCredential as didJwtVcVerifyCredential, normalizeCredential } from 'did-jwt-vc';
import {
  badgeCredential,
  fixedNow,
  makeIdentity,
  nowSeconds,
  payloadOf,
  signCredential,
  signPayload,
} from '@skillproof/testing';

// Credentials and presentations made by Veramo (the wallet's and issuer's signer) verify here,
// and on valid input our verdict agrees with did-jwt-vc's.
describe('interoperability with Veramo and did-jwt-vc', () => {
  it('verifies what Veramo signs, and agrees with did-jwt-vc', async () => {
    const agent = await createSkillproofAgent({
      db: openDatabase(':memory:'),
      keySecret: 'test',
      scryptLogN: 10,
    });
    const issuer = await ensureIdentifier(agent, 'issuer');
    const learner = await ensureIdentifier(agent, 'learner');
    const credential = {
      '@context': [vcContextV1, openBadgesContextV3],
      id: 'urn:uuid:0b6a0f0e-0000-4000-8000-000000000001',
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: { id: issuer.did, type: 'Profile', name: 'Academy', url: 'http://127.0.0.1' },
      issuanceDate: new Date().toISOString(),
      credentialSubject: {
        id: learner.did,
        type: 'AchievementSubject',
        achievement: { id: 'http://127.0.0.1/achievements/a', type: 'Achievement', name: 'A' },
      },
    };
    const byVeramo = await agent.createVerifiableCredential({ credential, proofFormat: 'jwt' });
    const byUs = await signCredentialJwt(agent, issuer, credential);
    const resolver = { resolve: (didUrl: string) => agent.resolveDid({ didUrl }) };
    for (const vc of [byVeramo, byUs]) {
      const ours = await verifyCredential(vc, { trustedIssuers: [{ did: issuer.did }] });
      expect(ours.errors).toEqual([]);
      const theirs = await didJwtVcVerifyCredential(vc.proof['jwt'] as string, resolver);
      expect(theirs.verified).toBe(ours.verified);
      expect(theirs.payload.iss).toBe(issuer.did);
    }
    const vp = await agent.createVerifiablePresentation({
      proofFormat: 'jwt',
      challenge: 'abc',
      domain: 'http://127.0.0.1:4300',
      presentation: { holder: learner.did, verifiableCredential: [byVeramo, byUs.proof.jwt] },
    });
    const result = await verifyPresentation(vp, {
      challenge: 'abc',
      domain: 'http://127.0.0.1:4300',
    });
    expect(result.errors).toEqual([]);
    expect(result.verified).toBe(true);
  });
});

// did-jwt-vc's normalized JSON keeps JWT claims (iat, aud, nonce; with removeOriginalFields
// false also vc, iss, sub, nbf, exp, jti) beside the W3C fields: it verifies when they agree.
describe("did-jwt-vc's normalized JSON", () => {
  const issuer = makeIdentity();
  const learner = makeIdentity();
  const jwt = signPayload(issuer, {
    ...payloadOf(signCredential(issuer, badgeCredential(issuer, learner.did)).proof.jwt),
    iat: nowSeconds - 60,
    aud: 'https://jobs.example',
  });

  it('verifies with the registered claims kept, or some of them', async () => {
    for (const removeOriginalFields of [true, false]) {
      const normalized = normalizeCredential(jwt, removeOriginalFields);
      const result = await verifyCredential(normalized, { now: () => fixedNow });
      expect(result.errors).toEqual([]);
    }
  });

  it('refuses a kept claim that differs from the signed one', async () => {
    const normalized = { ...normalizeCredential(jwt, false), iat: nowSeconds + 3600 };
    const result = await verifyCredential(normalized, { now: () => fixedNow });
    expect(result.errors.map((error) => error.code)).toEqual(['PAYLOAD_MISMATCH']);
    expect(result.errors[0]?.message).toContain('iat');
  });
});
