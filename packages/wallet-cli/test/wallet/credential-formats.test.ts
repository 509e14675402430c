import { afterEach, describe, expect, it } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { vcContextV2 } from '@skillproof/core';
import {
  badgeCredential,
  makeIdentity,
  nowSeconds,
  signCredential,
  signPayload,
  type TestIdentity,
} from '@skillproof/testing';
import {
  exportCommand,
  importCommand,
  initCommand,
  jobsCommand,
  listCommand,
  refreshCommand,
  showCommand,
  verifyCommand,
  walletPaths,
  WalletStore,
  type ListedBadge,
} from '@skillproof/wallet-cli';
import { boardPosting, postHalfAndWhole, startFakeJobBoard } from '../fixtures/fake-job-board.js';
import { makeTestContext } from '../fixtures/test-context.js';
import { obBadge } from '../fixtures/wallet-with-badges.js';

const servers: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** A VC-JOSE badge (`vc+jwt`, VCDM 2.0: the payload is the credential). */
function vcJoseBadge(issuer: TestIdentity, subject: string): string {
  return signPayload(
    issuer,
    {
      '@context': [vcContextV2],
      id: 'urn:uuid:9f1c2e9a-4d0b-4e63-9a55-0c7f1f1f0002',
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: { id: issuer.did, name: 'Jose Academy' },
      validFrom: new Date((nowSeconds - 3600) * 1000).toISOString(),
      validUntil: new Date((nowSeconds + 86400) * 1000).toISOString(),
      credentialSubject: {
        id: subject,
        achievement: { id: 'https://jose.example/a/sql', type: 'Achievement', name: 'SQL (JOSE)' },
      },
    },
    { typ: 'vc+jwt' },
  );
}

/** A Data Integrity badge (`ldp_vc`, eddsa-rdfc-2022): the Digital Credentials Consortium's sample. */
function dataIntegrityBadge(): Record<string, unknown> {
  return JSON.parse(
    readFileSync(
      new URL('../fixtures/samples/dcc-v2-obv3-eddsa-rdfc-2022.json', import.meta.url),
      'utf8',
    ),
  ) as Record<string, unknown>;
}

async function walletOfThreeFormats(options: { json?: boolean } = {}) {
  const test = makeTestContext(options);
  const { did } = await initCommand(test.context);
  const issuer = makeIdentity();
  const store = WalletStore.open(test.home);
  const receivedAt = new Date('2026-11-26T11:00:00Z');
  const jwt = signCredential(
    issuer,
    badgeCredential(issuer, did, { id: 'urn:uuid:9f1c2e9a-4d0b-4e63-9a55-0c7f1f1f0001' }),
  ).proof.jwt;
  store.saveCredential(jwt, { receivedAt });
  store.saveCredential(vcJoseBadge(issuer, did), { receivedAt });
  store.saveCredential(dataIntegrityBadge(), { receivedAt, format: 'ldp_vc' });
  test.printed.stdout = '';
  test.printed.stderr = '';
  return { ...test, did, issuer };
}

