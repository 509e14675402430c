import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from '@jest/globals';
import { decodeJwt, encodeBase64url } from '@skillproof/core';
import { makeIdentity } from '@skillproof/testing';
import { verifyPresentation } from '@skillproof/verifier';
import { WalletStore } from '@skillproof/wallet-cli';
import { runCli } from '../fixtures/run-cli.js';
import { startTestVerifier } from '../fixtures/test-verifier.js';
import { walletWithBadges } from '../fixtures/wallet-with-badges.js';

const servers: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const achievement = (slug: string) => `https://issuer.example/achievements/${slug}`;

/** One jwt_vc_json credential query per badge slug, claims rooted at the credential. */
function queryFor(issuerDid: string, ...slugs: string[]) {
  return {
    credentials: slugs.map((slug) => ({
      id: `${slug}-jwt`,
      format: 'jwt_vc_json',
      meta: { type_values: [['OpenBadgeCredential']] },
      claims: [
        {
          id: 'achievement',
          path: ['credentialSubject', 'achievement', 'id'],
          values: [achievement(slug)],
        },
        { id: 'issuer', path: ['issuer', 'id'], values: [issuerDid] },
      ],
    })),
  };
}

async function walletAndVerifier(options: { json?: boolean; answers?: string[] } = {}) {
  const wallet = await walletWithBadges(options);
  const verifier = await startTestVerifier();
  servers.push(wallet.server, verifier);
  return { wallet, verifier };
}

describe('skillproof present: a request it answers', () => {
  it('shows who asks for what, signs one presentation per credential query bound to nonce and client id, and posts vp_token with state', async () => {
    const { wallet, verifier } = await walletAndVerifier({ answers: ['y'] });
    const claims = verifier.requestClaims(queryFor(wallet.issuer.did, 'git-basics', 'sql-basics'));
    const link = verifier.publish(claims);

    const { outcome } = await runCli(wallet.context, ['present', link]);

    expect(outcome).toBe('ok');
    expect(wallet.printed.stderr).toContain(
      `from ${verifier.clientId} (calls itself "Test Verifier"; unverified text), signed by that DID`,
    );
    expect(wallet.printed.stderr).toContain(`The answer goes to ${new URL(verifier.url).host}.`);
    expect(wallet.printed.stderr).toMatch(
      /Git Basics from Test Academy, score 90%, jwt_vc_json .* for git-basics-jwt; asked for: credentialSubject\.achievement\.id, issuer\.id/,
    );
    expect(wallet.printed.stdout).toContain(`✔ presented to ${verifier.clientId}`);
    expect(verifier.answers).toHaveLength(1);
    const answer = verifier.answers[0] as Record<string, string>;
    expect(answer['state']).toBe(claims['state']);
    const vpToken = JSON.parse(answer['vp_token'] ?? '') as Record<string, string[]>;
    expect(Object.keys(vpToken).sort()).toEqual(['git-basics-jwt', 'sql-basics-jwt']);
    for (const [queryId, [presentation]] of Object.entries(vpToken)) {
      const { payload } = decodeJwt(presentation);
      expect(payload).toMatchObject({
        aud: verifier.clientId,
        nonce: claims['nonce'],
        iss: wallet.did,
      });
      const [credential] = (payload['vp'] as { verifiableCredential: string[] })
        .verifiableCredential;
      const slug = queryId.replace(/-jwt$/, '');
      expect(decodeJwt(credential).payload).toMatchObject({
        vc: { credentialSubject: { achievement: { id: achievement(slug) } } },
      });
    }
  });

  it('reads the link from standard input with --yes', async () => {
    const { wallet, verifier } = await walletAndVerifier({ json: true });
    const link = verifier.publish(
      verifier.requestClaims(queryFor(wallet.issuer.did, 'git-basics')),
    );
    const context = { ...wallet.context, stdin: () => Readable.from([`${link}\n`]) };

    const { outcome } = await runCli(context, ['present', '-', '--yes', '--json']);

    expect(outcome).toBe('ok');
    expect(JSON.parse(wallet.printed.stdout)).toMatchObject({
      clientId: verifier.clientId,
      complete: true,
      status: 200,
      redirectUri: `${verifier.url}/done`,
    });
    expect(verifier.answers).toHaveLength(1);
  });

  it('prints our board’s application extension as a decision with a reason per requirement', async () => {
    const { wallet, verifier } = await walletAndVerifier();
    verifier.reply = {
      status: 200,
      body: {
        redirect_uri: `${verifier.url}/applied`,
        application: {
          id: 'app-1',
          qualified: true,
          requirements: [{ id: 'r1', met: true, code: 'MET', reason: 'Git Basics, 90%' }],
        },
      },
    };
    const link = verifier.publish(
      verifier.requestClaims(queryFor(wallet.issuer.did, 'git-basics')),
    );

    const { outcome } = await runCli(wallet.context, ['present', link, '--yes']);

    expect(outcome).toBe('ok');
    expect(wallet.printed.stdout).toMatch(
      /✔ qualified\nREQUIREMENT +MET +REASON\nr1 +yes +Git Basics, 90%/,
    );
  });
});

