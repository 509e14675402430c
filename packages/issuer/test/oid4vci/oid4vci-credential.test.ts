import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import { hashToken } from '@skillproof/core';
import { SignJWT } from 'jose';
import { loadDefaultCatalog } from '../../src/index.js';
import { retryAtWill, startTestIssuer, type TestIssuer } from '../fixtures/issuer-harness.js';
import {
  accessTokenFor,
  createWalletKey,
  keyProof,
  offerAttempt,
  passAttempt,
  requestCredential,
  requestNonce,
  signInWithKey,
  type KeyProofOptions,
  type WalletKey,
} from '../fixtures/oid4vci-wallet.js';

// The credential endpoint: every bad request is refused with the OpenID4VCI error it names, and
// a refusal spends nothing (the same token then gets the credential with a good request).
const audience = 'https://academy.test';
let issuer: TestIssuer;
let learner: WalletKey;
let session: string;
let attemptId: string;

function nowSeconds(): number {
  return Math.floor(issuer.clock.nowMs() / 1000);
}

function proof(options: Partial<KeyProofOptions> & { nonce: string }, key = learner): string {
  return keyProof(key, { audience, iat: nowSeconds(), ...options });
}

/** A token for a fresh offer of the learner's passed attempt (every format unless told). */
async function freshToken(formats?: string[]): Promise<string> {
  const offer = await offerAttempt(issuer.url, session, attemptId, formats ? { formats } : {});
  return accessTokenFor(issuer.url, offer);
}

async function request(token: string | undefined, body: unknown) {
  return requestCredential(issuer.url, token, body);
}

async function goodRequest(configuration = 'git-basics.jwt_vc_json', key = learner) {
  return {
    credential_configuration_id: configuration,
    proofs: { jwt: [proof({ nonce: await requestNonce(issuer.url) }, key)] },
  };
}

function expectError(
  response: { status: number; body: Record<string, unknown> },
  status: number,
  error: string,
): void {
  expect([response.status, response.body['error']]).toEqual([status, error]);
  expect(typeof response.body['error_description']).toBe('string');
}

beforeAll(async () => {
  issuer = await startTestIssuer(retryAtWill(loadDefaultCatalog()));
  learner = createWalletKey();
  session = await signInWithKey(issuer.url, learner);
  attemptId = await passAttempt(issuer.url, issuer.context.catalog, session, 'git-basics');
});

afterAll(async () => {
  await issuer.close();
});

describe('POST /oid4vci/credential: what is accepted', () => {
  it('issues for a 1.0 request ({credentials: [{credential}]}) to the proven did:key, and marks the offer', async () => {
    const offer = await offerAttempt(issuer.url, session, attemptId);
    const response = await request(await accessTokenFor(issuer.url, offer), await goodRequest());
    expect(response.status).toBe(200);
    const [entry] = response.body['credentials'] as Array<{ credential: string }>;
    const payload = JSON.parse(
      Buffer.from((entry?.credential ?? '').split('.')[1] ?? '', 'base64url').toString(),
    ) as { jti: string; sub: string };
    expect(payload.sub).toBe(learner.did);
    expect(await issuer.store.findCredential(payload.jti)).toMatchObject({
      subjectDid: learner.did,
      format: 'jwt_vc_json',
      jwt: entry?.credential,
    });
    const stored = await issuer.store.findCredentialOffer(hashToken(offer.offerId));
    expect(stored?.credentialId).toBe(payload.jti);
  });

  it('accepts the draft-15 shape (proof: {proof_type: jwt, jwt}), as Sphereon’s client sends it', async () => {
    const response = await request(await freshToken(), {
      credential_configuration_id: 'git-basics.ldp_vc',
      proof: { proof_type: 'jwt', jwt: proof({ nonce: await requestNonce(issuer.url) }) },
    });
    expect(response.status).toBe(200);
    const [entry] = response.body['credentials'] as Array<{ credential: Record<string, unknown> }>;
    expect(entry?.credential['credentialSubject']).toMatchObject({ id: learner.did });
  });

  it('accepts a proof with the Ed25519 key as a jwk: the subject is its did:key', async () => {
    const response = await request(await freshToken(), {
      credential_configuration_id: 'git-basics.ldp_vc',
      proofs: { jwt: [proof({ nonce: await requestNonce(issuer.url), keyIn: 'jwk' })] },
    });
    expect(response.status).toBe(200);
    const [entry] = response.body['credentials'] as Array<{ credential: Record<string, unknown> }>;
    expect(entry?.credential['credentialSubject']).toMatchObject({ id: learner.did });
  });

  it('hands out c_nonces not to be cached', async () => {
    const response = await fetch(`${issuer.url}/oid4vci/nonce`, { method: 'POST' });
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ c_nonce: expect.any(String) });
  });
});