describe('a wallet holding jwt_vc_json, vc+jwt and ldp_vc badges', () => {
  it('stores each with its format: the JWS, or the JSON document', async () => {
    const { home } = await walletOfThreeFormats();
    const stored = WalletStore.open(home).credentials;
    expect(stored.map((entry) => entry.format)).toEqual(['jwt_vc_json', 'vc+jwt', 'ldp_vc']);
    expect(typeof stored[0]?.credential).toBe('string');
    expect(typeof stored[1]?.credential).toBe('string');
    expect(stored[2]?.credential).toEqual(dataIntegrityBadge());
    const file = JSON.parse(readFileSync(walletPaths(home).data, 'utf8')) as { version: number };
    expect(file.version).toBe(3);
  });

  it('lists all three, with VCDM 2.0 validFrom/validUntil as issued/expires', async () => {
    const { context, printed } = await walletOfThreeFormats({ json: true });
    await listCommand(context);
    const { credentials } = JSON.parse(printed.stdout) as { credentials: ListedBadge[] };
    expect(credentials).toEqual([
      expect.objectContaining({ badge: 'Git Basics', format: 'jwt_vc_json' }),
      expect.objectContaining({
        badge: 'SQL (JOSE)',
        format: 'vc+jwt',
        issuer: 'Jose Academy',
        issued: new Date((nowSeconds - 3600) * 1000).toISOString(),
        expires: new Date((nowSeconds + 86400) * 1000).toISOString(),
      }),
      expect.objectContaining({
        id: 'http://example.com/credentials/3527',
        format: 'ldp_vc',
        issued: '2010-01-01T00:00:00Z',
        expires: null,
      }),
    ]);
  });

  it('shows and verifies the vc+jwt and ldp_vc badges, and writes each for `verify`', async () => {
    const { context, printed, home } = await walletOfThreeFormats();
    const [, jose, dataIntegrity] = WalletStore.open(home).credentials;
    const joseFile = join(home, '..', 'jose.jwt');
    const shown = await showCommand(context, String(jose?.id), { out: joseFile });
    expect(shown).toMatchObject({ format: 'vc+jwt', verification: { verified: true } });
    expect(printed.stdout).toContain('  format:      vc+jwt');
    expect(printed.stdout).toContain(`its JWT is written to ${joseFile}`);
    expect(readFileSync(joseFile, 'utf8').trim()).toBe(jose?.credential);

    printed.stdout = '';
    const documentFile = join(home, '..', 'badge.json');
    const shownDocument = await showCommand(context, String(dataIntegrity?.id), {
      out: documentFile,
    });
    expect(shownDocument).toMatchObject({ format: 'ldp_vc', verification: { verified: true } });
    expect(printed.stdout).toContain('  issued:      2010-01-01T00:00:00Z');
    expect(printed.stdout).toContain(`its JSON is written to ${documentFile}`);
    expect(JSON.parse(readFileSync(documentFile, 'utf8'))).toEqual(dataIntegrityBadge());

    for (const file of [joseFile, documentFile]) {
      await expect(verifyCommand(context, file, {})).resolves.toMatchObject({ verified: true });
    }
  });

  it('refreshes every format: each verifies again', async () => {
    const { context } = await walletOfThreeFormats();
    const badges = await refreshCommand(context);
    expect(badges.map((badge) => badge.state)).toEqual(['valid', 'valid', 'valid']);
  });

  it('exports and imports every format', async () => {
    const { context, home } = await walletOfThreeFormats();
    const backup = join(home, '..', 'backup.json');
    await exportCommand(context, { out: backup });
    const restored = makeTestContext();
    await importCommand(restored.context, backup);
    expect(WalletStore.open(restored.home).credentials).toEqual(WalletStore.open(home).credentials);
  });

  it('counts an ldp_vc badge in job matching, leaves a vc+jwt badge out, and says so', async () => {
    const { context, printed, issuer } = await walletOfThreeFormats();
    const board = await startFakeJobBoard();
    servers.push(board);
    postHalfAndWhole(board, issuer.did);
    const sample = dataIntegrityBadge() as {
      issuer: { id: string };
      credentialSubject: { achievement: { id: string } };
    };
    board.postings.set(
      'teamwork',
      boardPosting('teamwork', 'Team player', [
        {
          id: 'r1',
          achievementId: sample.credentialSubject.achievement.id,
          name: 'Teamwork',
          issuerDid: sample.issuer.id,
        },
      ]),
    );

    const matches = await jobsCommand(context, board.url);

    expect(matches.find((posting) => posting.id === 'teamwork')?.qualified).toBe(true);
    expect(printed.stderr).toContain(
      "left out: 1 badge in a format this wallet can't present yet (jwt_vc_json and ldp_vc are presented): SQL (JOSE) (vc+jwt)",
    );
  });
});

describe('a wallet of the first version (VCDM 1.1 JWTs as `jwt`)', () => {
  it('is read and listed, and written as the current version (3) at its next change', async () => {
    const { context, home, printed } = makeTestContext();
    const { did } = await initCommand(context);
    const issuer = makeIdentity();
    const jwt = vcJoseBadge(issuer, did);
    const legacy = obBadge(issuer, did, {
      slug: 'git-basics',
      name: 'Git Basics',
      score: 90,
      index: 1,
      listUrl: 'http://127.0.0.1:9/status',
    }).proof.jwt;
    const current = JSON.parse(readFileSync(walletPaths(home).data, 'utf8')) as Record<
      string,
      unknown
    >;
    writeFileSync(
      walletPaths(home).data,
      JSON.stringify({
        ...current,
        version: 1,
        credentials: [
          {
            id: 'urn:uuid:00000000-0000-4000-8000-000000000001',
            name: 'Git Basics',
            achievementId: 'https://issuer.example/achievements/git-basics',
            issuerDid: issuer.did,
            issuerName: 'Test Academy',
            subjectDid: did,
            issuedAt: null,
            expiresAt: null,
            score: 90,
            jwt: legacy,
            receivedAt: '2026-11-01T00:00:00.000Z',
            issuerUrl: null,
            status: null,
          },
        ],
      }),
    );
    const listed = await listCommand(context);
    expect(listed).toEqual([expect.objectContaining({ badge: 'Git Basics' })]);
    expect(WalletStore.open(home).credentials[0]).toMatchObject({
      format: 'jwt_vc_json',
      credential: legacy,
    });
    expect(printed.stdout).toContain('Git Basics');
    WalletStore.open(home).saveCredential(jwt, { receivedAt: new Date() });
    const rewritten = JSON.parse(readFileSync(walletPaths(home).data, 'utf8')) as {
      version: number;
      credentials: Array<Record<string, unknown>>;
    };
    expect(rewritten.version).toBe(3);
    expect(rewritten.credentials[0]).not.toHaveProperty('jwt');
    expect(rewritten.credentials.map((entry) => entry['format'])).toEqual([
      'jwt_vc_json',
      'vc+jwt',
    ]);
  });
});