describe('skillproof present: request by value', () => {
  it('answers a signed request object given in the link itself', async () => {
    const { wallet, verifier } = await walletAndVerifier();
    const byReference = verifier.publish(
      verifier.requestClaims(queryFor(wallet.issuer.did, 'git-basics')),
    );
    const requestUri = new URL(byReference).searchParams.get('request_uri') ?? '';
    const jwt = await (await fetch(requestUri)).text();
    const link = `openid4vp://?client_id=${encodeURIComponent(verifier.clientId)}&request=${jwt}`;

    const { outcome } = await runCli(wallet.context, ['present', link, '--yes']);

    expect(outcome).toBe('ok');
    expect(verifier.answers).toHaveLength(1);
  });

  it.each([
    ['not a URL', 'not a link', /it is not a URL/],
    ['no client_id', 'openid4vp://?request_uri=https%3A%2F%2Fv.example%2Fr', /names no client_id/],
    [
      'both request and request_uri',
      'openid4vp://?client_id=x:y&request=a.b.c&request_uri=https%3A%2F%2Fv.example%2Fr',
      /both request_uri and request/,
    ],
    [
      'client_id twice',
      'openid4vp://?client_id=a:b&client_id=c:d&request_uri=https%3A%2F%2Fv.example%2Fr',
      /client_id more than once/,
    ],
    [
      'a client id prefix it does not accept',
      'openid4vp://?client_id=x509_san_dns%3Av.example&request_uri=https%3A%2F%2Fv.example%2Fr',
      /uses a prefix this wallet does not accept/,
    ],
  ])('refuses a link with %s, fetching nothing', async (_case, link, message) => {
    const wallet = await walletWithBadges();
    servers.push(wallet.server);
    const fetched: string[] = [];
    const context = {
      ...wallet.context,
      fetch: (async (input: string | URL | Request) => {
        fetched.push(String(input));
        throw new Error('nothing may be fetched');
      }) as typeof fetch,
    };

    const { outcome } = await runCli(context, ['present', link, '--yes']);

    expect(String(outcome)).toMatch(message);
    expect(fetched).toEqual([]);
  });
});

