import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoServices, type DemoServices } from '@skillproof/demo';
import {
  correctAnswers,
  findBadge,
  loadDefaultCatalog,
  puzzleInstance,
  type Badge,
} from '@skillproof/issuer';
import { postToJobboard } from './fixtures/post-to-jobboard.js';
import { bin, json, skillproof, type Responder, type Run } from './fixtures/run-skillproof.js';

// The real `skillproof` binary, spawned as a learner would run it, against a real issuer and a
// real job board on loopback.
const dataDir = mkdtempSync(join(tmpdir(), 'skillproof-wallet-e2e-'));
const catalog = loadDefaultCatalog();
let services: DemoServices;

/** A responder that takes a badge's micro-test right, reading each question as printed. */
function rightAnswers(badge: Badge, learnerDid: string): Responder {
  const key = correctAnswers(badge, { learnerDid, puzzleSecret: services.issuer.puzzleSecret });
  return (asked) => {
    if (!/Your answer( \(1-\d+\))?: $/.test(asked)) return undefined;
    const task = badge.tasks.find((candidate) => asked.includes(candidate.prompt));
    if (!task) throw new Error(`no task of ${badge.id} in: ${asked}`);
    if (task.kind !== 'quiz') return key[task.id];
    const right = task.choices.find((choice) => choice.id === key[task.id]);
    const line = asked.split('\n').find((text) => text.endsWith(`) ${right?.text}`));
    return line?.trim().split(')')[0];
  };
}

