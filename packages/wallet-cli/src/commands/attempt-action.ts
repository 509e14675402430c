import { mkdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isJsonObject, SkillproofError } from '@skillproof/core';
import {
  passMark,
  signInToIssuer,
  type Catalog,
  type CatalogBadge,
  type GradedAttempt,
  type PublicTask,
  type StartedAttempt,
} from '../net/issuer-client.js';
import { upstreamErrorDetails } from '../net/request-json.js';
import { formatMoment, retryMoment } from '../terminal/format-moment.js';
import { paint, printable, withProgress } from '../terminal/output.js';
import { UsageError } from '../usage-error.js';
import { WalletStore } from '../wallet/wallet-store.js';
import { note, printResult, type CommandContext } from './command-context.js';
import { unlockLearnerKey } from './unlock-learner-key.js';
import { fetchCatalogs } from './fetch-catalogs.js';
import { issuerUrlsFor } from './issuer-urls.js';

/** Options of `skillproof attempt`. */
export interface AttemptOptions {
  issuer?: string;
  /** A JSON file `{ "<task id>": "<answer>" }` (a quiz answer: choice id, text or number). */
  answers?: string;
  /** Write each puzzle's input to `<dir>/<badge>-<task>.txt`. */
  inputDir?: string;
}

/** What an attempt came to. */
export interface AttemptResult {
  badge: string;
  issuer: string;
  passed: boolean;
  score: number;
  correct: number;
  total: number;
  attemptsLeft: number | null;
  nextAttemptAt: string | null;
  credentialId?: string;
}

/** The issuer takes answers of up to 256 characters (contract A). */
const maxAnswerLength = 256;

async function readAnswersFile(path: string): Promise<Record<string, string>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new UsageError(`cannot read the answers file ${path}; check the path`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (!isJsonObject(parsed)) {
    throw new UsageError(`${path} must hold a JSON object: { "<task id>": "<answer>" }`);
  }
  return Object.fromEntries(
    Object.entries(parsed).map(([task, answer]) => [task, String(answer).trim()]),
  );
}

/**
 * The choice id an answer names: its id or its text (any case), or, typed at the prompt, its
 * number as shown. A file can't use numbers: choices are shuffled for every attempt.
 */
function quizChoice(
  task: Extract<PublicTask, { kind: 'quiz' }>,
  answer: string,
  options: { byNumber: boolean },
): string | undefined {
  const byNumber =
    options.byNumber && /^\d+$/.test(answer) ? task.choices[Number(answer) - 1] : undefined;
  const choice =
    byNumber ??
    task.choices.find((candidate) => candidate.id === answer) ??
    task.choices.find((candidate) => candidate.text.toLowerCase() === answer.toLowerCase());
  return choice?.id;
}

/**
 * Checks an answers file against the badge's tasks before an attempt is started, so a typo
 * does not use up an attempt.
 *
 * @throws SkillproofError `VALIDATION_FAILED` naming the task.
 */
function checkAnswersFile(
  badge: CatalogBadge,
  answers: Record<string, string>,
  path: string,
): void {
  const refuse = (why: string): never => {
    throw new SkillproofError('VALIDATION_FAILED', `${path}: ${why}; no attempt was started`);
  };
  for (const [taskId, answer] of Object.entries(answers)) {
    const task = badge.tasks.find((candidate) => candidate.id === taskId);
    if (!task) {
      refuse(
        `${badge.id} has no task "${taskId}" (its tasks: ${badge.tasks.map((known) => known.id).join(', ')})`,
      );
    } else if (task.kind === 'quiz' && !quizChoice(task, answer, { byNumber: false })) {
      refuse(`"${answer}" is not a choice of ${taskId}; give the choice id or its text`);
    } else if (answer.length > maxAnswerLength) {
      refuse(`the answer to ${taskId} is longer than ${maxAnswerLength} characters`);
    }
  }
}

/**
 * `<badge>-<task>.txt` with every character but letters, digits, `.`, `_` and `-` replaced: the
 * ids come from the issuer, and one holding `/` or `..` must not write outside `--input-dir`.
 */
function puzzleInputFileName(badge: string, taskId: string): string {
  return `${badge}-${taskId}.txt`.replace(/[^A-Za-z0-9._-]/g, '_');
}

function inputFile(options: AttemptOptions, badge: string, task: PublicTask): string | undefined {
  if (task.kind !== 'puzzle' || task.input === undefined || !options.inputDir) return undefined;
  mkdirSync(options.inputDir, { recursive: true });
  const path = join(options.inputDir, puzzleInputFileName(String(badge), String(task.id)));
  writeFileSync(path, task.input.endsWith('\n') ? task.input : `${task.input}\n`);
  return path;
}