describe('POST /oid4vci/credential: the access token', () => {
  it('refuses a request without a token: 401 invalid_token with WWW-Authenticate', async () => {
    const response = await request(undefined, await goodRequest());
    expectError(response, 401, 'invalid_token');
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer .*error="invalid_token"/);
  });

  it('refuses a token it never gave: 401 invalid_token', async () => {
    expectError(await request('forged-token', await goodRequest()), 401, 'invalid_token');
  });

  it('refuses a used token: 401 invalid_token, nothing issued twice', async () => {
    const token = await freshToken();
    expect((await request(token, await goodRequest())).status).toBe(200);
    expectError(await request(token, await goodRequest()), 401, 'invalid_token');
  });

  it('refuses an expired token: 401 invalid_token', async () => {
    const token = await freshToken();
    issuer.clock.advance(301_000);
    expectError(await request(token, await goodRequest()), 401, 'invalid_token');
  });
});

describe('POST /oid4vci/credential: the configuration', () => {
  it('refuses a configuration the issuer does not have: unknown_credential_configuration', async () => {
    expectError(
      await request(await freshToken(), await goodRequest('git-basics.mso_mdoc')),
      400,
      'unknown_credential_configuration',
    );
  });

  it('refuses a configuration the offer does not include: invalid_credential_request', async () => {
    const token = await freshToken(['ldp_vc']);
    expectError(
      await request(token, await goodRequest('git-basics.jwt_vc_json')),
      400,
      'invalid_credential_request',
    );
    expectError(
      await request(token, await goodRequest('sql-basics.ldp_vc')),
      400,
      'invalid_credential_request',
    );
    // Nothing was spent: the offered configuration is still issued with the same token.
    expect((await request(token, await goodRequest('git-basics.ldp_vc'))).status).toBe(200);
  });

  it('refuses a body that is not a credential request, or too large', async () => {
    const token = await freshToken();
    expectError(await request(token, '[1,2]'), 400, 'invalid_credential_request');
    expectError(await request(token, '{"credential_configuration_id":'), 400, 'invalid_request');
    const large = await request(token, { ...(await goodRequest()), padding: 'x'.repeat(40_000) });
    expectError(large, 413, 'invalid_request');
  });
});

