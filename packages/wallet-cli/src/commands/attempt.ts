import { readFile } from 'node:fs/promises';
import { SkillproofError, type JwtVerifiableCredential } from '@skillproof/core';
import { verifyCredential } from '@skillproof/verifier';
import { requestJson } from '../net/request-json.js';
import { paint, withProgress } from '../terminal/output.js';
import { unlockWallet } from '../wallet/open-agent.js';
import { WalletStore } from '../wallet/wallet-store.js';
import {
  issuerUrlOf,
  printResult,
  readPassphrase,
  type CommandContext,
} from './command-context.js';
import { fetchCatalog, type CatalogBadge } from './tasks.js';

/** Options of `skillproof attempt`. */
export interface AttemptOptions {
  issuer?: string;
  /** A JSON file `{ "<taskId>": "<choice id or choice text>" }`, instead of prompts. */
  answers?: string;
}

/** What an attempt came to. */
export interface AttemptResult {
  badge: string;
  passed: boolean;
  score: number;
  correct: number;
  total: number;
  credentialId?: string;
}

interface StartedAttempt {
  attemptId: string;
  tasks: Array<{
    id: string;
    kind: string;
    prompt: string;
    choices: Array<{ id: string; text: string }>;
  }>;
}

interface GradedAttempt {
  passed: boolean;
  score: number;
  correct: number;
  total: number;
  verifiableCredential?: JwtVerifiableCredential;
}

async function readAnswersFile(path: string): Promise<Record<string, string>> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch {
    throw new SkillproofError(
      'VALIDATION_FAILED',
      `${path} is not a readable JSON file of answers`,
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new SkillproofError(
      'VALIDATION_FAILED',
      `${path} must hold an object: { "<task id>": "<answer>" }`,
    );
  }
  return Object.fromEntries(Object.entries(parsed).map(([task, answer]) => [task, String(answer)]));
}

function choiceFor(task: StartedAttempt['tasks'][number], answer: string): string {
  const byId = task.choices.find((choice) => choice.id === answer);
  const byText = task.choices.find((choice) => choice.text.toLowerCase() === answer.toLowerCase());
  const choice = byId ?? byText;
  if (!choice)
    throw new SkillproofError('VALIDATION_FAILED', `"${answer}" is not a choice of ${task.id}`);
  return choice.id;
}

async function askAnswers(
  context: CommandContext,
  started: StartedAttempt,
  fromFile?: Record<string, string>,
) {
  const answers: Record<string, string> = {};
  for (const [index, task] of started.tasks.entries()) {
    if (fromFile) {
      const answer = fromFile[task.id];
      if (answer !== undefined) answers[task.id] = choiceFor(task, answer);
      continue;
    }
    const choices = task.choices.map((choice, n) => `  ${n + 1}) ${choice.text}`).join('\n');
    for (;;) {
      const reply = await context.prompter.ask(
        `\n${paint(context.output, 'bold', `${index + 1}/${started.tasks.length}. ${task.prompt}`)}\n${choices}\nYour answer (1-${task.choices.length}): `,
      );
      const picked = task.choices[Number(reply) - 1];
      if (/^\d+$/.test(reply) && picked) {
        answers[task.id] = picked.id;
        break;
      }
      context.output.stderr(`Please type a number from 1 to ${task.choices.length}.\n`);
    }
  }
  return answers;
}

/**
 * `skillproof attempt <badge>`: proves control of the learner's DID to the issuer (DID-auth),
 * takes the micro-test, and on a pass verifies the badge the issuer signs and stores it.
 */
export async function attemptCommand(
  context: CommandContext,
  badgeId: string,
  options: AttemptOptions,
): Promise<AttemptResult> {
  const issuerUrl = issuerUrlOf(context, options.issuer);
  const fromFile = options.answers ? await readAnswersFile(options.answers) : undefined;
  const store = WalletStore.open(context.home);
  try {
    const catalog = await fetchCatalog(context, issuerUrl);
    const badge: CatalogBadge | undefined = catalog.badges.find(
      (entry) => entry.id === badgeId || entry.achievementId === badgeId,
    );
    if (!badge) {
      throw new SkillproofError(
        'NOT_FOUND',
        `${issuerUrl} offers no badge "${badgeId}"; it offers: ${catalog.badges.map((entry) => entry.id).join(', ')}`,
      );
    }
    const { agent, identifier } = await unlockWallet(store, await readPassphrase(context));

    const session = await withProgress(
      context.output,
      `proving control of ${identifier.did} to the issuer`,
      async () => {
        const challenge = await requestJson<{ challenge: string; domain: string }>(
          context.fetch,
          `${issuerUrl}/auth/challenge`,
          {
            body: { did: identifier.did },
          },
        );
        const proof = await agent.createVerifiablePresentation({
          proofFormat: 'jwt',
          challenge: challenge.challenge,
          domain: challenge.domain,
          presentation: { holder: identifier.did, verifiableCredential: [] },
        });
        return requestJson<{ token: string }>(context.fetch, `${issuerUrl}/auth/token`, {
          body: { presentation: proof.proof['jwt'] },
        });
      },
    );
    const started = await requestJson<StartedAttempt>(context.fetch, `${issuerUrl}/attempts`, {
      body: { badge: badge.id },
      token: session.token,
    });
    if (!context.output.json)
      context.output.stderr(
        `${badge.name}: ${started.tasks.length} questions, pass at ${badge.passRule.minScore}%\n`,
      );
    const answers = await askAnswers(context, started, fromFile);
    const graded = await withProgress(context.output, 'submitting answers', () =>
      requestJson<GradedAttempt>(
        context.fetch,
        `${issuerUrl}/attempts/${encodeURIComponent(started.attemptId)}/answers`,
        {
          body: { answers },
          token: session.token,
        },
      ),
    );

    const result: AttemptResult = {
      badge: badge.id,
      passed: graded.passed,
      score: graded.score,
      correct: graded.correct,
      total: graded.total,
    };
    if (graded.passed) {
      const credential = graded.verifiableCredential;
      const verification = await verifyCredential(credential, {
        trustedIssuers: [{ did: catalog.issuer.id }],
        now: context.now,
      });
      if (
        !credential ||
        !verification.verified ||
        verification.credential?.credentialSubject.id !== identifier.did
      ) {
        const why = verification.errors[0]?.message ?? 'it is not about this wallet’s DID';
        throw new SkillproofError(
          'CREDENTIAL_REJECTED',
          `the issuer’s credential did not verify (${why}); it was not stored`,
        );
      }
      result.credentialId = store.saveCredential(credential, context.now()).id;
    }
    printResult(context, result, () =>
      graded.passed
        ? `${paint(context.output, 'green', '✔ passed')} ${badge.name}: ${graded.correct}/${graded.total} (${graded.score}%). Badge ${result.credentialId} verified and stored.`
        : `${paint(context.output, 'red', '✖ not passed')} ${badge.name}: ${graded.correct}/${graded.total} (${graded.score}%); ${badge.passRule.minScore}% needed.`,
    );
    return result;
  } finally {
    store.close();
  }
}