beforeAll(async () => {
  if (!existsSync(bin)) {
    throw new Error(
      `${bin} is missing: run \`pnpm run build\` first (pnpm check builds before testing)`,
    );
  }
  services = await startDemoServices(join(dataDir, 'services'), { scryptLogN: 10 });
});
afterAll(async () => {
  await services?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the skillproof binary, end to end', () => {
  const home = join(dataDir, 'alice');
  let did = '';

  it('does the whole story: init, issuers, every badge, list, show, verify, jobs, apply, applications, backup', async () => {
    // init and the DID.
    const init = json<{ did: string }>(await skillproof(['init', '--json'], { home }));
    did = init.did;
    expect(did).toMatch(/^did:key:z6Mk/);
    expect(statSync(home).mode & 0o777).toBe(0o700);
    expect(statSync(join(home, 'keys.json')).mode & 0o777).toBe(0o600);
    expect(json<{ did: string }>(await skillproof(['did', '--json'], { home })).did).toBe(did);

    // The issuer, and its catalogue.
    await skillproof(['issuers', 'add', services.issuer.url], { home });
    const issuers = json<{ issuers: Array<{ did: string }> }>(
      await skillproof(['issuers', 'list', '--json'], { home }),
    );
    expect(issuers.issuers.map((issuer) => issuer.did)).toEqual([services.issuer.did]);
    const issuerTable = (await skillproof(['issuers', 'list'], { home })).stdout.split('\n');
    expect(issuerTable[0]).toMatch(/^NAME +URL +DID$/);
    expect(issuerTable[1]).toMatch(/^Skillproof Academy +http:\/\/127\.0\.0\.1:\d+ +did:key:z6Mk/);
    const tasks = json<{ catalogs: Array<{ badges: Array<{ id: string }> }> }>(
      await skillproof(['tasks', '--json'], { home }),
    );
    const offered = tasks.catalogs[0]?.badges.map((badge) => badge.id) ?? [];
    expect(offered.sort()).toEqual(catalog.badges.map((badge) => badge.id).sort());
    const taskTable = (await skillproof(['tasks'], { home })).stdout.split('\n');
    expect(taskTable[0]).toBe(
      `Skillproof Academy (${services.issuer.did}) at ${services.issuer.url}`,
    );
    expect(taskTable[1]).toMatch(/^BADGE +NAME +TASKS +PASS +TRIES +HELD$/);
    expect(taskTable).toContainEqual(expect.stringMatching(/^git-basics +Git Basics +4 quiz +/));

    // Every default badge: the first two through interactive prompts on stdin (a quiz, and the
    // puzzles with their inputs written to files), the rest from answer files.
    const interactive = ['git-basics', 'python-problems-1'];
    const inputs = join(dataDir, 'inputs');
    for (const badge of catalog.badges) {
      let run: Run;
      if (interactive.includes(badge.id)) {
        run = await skillproof(['attempt', badge.id, '--input-dir', inputs], {
          home,
          respond: rightAnswers(badge, did),
        });
      } else {
        const file = join(dataDir, `${badge.id}.json`);
        writeFileSync(
          file,
          JSON.stringify(
            correctAnswers(badge, { learnerDid: did, puzzleSecret: services.issuer.puzzleSecret }),
          ),
        );
        run = await skillproof(['attempt', badge.id, '--answers', file], { home });
      }
      expect({ badge: badge.id, code: run.code, stderr: run.code === 0 ? '' : run.stderr }).toEqual(
        {
          badge: badge.id,
          code: 0,
          stderr: '',
        },
      );
      expect(run.stdout).toContain(`✔ passed ${badge.name}`);
    }
    // The puzzle inputs the wallet wrote are this learner's own.
    const python = findBadge(catalog, 'python-problems-1');
    for (const task of python.tasks) {
      if (task.kind !== 'puzzle') continue;
      const written = readFileSync(join(inputs, `python-problems-1-${task.id}.txt`), 'utf8');
      const expected = puzzleInstance(services.issuer.puzzleSecret, did, python.id, task).input;
      expect(written.trimEnd()).toBe(expected.trimEnd());
    }

    // list, show, verify.
    const listed = json<{ credentials: Array<{ badge: string; status: string; id: string }> }>(
      await skillproof(['list', '--json'], { home }),
    );
    expect(listed.credentials.map((badge) => badge.badge).sort()).toEqual(
      catalog.badges.map((badge) => badge.name).sort(),
    );
    expect(new Set(listed.credentials.map((badge) => badge.status))).toEqual(new Set(['valid']));
    const table = await skillproof(['list'], { home });
    expect(table.stdout.split('\n')[0]).toMatch(/^BADGE +ISSUER +ISSUED +EXPIRES +STATUS +ID$/);
    expect(table.stdout).not.toContain('\u001b[');

    const shown = await skillproof(['show', 'python-problems-1'], { home });
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('Python Problem Solver I');
    expect(shown.stdout).toContain('  criteria:');
    expect(shown.stdout).toContain('  alignments:');
    expect(shown.stdout).toMatch(/ {2}result: {6}\d+%/);
    expect(shown.stdout).toContain('  ✔ status.revocation');
    expect(shown.stdout).toContain('  ✔ issuer.trusted');
    expect(shown.stdout.trimEnd().endsWith('verified')).toBe(true);

    const wallet = JSON.parse(readFileSync(join(home, 'wallet.json'), 'utf8')) as {
      credentials: Array<{ credential: string }>;
    };
    const badgeFile = join(dataDir, 'badge.jwt');
    writeFileSync(badgeFile, wallet.credentials[0]?.credential ?? '');
    const verified = await skillproof(['verify', badgeFile, '--trust', services.issuer.did], {
      home,
    });
    expect(verified.code).toBe(0);
    expect(verified.stdout.trimEnd().endsWith('verified')).toBe(true);
    const piped = await skillproof(['verify', '-', '--json'], {
      home,
      stdin: `${wallet.credentials[1]?.credential}\n`,
    });
    expect(json<{ verified: boolean }>(piped).verified).toBe(true);

    // refresh.
    const refreshed = json<{ credentials: Array<{ state: string }> }>(
      await skillproof(['refresh', '--json'], { home }),
    );
    expect(refreshed.credentials).toHaveLength(catalog.badges.length);
    expect(new Set(refreshed.credentials.map((badge) => badge.state))).toEqual(new Set(['valid']));

    // progress: what the issuer has on record, as a table.
    const progressTable = (await skillproof(['progress'], { home })).stdout.split('\n');
    expect(progressTable[1]).toMatch(/^BADGE +NAME +EARNED +BEST +ATTEMPTS +LEFT +NEXT TRY$/);
    expect(progressTable).toContainEqual(
      expect.stringMatching(/^git-basics +Git Basics +yes +100% +1\/\d+ +\d+$/),
    );
  }, 180_000);

  it('finds the jobs it qualifies for locally, applies, and keeps the decisions', async () => {
    const employer = await postToJobboard<{ token: string }>(
      services.jobboard.url,
      '/api/employers',
      services.jobboard.adminToken,
      {
        name: 'Archive Digitisation Ltd',
      },
    );
    const achievement = (slug: string) => `${services.issuer.url}/achievements/${slug}`;
    const fits = await postToJobboard<{ id: string }>(
      services.jobboard.url,
      '/api/postings',
      employer.token,
      {
        title: 'Python developer, history archive',
        description: 'Scripts for the archive.',
        requirements: [
          {
            achievementId: achievement('python-problems-1'),
            acceptedIssuers: [services.issuer.did],
          },
          {
            achievementId: achievement('russian-history-1'),
            acceptedIssuers: [services.issuer.did],
          },
        ],
      },
    );
    const elsewhere = await postToJobboard<{ id: string }>(
      services.jobboard.url,
      '/api/postings',
      employer.token,
      {
        title: 'Needs a badge from another academy',
        description: '',
        requirements: [
          {
            achievementId: achievement('git-basics'),
            acceptedIssuers: ['did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp'],
          },
        ],
      },
    );
    const board = services.jobboard.url;

    const jobs = json<{ postings: Array<{ id: string; qualified: boolean }> }>(
      await skillproof(['jobs', board, '--json'], { home }),
    );
    expect(jobs.postings.find((posting) => posting.id === fits.id)?.qualified).toBe(true);
    expect(jobs.postings.find((posting) => posting.id === elsewhere.id)?.qualified).toBe(false);
    const jobTable = (await skillproof(['jobs', board], { home })).stdout.split('\n');
    expect(jobTable[0]).toMatch(/^ +POSTING +REQUIREMENTS +URL$/);
    expect(jobTable).toContainEqual(
      expect.stringMatching(
        new RegExp(`^✔ +Python developer, history archive +2/2 met +${board}/postings/${fits.id}$`),
      ),
    );
    expect(jobTable).toContainEqual(
      expect.stringMatching(/^· +Needs a badge from another academy +0\/1 met +http/),
    );

    // apply asks first (answered on stdin) and shows what it shares.
    const applied = await skillproof(['apply', `${board}/postings/${fits.id}`, '--json'], {
      home,
      stdin: 'y\n',
    });
    const decision = json<{ qualified: boolean; sharedCredentials: string[] }>(applied);
    expect(decision.qualified).toBe(true);
    expect(decision.sharedCredentials).toHaveLength(2);
    // What is shared was shown before the question, on stderr (stdout is the JSON alone).
    const shownBeforeAsking = applied.stderr.split('Share them and apply? [y/N] ')[0] ?? '';
    expect(shownBeforeAsking).toContain('These badges will be shared, and nothing else:');
    for (const name of ['Python Problem Solver I', 'Russian History I']) {
      expect(shownBeforeAsking).toContain(`  • ${name} from Skillproof Academy`);
    }

    const none = await skillproof(['apply', `${board}/postings/${elsewhere.id}`, '--yes'], {
      home,
    });
    expect(none.code).toBe(1);
    expect(none.stderr.trim().split('\n')).toHaveLength(1);
    expect(none.stderr).toMatch(
      /^skillproof: none of your badges meets a requirement.*nothing was sent/,
    );

    const history = json<{ applications: Array<{ qualified: boolean; postingTitle: string }> }>(
      await skillproof(['applications', '--json'], { home }),
    );
    expect(history.applications).toEqual([
      expect.objectContaining({
        qualified: true,
        postingTitle: 'Python developer, history archive',
      }),
    ]);
    const historyTable = (await skillproof(['applications'], { home })).stdout.split('\n');
    expect(historyTable[0]).toMatch(/^APPLIED +POSTING +DECISION +SHARED +WHY NOT +URL$/);
    expect(historyTable[1]).toMatch(
      /^\d{4}-\d\d-\d\d \d\d:\d\d +Python developer, history archive +qualified +Python Problem Solver I, Russian History I +http/,
    );

    // The backup restores a wallet whose badges still verify and apply.
    const backup = join(dataDir, 'backup.json');
    expect((await skillproof(['export', '--out', backup], { home })).code).toBe(0);
    // The binary seals the key and the backup with scrypt at N = 2^17, and nothing lowers it.
    for (const sealedFile of [backup, join(home, 'keys.json')]) {
      const { sealed } = JSON.parse(readFileSync(sealedFile, 'utf8')) as {
        sealed: { kdf: { name: string; N: number }; cipher: string };
      };
      expect(sealed).toMatchObject({ kdf: { name: 'scrypt', N: 2 ** 17 }, cipher: 'aes-256-gcm' });
    }
    expect(statSync(backup).mode & 0o777).toBe(0o600);
    const restored = join(dataDir, 'restored');
    const imported = json<{ did: string; credentials: number }>(
      await skillproof(['import', backup, '--json'], { home: restored }),
    );
    expect(imported).toMatchObject({ did, credentials: catalog.badges.length });
    const again = await skillproof(['apply', `${board}/postings/${fits.id}`, '--yes', '--json'], {
      home: restored,
    });
    expect(json<{ qualified: boolean }>(again).qualified).toBe(true);
    const shown = await skillproof(['show', 'russian-history-1'], { home: restored });
    expect(shown.stdout.trimEnd().endsWith('verified')).toBe(true);
  }, 120_000);

  it('fails in one line on stderr, with exit 1 for failures and 2 for usage mistakes', async () => {
    const wrong = await skillproof(['export', '--out', join(dataDir, 'x.json')], {
      home,
      env: { SKILLPROOF_PASSPHRASE: 'not the passphrase' },
    });
    expect(wrong).toMatchObject({
      code: 1,
      stderr: 'skillproof: wrong passphrase: it does not open this wallet\n',
    });
    expect(existsSync(join(dataDir, 'x.json'))).toBe(false);
    const unknown = await skillproof(['fly'], { home });
    expect(unknown.code).toBe(2);
    const missing = await skillproof(['show', 'no-such-badge'], { home });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(
      /^skillproof: no badge "no-such-badge" in your wallet; see the ids with `skillproof list`\n$/,
    );
    const debugged = await skillproof(['show', 'no-such-badge', '--debug'], { home });
    expect(debugged.code).toBe(1);
    expect(debugged.stderr).toMatch(
      /^skillproof: no badge[^\n]*\nSkillproofError: [^\n]*\n {4}at /,
    );
    const offline = await skillproof(['tasks', '--issuer', 'http://127.0.0.1:9'], { home });
    expect(offline).toMatchObject({
      code: 1,
      stderr: 'skillproof: http://127.0.0.1:9 is unreachable; is the service running?\n',
    });
  }, 60_000);
});