function describeTask(
  context: CommandContext,
  task: PublicTask,
  heading: string,
  savedInput: string | undefined,
): string {
  const lines = [`\n${paint(context.output, 'bold', `${heading} ${printable(task.prompt)}`)}`];
  if (task.kind === 'quiz') {
    lines.push(...task.choices.map((choice, n) => `  ${n + 1}) ${printable(choice.text)}`));
  } else {
    if (task.answerFormat)
      lines.push(paint(context.output, 'dim', `Answer: ${printable(task.answerFormat)}`));
    if (task.kind === 'puzzle' && task.input !== undefined) {
      lines.push(
        savedInput
          ? `Your input is in ${savedInput}`
          : `Your input (yours alone: it is made for your DID):\n${printable(task.input)}`,
      );
    }
  }
  return lines.join('\n');
}

async function askAnswer(context: CommandContext, task: PublicTask, text: string): Promise<string> {
  const question =
    task.kind === 'quiz'
      ? `${text}\nYour answer (1-${task.choices.length}): `
      : `${text}\nYour answer: `;
  for (let asked = 0; ; asked++) {
    const reply = await context.prompter.ask(asked === 0 ? question : 'Your answer: ');
    if (task.kind === 'quiz') {
      const choice = /^\d+$/.test(reply) ? quizChoice(task, reply, { byNumber: true }) : undefined;
      if (choice) return choice;
      context.output.stderr(`Please type a number from 1 to ${task.choices.length}.\n`);
    } else {
      if (reply !== '' && reply.length <= maxAnswerLength) return reply;
      context.output.stderr(`Please type an answer of 1 to ${maxAnswerLength} characters.\n`);
    }
  }
}

async function collectAnswers(
  context: CommandContext,
  options: AttemptOptions,
  started: StartedAttempt,
  fromFile: Record<string, string> | undefined,
): Promise<Record<string, string>> {
  const answers: Record<string, string> = {};
  if (
    options.inputDir === undefined &&
    !fromFile &&
    started.tasks.some((task) => task.kind === 'puzzle')
  ) {
    note(
      context,
      paint(context.output, 'dim', '(tip: --input-dir DIR saves each puzzle input as a file)'),
    );
  }
  // Every input is written before the first question, so a learner can solve them all (in any
  // language) while the prompts wait.
  const savedInputs = started.tasks.map((task) => inputFile(options, started.badge, task));
  const saved = savedInputs.filter((path) => path !== undefined);
  if (saved.length > 0 && !fromFile) {
    note(context, `Your puzzle inputs are saved:\n${saved.map((path) => `  ${path}`).join('\n')}`);
  }
  for (const [index, task] of started.tasks.entries()) {
    const savedInput = savedInputs[index];
    if (fromFile) {
      const answer = fromFile[task.id];
      if (answer === undefined || answer === '') continue;
      answers[task.id] =
        task.kind === 'quiz' ? (quizChoice(task, answer, { byNumber: false }) ?? answer) : answer;
      continue;
    }
    const heading = `${index + 1}/${started.tasks.length}.`;
    answers[task.id] = await askAnswer(
      context,
      task,
      describeTask(context, task, heading, savedInput),
    );
  }
  return answers;
}

/** Turns the issuer's refusals (cooldown, no tries left) into errors that say what to do. */
function explainRefusal(error: unknown, badge: string, now: Date): never {
  const details = upstreamErrorDetails(error);
  if (details?.status === 429) {
    // With Retry-After the wallet says when itself; the issuer's own sentence would repeat it.
    const retry =
      details.retryAfterSeconds === undefined
        ? `(${details.message}); try again later`
        : `try again after ${retryMoment(details.retryAfterSeconds, now)}`;
    throw new SkillproofError(
      'RATE_LIMITED',
      `${badge}: not yet, ${retry}. See \`skillproof progress\``,
    );
  }
  if (details?.status === 409) {
    throw new SkillproofError(
      'CONFLICT',
      `${badge}: ${details.message}. See \`skillproof progress\``,
    );
  }
  if (details?.status === 404) {
    throw new SkillproofError('NOT_FOUND', `${badge}: ${details.message}`);
  }
  throw error;
}

async function findBadge(
  context: CommandContext,
  urls: string[],
  badgeId: string,
): Promise<{ url: string; catalog: Catalog; badge: CatalogBadge }> {
  const { catalogs } = await fetchCatalogs(context, urls);
  for (const catalog of catalogs) {
    const badge = catalog.badges.find(
      (entry) => entry.id === badgeId || entry.achievementId === badgeId,
    );
    if (badge) return { url: catalog.url, catalog, badge };
  }
  const offered = catalogs.flatMap((catalog) => catalog.badges.map((entry) => entry.id));
  throw new SkillproofError(
    'NOT_FOUND',
    `no badge "${badgeId}" at ${catalogs.map((catalog) => catalog.url).join(', ')}; badges offered: ${printable(offered.join(', '))}`,
  );
}

