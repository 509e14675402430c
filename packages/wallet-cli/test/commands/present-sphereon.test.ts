import { afterEach, describe, expect, it } from '@jest/globals';
import { decodeJwt } from '@skillproof/core';
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
    const verifier = await startSphereonVerifier();
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
});
