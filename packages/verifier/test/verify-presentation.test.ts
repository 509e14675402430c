import { describe, expect, it } from '@jest/globals';
import { verifyPresentation, type NonceStore, type VerificationPolicy } from '@skillproof/verifier';
import {
  badgeCredential,
  fixedNow,
  makeIdentity,
  nowSeconds,
  payloadOf,
  signCredential,
  signPresentation,
  withPayload,
  codesOf,
  issueTestBadge,
} from '@skillproof/testing';

const { issuer, learner, credential } = issueTestBadge();
const domain = 'https://jobs.example';
const nonce = 'n-0S6_WzA2Mj';

function memoryNonceStore(...nonces: string[]): NonceStore & { unused: Set<string> } {
  const unused = new Set(nonces);
  return { unused, consume: (value) => unused.delete(value) };
}

function policyFor(store: NonceStore = memoryNonceStore(nonce)): VerificationPolicy {
  return {
    now: () => fixedNow,
    trustedIssuers: [{ did: issuer.did }],
    challenge: nonce,
    domain,
    nonceStore: store,
  };
}

const second = signCredential(
  issuer,
  badgeCredential(issuer, learner.did, { id: 'urn:uuid:6f1c2e9a-4d0b-4e63-9a55-0c7f1f1f0002' }),
);

