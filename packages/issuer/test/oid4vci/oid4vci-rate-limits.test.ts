// The OpenID4VCI endpoints count requests per client address: beyond a limit, 429 with
// Retry-After in the OAuth error shape, and the refused request writes nothing (no nonce, no
// spent code, no spent access token), so the same request succeeds once the window is over.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadDefaultCatalog } from '../../src/index.js';
import { retryAtWill, startTestIssuer, type TestIssuer } from '../fixtures/issuer-harness.js';
import {
  accessTokenFor,
  createWalletKey,
  keyProof,
  offerAttempt,
  passAttempt,
  preAuthorizedCode,
  requestCredential,
  requestNonce,
  requestToken,
  signInWithKey,
  type WalletKey,
  type WireResponse,
} from '../fixtures/oid4vci-wallet.js';
import { selectRows } from '../fixtures/select-rows.js';

const grantType = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';
const window = { windowMs: 60_000 };
let issuer: TestIssuer;
let learner: WalletKey;
let session: string;
let attemptId: string;

beforeAll(async () => {
  const { catalog, rateLimits } = retryAtWill(loadDefaultCatalog());
  issuer = await startTestIssuer({
    catalog,
    rateLimits: {
      ...rateLimits,
      oid4vciToken: { limit: 2, ...window },
      oid4vciNonce: { limit: 2, ...window },
      oid4vciCredential: { limit: 2, ...window },
    },
  });
  learner = createWalletKey();
  session = await signInWithKey(issuer.url, learner);
  attemptId = await passAttempt(issuer.url, issuer.context.catalog, session, 'git-basics');
});

afterAll(async () => {
  await issuer.close();
});

async function countRows(table: string): Promise<number> {
  return (
    (await selectRows<{ n: number }>(issuer.db, `SELECT COUNT(*) AS n FROM ${table}`))[0]?.n ??
    Number.NaN
  );
}

function expectSlowedDown(response: WireResponse, what: string, seconds: number): void {
  expect(response.status).toBe(429);
  expect(response.headers.get('retry-after')).toBe(String(seconds));
  expect(response.body).toEqual({
    error: 'invalid_request',
    error_description: `too many ${what}: try again in ${seconds} s`,
  });
}

async function postNonce(): Promise<WireResponse> {
  const response = await fetch(`${issuer.url}/oid4vci/nonce`, { method: 'POST' });
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown>,
    headers: response.headers,
  };
}

/** Moves the clock past every window, so that each test starts with fresh counts. */
function nextWindow(): void {
  issuer.clock.advance(60_000);
}

describe('POST /oid4vci/nonce', () => {
  it('refuses the third nonce of a minute with 429 and stores no nonce for it', async () => {
    nextWindow();
    await requestNonce(issuer.url);
    await requestNonce(issuer.url);
    const stored = await countRows('issuer_oid4vci_nonces');
    issuer.clock.advance(20_000);
    expectSlowedDown(await postNonce(), 'nonce requests', 40);
    expect(await countRows('issuer_oid4vci_nonces')).toBe(stored);
    issuer.clock.advance(40_000);
    expect((await postNonce()).status).toBe(200);
    expect(await countRows('issuer_oid4vci_nonces')).toBe(stored + 1);
  });
});

describe('POST /oid4vci/token', () => {
  it('refuses the third token request of a minute with 429 and leaves its code unspent', async () => {
    nextWindow();
    const offer = await offerAttempt(issuer.url, session, attemptId);
    const fields = {
      grant_type: grantType,
      'pre-authorized_code': await preAuthorizedCode(issuer.url, offer),
      ...(offer.txCode === null ? {} : { tx_code: offer.txCode }),
    };
    for (const code of ['made-up-1', 'made-up-2']) {
      const refused = await requestToken(issuer.url, { ...fields, 'pre-authorized_code': code });
      expect([refused.status, refused.body['error']]).toEqual([400, 'invalid_grant']);
    }
    const tokens = await countRows('issuer_oid4vci_access_tokens');
    expectSlowedDown(await requestToken(issuer.url, fields), 'token requests', 60);
    expect(await countRows('issuer_oid4vci_access_tokens')).toBe(tokens);
    nextWindow();
    const granted = await requestToken(issuer.url, fields);
    expect(granted.status).toBe(200);
    expect(await countRows('issuer_oid4vci_access_tokens')).toBe(tokens + 1);
  });
});

describe('POST /oid4vci/credential', () => {
  it('refuses the third credential request of a minute with 429 and spends neither token nor nonce', async () => {
    nextWindow();
    const token = await accessTokenFor(
      issuer.url,
      await offerAttempt(issuer.url, session, attemptId),
    );
    const nonce = await requestNonce(issuer.url);
    const body = {
      credential_configuration_id: 'git-basics.jwt_vc_json',
      proofs: {
        jwt: [
          keyProof(learner, {
            audience: 'https://academy.test',
            iat: Math.floor(issuer.clock.nowMs() / 1000),
            nonce,
          }),
        ],
      },
    };
    for (let i = 0; i < 2; i += 1) {
      expect((await requestCredential(issuer.url, 'made-up-token', body)).status).toBe(401);
    }
    const credentials = await countRows('issuer_credentials');
    expectSlowedDown(await requestCredential(issuer.url, token, body), 'credential requests', 60);
    expect(await countRows('issuer_credentials')).toBe(credentials);
    // Within the token's and the nonce's lifetimes (5 minutes), the same request succeeds.
    nextWindow();
    const issued = await requestCredential(issuer.url, token, body);
    expect(issued.status).toBe(200);
    expect(await countRows('issuer_credentials')).toBe(credentials + 1);
  });
});