function credentialJwt(credential: unknown): string | undefined {
  if (typeof credential === 'string') return credential;
  if (isJsonObject(credential) && isJsonObject(credential['proof'])) {
    const jwt = credential['proof']['jwt'];
    return typeof jwt === 'string' ? jwt : undefined;
  }
  return undefined;
}

/**
 * `skillproof attempt <badge>`: proves control of the learner's DID to the issuer (DID-auth),
 * takes the micro-test (quiz, puzzles with this learner's own inputs, short answers) from prompts
 * or from `--answers FILE`, and on a pass verifies the badge the issuer signs and stores it.
 *
 * @throws SkillproofError `RATE_LIMITED` during a cooldown, `CONFLICT` when no tries are left,
 * `CREDENTIAL_REJECTED` when the issued badge does not verify (it is not stored then).
 *
 * @example
 * ```ts
 * const result = await attemptCommand(context, 'git-basics', { answers: 'answers.json' });
 * ```
 */
export async function attemptCommand(
  context: CommandContext,
  badgeId: string,
  options: AttemptOptions,
): Promise<AttemptResult> {
  const fromFile = options.answers ? await readAnswersFile(options.answers) : undefined;
  const store = WalletStore.open(context.home);
  const { url, catalog, badge } = await findBadge(
    context,
    issuerUrlsFor(context, store, options.issuer),
    badgeId,
  );
  if (fromFile && options.answers) checkAnswersFile(badge, fromFile, options.answers);
  const key = await unlockLearnerKey(context);

  const issuer = await withProgress(context.output, `signing in to ${url} as ${key.did}`, () =>
    signInToIssuer(context.fetch, url, key, context.now()),
  );
  const started = await issuer
    .startAttempt(badge.id)
    .catch((error: unknown) => explainRefusal(error, badge.id, context.now()));
  note(
    context,
    `${paint(context.output, 'bold', printable(badge.name))}: ${started.tasks.length} tasks, pass mark ${passMark(badge.passRule)}` +
      (started.attemptNumber === undefined ? '' : `, attempt ${started.attemptNumber}`) +
      (started.attemptsLeft === undefined ? '' : ` (${started.attemptsLeft} more after this)`),
  );
  const answers = await collectAnswers(context, options, started, fromFile);
  const graded: GradedAttempt = await withProgress(context.output, 'submitting answers', () =>
    issuer.submitAnswers(started.attemptId, answers),
  ).catch((error: unknown) => explainRefusal(error, badge.id, context.now()));

  const result: AttemptResult = {
    badge: badge.id,
    issuer: url,
    passed: graded.passed,
    score: graded.score,
    correct: graded.correct,
    total: graded.total,
    attemptsLeft: graded.attemptsLeft ?? null,
    nextAttemptAt: graded.nextAttemptAt ?? null,
  };
  if (graded.passed) {
    const jwt = credentialJwt(graded.verifiableCredential);
    // Only a badge that verifies (signature, issuer = the one asked, dates, status, and the
    // JSON equal to the signed payload, so tampering on the way is caught) and names this
    // wallet's DID is kept; and only its JWT is stored.
    const { verifyCredential } = await import('@skillproof/verifier');
    const verification = await withProgress(context.output, 'verifying the badge', () =>
      verifyCredential(graded.verifiableCredential, {
        trustedIssuers: [{ did: catalog.issuer.id }],
        now: context.now,
      }),
    );
    if (
      !jwt ||
      !verification.verified ||
      verification.credential?.credentialSubject.id !== key.did
    ) {
      const why = verification.errors[0]?.message ?? 'it is not about this wallet’s DID';
      throw new SkillproofError(
        'CREDENTIAL_REJECTED',
        `the issuer’s credential did not verify (${why}); it was not stored`,
      );
    }
    const now = context.now();
    result.credentialId = store.saveCredential(jwt, {
      receivedAt: now,
      issuerUrl: url,
      status: { state: 'valid', checkedAt: now.toISOString(), message: null },
      issuer: {
        url,
        did: catalog.issuer.id,
        name: catalog.issuer.name,
        addedAt: now.toISOString(),
      },
    }).id;
  }
  const tries =
    result.attemptsLeft === null
      ? ''
      : ` ${result.attemptsLeft} ${result.attemptsLeft === 1 ? 'attempt' : 'attempts'} left` +
        (result.nextAttemptAt && !graded.passed
          ? `; next from ${formatMoment(result.nextAttemptAt, context.now())}`
          : '') +
        '.';
  printResult(context, result, () =>
    graded.passed
      ? `${paint(context.output, 'green', '✔ passed')} ${printable(badge.name)}: ${graded.correct}/${graded.total} (${graded.score}%). Badge ${result.credentialId} verified and stored.`
      : `${paint(context.output, 'red', '✖ not passed')} ${printable(badge.name)}: ${graded.correct}/${graded.total} (${graded.score}%); pass mark ${passMark(badge.passRule)}.${tries}`,
  );
  return result;
}