describe('verifyPresentation', () => {
  it('accepts a valid presentation and consumes its nonce', async () => {
    const store = memoryNonceStore(nonce);
    const vp = signPresentation(learner, [credential.proof.jwt, second], { nonce, aud: [domain] });
    const result = await verifyPresentation(vp, policyFor(store));
    expect(result.errors).toEqual([]);
    expect(result.verified).toBe(true);
    expect(result.presentationVerified).toBe(true);
    expect(result.holder).toBe(learner.did);
    expect(result.credentials).toHaveLength(2);
    expect(result.credentials.every((entry) => entry.verified)).toBe(true);
    expect(store.unused.has(nonce)).toBe(false);
  });

  it('refuses a replayed nonce', async () => {
    const store = memoryNonceStore(nonce);
    const vp = signPresentation(learner, [credential], { nonce, aud: domain });
    expect((await verifyPresentation(vp, policyFor(store))).verified).toBe(true);
    const replay = await verifyPresentation(vp, policyFor(store));
    expect(replay.verified).toBe(false);
    expect(codesOf(replay)).toEqual(['NONCE_REPLAYED']);
  });

  it('refuses a tampered credential inside a validly signed presentation', async () => {
    const payload = payloadOf(credential.proof.jwt);
    const vc = payload['vc'] as { credentialSubject: { achievement: { name: string } } };
    vc.credentialSubject.achievement.name = 'Senior Git Wizard';
    const tampered = withPayload(credential.proof.jwt, payload);
    const result = await verifyPresentation(
      signPresentation(learner, [tampered], { nonce, aud: domain }),
      policyFor(),
    );
    expect(result.presentationVerified).toBe(true);
    expect(result.verified).toBe(false);
    expect(codesOf(result.credentials[0]!)).toEqual(['SIGNATURE_INVALID']);
    expect(codesOf(result)).toEqual(['CREDENTIAL_INVALID']);
  });

  it("refuses a presentation signed by a DID other than the credential's subject", async () => {
    const thief = makeIdentity();
    const result = await verifyPresentation(
      signPresentation(thief, [credential], { nonce, aud: domain }),
      policyFor(),
    );
    expect(result.verified).toBe(false);
    expect(codesOf(result.credentials[0]!)).toEqual(['HOLDER_NOT_SUBJECT']);
  });

  it('refuses a presentation whose iss is swapped for another DID', async () => {
    const vp = signPresentation(learner, [credential], { nonce, aud: domain });
    const forged = withPayload(vp, { ...payloadOf(vp), iss: makeIdentity().did });
    const store = memoryNonceStore(nonce);
    const result = await verifyPresentation(forged, policyFor(store));
    // The kid names the real signer, so the swap is caught before the signature is even tried.
    expect(codesOf(result)).toEqual(['KID_MISMATCH']);
    expect(store.unused.has(nonce)).toBe(true);
  });

  it.each([
    ['no nonce', {}, 'NONCE_MISSING'],
    ['a wrong nonce', { nonce: 'another' }, 'NONCE_MISMATCH'],
  ])('refuses %s', async (_name, options, code) => {
    const store = memoryNonceStore(nonce);
    const result = await verifyPresentation(
      signPresentation(learner, [credential], { aud: domain, ...options }),
      policyFor(store),
    );
    expect(codesOf(result)).toEqual([code]);
    expect(store.unused.has(nonce)).toBe(true);
  });

  it.each([
    ['a wrong audience', { aud: 'https://evil.example' }],
    ['no audience', {}],
  ])('refuses %s', async (_name, options) => {
    const result = await verifyPresentation(
      signPresentation(learner, [credential], { nonce, ...options }),
      policyFor(),
    );
    expect(codesOf(result)).toEqual(['AUDIENCE_MISMATCH']);
  });

  it('refuses a presentation older than the maximum age', async () => {
    const old = signPresentation(learner, [credential], {
      nonce,
      aud: domain,
      nbf: nowSeconds - 3600,
    });
    expect(codesOf(await verifyPresentation(old, policyFor()))).toEqual(['PRESENTATION_TOO_OLD']);
  });

  it('refuses a presentation from the future', async () => {
    const early = signPresentation(learner, [credential], {
      nonce,
      aud: domain,
      nbf: nowSeconds + 3600,
    });
    expect(codesOf(await verifyPresentation(early, policyFor()))).toEqual(['NOT_YET_VALID']);
  });

  it('refuses a presentation whose nbf lies ahead, however recent its iat', async () => {
    const early = signPresentation(learner, [credential], {
      nonce,
      aud: domain,
      nbf: nowSeconds + 27 * 3600,
      extra: { iat: nowSeconds - 5 },
    });
    const result = await verifyPresentation(early, policyFor());
    expect(codesOf(result)).toEqual(['NOT_YET_VALID']);
    expect(result.errors[0]?.message).toContain('(nbf)');
  });

  it('refuses a presentation with an exp in the past or dates that are not numbers', async () => {
    const expired = signPresentation(learner, [credential], {
      nonce,
      aud: domain,
      extra: { exp: nowSeconds - 120 },
    });
    expect(codesOf(await verifyPresentation(expired, policyFor()))).toEqual(['EXPIRED']);
    const garbled = signPresentation(learner, [credential], {
      nonce,
      aud: domain,
      extra: { iat: '2026-11-26' },
    });
    expect(codesOf(await verifyPresentation(garbled, policyFor()))).toEqual(['PAYLOAD_INVALID']);
  });

  it('refuses an audience that only starts with the domain', async () => {
    const vp = signPresentation(learner, [credential], { nonce, aud: `${domain}.evil.example` });
    expect(codesOf(await verifyPresentation(vp, policyFor()))).toEqual(['AUDIENCE_MISMATCH']);
  });

  it('refuses presentation JSON listing other credentials than the signed ones', async () => {
    const jwt = signPresentation(learner, [credential], { nonce, aud: domain });
    const outer = {
      holder: learner.did,
      verifiableCredential: [second],
      proof: { type: 'JwtProof2020', jwt },
    };
    expect(codesOf(await verifyPresentation(outer, policyFor()))).toEqual(['PAYLOAD_MISMATCH']);
  });

  it('refuses zero credentials', async () => {
    expect(
      codesOf(
        await verifyPresentation(
          signPresentation(learner, [], { nonce, aud: domain }),
          policyFor(),
        ),
      ),
    ).toEqual(['NO_CREDENTIALS']);
  });

  it('refuses the same credential twice', async () => {
    const vp = signPresentation(learner, [credential.proof.jwt, credential], {
      nonce,
      aud: domain,
    });
    expect(codesOf(await verifyPresentation(vp, policyFor()))).toEqual(['DUPLICATE_CREDENTIAL']);
  });

  it('refuses too many credentials', async () => {
    const vp = signPresentation(learner, [credential, second], { nonce, aud: domain });
    expect(codesOf(await verifyPresentation(vp, { ...policyFor(), maxCredentials: 1 }))).toEqual([
      'TOO_MANY_CREDENTIALS',
    ]);
  });

  it('refuses an oversized presentation', async () => {
    const vp = signPresentation(learner, [credential], {
      nonce,
      aud: domain,
      extra: { padding: 'x'.repeat(600_000) },
    });
    expect(codesOf(await verifyPresentation(vp, policyFor()))).toEqual(['TOO_LARGE']);
  });

  it('refuses presentation JSON whose holder differs from the signer', async () => {
    const jwt = signPresentation(learner, [credential], { nonce, aud: domain });
    const outer = {
      holder: makeIdentity().did,
      verifiableCredential: [credential],
      proof: { type: 'JwtProof2020', jwt },
    };
    expect(codesOf(await verifyPresentation(outer, policyFor()))).toEqual(['PAYLOAD_MISMATCH']);
  });

  it('never throws on garbage', async () => {
    for (const input of [undefined, null, 7, 'x', {}, [], { proof: { jwt: 5 } }, 'a.b.c']) {
      const result = await verifyPresentation(input, policyFor());
      expect(result.verified).toBe(false);
      expect(result.errors.length).toBeGreaterThan(0);
    }
  });
});
