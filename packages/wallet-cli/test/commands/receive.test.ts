import { beforeEach, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import {
  initCommand,
  listCommand,
  receiveCommand,
  walletPaths,
  WalletStore,
} from '@skillproof/wallet-cli';
import { runCli } from '../fixtures/run-cli.js';
import { makeTestContext } from '../fixtures/test-context.js';
import { useSphereonIssuer } from '../fixtures/sphereon-issuer.js';

const sphereonIssuer = useSphereonIssuer();
beforeEach(() => {
  sphereonIssuer().mode = 'honest';
  sphereonIssuer().requests.length = 0;
  sphereonIssuer().credentialRequests.length = 0;
});

async function newWallet(
  options: { json?: boolean; stdin?: string; answers?: string[]; fetch?: typeof fetch } = {},
) {
  const test = makeTestContext(options);
  const { did } = await initCommand(test.context);
  test.printed.stdout = '';
  test.printed.stderr = '';
  return { ...test, did };
}

describe('skillproof receive, against Sphereon’s OpenID4VCI issuer', () => {
  it('receives a badge with a tx code, verifies it, stores it; list shows it', async () => {
    const { context, printed, did, home } = await newWallet();
    const { uri, txCode } = await sphereonIssuer().offer({ txCode: true });
    expect(txCode).toMatch(/^\d{6}$/);
    const { outcome } = await runCli(context, ['receive', uri, '--tx-code', String(txCode)]);
    expect(outcome).toBe('ok');
    expect(printed.stdout).toContain('✔ received Git Basics, verified and stored');
    expect(printed.stdout).toContain('format:      jwt_vc_json');
    expect(printed.stderr).toContain(`Offer from Sphereon Test Academy (${sphereonIssuer().url})`);
    expect(printed.stderr).toContain(
      'SD-JWT badge [SdJwtBadge, dc+sd-jwt] (not a format the wallet holds)',
    );

    // The request on the wire: OpenID4VCI 1.0, by configuration id, with proofs.jwt.
    const [request] = sphereonIssuer().credentialRequests as Array<Record<string, unknown>>;
    expect(request).toMatchObject({ credential_configuration_id: 'GitBasics' });
    expect(request).not.toHaveProperty('format');
    const [proof] = (request?.['proofs'] as { jwt: string[] }).jwt;
    expect(decodeProtectedHeader(String(proof))).toMatchObject({
      typ: 'openid4vci-proof+jwt',
      alg: 'EdDSA',
      kid: `${did}#${did.slice('did:key:'.length)}`,
    });
    expect(decodeJwt(String(proof))).toMatchObject({ aud: sphereonIssuer().url });
    expect(typeof decodeJwt(String(proof))['nonce']).toBe('string');
    expect(sphereonIssuer().requests).toContain('POST /nonce');
    // Its status list, on the issuer's own host, was fetched and checked.
    expect(sphereonIssuer().requests).toContain('GET /status/revocation');

    const [stored] = WalletStore.open(home).credentials;
    expect(stored).toMatchObject({
      format: 'jwt_vc_json',
      subjectDid: did,
      issuerDid: sphereonIssuer().issuer.did,
      issuerUrl: sphereonIssuer().url,
      status: { state: 'valid' },
    });
    printed.stdout = '';
    const listed = await listCommand(context);
    expect(listed).toEqual([expect.objectContaining({ badge: 'Git Basics', status: 'valid' })]);
    expect(printed.stdout).toContain('Git Basics');
  });
});

/** What the wallet holds on disk, to show a refused credential left nothing behind. */
function walletFile(home: string): string {
  return readFileSync(walletPaths(home).data, 'utf8');
}

describe('skillproof receive: more ways in', () => {
  it('takes an offer by reference from standard input, with --json for scripts', async () => {
    const { uri, txCode } = await sphereonIssuer().offer({ txCode: true, byReference: true });
    expect(uri).toContain('credential_offer_uri=');
    const { context, printed, home } = await newWallet({ json: true, stdin: `\n${uri}\n` });
    const result = await receiveCommand(context, '-', { txCode: String(txCode) });
    expect(
      sphereonIssuer().requests.filter((line) => line.startsWith('GET /offers/')),
    ).toHaveLength(1);
    const printedJson = JSON.parse(printed.stdout) as typeof result;
    expect(printedJson).toEqual(result);
    expect(printedJson).toMatchObject({
      credentialIssuer: sphereonIssuer().url,
      issuerName: 'Sphereon Test Academy',
      configuration: 'GitBasics',
      offered: [
        { id: 'SdJwtBadge', format: 'dc+sd-jwt', receivable: false },
        { id: 'GitBasics', format: 'jwt_vc_json', name: 'Git Basics', receivable: true },
      ],
      credentials: [
        { name: 'Git Basics', format: 'jwt_vc_json', issuerDid: sphereonIssuer().issuer.did },
      ],
    });
    expect(printed.stderr).toBe('');
    expect(WalletStore.open(home).credentials).toHaveLength(1);
  });

  it('asks for the tx code on a terminal, showing what the issuer says of it', async () => {
    const { uri, txCode } = await sphereonIssuer().offer({ txCode: true });
    const { context, asked, home, printed } = await newWallet({ answers: [String(txCode)] });
    context.output.interactive = true;
    await receiveCommand(context, uri, {});
    expect(asked).toEqual(['Transaction code: ']);
    expect(printed.stderr).toContain(
      'The issuer asks for the transaction code it gave you (the code on the academy’s page).',
    );
    expect(WalletStore.open(home).credentials).toHaveLength(1);
  });

  it('refuses without a tx code and no terminal to ask for one (exit 2), before redeeming', async () => {
    const { uri } = await sphereonIssuer().offer({ txCode: true });
    const { context, home } = await newWallet();
    const before = walletFile(home);
    const { outcome } = await runCli(context, ['receive', uri]);
    expect(outcome).toMatchObject({
      name: 'UsageError',
      message:
        'the offer asks for a transaction code (the code on the academy’s page); give it with --tx-code <code>. Nothing was requested',
    });
    expect(sphereonIssuer().requests).not.toContain('POST /token');
    expect(walletFile(home)).toBe(before);
  });

  it('says a wrong tx code in plain words, exits non-zero and stores nothing', async () => {
    const { uri, txCode } = await sphereonIssuer().offer({ txCode: true });
    const wrong = String((Number(txCode) + 1) % 1_000_000).padStart(6, '0');
    const { context, home } = await newWallet();
    const before = walletFile(home);
    const { outcome } = await runCli(context, ['receive', uri, '--tx-code', wrong]);
    expect(outcome).toMatchObject({
      code: 'UPSTREAM_FAILED',
      message: expect.stringContaining(
        'redeeming the offer: the issuer refused (invalid_grant): the transaction code is wrong, or the offer was used already or has expired',
      ),
    });
    expect(walletFile(home)).toBe(before);
  });

  it('lets --format and --configuration choose, and refuses what the wallet can’t hold', async () => {
    const { uri, txCode } = await sphereonIssuer().offer({ txCode: true });
    const { context, home } = await newWallet();
    await expect(receiveCommand(context, uri, { format: 'ldp_vc', txCode })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message:
        'the offer has no credential in ldp_vc; it offers SdJwtBadge (dc+sd-jwt), GitBasics (jwt_vc_json); nothing was requested',
    });
    await expect(
      receiveCommand(context, uri, { configuration: 'SdJwtBadge', txCode }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('a dc+sd-jwt credential, which the wallet does not hold'),
    });
    await expect(receiveCommand(context, uri, { format: 'mso_mdoc' })).rejects.toMatchObject({
      name: 'UsageError',
    });
    expect(sphereonIssuer().requests).not.toContain('POST /token');
    const result = await receiveCommand(context, uri, { configuration: 'GitBasics', txCode });
    expect(result.configuration).toBe('GitBasics');
    expect(WalletStore.open(home).credentials).toHaveLength(1);
  });
});

