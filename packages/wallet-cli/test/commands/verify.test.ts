import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createCli,
  ExitError,
  usageErrorFrom,
  UsageError,
  verifyCommand,
  type VerifyOptions,
} from '@skillproof/wallet-cli';
import { SignJWT, type JWTPayload } from 'jose';
import { makeTestContext } from '../fixtures/test-context.js';
import {
  badgeCredential,
  makeIdentity,
  signCredential,
  signPresentation,
  signStatusList,
  startStatusListServer,
  statusEntry,
  issueTestBadge,
  nowSeconds,
} from '@skillproof/testing';

const { issuer, learner, credential } = issueTestBadge();
const jwt = credential.proof.jwt;
const directory = mkdtempSync(join(tmpdir(), 'skillproof-verify-'));

function fileWith(name: string, text: string): string {
  const path = join(directory, name);
  writeFileSync(path, text);
  return path;
}

/** Flips the first character of the signature, so the JWT still parses but does not verify. */
function tampered(token: string): string {
  const [header, payload, signature = ''] = token.split('.');
  return `${header}.${payload}.${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`;
}

/** Runs `verify` and says how it ended: exit code and what it printed. */
async function verify(
  source: string,
  options: VerifyOptions = {},
  contextOptions: { json?: boolean; stdin?: string } = {},
) {
  const { context, printed } = makeTestContext(contextOptions);
  try {
    await verifyCommand(context, source, options);
    return { exitCode: 0, ...printed };
  } catch (error) {
    if (error instanceof ExitError) return { exitCode: error.exitCode, ...printed };
    throw error;
  }
}