describe('skillproof present: requests it refuses, sending nothing', () => {
  it('refuses a request object whose signature does not verify', async () => {
    const { wallet, verifier } = await walletAndVerifier();
    const link = verifier.publish(
      verifier.requestClaims(queryFor(wallet.issuer.did, 'git-basics')),
      {
        // Signed by another key, under the verifier's kid.
        signer: { ...makeIdentity(), kid: verifier.identity.kid, did: verifier.identity.did },
      },
    );

    const { outcome } = await runCli(wallet.context, ['present', link, '--yes']);

    expect(String(outcome)).toMatch(/refused: its signature does not verify/);
    // bin.ts exits 1 on a SkillproofError.
    expect((outcome as Error).name).toBe('SkillproofError');
    expect(verifier.answers).toEqual([]);
  });

  it('refuses a request whose client_id differs from the link’s', async () => {
    const { wallet, verifier } = await walletAndVerifier();
    const other = makeIdentity();
    const link = verifier.publish(
      {
        ...verifier.requestClaims(queryFor(wallet.issuer.did, 'git-basics')),
        client_id: `decentralized_identifier:${other.did}`,
      },
      { signer: other },
    );

    const { outcome } = await runCli(wallet.context, ['present', link, '--yes']);

    expect(String(outcome)).toMatch(/client_id does not match/);
    expect(verifier.answers).toEqual([]);
  });

  it('refuses a request signed by a DID other than its client id', async () => {
    const { wallet, verifier } = await walletAndVerifier();
    const link = verifier.publish(
      verifier.requestClaims(queryFor(wallet.issuer.did, 'git-basics')),
      { signer: makeIdentity() },
    );

    const { outcome } = await runCli(wallet.context, ['present', link, '--yes']);

    expect(String(outcome)).toMatch(/signed by the same DID as the client identifier/);
    expect(verifier.answers).toEqual([]);
  });

  it('refuses an expired request', async () => {
    const { wallet, verifier } = await walletAndVerifier();
    const now = Math.floor(Date.now() / 1000);
    const link = verifier.publish({
      ...verifier.requestClaims(queryFor(wallet.issuer.did, 'git-basics')),
      iat: now - 600,
      exp: now - 300,
    });

    const { outcome } = await runCli(wallet.context, ['present', link, '--yes']);

    expect(String(outcome)).toMatch(/refused: it (has )?expired/);
    expect(verifier.answers).toEqual([]);
  });

  it('refuses a signed request without exp', async () => {
    const { wallet, verifier } = await walletAndVerifier();
    const { exp: _exp, ...claims } = verifier.requestClaims(
      queryFor(wallet.issuer.did, 'git-basics'),
    );
    const link = verifier.publish(claims);

    const { outcome } = await runCli(wallet.context, ['present', link, '--yes']);

    expect(String(outcome)).toMatch(/the signed request has no exp/);
    expect(verifier.answers).toEqual([]);
  });

  it('refuses an unsigned request (redirect_uri:) without --allow-unsigned, and with it answers', async () => {
    const { wallet, verifier } = await walletAndVerifier();
    const clientId = `redirect_uri:${verifier.responseUri}`;
    const unsigned = `${encodeBase64url(new TextEncoder().encode(JSON.stringify({ alg: 'none' })))}.${encodeBase64url(
      new TextEncoder().encode(
        JSON.stringify({
          ...verifier.requestClaims(queryFor(wallet.issuer.did, 'git-basics')),
          client_id: clientId,
        }),
      ),
    )}.`;
    const link = verifier.publish(unsigned, { clientId });

    const refused = await runCli(wallet.context, ['present', link, '--yes']);
    expect(String(refused.outcome)).toMatch(/it is unsigned .*--allow-unsigned/);
    expect(verifier.answers).toEqual([]);

    const allowed = await runCli(wallet.context, ['present', link, '--yes', '--allow-unsigned']);
    expect(allowed.outcome).toBe('ok');
    expect(wallet.printed.stderr).toContain('UNSIGNED');
    expect(verifier.answers).toHaveLength(1);
  });

  it('with --allow-unsigned still refuses a response_uri other than the client id’s URI', async () => {
    const { wallet, verifier } = await walletAndVerifier();
    const clientId = `redirect_uri:${verifier.url}/elsewhere`;
    const unsigned = `${encodeBase64url(new TextEncoder().encode(JSON.stringify({ alg: 'none' })))}.${encodeBase64url(
      new TextEncoder().encode(
        JSON.stringify({
          ...verifier.requestClaims(queryFor(wallet.issuer.did, 'git-basics')),
          client_id: clientId,
        }),
      ),
    )}.`;

    const { outcome } = await runCli(wallet.context, [
      'present',
      verifier.publish(unsigned, { clientId }),
      '--yes',
      '--allow-unsigned',
    ]);

    expect(String(outcome)).toMatch(/response_uri/);
    expect(verifier.answers).toEqual([]);
  });

  it('refuses a request_uri that is neither https nor this machine, fetching nothing', async () => {
    const { wallet, verifier } = await walletAndVerifier();
    const fetched: string[] = [];
    const context = {
      ...wallet.context,
      fetch: (async (input: string | URL | Request) => {
        fetched.push(String(input));
        throw new Error('no');
      }) as typeof fetch,
    };
    const link = `openid4vp://?client_id=${encodeURIComponent(verifier.clientId)}&request_uri=${encodeURIComponent('http://verifier.example/requests/1')}`;

    const { outcome } = await runCli(context, ['present', link, '--yes']);

    expect(String(outcome)).toMatch(
      /request_uri\) http:\/\/verifier\.example\/requests\/1 is not an https URL/,
    );
    expect(fetched).toEqual([]);
    expect(verifier.answers).toEqual([]);
  });

  it('refuses an oversized request object', async () => {
    const { wallet, verifier } = await walletAndVerifier();
    const claims = {
      ...verifier.requestClaims(queryFor(wallet.issuer.did, 'git-basics')),
      padding: 'x'.repeat(300 * 1024),
    };

    const { outcome } = await runCli(wallet.context, [
      'present',
      verifier.publish(claims),
      '--yes',
    ]);

    expect(String(outcome)).toMatch(/answered with more than 256 KiB; the answer was refused/);
    expect(verifier.answers).toEqual([]);
  });

  it.each([
    {
      name: 'a response mode it does not make',
      change: { response_mode: 'fragment' },
      refusal: /the presentation request was refused/,
    },
    {
      name: 'direct_post.jwt with no key to encrypt to',
      change: { response_mode: 'direct_post.jwt' },
      refusal: /names no P-256 key for ECDH-ES/,
    },
    {
      name: 'direct_post.jwt with an encryption it does not make',
      change: {
        response_mode: 'direct_post.jwt',
        client_metadata: {
          jwks: {
            keys: [{ kty: 'EC', crv: 'P-256', x: 'AAAA', y: 'AAAA', use: 'enc', alg: 'ECDH-ES' }],
          },
          encrypted_response_enc_values_supported: ['A192GCM'],
        },
      },
      refusal: /an encryption this wallet does not make/,
    },
  ])('refuses $name, sending nothing', async ({ change, refusal }) => {
    const { wallet, verifier } = await walletAndVerifier();
    const claims = {
      ...verifier.requestClaims(queryFor(wallet.issuer.did, 'git-basics')),
      ...change,
    };

    const { outcome } = await runCli(wallet.context, [
      'present',
      verifier.publish(claims),
      '--yes',
    ]);

    expect(String(outcome)).toMatch(refusal);
    expect(verifier.answers).toEqual([]);
  });
});

