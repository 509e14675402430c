import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { correctAnswers, findBadge, loadDefaultCatalog, type Badge } from '@skillproof/issuer';
import { startDemoServices } from './start-demo-services.js';

/** Runs the wallet with `args` for one learner; the demo spawns the real binary. */
export type WalletRunner = (
  args: string[],
  env: { SKILLPROOF_HOME: string; SKILLPROOF_PASSPHRASE: string; SKILLPROOF_ISSUER_URL: string },
) => Promise<{ code: number; stdout: string; stderr: string }>;

/** Options for {@link runDemo}. */
export interface RunDemoOptions {
  runWallet: WalletRunner;
  /** Where the demo's services and wallets keep their data (a fresh temp directory). */
  dataDir: string;
  print: (line: string) => void;
  /** scrypt cost of the issuer's key store; tests lower it. */
  scryptLogN?: number;
}

/** How the demo ended. */
export interface DemoResult {
  qualified: number;
  notQualified: number;
  /** The learner with both badges was qualified and the one without was not. */
  asExpected: boolean;
  summary: string;
}

interface Learner {
  name: string;
  env: Parameters<WalletRunner>[1];
}

const gitBasics = 'git-basics';
const russianHistory = 'russian-history-1';

async function call<T>(url: string, init: { token?: string; body?: unknown } = {}): Promise<T> {
  const response = await fetch(url, {
    method: init.body === undefined ? 'GET' : 'POST',
    headers: {
      'content-type': 'application/json',
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const body = (await response.json()) as T;
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${JSON.stringify(body)}`);
  return body;
}

function wrongAnswers(badge: Badge): Record<string, string> {
  const right = correctAnswers(badge);
  return Object.fromEntries(
    badge.tasks.map((task) => [
      task.id,
      task.kind === 'quiz'
        ? (task.choices.find((choice) => choice.id !== right[task.id])?.id ?? '')
        : 'not the answer',
    ]),
  );
}

/**
 * The whole Skillproof story for two learners, through real HTTP servers and the real wallet:
 * Alice passes both micro-tests and applies; Bob fails one and applies with what he has. The
 * posting needs both badges, so Alice must be qualified and Bob must not.
 */
export async function runDemo(options: RunDemoOptions): Promise<DemoResult> {
  const { print, dataDir } = options;
  const services = await startDemoServices(
    join(dataDir, 'services'),
    options.scryptLogN === undefined ? {} : { scryptLogN: options.scryptLogN },
  );
  try {
    print(`demo: issuer on ${services.issuer.url} as ${services.issuer.did}`);
    print(`demo: job board on ${services.jobboard.url}`);

    const answerFile = (name: string, answers: Record<string, string>) => {
      const path = join(dataDir, `${name}.json`);
      writeFileSync(path, JSON.stringify(answers, null, 2));
      return path;
    };
    const catalogue = loadDefaultCatalog();
    const git = findBadge(catalogue, gitBasics);
    const history = findBadge(catalogue, russianHistory);
    if (!git || !history) throw new Error('the default catalogue lacks the demo badges');
    const files = {
      gitRight: answerFile('git-right', correctAnswers(git)),
      gitWrong: answerFile('git-wrong', wrongAnswers(git)),
      historyRight: answerFile('history-right', correctAnswers(history)),
    };

    const wallet = async (learner: Learner, args: string[]) => {
      print(
        `[${learner.name}] $ skillproof ${args.map((arg) => (arg.startsWith(dataDir) ? `<${arg.slice(dataDir.length + 1)}>` : arg)).join(' ')}`,
      );
      const result = await options.runWallet(args, learner.env);
      for (const line of result.stdout.trimEnd().split('\n')) if (line) print(`    ${line}`);
      if (result.code !== 0)
        throw new Error(
          `skillproof ${args[0]} failed for ${learner.name} (exit ${result.code}): ${result.stderr.trim()}`,
        );
      return result.stdout;
    };
    const learner = (name: string): Learner => ({
      name,
      env: {
        SKILLPROOF_HOME: join(dataDir, `wallet-${name}`),
        SKILLPROOF_PASSPHRASE: `${name}'s long passphrase`,
        SKILLPROOF_ISSUER_URL: services.issuer.url,
      },
    });
    const alice = learner('alice');
    const bob = learner('bob');

    // The employer and the posting, through the job board's API.
    const catalog = await call<{
      badges: Array<{ id: string; achievementId: string; name: string }>;
    }>(`${services.issuer.url}/catalog`);
    const achievementId = (slug: string) =>
      catalog.badges.find((badge) => badge.id === slug)?.achievementId as string;
    const employer = await call<{ id: string; token: string }>(
      `${services.jobboard.url}/api/employers`,
      {
        token: services.jobboard.adminToken,
        body: { name: 'Archive Digitisation Ltd' },
      },
    );
    const posting = await call<{ id: string; title: string }>(
      `${services.jobboard.url}/api/postings`,
      {
        token: employer.token,
        body: {
          title: 'Developer, Russian history archive',
          description: 'Version the archive in Git and know the history it holds.',
          requirements: [
            { achievementId: achievementId(gitBasics), acceptedIssuers: [services.issuer.did] },
            {
              achievementId: achievementId(russianHistory),
              acceptedIssuers: [services.issuer.did],
            },
          ],
        },
      },
    );
    const postingUrl = `${services.jobboard.url}/postings/${posting.id}`;
    print(
      `demo: employer posted "${posting.title}": needs Git Basics and Russian History I from ${services.issuer.did}`,
    );

    await wallet(alice, ['init']);
    await wallet(alice, ['attempt', gitBasics, '--answers', files.gitRight]);
    await wallet(alice, ['attempt', russianHistory, '--answers', files.historyRight]);
    await wallet(alice, ['list']);
    await wallet(bob, ['init']);
    await wallet(bob, ['attempt', gitBasics, '--answers', files.gitWrong]);
    await wallet(bob, ['attempt', russianHistory, '--answers', files.historyRight]);
    await wallet(alice, ['apply', postingUrl, '--yes']);
    // Bob lacks one badge: he sends what he has on purpose, to be told why he does not qualify.
    await wallet(bob, ['apply', postingUrl, '--yes', '--allow-partial']);

    const didOf = async (who: Learner) =>
      JSON.parse(await options.runWallet(['did', '--json'], who.env).then((r) => r.stdout))
        .did as string;
    const [aliceDid, bobDid] = [await didOf(alice), await didOf(bob)];
    const { applications } = await call<{
      applications: Array<{ holder: string; qualified: boolean }>;
    }>(`${services.jobboard.url}/api/postings/${posting.id}/applications`, {
      token: employer.token,
    });
    const qualified = applications.filter((application) => application.qualified).length;
    const notQualified = applications.length - qualified;
    const asExpected =
      applications.length === 2 &&
      applications.some(
        (application) => application.holder === aliceDid && application.qualified,
      ) &&
      applications.some((application) => application.holder === bobDid && !application.qualified);
    const summary = `demo: ${qualified} qualified, ${notQualified} not qualified — ${asExpected ? 'as expected' : 'NOT as expected'}`;
    print(`demo: the employer sees ${applications.length} applications`);
    print(summary);
    return { qualified, notQualified, asExpected, summary };
  } finally {
    await services.close();
  }
}
