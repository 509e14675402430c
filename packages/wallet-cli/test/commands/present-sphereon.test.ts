import { afterEach, describe, expect, it } from '@jest/globals';
import { decodeJwt, signEd25519Jwt } from '@skillproof/core';
import { makeIdentity } from '@skillproof/testing';
import { runCli } from '../fixtures/run-cli.js';
import { startSphereonVerifier } from '../fixtures/sphereon-verifier.js';
import { walletWithBadges } from '../fixtures/wallet-with-badges.js';

const servers: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** A DCQL query for the Git Basics badge of `issuerDid`, as jwt_vc_json (claims rooted at the credential, Appendix B.1.2). */
export function gitBasicsQuery(issuerDid: string) {
  return {
    credentials: [
      {
        id: 'git-jwt',
        format: 'jwt_vc_json',
        meta: { type_values: [['OpenBadgeCredential']] },
        claims: [
          {
            id: 'achievement',
            path: ['credentialSubject', 'achievement', 'id'],
            values: ['https://issuer.example/achievements/git-basics'],
          },
          { id: 'issuer', path: ['issuer', 'id'], values: [issuerDid] },
        ],
      },
    ],
  };
}

/**
 * A DCQL query for any Open Badge as jwt_vc_json, by type alone. Sphereon 0.20.1 matches claims
 * paths against the JWT's payload (`vc.credentialSubject…`), where OpenID4VP 1.0 Appendix B.1.2
 * roots them at the credential (`credentialSubject…`), so a query with claims can't match on
 * both sides; a query by type is read alike. And it finds holder binding in a jwt_vc_json
 * credential only under a `proof.verificationMethod` no JWT credential has, so the query waives
 * `require_cryptographic_holder_binding`; the presentation is still signed by the holder and
 * its signature checked by the verifier.
 */
function anyOpenBadgeQuery() {
  return {
    credentials: [
      {
        id: 'badge-jwt',
        format: 'jwt_vc_json',
        require_cryptographic_holder_binding: false,
        meta: { type_values: [['OpenBadgeCredential']] },
      },
    ],
  };
}

describe('skillproof present against Sphereon’s relying party (a second OpenID4VP implementation)', () => {
  it('answers its signed DCQL request by reference, and Sphereon verifies nonce, audience and signature', async () => {
    const wallet = await walletWithBadges({ json: true });
    const verifier = await startSphereonVerifier({ now: wallet.context.now });
    servers.push(wallet.server, verifier);
    const { link, nonce } = await verifier.createRequest(anyOpenBadgeQuery());

    const { outcome, written } = await runCli(wallet.context, ['present', link, '--yes', '--json']);

    expect({ outcome, err: wallet.printed.stderr }).toEqual({
      outcome: 'ok',
      err: expect.any(String),
    });
    const result = JSON.parse(wallet.printed.stdout) as {
      shared: Array<{ queryId: string; name: string }>;
      redirectUri: string;
    };
    expect(result.shared).toEqual([
      expect.objectContaining({ queryId: 'badge-jwt', name: 'SQL Basics' }),
    ]);
    expect(result.redirectUri).toMatch(/\/done\//);
    expect(written.err).toBe('');
    expect(verifier.verified).toHaveLength(1);
    expect(verifier.verified[0]).toMatchObject({ ok: true });
    const [presentation] = verifier.verified[0]?.presentations ?? [];
    const { payload } = decodeJwt(presentation);
    expect(payload).toMatchObject({ aud: verifier.clientId, nonce, iss: wallet.did });
  });

  it('is a real check: Sphereon refuses a presentation for another nonce or audience', async () => {
    const wallet = await walletWithBadges({ json: true });
    const verifier = await startSphereonVerifier({ now: wallet.context.now });
    servers.push(wallet.server, verifier);
    const holder = makeIdentity();
    for (const [claims, refusal] of [
      [{ nonce: 'another-nonce', aud: verifier.clientId }, /nonce/i],
      [{ nonce: undefined, aud: 'decentralized_identifier:did:key:z6MkOther' }, /aud/i],
    ] as const) {
      const { link, nonce } = await verifier.createRequest(anyOpenBadgeQuery());
      const requestUri = new URL(link).searchParams.get('request_uri') ?? '';
      const requestObject = await (await fetch(requestUri)).text();
      const { state } = decodeJwt(requestObject).payload as { state: string };
      const now = Math.floor(wallet.context.now().getTime() / 1000);
      const presentation = signEd25519Jwt(
        { alg: 'EdDSA', typ: 'JWT', kid: holder.kid },
        {
          iss: holder.did,
          iat: now,
          exp: now + 300,
          vp: {
            '@context': ['https://www.w3.org/2018/credentials/v1'],
            type: ['VerifiablePresentation'],
            holder: holder.did,
            verifiableCredential: [wallet.git.proof.jwt],
          },
          aud: claims.aud,
          nonce: claims.nonce ?? nonce,
        },
        holder.privateKey,
      );

      const answer = await fetch(`${verifier.url}/responses`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          vp_token: JSON.stringify({ 'badge-jwt': [presentation] }),
          state,
        }).toString(),
      });

      expect(answer.status).toBe(400);
      expect(verifier.verified.at(-1)).toMatchObject({
        ok: false,
        error: expect.stringMatching(refusal),
      });
    }
  });
});