describe('skillproof receive: other formats', () => {
  it('keeps a VC-JOSE (vc+jwt) credential as its JWS, and lists it', async () => {
    sphereonIssuer().mode = 'vc-jose';
    const { uri, txCode } = await sphereonIssuer().offer({ txCode: true });
    const { context, home, printed } = await newWallet();
    const { credentials } = await receiveCommand(context, uri, { txCode });
    expect(credentials).toEqual([
      expect.objectContaining({
        format: 'vc+jwt',
        name: 'Git Basics',
        issuerDid: sphereonIssuer().issuer.did,
      }),
    ]);
    expect(printed.stderr).toContain(
      'Note: the issuer sent a vc+jwt credential for a jwt_vc_json configuration.',
    );
    const [stored] = WalletStore.open(home).credentials;
    expect(stored).toMatchObject({ format: 'vc+jwt', credential: expect.stringMatching(/^ey/) });
    expect(decodeProtectedHeader(String(stored?.credential))).toMatchObject({ typ: 'vc+jwt' });
    expect(await listCommand(context)).toEqual([
      expect.objectContaining({ badge: 'Git Basics', status: 'valid' }),
    ]);
  });

  it('verifies an ldp_vc (Data Integrity) credential as one, and refuses it for another subject', async () => {
    const { uri, txCode } = await sphereonIssuer().offer({
      txCode: true,
      configurations: ['OpenBadgeLd'],
    });
    const { context, home, did } = await newWallet();
    const before = walletFile(home);
    await expect(receiveCommand(context, uri, { txCode, format: 'ldp_vc' })).rejects.toMatchObject({
      code: 'CREDENTIAL_REJECTED',
      message: `the credential from ${sphereonIssuer().url} was refused: it is issued to did:example:ebfeb1f712ebc6f1c276e12ec21, not to your DID ${did}; nothing was stored`,
    });
    expect(sphereonIssuer().credentialRequests).toEqual([
      expect.objectContaining({ credential_configuration_id: 'OpenBadgeLd' }),
    ]);
    expect(walletFile(home)).toBe(before);
  });
});