describe('skillproof verify', () => {
  it('verifies a credential JWT and prints every check', async () => {
    const { context, printed } = makeTestContext();
    const result = await verifyCommand(context, fileWith('badge.jwt', `\n  ${jwt}\n\n`), {});
    expect(result.verified).toBe(true);
    const lines = printed.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(
      `Credential "Git Basics" from Test Academy (${issuer.did}) to ${learner.did}`,
    );
    expect(result.checks.length).toBeGreaterThan(3);
    for (const check of result.checks) expect(lines).toContain(`✔ ${check.id}`);
    expect(printed.stdout).toContain(
      'warning: issuer trust was not evaluated: no trusted issuers are configured',
    );
    expect(lines.at(-1)).toBe('verified');
  });

  it('exits 3 on a tampered credential and shows SIGNATURE_INVALID', async () => {
    const { exitCode, stdout } = await verify(fileWith('tampered.jwt', tampered(jwt)));
    expect(exitCode).toBe(3);
    expect(stdout.split('\n')[0]).toBe(
      `Credential "Git Basics" from Test Academy (${issuer.did}) to ${learner.did} (unverified claims)`,
    );
    expect(stdout).toMatch(/^✖ signature SIGNATURE_INVALID \S/m);
    expect(stdout.trimEnd().split('\n').at(-1)).toBe('NOT verified (1 check failed)');
  });

  it("accepts Veramo's normalized JSON, and JSON holding a JWT string", async () => {
    for (const text of [JSON.stringify(credential, null, 2), JSON.stringify(jwt)]) {
      const { exitCode, stdout } = await verify(fileWith('badge.json', text));
      expect(exitCode).toBe(0);
      expect(stdout).toContain('Credential "Git Basics"');
    }
  });

  it('verifies a presentation and each credential in it, indented', async () => {
    const nonce = 'n-0S6_WzA2Mj';
    const domain = 'https://jobs.example';
    const path = fileWith(
      'presentation.jwt',
      signPresentation(learner, [jwt], { nonce, aud: domain }),
    );
    const { exitCode, stdout } = await verify(path, {
      challenge: nonce,
      domain,
      trust: [issuer.did],
    });
    expect(exitCode).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`Presentation by ${learner.did} with 1 credential`);
    expect(lines).toEqual(
      expect.arrayContaining([
        '✔ signature',
        '✔ nonce',
        '✔ audience',
        '✔ credential[0]',
        `  Credential 1: "Git Basics" from Test Academy (${issuer.did}) to ${learner.did}`,
        '    ✔ signature',
        '    ✔ issuer.trusted',
        '    ✔ holder',
      ]),
    );
    expect(stdout).not.toContain('warning:');
    expect(lines.at(-1)).toBe('verified');

    const replayed = await verify(path, { challenge: 'another nonce', domain });
    expect(replayed.exitCode).toBe(3);
    expect(replayed.stdout).toContain('✖ nonce NONCE_MISMATCH');
  });

  it('counts the failed checks of a presentation and of its credentials', async () => {
    const path = fileWith('bad-credential.jwt', signPresentation(learner, [tampered(jwt)]));
    const { exitCode, stdout } = await verify(path);
    expect(exitCode).toBe(3);
    expect(stdout).toContain('✖ credential[0] CREDENTIAL_INVALID');
    expect(stdout).toContain('    ✖ signature SIGNATURE_INVALID');
    expect(stdout).toContain('warning: the nonce was not checked: no challenge was given');
    expect(stdout).toContain(
      `  Credential 1: "Git Basics" from Test Academy (${issuer.did}) to ${learner.did} (unverified claims)`,
    );
    expect(stdout.trimEnd().split('\n').at(-1)).toBe('NOT verified (2 checks failed)');
  });

  it('prints no terminal escapes from the credential', async () => {
    const named = signCredential(issuer, {
      ...badgeCredential(issuer, learner.did),
      name: 'Git\u001b[2J Basics',
    });
    const { exitCode, stdout } = await verify(fileWith('escapes.jwt', named.proof.jwt));
    expect(exitCode).toBe(0);
    expect(stdout).toContain('Credential "Git\uFFFD[2J Basics"');
    expect(stdout).not.toContain('\u001b');
  });

  it('reads standard input for -', async () => {
    const { exitCode, stdout } = await verify('-', {}, { stdin: `${jwt}\n` });
    expect(exitCode).toBe(0);
    expect(stdout).toContain('Credential "Git Basics"');
  });

  it('prints the whole verifier result with --json', async () => {
    const valid = await verify(fileWith('badge.jwt', jwt), {}, { json: true });
    expect(valid.exitCode).toBe(0);
    expect(JSON.parse(valid.stdout)).toMatchObject({
      verified: true,
      errors: [],
      warnings: [expect.stringContaining('issuer trust was not evaluated')],
      credential: { credentialSubject: { id: learner.did } },
    });

    const invalid = await verify(fileWith('tampered.jwt', tampered(jwt)), {}, { json: true });
    expect(invalid.exitCode).toBe(3);
    expect(JSON.parse(invalid.stdout)).toMatchObject({
      verified: false,
      errors: [{ id: 'signature', code: 'SIGNATURE_INVALID' }],
    });
  });

  it("reports garbage with the verifier's own format checks", async () => {
    for (const [text, code] of [
      ['not a credential', 'JWT_MALFORMED'],
      ['{ "broken": ', 'JWT_MALFORMED'],
      ['', 'JWT_MALFORMED'],
      ['[1, 2]', 'FORMAT_INVALID'],
      ['{ "proof": { "type": "JwtProof2020" } }', 'FORMAT_INVALID'],
    ] as const) {
      const { exitCode, stdout } = await verify(fileWith('garbage.txt', text));
      expect(exitCode).toBe(3);
      expect(stdout).toMatch(
        new RegExp(`^Credential could not be read\n(✔ format\n)?✖ \\w+ ${code} `),
      );
    }
  });

  it("checks the credential's status list and shows a revocation", async () => {
    const server = await startStatusListServer();
    const url = `${server.url}/status/1`;
    server.lists.set('/status/1', { body: signStatusList(issuer, url, { set: [5] }) });
    const withStatus = (index: number): string =>
      signCredential(
        issuer,
        badgeCredential(issuer, learner.did, { credentialStatus: statusEntry(url, index) }),
      ).proof.jwt;
    try {
      const good = await verify(fileWith('good.jwt', withStatus(4)));
      expect(good.exitCode).toBe(0);
      expect(good.stdout).toMatch(/^✔ status\.revocation$/m);
      const revoked = await verify(fileWith('revoked.jwt', withStatus(5)));
      expect(revoked.exitCode).toBe(3);
      expect(revoked.stdout).toMatch(
        /^✖ status\.revocation STATUS_REVOKED the issuer has revoked this credential$/m,
      );
    } finally {
      await server.close();
    }
  });

  it('exits 4 when only a status list could not be fetched, alone or in a presentation', async () => {
    const server = await startStatusListServer();
    const url = `${server.url}/status/1`;
    const withStatus = signCredential(
      issuer,
      badgeCredential(issuer, learner.did, { credentialStatus: statusEntry(url, 4) }),
    ).proof.jwt;
    await server.close();
    const alone = await verify(fileWith('unreachable.jwt', withStatus), {}, { json: true });
    expect(alone.exitCode).toBe(4);
    expect(JSON.parse(alone.stdout)).toMatchObject({
      verified: false,
      errors: [{ id: 'status.revocation', code: 'STATUS_UNAVAILABLE' }],
    });
    const nonce = 'n-unreachable';
    const presented = fileWith(
      'unreachable-presentation.jwt',
      signPresentation(learner, [withStatus], { nonce, aud: 'https://jobs.example' }),
    );
    const options = { challenge: nonce, domain: 'https://jobs.example' };
    expect((await verify(presented, options)).exitCode).toBe(4);
    // Another failure besides the status makes it a definite no.
    expect((await verify(presented, { ...options, challenge: 'another nonce' })).exitCode).toBe(3);
    const mixed = fileWith(
      'mixed-presentation.jwt',
      signPresentation(learner, [withStatus, tampered(jwt)], {
        nonce,
        aud: 'https://jobs.example',
      }),
    );
    expect((await verify(mixed, options)).exitCode).toBe(3);
  });

  it('reports an issuer outside --trust as ISSUER_UNTRUSTED', async () => {
    const { exitCode, stdout } = await verify(fileWith('badge.jwt', jwt), {
      trust: [makeIdentity().did],
    });
    expect(exitCode).toBe(3);
    expect(stdout).toMatch(
      /^✖ issuer\.trusted ISSUER_UNTRUSTED the issuer did:key:\S+ is not trusted$/m,
    );
    expect(stdout).not.toContain('warning:');
  });

  it('takes --trust more than once', async () => {
    const { context, printed } = makeTestContext();
    const path = fileWith('badge.jwt', jwt);
    const args = ['verify', path, '--trust', makeIdentity().did, '--trust', issuer.did];
    await createCli(() => context, { out: () => {}, err: () => {} }).parseAsync(args, {
      from: 'user',
    });
    expect(printed.stdout).toContain('✔ issuer.trusted');
  });

  it('refuses a missing or unreadable file as a usage error, saying what to do', async () => {
    const { context } = makeTestContext();
    await expect(verifyCommand(context, join(directory, 'missing.jwt'), {})).rejects.toThrow(
      new UsageError(
        `no file ${join(directory, 'missing.jwt')}; give the path of a credential or presentation, or - to read standard input`,
      ),
    );
    await expect(verifyCommand(context, directory, {})).rejects.toThrow(/is a directory/);
    await expect(verifyCommand(context, directory, {})).rejects.toBeInstanceOf(UsageError);

    let written = '';
    const error = await createCli(() => context, {
      out: () => {},
      err: (text) => void (written += text),
    })
      .parseAsync(['verify'], { from: 'user' })
      .catch((caught: unknown) => caught);
    expect(usageErrorFrom(error)).toBeInstanceOf(UsageError);
    expect(written).toContain("missing required argument 'file'");
  });

  it('refuses options that do not fit', async () => {
    const { context } = makeTestContext();
    const path = fileWith('badge.jwt', jwt);
    await expect(
      verifyCommand(context, path, { trust: ['https://issuer.example'] }),
    ).rejects.toThrow(UsageError);
    await expect(verifyCommand(context, path, { challenge: 'n' })).rejects.toThrow(
      /--challenge and --domain apply to presentations only/,
    );
  });

  it('refuses more than 1 MiB before parsing it', async () => {
    const { context, printed } = makeTestContext();
    const path = fileWith('huge.json', `"${'a'.repeat(1024 * 1024)}"`);
    await expect(verifyCommand(context, path, {})).rejects.toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      message: expect.stringContaining('more than 1 MiB'),
    });
    expect(printed.stdout).toBe('');
  });
});

