// A passed web attempt's page: the OpenID4VCI credential offer as a QR code and a link, the same
// on a reload, with the transaction code when the issuer asks for one. These need the real
// `createCredentialOffer` (src/oid4vci): the result page says the offer could not be prepared
// until it is there.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import QRCode from 'qrcode';
import { findBadge, loadDefaultCatalog } from '../../src/index.js';
import { startTestIssuer, type TestIssuer } from '../fixtures/issuer-harness.js';
import { answerFields, newBrowser, postForm, startWebAttempt } from './web-learner-fixture.js';
import { selectRows } from '../fixtures/select-rows.js';

const git = findBadge(loadDefaultCatalog(), 'git-basics');

async function passedResultPage(
  issuer: TestIssuer,
): Promise<{ text: string; cookie: string; attemptId: string }> {
  const browser = await newBrowser(issuer);
  const attemptId = await startWebAttempt(issuer, browser, 'git-basics');
  await postForm(issuer, browser, `/learn/attempts/${attemptId}/answers`, {
    ...answerFields(git, browser.did, true),
  }).expect(303);
  const page = await issuer.http
    .get(`/learn/attempts/${attemptId}`)
    .set('Cookie', browser.cookie)
    .expect(200);
  return { text: page.text, cookie: browser.cookie, attemptId };
}

function offerUriOf(html: string): string {
  const match = /<a class="offer-link" href="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error('the page shows no offer link');
  return match[1].replaceAll('&amp;', '&');
}

describe('the result page of a passed web attempt', () => {
  let issuer: TestIssuer;

  beforeAll(async () => {
    issuer = await startTestIssuer();
  });

  afterAll(async () => {
    await issuer.close();
  });

  it('shows the offer as a link, as copyable text and as a QR code of that link, with its expiry', async () => {
    const { text } = await passedResultPage(issuer);
    const offerUri = offerUriOf(text);
    expect(offerUri).toMatch(/^openid-credential-offer:\/\/\?credential_offer_uri=/);
    expect(decodeURIComponent(offerUri.split('credential_offer_uri=')[1] ?? '')).toMatch(
      /^https:\/\/academy\.test\/oid4vci\/offers\//,
    );
    expect(text).toContain('<label for="offer-uri">Or copy the offer link</label>');
    expect(text).toMatch(/<textarea id="offer-uri"[^>]*>openid-credential-offer:\/\//);
    const svg = await QRCode.toString(offerUri, {
      type: 'svg',
      margin: 2,
      errorCorrectionLevel: 'M',
    });
    expect(text).toContain(
      `<img src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}" alt="QR code of the credential offer for Git Basics"`,
    );
    expect(text).toMatch(/expires at \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
    expect(text).not.toContain('transaction code');
  });

  it('shows the same offer on a reload', async () => {
    const browser = await newBrowser(issuer);
    const attemptId = await startWebAttempt(issuer, browser, 'git-basics');
    await postForm(issuer, browser, `/learn/attempts/${attemptId}/answers`, {
      ...answerFields(git, browser.did, true),
    }).expect(303);
    const open = () =>
      issuer.http.get(`/learn/attempts/${attemptId}`).set('Cookie', browser.cookie).expect(200);
    expect(offerUriOf((await open()).text)).toBe(offerUriOf((await open()).text));
  });
});

describe('with ISSUER_OFFER_TX_CODE', () => {
  let issuer: TestIssuer;

  beforeAll(async () => {
    issuer = await startTestIssuer({ offerTxCode: true });
  });

  afterAll(async () => {
    await issuer.close();
  });

  it('shows the transaction code beside the offer, never inside it', async () => {
    const { text } = await passedResultPage(issuer);
    const code = /<strong id="tx-code">([^<]+)<\/strong>/.exec(text)?.[1];
    expect(code).toMatch(/^\S+$/);
    expect(offerUriOf(text)).not.toContain(code);
  });
});

describe('the offer kept for a reload', () => {
  let issuer: TestIssuer;

  beforeAll(async () => {
    issuer = await startTestIssuer({ offerTxCode: true });
  });

  afterAll(async () => {
    await issuer.close();
  });

  /** Every way a secret could be written down: as is, URI-encoded, base64(url), hex, hashed. */
  function formsOf(secret: string): string[] {
    const bytes = Buffer.from(secret, 'utf8');
    const sha256 = createHash('sha256').update(secret).digest();
    return [
      secret,
      encodeURIComponent(secret),
      bytes.toString('base64'),
      bytes.toString('base64url'),
      bytes.toString('hex'),
      sha256.toString('base64url'),
      sha256.toString('hex'),
    ];
  }

  it('is stored sealed under the cookie: the row holds neither the offer URI, its id nor the tx code', async () => {
    const { text, cookie, attemptId } = await passedResultPage(issuer);
    const offerUri = offerUriOf(text);
    const credentialOfferUri = decodeURIComponent(offerUri.split('credential_offer_uri=')[1] ?? '');
    const offerId = credentialOfferUri.slice(credentialOfferUri.lastIndexOf('/') + 1);
    const txCode = /<strong id="tx-code">([^<]+)<\/strong>/.exec(text)?.[1] ?? '';
    expect(offerId).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(txCode).toMatch(/^\d{6}$/);

    const rows = await selectRows(
      issuer.db,
      'SELECT * FROM issuer_web_offers WHERE attempt_id = ?',
      attemptId,
    );
    expect(rows).toHaveLength(1);
    const raw = JSON.stringify(rows);
    for (const secret of [offerUri, credentialOfferUri, offerId, txCode, cookie]) {
      for (const form of formsOf(secret)) expect(raw).not.toContain(form);
    }
    expect(raw).not.toContain('credential_offer_uri');
    expect(raw).not.toContain('oid4vci/offers');

    // The cookie's browser sees the same offer and code on a reload.
    const reload = await issuer.http
      .get(`/learn/attempts/${attemptId}`)
      .set('Cookie', cookie)
      .expect(200);
    expect(offerUriOf(reload.text)).toBe(offerUri);
    expect(reload.text).toContain(`<strong id="tx-code">${txCode}</strong>`);
  });

  it('opens for no other cookie', async () => {
    const { text, attemptId } = await passedResultPage(issuer);
    const other = await newBrowser(issuer);
    const refused = await issuer.http
      .get(`/learn/attempts/${attemptId}`)
      .set('Cookie', other.cookie)
      .expect(403);
    expect(refused.text).not.toContain(offerUriOf(text));
    expect(refused.text).not.toContain('tx-code');
  });
});