describe('skillproof receive: what a hostile issuer sends is refused', () => {
  it('refuses a credential issued to another DID, and stores nothing', async () => {
    sphereonIssuer().mode = 'other-subject';
    const { uri, txCode } = await sphereonIssuer().offer({ txCode: true });
    const { context, home, did } = await newWallet();
    const before = walletFile(home);
    await expect(receiveCommand(context, uri, { txCode })).rejects.toMatchObject({
      code: 'CREDENTIAL_REJECTED',
      message: expect.stringMatching(
        new RegExp(
          `refused: it is issued to did:key:\\w+, not to your DID ${did}; nothing was stored$`,
        ),
      ),
    });
    expect(walletFile(home)).toBe(before);
  });

  it('refuses a credential whose signature does not match (tampered)', async () => {
    sphereonIssuer().mode = 'tampered-signature';
    const { uri, txCode } = await sphereonIssuer().offer({ txCode: true });
    const { context, home } = await newWallet();
    const before = walletFile(home);
    await expect(receiveCommand(context, uri, { txCode })).rejects.toMatchObject({
      code: 'CREDENTIAL_REJECTED',
      message: expect.stringContaining('it did not verify (SIGNATURE_INVALID'),
    });
    expect(walletFile(home)).toBe(before);
  });

  it('refuses a credential whose status list is on another host, without fetching it', async () => {
    sphereonIssuer().mode = 'status-elsewhere';
    const { uri, txCode } = await sphereonIssuer().offer({ txCode: true });
    const { context, home } = await newWallet();
    const before = walletFile(home);
    await expect(receiveCommand(context, uri, { txCode })).rejects.toMatchObject({
      code: 'CREDENTIAL_REJECTED',
      message: expect.stringContaining('it did not verify (STATUS_HOST_NOT_ALLOWED'),
    });
    expect(sphereonIssuer().requests).not.toContain('GET /status/revocation');
    expect(walletFile(home)).toBe(before);
  });

  it('refuses a credential its issuer has revoked', async () => {
    sphereonIssuer().mode = 'revoked';
    const { uri, txCode } = await sphereonIssuer().offer({ txCode: true });
    const { context, home } = await newWallet();
    const before = walletFile(home);
    await expect(receiveCommand(context, uri, { txCode })).rejects.toMatchObject({
      code: 'CREDENTIAL_REJECTED',
      message: expect.stringContaining('it did not verify (STATUS_REVOKED'),
    });
    expect(walletFile(home)).toBe(before);
  });

  it('refuses metadata whose credential_issuer is not the offer’s, before redeeming', async () => {
    sphereonIssuer().mode = 'other-credential-issuer';
    const { uri } = await sphereonIssuer().offer({ txCode: true });
    const { context, home } = await newWallet();
    const before = walletFile(home);
    await expect(receiveCommand(context, uri, { txCode: '123456' })).rejects.toMatchObject({
      message: expect.stringContaining(
        "The 'credential_issuer' parameter 'https://evil.example' in the well known credential issuer metadata",
      ),
    });
    expect(sphereonIssuer().requests).not.toContain('POST /token');
    expect(walletFile(home)).toBe(before);
  });

  it('refuses metadata larger than 1 MiB without reading it all', async () => {
    sphereonIssuer().mode = 'oversized-metadata';
    const { uri } = await sphereonIssuer().offer({ txCode: true });
    const { context } = await newWallet();
    await expect(receiveCommand(context, uri, { txCode: '123456' })).rejects.toMatchObject({
      code: 'UPSTREAM_FAILED',
      message: `${sphereonIssuer().url} answered with more than 1 MiB; the answer was refused`,
    });
    expect(sphereonIssuer().requests).not.toContain('POST /token');
  });

  it.each([
    [
      'an http offer link to another host',
      'http://issuer.example/offer?credential_offer_uri=https%3A%2F%2Fissuer.example%2Fo%2F1',
      'the offer link http://issuer.example/offer',
    ],
    [
      'an offer address over http to another host',
      `openid-credential-offer://?credential_offer_uri=${encodeURIComponent('http://issuer.example/offers/1')}`,
      'the offer address (credential_offer_uri) http://issuer.example/offers/1',
    ],
    [
      'a credential_issuer over http to another host',
      `openid-credential-offer://?credential_offer=${encodeURIComponent(JSON.stringify({ credential_issuer: 'http://issuer.example', credential_configuration_ids: ['x'], grants: {} }))}`,
      'the offer’s credential_issuer http://issuer.example',
    ],
    [
      'a file URL',
      'file:///etc/passwd?credential_offer_uri=x',
      'the offer link file:///etc/passwd',
    ],
    [
      'a link that carries no offer',
      'openid-credential-offer://?credential_offer_uri=https%3A%2F%2Fa.example&credential_offer=%7B%7D',
      'that is not a credential offer: it needs exactly one credential_offer or credential_offer_uri',
    ],
  ])('refuses %s before any request', async (_case, link, named) => {
    let requests = 0;
    const counting: typeof fetch = (...args) => {
      requests += 1;
      return fetch(...args);
    };
    const { context } = await newWallet({ fetch: counting });
    await expect(receiveCommand(context, link, {})).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining(`${named}`),
    });
    expect(requests).toBe(0);
  });

  it('refuses an issuer that redirects, without following it', async () => {
    const redirecting: Server = createServer((request, response) => {
      response.writeHead(302, { location: `${sphereonIssuer().url}${request.url ?? '/'}` }).end();
    });
    await new Promise<void>((resolve) => redirecting.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(redirecting.address() as AddressInfo).port}`;
    try {
      const { context } = await newWallet();
      const link = `openid-credential-offer://?credential_offer_uri=${encodeURIComponent(`${base}/offers/1`)}`;
      await expect(receiveCommand(context, link, {})).rejects.toMatchObject({
        code: 'UPSTREAM_FAILED',
        message: `${base} answered with a redirect (302); redirects are not followed`,
      });
      expect(sphereonIssuer().requests).toEqual([]);
    } finally {
      await new Promise((resolve) => redirecting.close(resolve));
    }
  });
});
