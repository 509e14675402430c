// A passed web attempt's page: the OpenID4VCI credential offer as a QR code and a link, the same
// on a reload, with the transaction code when the issuer asks for one. These need the real
// `createCredentialOffer` (src/oid4vci): the result page says the offer could not be prepared
// until it is there.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import QRCode from 'qrcode';
import { findBadge, loadDefaultCatalog } from '../../src/index.js';
import { startTestIssuer, type TestIssuer } from '../fixtures/issuer-harness.js';
import {
  accessTokenFor,
  createWalletKey,
  keyProof,
  requestCredential,
  requestNonce,
} from '../fixtures/oid4vci-wallet.js';
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

describe('the result page of a collected badge: its place in the transparency log', () => {
  let issuer: TestIssuer;

  beforeAll(async () => {
    // Checkpoints only when the test signs one: the page shows the entry pending, then logged.
    issuer = await startTestIssuer({ transparencyLog: { checkpointIntervalMs: 0 } });
  });

  afterAll(async () => {
    await issuer.close();
  });

  /** Collects the offer on the page as a wallet does (OpenID4VCI, pre-authorized code). */
  async function collect(text: string): Promise<void> {
    const credentialOfferUri = decodeURIComponent(
      offerUriOf(text).split('credential_offer_uri=')[1] ?? '',
    );
    const offerId = credentialOfferUri.slice(credentialOfferUri.lastIndexOf('/') + 1);
    const token = await accessTokenFor(issuer.url, {
      offerId,
      offerUri: offerUriOf(text),
      credentialOfferUri,
      txCode: null,
      expiresAt: '',
    });
    const nonce = await requestNonce(issuer.url);
    const proof = keyProof(createWalletKey(), {
      audience: 'https://academy.test',
      nonce,
      iat: Math.floor(issuer.clock.nowMs() / 1000),
    });
    const response = await requestCredential(issuer.url, token, {
      credential_configuration_id: 'git-basics.jwt_vc_json',
      proofs: { jwt: [proof] },
    });
    expect(response.status).toBe(200);
  }

  it('says the badge will be logged, then shows its entry, tree, checkpoint and links', async () => {
    const { text, cookie, attemptId } = await passedResultPage(issuer);
    expect(text).toContain('id="transparency"');
    expect(text).toContain('public <a href="https://academy.test/log">transparency log</a>');
    await collect(text);
    const open = async () =>
      (await issuer.http.get(`/learn/attempts/${attemptId}`).set('Cookie', cookie).expect(200))
        .text;

    const pending = await open();
    expect(pending).toContain('Your wallet has collected this badge.');
    const leafIndex = /<strong id="leaf-index">(\d+)<\/strong>/.exec(pending)?.[1];
    expect(leafIndex).toMatch(/^\d+$/);
    expect(pending).toMatch(/the issuer signs a\s+checkpoint covering it/);

    const checkpoint = await issuer.context.transparency?.checkpoints.signNow();
    const logged = await open();
    expect(logged).toContain(`<strong id="leaf-index">${leafIndex}</strong>`);
    expect(logged).toContain(`<strong id="tree-size">${checkpoint?.size}</strong>`);
    expect(logged).toContain(`<pre class="checkpoint">${checkpoint?.note.split('\n')[0]}`);
    const receiptLink = /<a id="receipt-link" href="([^"]+)"/.exec(logged)?.[1] ?? '';
    expect(receiptLink).toMatch(/^https:\/\/academy\.test\/log\/receipts\/urn%3Auuid%3A/);
    expect(logged).toContain('<a id="log-link" href="https://academy.test/log">');
    // The link serves this very receipt.
    const receipt = await issuer.http
      .get(new URL(receiptLink.replaceAll('&amp;', '&')).pathname)
      .expect(200);
    expect(receipt.body).toMatchObject({ leafIndex: Number(leafIndex), status: null });
  });

  it('shows nothing of a log on an issuer that keeps none', async () => {
    const unlogged = await startTestIssuer({ transparencyLog: false });
    try {
      const { text } = await passedResultPage(unlogged);
      expect(text).not.toContain('id="transparency"');
    } finally {
      await unlogged.close();
    }
  });
});