describe('POST /oid4vci/credential: the key proof', () => {
  let token: string;

  beforeAll(async () => {
    token = await freshToken();
  });

  function withProof(jwt: string) {
    return { credential_configuration_id: 'git-basics.jwt_vc_json', proofs: { jwt: [jwt] } };
  }

  it('refuses a nonce the issuer never gave: invalid_nonce', async () => {
    expectError(
      await request(token, withProof(proof({ nonce: 'made-up-nonce' }))),
      400,
      'invalid_nonce',
    );
  });

  it('refuses a used nonce: invalid_nonce', async () => {
    const nonce = await requestNonce(issuer.url);
    expect((await request(await freshToken(), withProof(proof({ nonce })))).status).toBe(200);
    expectError(await request(token, withProof(proof({ nonce }))), 400, 'invalid_nonce');
  });

  it('refuses a proof without a nonce: invalid_proof', async () => {
    expectError(
      await request(token, withProof(keyProof(learner, { audience, iat: nowSeconds() }))),
      400,
      'invalid_proof',
    );
  });

  it('refuses a proof for another audience: invalid_proof', async () => {
    const nonce = await requestNonce(issuer.url);
    expectError(
      await request(token, withProof(proof({ nonce, audience: 'https://evil.test' }))),
      400,
      'invalid_proof',
    );
  });

  it('refuses an ES256 proof with a P-256 key: invalid_proof', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwt = await new SignJWT({
      aud: audience,
      iat: nowSeconds(),
      nonce: await requestNonce(issuer.url),
    })
      .setProtectedHeader({
        alg: 'ES256',
        typ: 'openid4vci-proof+jwt',
        jwk: publicKey.export({ format: 'jwk' }) as never,
      })
      .sign(privateKey);
    expectError(await request(token, withProof(jwt)), 400, 'invalid_proof');
  });

  it('refuses a proof whose signature does not verify: invalid_proof', async () => {
    const jwt = proof({ nonce: await requestNonce(issuer.url) });
    const forged = `${jwt.slice(0, jwt.lastIndexOf('.') + 1)}${'A'.repeat(86)}`;
    expectError(await request(token, withProof(forged)), 400, 'invalid_proof');
    // Signed by another key than the did:key it names.
    const other = createWalletKey();
    const swapped = keyProof(
      { ...other, kid: learner.kid },
      { audience, iat: nowSeconds(), nonce: await requestNonce(issuer.url) },
    );
    expectError(await request(token, withProof(swapped)), 400, 'invalid_proof');
  });

  it('refuses a proof without its typ: invalid_proof', async () => {
    expectError(
      await request(token, withProof(proof({ nonce: await requestNonce(issuer.url), typ: null }))),
      400,
      'invalid_proof',
    );
  });

  it('refuses a proof with an iat an hour old: invalid_proof', async () => {
    const nonce = await requestNonce(issuer.url);
    expectError(
      await request(token, withProof(proof({ nonce, iat: nowSeconds() - 3600 }))),
      400,
      'invalid_proof',
    );
  });

  it('refuses a request without a proof: invalid_proof', async () => {
    expectError(
      await request(token, { credential_configuration_id: 'git-basics.jwt_vc_json' }),
      400,
      'invalid_proof',
    );
  });

  it('refuses a proof by another DID than the learner who earned the badge: invalid_proof', async () => {
    expectError(
      await request(token, await goodRequest('git-basics.jwt_vc_json', createWalletKey())),
      400,
      'invalid_proof',
    );
  });

  it('spent nothing on the refusals: the same token still gets the credential', async () => {
    expect((await request(token, await goodRequest())).status).toBe(200);
  });

  it('refuses an expired nonce: invalid_nonce', async () => {
    const nonce = await requestNonce(issuer.url);
    issuer.clock.advance(301_000);
    const fresh = await freshToken();
    expectError(await request(fresh, withProof(proof({ nonce }))), 400, 'invalid_nonce');
  });
});

describe('POST /attempts/:id/offer', () => {
  it('offers only a passed attempt (409) of the signed-in learner (403)', async () => {
    const started = await fetch(`${issuer.url}/attempts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${session}` },
      body: JSON.stringify({ badge: 'sql-basics' }),
    });
    const { attemptId: unfinished } = (await started.json()) as { attemptId: string };
    await expect(offerAttempt(issuer.url, session, unfinished)).rejects.toThrow(/409/);
    const other = createWalletKey();
    const otherSession = await signInWithKey(issuer.url, other);
    await expect(offerAttempt(issuer.url, otherSession, attemptId)).rejects.toThrow(/403/);
  });

  it('answers the offer: its id, URIs, a 6-digit tx code and its expiry', async () => {
    const offer = await offerAttempt(issuer.url, session, attemptId, {
      formats: ['ldp_vc'],
      txCode: true,
    });
    expect(offer).toEqual({
      offerId: expect.any(String),
      offerUri: `openid-credential-offer://?credential_offer_uri=${encodeURIComponent(`https://academy.test/oid4vci/offers/${offer.offerId}`)}`,
      credentialOfferUri: `https://academy.test/oid4vci/offers/${offer.offerId}`,
      txCode: expect.stringMatching(/^\d{6}$/),
      expiresAt: new Date(issuer.clock.nowMs() + 600_000).toISOString(),
    });
    const object = await (await fetch(`${issuer.url}/oid4vci/offers/${offer.offerId}`)).json();
    expect(JSON.stringify(object)).not.toContain(offer.txCode as string);
    expect(object).toMatchObject({
      credential_issuer: 'https://academy.test',
      credential_configuration_ids: ['git-basics.ldp_vc'],
    });
  });
});