describe('skillproof present: consent', () => {
  it('with --yes refuses a partial match, sending nothing; --allow-partial sends it', async () => {
    const { wallet, verifier } = await walletAndVerifier();
    const query = queryFor(wallet.issuer.did, 'git-basics', 'python-basics');
    const refused = await runCli(wallet.context, [
      'present',
      verifier.publish(verifier.requestClaims(query)),
      '--yes',
    ]);

    expect(String(refused.outcome)).toMatch(
      /leave required credentials unmatched \(python-basics-jwt\); nothing was sent/,
    );
    // bin.ts exits 1 on a SkillproofError.
    expect((refused.outcome as Error).name).toBe('SkillproofError');
    expect(verifier.answers).toEqual([]);

    const sent = await runCli(wallet.context, [
      'present',
      verifier.publish(verifier.requestClaims(query)),
      '--yes',
      '--allow-partial',
    ]);
    expect(sent.outcome).toBe('ok');
    expect(Object.keys(JSON.parse(verifier.answers[0]?.['vp_token'] ?? '{}'))).toEqual([
      'git-basics-jwt',
    ]);
  });

  it('honours credential_sets: one option of a required set is enough, an unmet optional set is not a partial match', async () => {
    const { wallet, verifier } = await walletAndVerifier();
    const query = {
      ...queryFor(wallet.issuer.did, 'python-basics', 'git-basics', 'rust-basics'),
      credential_sets: [
        {
          options: [['python-basics-jwt'], ['git-basics-jwt']],
          required: true,
          purpose: 'Version control',
        },
        { options: [['rust-basics-jwt']], required: false },
      ],
    };

    const { outcome } = await runCli(wallet.context, [
      'present',
      verifier.publish(verifier.requestClaims(query)),
      '--yes',
    ]);

    expect(outcome).toBe('ok');
    expect(Object.keys(JSON.parse(verifier.answers[0]?.['vp_token'] ?? '{}'))).toEqual([
      'git-basics-jwt',
    ]);
  });

  it('sends nothing when no credential matches', async () => {
    const { wallet, verifier } = await walletAndVerifier();

    const { outcome } = await runCli(wallet.context, [
      'present',
      verifier.publish(verifier.requestClaims(queryFor(wallet.issuer.did, 'python-basics'))),
      '--yes',
      '--allow-partial',
    ]);

    expect(String(outcome)).toMatch(/none of your badges meets a requirement of the request/);
    // bin.ts exits 1 on a SkillproofError.
    expect((outcome as Error).name).toBe('SkillproofError');
    expect(verifier.answers).toEqual([]);
  });

  it('sends nothing when the learner declines', async () => {
    const { wallet, verifier } = await walletAndVerifier({ answers: ['n'] });

    const { outcome } = await runCli(wallet.context, [
      'present',
      verifier.publish(verifier.requestClaims(queryFor(wallet.issuer.did, 'git-basics'))),
    ]);

    expect(String(outcome)).toMatch(/you declined to share/);
    expect(verifier.answers).toEqual([]);
  });

  it('answers a query only an ldp_vc badge satisfies with a Data Integrity presentation bound to nonce and client id', async () => {
    const { wallet, verifier } = await walletAndVerifier();
    const sample = JSON.parse(
      readFileSync(
        new URL('../fixtures/samples/dcc-v2-obv3-eddsa-rdfc-2022.json', import.meta.url),
        'utf8',
      ),
    ) as Record<string, unknown>;
    WalletStore.open(wallet.home).saveCredential(sample, {
      receivedAt: new Date('2026-11-26T11:00:00Z'),
      format: 'ldp_vc',
    });
    const query = {
      credentials: [
        { id: 'ob-ldp', format: 'ldp_vc', meta: { type_values: [['OpenBadgeCredential']] } },
      ],
    };
    const claims = verifier.requestClaims(query);

    const { outcome } = await runCli(wallet.context, [
      'present',
      verifier.publish(claims),
      '--yes',
    ]);

    expect(outcome).toBe('ok');
    expect(wallet.printed.stderr).toMatch(/, ldp_vc .* for ob-ldp/);
    const answer = verifier.answers[0] as Record<string, string>;
    const vpToken = JSON.parse(answer['vp_token'] ?? '') as Record<string, unknown[]>;
    expect(Object.keys(vpToken)).toEqual(['ob-ldp']);
    const [presentation] = vpToken['ob-ldp'] ?? [];
    expect(presentation).toMatchObject({
      holder: wallet.did,
      verifiableCredential: [sample],
      proof: {
        type: 'DataIntegrityProof',
        cryptosuite: 'eddsa-rdfc-2022',
        proofPurpose: 'authentication',
        verificationMethod: `${wallet.did}#${wallet.did.slice('did:key:'.length)}`,
        challenge: claims['nonce'],
        domain: verifier.clientId,
      },
    });
    const now = () => wallet.context.now();
    const accepted = await verifyPresentation(presentation, {
      now,
      challenge: String(claims['nonce']),
      domain: verifier.clientId,
    });
    expect(accepted.presentationVerified).toBe(true);
    expect(accepted.holder).toBe(wallet.did);
    // The badge's own proof verifies; it was issued to someone else, so the holder binding fails.
    expect(accepted.credentials[0]?.checks).toContainEqual(
      expect.objectContaining({ id: 'signature', ok: true }),
    );

    // Replayed to another verifier, or with another nonce: refused.
    for (const policy of [
      { challenge: 'another-nonce', domain: verifier.clientId },
      { challenge: String(claims['nonce']), domain: 'decentralized_identifier:did:key:z6MkOther' },
    ]) {
      const refused = await verifyPresentation(presentation, { now, ...policy });
      expect(refused.presentationVerified).toBe(false);
    }
    // A presentation whose signed content is changed on the way: refused.
    const tampered = structuredClone(presentation) as { holder: string };
    tampered.holder = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';
    expect((await verifyPresentation(tampered, { now })).presentationVerified).toBe(false);
  });

  it('does not share a revoked badge', async () => {
    const { wallet, verifier } = await walletAndVerifier();
    const { refreshCommand } = await import('@skillproof/wallet-cli');
    wallet.revoke(1);
    await refreshCommand(wallet.context).catch(() => undefined);

    const { outcome } = await runCli(wallet.context, [
      'present',
      verifier.publish(verifier.requestClaims(queryFor(wallet.issuer.did, 'git-basics'))),
      '--yes',
    ]);

    expect(String(outcome)).toMatch(/none of your badges meets a requirement/);
    expect(verifier.answers).toEqual([]);
  });
});
