import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoServices, type DemoServices } from '@skillproof/demo';
import { correctAnswers, findBadge, loadDefaultCatalog, type Catalog } from '@skillproof/issuer';
import {
  attemptCommand,
  initCommand,
  listCommand,
  progressCommand,
  WalletStore,
} from '@skillproof/wallet-cli';
import { inProcessWalletContext } from './fixtures/in-process-wallet.js';
import { postToJobboard } from './fixtures/post-to-jobboard.js';
import { bin, json, skillproof } from './fixtures/run-skillproof.js';

// `skillproof attempt --format`: the real binary against a real issuer on loopback, whose
// catalogue narrows sql-basics to the VCDM 2.0 formats (as the issuer's own tests do), so the
// default, jwt_vc_json, is not on offer for it.
const defaults = loadDefaultCatalog();
const catalog: Catalog = {
  ...defaults,
  badges: defaults.badges.map((badge) =>
    badge.id === 'sql-basics' ? { ...badge, formats: ['ldp_vc', 'vc+jwt'] } : badge,
  ),
};
const dataDir = mkdtempSync(join(tmpdir(), 'skillproof-attempt-formats-'));
let services: DemoServices;

beforeAll(async () => {
  if (!existsSync(bin)) {
    throw new Error(
      `${bin} is missing: run \`pnpm run build\` first (pnpm check builds before testing)`,
    );
  }
  services = await startDemoServices(join(dataDir, 'services'), { scryptLogN: 10, catalog });
});
afterAll(async () => {
  await services?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

let learners = 0;

/** A new wallet (the binary's `init`), with the test issuer as its issuer. */
async function newLearner(): Promise<{ home: string; did: string; env: NodeJS.ProcessEnv }> {
  const home = join(dataDir, `learner-${++learners}`);
  const env = { SKILLPROOF_ISSUER_URL: services.issuer.url };
  const { did } = json<{ did: string }>(await skillproof(['init', '--json'], { home, env }));
  return { home, did, env };
}

/** A file of the right answers to `badgeId` for `did`. */
function answersFile(badgeId: string, did: string): string {
  const file = join(dataDir, `${badgeId}-${did.slice(-8)}.json`);
  const answers = correctAnswers(findBadge(catalog, badgeId), {
    learnerDid: did,
    puzzleSecret: services.issuer.puzzleSecret,
  });
  writeFileSync(file, JSON.stringify(answers));
  return file;
}

/** What `attempt --json` prints. */
interface Attempted {
  badge: string;
  passed: boolean;
  credentialId: string;
  format: string;
  award: string;
}

/** What `progress --json` prints: the attempts the issuer recorded, per badge. */
async function attemptsAt(learner: { home: string; env: NodeJS.ProcessEnv }, badgeId: string) {
  const { progress } = json<{
    progress: Array<{ badges: Array<{ badge: string; attempts: number }> }>;
  }>(await skillproof(['progress', '--json'], learner));
  return progress[0]?.badges.find((entry) => entry.badge === badgeId)?.attempts;
}

describe('skillproof attempt --format, end to end', () => {
  it.each([
    ['jwt_vc_json', 'git-basics', 'string'],
    ['ldp_vc', 'http-basics', 'object'],
    ['vc+jwt', 'sql-basics', 'string'],
  ] as const)(
    'earns a %s badge (%s), stored in that format, that list and show report valid',
    async (format, badgeId, heldAs) => {
      const learner = await newLearner();
      const run = await skillproof(
        ['attempt', badgeId, '--format', format, '--answers', answersFile(badgeId, learner.did)],
        learner,
      );
      expect({ code: run.code, stderr: run.code === 0 ? '' : run.stderr }).toEqual({
        code: 0,
        stderr: '',
      });
      const name = findBadge(catalog, badgeId).name;
      expect(run.stdout).toMatch(
        new RegExp(
          `^✔ passed ${name}: \\d+/\\d+ \\(100%\\)\\. Badge \\S+ \\(${format.replace('+', '\\+')}\\) verified and stored\\.\\n$`,
        ),
      );

      const [stored] = WalletStore.open(learner.home).credentials;
      expect(stored).toMatchObject({
        format,
        subjectDid: learner.did,
        issuerDid: services.issuer.did,
      });
      expect(typeof stored?.credential).toBe(heldAs);
      if (format === 'ldp_vc') {
        expect(stored?.credential).toMatchObject({
          proof: { type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022' },
        });
      } else {
        expect(stored?.credential).toMatch(/^ey/);
      }

      const { credentials } = json<{
        credentials: Array<{ id: string; format: string; status: string }>;
      }>(await skillproof(['list', '--json'], learner));
      expect(credentials).toEqual([
        expect.objectContaining({ id: stored?.id, format, status: 'valid' }),
      ]);
      const shown = json<{
        format: string;
        status: { state: string };
        verification: { verified: boolean };
      }>(await skillproof(['show', stored?.id ?? '', '--json'], learner));
      expect(shown).toMatchObject({
        format,
        status: { state: 'valid' },
        verification: { verified: true },
      });
    },
  );

  it('prints the format and the award with --json', async () => {
    const learner = await newLearner();
    const attempted = json<Attempted>(
      await skillproof(
        [
          'attempt',
          'sql-basics',
          '--format',
          'ldp_vc',
          '--answers',
          answersFile('sql-basics', learner.did),
          '--json',
        ],
        learner,
      ),
    );
    expect(attempted).toMatchObject({
      badge: 'sql-basics',
      passed: true,
      format: 'ldp_vc',
      award: 'issued',
    });
    expect(WalletStore.open(learner.home).credentials.map((entry) => entry.id)).toEqual([
      attempted.credentialId,
    ]);
  });

  it('refuses a format the badge is not awarded in (exit 2) before an attempt is started', async () => {
    const learner = await newLearner();
    const answers = answersFile('sql-basics', learner.did);
    // The default, jwt_vc_json, is not among sql-basics' formats here.
    for (const args of [
      ['--answers', answers],
      ['--format', 'jwt_vc_json', '--answers', answers],
    ]) {
      const run = await skillproof(['attempt', 'sql-basics', ...args], learner);
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(
        'skillproof: sql-basics is awarded in ldp_vc, vc+jwt, not in jwt_vc_json; choose one with --format. No attempt was started\n',
      );
      expect(run.stdout).toBe('');
    }
    // A format no issuer awards, refused before the issuer is even asked.
    const unknown = await skillproof(['attempt', 'sql-basics', '--format', 'mso_mdoc'], learner);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--format takes jwt_vc_json, vc+jwt, ldp_vc, not mso_mdoc');

    expect(await attemptsAt(learner, 'sql-basics')).toBe(0);
    expect(WalletStore.open(learner.home).credentials).toEqual([]);
  });

  it('keeps a badge held already in its own format, and says so', async () => {
    const learner = await newLearner();
    const answers = answersFile('git-basics', learner.did);
    const first = json<Attempted>(
      await skillproof(
        ['attempt', 'git-basics', '--format', 'ldp_vc', '--answers', answers, '--json'],
        learner,
      ),
    );
    const again = await skillproof(
      ['attempt', 'git-basics', '--format', 'vc+jwt', '--answers', answers],
      learner,
    );
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(
      `Badge ${first.credentialId} (ldp_vc) verified and stored. You held Git Basics already, as ldp_vc: the issuer gave it back in that format, not as a new vc+jwt badge.`,
    );
    const held = WalletStore.open(learner.home).credentials;
    expect(held.map((entry) => [entry.id, entry.format])).toEqual([[first.credentialId, 'ldp_vc']]);
    expect(await attemptsAt(learner, 'git-basics')).toBe(2);
  });
});

describe('skillproof attempt --format ldp_vc, a document altered on its way', () => {
  it('refuses the badge and stores nothing, though the issuer awarded it', async () => {
    // One field of the signed document changed between the issuer and the wallet.
    const tampering: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (!String(input).endsWith('/answers')) return response;
      const body = (await response.json()) as {
        format?: string;
        verifiableCredential?: { credentialSubject?: { result?: Array<{ value?: string }> } };
      };
      const result = body.verifiableCredential?.credentialSubject?.result?.[0];
      if (body.format === 'ldp_vc' && result) result.value = '99';
      return new Response(JSON.stringify(body), {
        status: response.status,
        headers: { 'content-type': 'application/json' },
      });
    };
    const { context } = inProcessWalletContext({
      home: join(dataDir, `tampered-${++learners}`),
      issuerUrl: services.issuer.url,
      fetch: tampering,
    });
    const { did } = await initCommand(context);
    await expect(
      attemptCommand(context, 'http-basics', {
        format: 'ldp_vc',
        answers: answersFile('http-basics', did),
      }),
    ).rejects.toMatchObject({
      code: 'CREDENTIAL_REJECTED',
      message: expect.stringMatching(
        new RegExp(
          `^the credential from ${services.issuer.url} was refused: it did not verify \\(SIGNATURE_INVALID: the proof signature does not verify\\); nothing was stored$`,
        ),
      ),
    });
    expect(await listCommand(context)).toEqual([]);
    expect(WalletStore.open(context.home).issuers).toEqual([]);
    // The issuer did award it: only the wallet's check stood in the way.
    const [progress] = await progressCommand({ ...context, fetch: globalThis.fetch }, {});
    expect(progress?.badges.find((entry) => entry.badge === 'http-basics')).toMatchObject({
      earned: true,
    });
  });
});

/** A posting of a new employer `employerName` that asks for the issuer's HTTP Basics badge. */
async function httpPlumberPosting(employerName: string): Promise<{ id: string }> {
  const employer = await postToJobboard<{ token: string }>(
    services.jobboard.url,
    '/api/employers',
    services.jobboard.adminToken,
    { name: employerName },
  );
  return postToJobboard<{ id: string }>(services.jobboard.url, '/api/postings', employer.token, {
    title: 'HTTP plumber',
    description: '',
    requirements: [
      {
        achievementId: `${services.issuer.url}/achievements/http-basics`,
        acceptedIssuers: [services.issuer.did],
      },
    ],
  });
}

describe('skillproof apply with an ldp_vc badge', () => {
  it('qualifies for a posting only that badge meets, sharing it in a Data Integrity presentation', async () => {
    const learner = await newLearner();
    const earned = await skillproof(
      [
        'attempt',
        'http-basics',
        '--format',
        'ldp_vc',
        '--answers',
        answersFile('http-basics', learner.did),
      ],
      learner,
    );
    expect(earned.code).toBe(0);
    const [stored] = WalletStore.open(learner.home).credentials;
    expect(stored?.format).toBe('ldp_vc');
    const posting = await httpPlumberPosting('Linked Data Ltd');

    const applied = await skillproof(
      ['apply', `${services.jobboard.url}/postings/${posting.id}`, '--yes', '--json'],
      learner,
    );

    expect({ code: applied.code, stderr: applied.code === 0 ? '' : applied.stderr }).toEqual({
      code: 0,
      stderr: '',
    });
    expect(json<{ qualified: boolean; sharedCredentials: string[] }>(applied)).toMatchObject({
      qualified: true,
      sharedCredentials: [stored?.id],
    });
  }, 120_000);

  it('says a vc+jwt badge cannot be asked for by OpenID4VP, and sends nothing', async () => {
    const learner = await newLearner();
    const earned = await skillproof(
      [
        'attempt',
        'http-basics',
        '--format',
        'vc+jwt',
        '--answers',
        answersFile('http-basics', learner.did),
      ],
      learner,
    );
    expect(earned.code).toBe(0);
    const posting = await httpPlumberPosting('JOSE Ltd');

    const applied = await skillproof(
      ['apply', `${services.jobboard.url}/postings/${posting.id}`, '--yes'],
      learner,
    );

    expect(applied.code).not.toBe(0);
    expect(applied.stderr).toContain(
      'badges held as vc+jwt cannot be asked for by OpenID4VP 1.0: earn or receive them as jwt_vc_json or ldp_vc',
    );
  }, 120_000);
});