describe('skillproof verify on the formats others issue', () => {
  // Published by the Digital Credentials Consortium (fixtures/samples/NOTICE.md): an Open Badges
  // 3.0 credential secured with a Data Integrity proof (eddsa-rdfc-2022) by a did:key.
  const dccText = readFileSync(
    new URL('../fixtures/samples/dcc-v2-obv3-eddsa-rdfc-2022.json', import.meta.url),
    'utf8',
  );
  const dccIssuer = 'did:key:z6MknNQD1WHLGGraFi6zcbGevuAgkVfdyCdtZnQTGWVVvR5Q';
  const dccHeader = `Credential "Teamwork Badge" from Example Corp (${dccIssuer}) to did:example:ebfeb1f712ebc6f1c276e12ec21`;

  it('verifies a Data Integrity credential and names it and its issuer', async () => {
    const { exitCode, stdout } = await verify(fileWith('dcc-badge.json', dccText));
    expect(exitCode).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(dccHeader);
    expect(lines).toContain('✔ proof');
    expect(lines.at(-1)).toBe('verified');

    const json = await verify(fileWith('dcc-badge.json', dccText), {}, { json: true });
    expect(json.exitCode).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({
      verified: true,
      format: 'ldp_vc',
      credential: { issuer: { id: dccIssuer } },
    });
  });

  it('exits 3 on a tampered Data Integrity credential and shows SIGNATURE_INVALID', async () => {
    const tamperedBadge = { ...(JSON.parse(dccText) as object), name: 'Leadership Badge' };
    const path = fileWith('dcc-tampered.json', JSON.stringify(tamperedBadge));
    const { exitCode, stdout } = await verify(path);
    expect(exitCode).toBe(3);
    expect(stdout).toMatch(/^✖ \S+ SIGNATURE_INVALID/m);
    expect(stdout.split('\n')[0]).toMatch(
      /^Credential "Leadership Badge" from .* \(unverified claims\)$/,
    );
    expect(stdout.trimEnd().split('\n').at(-1)).toBe('NOT verified (1 check failed)');

    const json = await verify(path, {}, { json: true });
    expect(JSON.parse(json.stdout)).toMatchObject({
      verified: false,
      format: 'ldp_vc',
      errors: [{ code: 'SIGNATURE_INVALID' }],
    });
  });

  it('verifies a vc+jwt signed by jose, and says its format with --json', async () => {
    // VC-JOSE-COSE §3.1.1: the JWT payload is the credential itself, typ vc+jwt.
    const payload = {
      '@context': [
        'https://www.w3.org/ns/credentials/v2',
        'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      ],
      id: 'urn:uuid:9a0e7b64-1c1d-4f1e-9d43-0000000000aa',
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: { id: issuer.did, type: ['Profile'], name: 'Jose Academy' },
      validFrom: new Date((nowSeconds - 3600) * 1000).toISOString(),
      name: 'SQL Basics',
      credentialSubject: {
        id: learner.did,
        type: ['AchievementSubject'],
        achievement: {
          id: 'https://academy.example/achievements/sql-basics',
          type: ['Achievement'],
          name: 'SQL Basics',
          criteria: { narrative: 'Pass the SQL micro-test.' },
        },
      },
    };
    const vcJwt = await new SignJWT(payload as JWTPayload)
      .setProtectedHeader({ alg: 'EdDSA', typ: 'vc+jwt', kid: issuer.kid })
      .sign(issuer.privateKey);
    const path = fileWith('badge.vc+jwt', vcJwt);

    const { exitCode, stdout } = await verify(path, { trust: [issuer.did] });
    expect(exitCode).toBe(0);
    expect(stdout.split('\n')[0]).toBe(
      `Credential "SQL Basics" from Jose Academy (${issuer.did}) to ${learner.did}`,
    );
    expect(stdout.trimEnd().split('\n').at(-1)).toBe('verified');

    const json = await verify(path, {}, { json: true });
    expect(json.exitCode).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ verified: true, format: 'vc+jwt' });

    const broken = await verify(fileWith('tampered.vc+jwt', tampered(vcJwt)));
    expect(broken.exitCode).toBe(3);
    expect(broken.stdout).toContain('SIGNATURE_INVALID');
  });
});
