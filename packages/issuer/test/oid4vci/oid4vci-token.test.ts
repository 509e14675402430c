import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createCredentialOffer, loadDefaultCatalog } from '../../src/index.js';
import { retryAtWill, startTestIssuer, type TestIssuer } from '../fixtures/issuer-harness.js';
import {
  createWalletKey,
  offerAttempt,
  passAttempt,
  preAuthorizedCode,
  requestToken,
  signInWithKey,
  type AttemptOffer,
} from '../fixtures/oid4vci-wallet.js';

// The token endpoint refuses every bad exchange with the OAuth error the spec names, and gives
// each pre-authorized code at most one access token, whatever the timing.
const grantType = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';
let issuer: TestIssuer;
let session: string;
let attemptId: string;

function newOffer(body: { txCode?: boolean } = {}): Promise<AttemptOffer> {
  return offerAttempt(issuer.url, session, attemptId, body);
}

async function exchange(offer: AttemptOffer, txCode: string | null | undefined = offer.txCode) {
  return requestToken(issuer.url, {
    grant_type: grantType,
    'pre-authorized_code': await preAuthorizedCode(issuer.url, offer),
    ...(txCode === null || txCode === undefined ? {} : { tx_code: txCode }),
  });
}

function wrong(txCode: string): string {
  return String((Number(txCode) + 1) % 1_000_000).padStart(6, '0');
}

beforeAll(async () => {
  issuer = await startTestIssuer(retryAtWill(loadDefaultCatalog()));
  const key = createWalletKey();
  session = await signInWithKey(issuer.url, key);
  attemptId = await passAttempt(issuer.url, issuer.context.catalog, session, 'git-basics');
});

afterAll(async () => {
  await issuer.close();
});

describe('POST /oid4vci/token', () => {
  it('exchanges a code and its tx code for a Bearer access token, not cached', async () => {
    const offer = await newOffer();
    expect(offer.txCode).toMatch(/^\d{6}$/);
    const response = await exchange(offer);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      access_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: 300,
    });
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('refuses an unknown pre-authorized code: invalid_grant', async () => {
    const response = await requestToken(issuer.url, {
      grant_type: grantType,
      'pre-authorized_code': 'not-a-code-this-issuer-gave',
    });
    expect(response.status).toBe(400);
    expect(response.body['error']).toBe('invalid_grant');
  });

  it('refuses a code used once already: invalid_grant, and the offer is gone', async () => {
    const offer = await newOffer({ txCode: false });
    const code = await preAuthorizedCode(issuer.url, offer);
    const fields = { grant_type: grantType, 'pre-authorized_code': code };
    expect((await requestToken(issuer.url, fields)).status).toBe(200);
    const again = await requestToken(issuer.url, fields);
    expect(again.status).toBe(400);
    expect(again.body['error']).toBe('invalid_grant');
    expect(
      (await fetch(offer.credentialOfferUri.replace('https://academy.test', issuer.url))).status,
    ).toBe(404);
  });

  it('refuses an expired code (offers live 10 minutes by default): invalid_grant', async () => {
    const offer = await newOffer();
    expect(Date.parse(offer.expiresAt) - issuer.clock.nowMs()).toBe(600_000);
    const code = await preAuthorizedCode(issuer.url, offer);
    issuer.clock.advance(600_001);
    const response = await requestToken(issuer.url, {
      grant_type: grantType,
      'pre-authorized_code': code,
      tx_code: offer.txCode as string,
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      error: 'invalid_grant',
      error_description: expect.stringContaining('expired'),
    });
    const page = await fetch(`${issuer.url}/oid4vci/offers/${offer.offerId}`);
    expect(page.status).toBe(404);
    expect(await page.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('keeps an offer as long as the issuer is configured to (offerTtlSeconds)', async () => {
    const offer = await createCredentialOffer(
      { ...issuer.context, offerTtlSeconds: 120 },
      { badgeId: 'git-basics', attemptId, subjectDid: null, formats: ['ldp_vc'] },
    );
    expect(Date.parse(offer.expiresAt) - issuer.clock.nowMs()).toBe(120_000);
    expect(offer.txCode).toBeNull();
    expect(offer.credentialOffer).toMatchObject({
      credential_configuration_ids: ['git-basics.ldp_vc'],
      grants: { [grantType]: { 'pre-authorized_code': expect.any(String) } },
    });
    expect(JSON.stringify(offer.credentialOffer)).not.toContain('tx_code');
  });

  it('refuses to offer for an attempt that does not exist, or in a format not offered', async () => {
    await expect(
      createCredentialOffer(issuer.context, {
        badgeId: 'git-basics',
        attemptId: 'no-such-attempt',
        subjectDid: null,
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      createCredentialOffer(issuer.context, {
        badgeId: 'git-basics',
        attemptId,
        subjectDid: null,
        formats: ['mso_mdoc' as never],
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('refuses a wrong tx code (invalid_grant) and counts it; the right one still works after', async () => {
    const offer = await newOffer();
    const response = await exchange(offer, wrong(offer.txCode as string));
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      error: 'invalid_grant',
      error_description: expect.stringContaining('4 tries left'),
    });
    expect((await exchange(offer)).status).toBe(200);
  });

  it('refuses a missing tx code: invalid_grant', async () => {
    const offer = await newOffer();
    const response = await exchange(offer, null);
    expect(response.status).toBe(400);
    expect(response.body['error']).toBe('invalid_grant');
  });

  it('burns the offer after 5 wrong tx codes: even the right one is refused then', async () => {
    const offer = await newOffer();
    const code = await preAuthorizedCode(issuer.url, offer);
    const fields = (txCode: string) => ({
      grant_type: grantType,
      'pre-authorized_code': code,
      tx_code: txCode,
    });
    for (let i = 0; i < 5; i += 1) {
      const response = await requestToken(issuer.url, fields(wrong(offer.txCode as string)));
      expect(response.body['error']).toBe('invalid_grant');
    }
    const right = await requestToken(issuer.url, fields(offer.txCode as string));
    expect(right.status).toBe(400);
    expect(right.body).toMatchObject({
      error: 'invalid_grant',
      error_description: expect.stringContaining('void'),
    });
    expect((await fetch(`${issuer.url}/oid4vci/offers/${offer.offerId}`)).status).toBe(404);
  });

  it('refuses another grant type: unsupported_grant_type', async () => {
    const response = await requestToken(issuer.url, { grant_type: 'client_credentials' });
    expect(response.status).toBe(400);
    expect(response.body['error']).toBe('unsupported_grant_type');
  });

  it('refuses a body too large (413), and JSON instead of a form (415), as invalid_request', async () => {
    const large = await requestToken(issuer.url, {
      grant_type: grantType,
      'pre-authorized_code': 'x'.repeat(5000),
    });
    expect(large.status).toBe(413);
    expect(large.body['error']).toBe('invalid_request');
    const json = await fetch(`${issuer.url}/oid4vci/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: grantType }),
    });
    expect(json.status).toBe(415);
    expect(await json.json()).toMatchObject({ error: 'invalid_request' });
  });

  it('gives one code one token when 10 requests race for it', async () => {
    const offer = await newOffer();
    const code = await preAuthorizedCode(issuer.url, offer);
    const fields = {
      grant_type: grantType,
      'pre-authorized_code': code,
      tx_code: offer.txCode as string,
    };
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => requestToken(issuer.url, fields)),
    );
    expect(responses.filter((response) => response.status === 200)).toHaveLength(1);
    expect(responses.filter((response) => response.body['error'] === 'invalid_grant')).toHaveLength(
      9,
    );
  });
});
