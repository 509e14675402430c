import { mkdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isJsonObject, SkillproofError, type ErrorCode } from '@skillproof/core';
import {
  awardFormats,
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
import { paint, printable, renderTable, withProgress } from '../terminal/output.js';
import { UsageError } from '../usage-error.js';
import type { CredentialFormat } from '../wallet/credential-summary.js';
import { WalletStore } from '../wallet/wallet-store.js';
import { note, printResult, type CommandContext } from './command-context.js';
import { unlockLearnerKey } from './unlock-learner-key.js';
import { fetchCatalogs } from './fetch-catalogs.js';
import { issuerUrlsFor } from './issuer-urls.js';
import { readFormatOption } from './read-format-option.js';
import { storeVerifiedCredentials } from './store-verified-credentials.js';

/** Options of `skillproof attempt`. */
export interface AttemptOptions {
  issuer?: string;
  /** A JSON file `{ "<task id>": "<answer>" }` (a quiz answer: choice id, text or number). */
  answers?: string;
  /** Write each puzzle's input to `<dir>/<badge>-<task>.txt`. */
  inputDir?: string;
  /** The format to be awarded the badge in: `jwt_vc_json` (the default), `ldp_vc` or `vc+jwt`. */
  format?: string;
  /** Take the badge's renewal test (`skillproof renew`): refused unless it is due. */
  renewal?: boolean;
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
  /** On a pass: the stored badge's id in the wallet. */
  credentialId?: string;
  /** On a pass: the stored badge's format (a kept badge's own, whatever was asked). */
  format?: CredentialFormat;
  /** On a pass: `issued` now, or `kept`, the badge the learner held already, given back. */
  award?: 'issued' | 'kept';
  /** On a renewal's pass: the id of the earlier badge the new one renews (still valid). */
  renewed?: string;
  /** On a renewal's pass: when the earlier badge lapses, and the new one's validity. */
  renewal?: { lapsesAt: string; validFrom: string | null; validUntil: string | null };
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
  // A renewal refused keeps the issuer's code: not held, not due yet, lapsed, never lapses.
  if (details?.status === 409 && details.code?.startsWith('RENEWAL_') === true) {
    const hint =
      details.code === 'RENEWAL_LAPSED'
        ? `; earn it again with \`skillproof attempt ${badge}\``
        : '. See `skillproof progress`';
    throw new SkillproofError(details.code as ErrorCode, `${badge}: ${details.message}${hint}`);
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

/**
 * Refuses, before an attempt is started (so none is used up), a format the badge is not
 * awarded in.
 *
 * @throws UsageError naming the formats it is awarded in.
 */
function checkAwardFormat(badge: CatalogBadge, format: CredentialFormat): void {
  const offered = awardFormats(badge);
  if (offered.includes(format)) return;
  throw new UsageError(
    `${printable(badge.id)} is awarded in ${printable(offered.join(', '))}, not in ${format}; choose one with --format. No attempt was started`,
  );
}

/** What the summary of a pass says of the badge stored, and of a format other than the one asked. */
function describeAward(
  result: AttemptResult,
  requested: CredentialFormat,
  badgeName: string,
): string {
  const stored = `Badge ${printable(result.credentialId ?? '')} (${result.format}) verified and stored.`;
  if (result.renewed !== undefined) {
    return `${stored} It renews ${printable(result.renewed)}, which stays valid until its end.`;
  }
  if (result.award === 'kept') {
    return result.format === requested
      ? `${stored} You held ${printable(badgeName)} already: the issuer gave back the badge it issued before.`
      : `${stored} You held ${printable(badgeName)} already, as ${result.format}: the issuer gave it back in that format, not as a new ${requested} badge.`;
  }
  return result.format === requested
    ? stored
    : `${stored} The issuer sent it as ${result.format}, not ${requested}.`;
}

/** The earlier badge and its renewal side by side, after a renewal's pass; empty otherwise. */
function renewalTable(context: CommandContext, result: AttemptResult): string {
  if (result.renewed === undefined || result.renewal === undefined) return '';
  const day = (iso: string | null) => (iso === null ? '-' : iso.slice(0, 10));
  return `\n${renderTable(
    context.output,
    ['BADGE', 'CREDENTIAL', 'VALID FROM', 'VALID UNTIL'],
    [
      ['earlier', printable(result.renewed), '-', day(result.renewal.lapsesAt)],
      [
        'renewed',
        printable(result.credentialId ?? ''),
        day(result.renewal.validFrom),
        day(result.renewal.validUntil),
      ],
    ],
  )}`;
}

/**
 * `skillproof attempt <badge>`: proves control of the learner's DID to the issuer (DID-auth),
 * takes the micro-test (quiz, puzzles with this learner's own inputs, short answers) from prompts
 * or from `--answers FILE`, asks for the badge in `--format` (one its catalogue entry lists;
 * default `jwt_vc_json`), and on a pass verifies the badge the issuer signs, in whatever format
 * it comes (a badge the learner held already comes back in its own), and stores it (see
 * {@link storeVerifiedCredentials}).
 *
 * @throws UsageError for a format the wallet does not know or the badge is not awarded in
 * (before an attempt is started).
 * @throws SkillproofError `RATE_LIMITED` during a cooldown, `CONFLICT` when no tries are left,
 * `CREDENTIAL_REJECTED` when the issued badge does not verify (it is not stored then).
 *
 * @example
 * ```ts
 * const result = await attemptCommand(context, 'git-basics', {
 *   answers: 'answers.json',
 *   format: 'ldp_vc',
 * });
 * result.format; // 'ldp_vc'
 * ```
 */
export async function attemptCommand(
  context: CommandContext,
  badgeId: string,
  options: AttemptOptions,
): Promise<AttemptResult> {
  const format = readFormatOption(options.format) ?? 'jwt_vc_json';
  const fromFile = options.answers ? await readAnswersFile(options.answers) : undefined;
  const store = WalletStore.open(context.home);
  const { url, catalog, badge } = await findBadge(
    context,
    issuerUrlsFor(context, store, options.issuer),
    badgeId,
  );
  checkAwardFormat(badge, format);
  if (fromFile && options.answers) checkAnswersFile(badge, fromFile, options.answers);
  const key = await unlockLearnerKey(context);

  const issuer = await withProgress(context.output, `signing in to ${url} as ${key.did}`, () =>
    signInToIssuer(context.fetch, url, key, context.now()),
  );
  const started = await issuer
    .startAttempt(badge.id, options.renewal === true ? { renewal: true } : {})
    .catch((error: unknown) => explainRefusal(error, badge.id, context.now()));
  if (options.renewal === true && started.renewal === undefined) {
    throw new SkillproofError(
      'UPSTREAM_FAILED',
      `${url} started a normal attempt, not a renewal test, for ${printable(badge.id)}`,
    );
  }
  note(
    context,
    `${paint(context.output, 'bold', printable(badge.name))}: ${started.renewal ? 'renewal test, ' : ''}${started.tasks.length} tasks, pass mark ${passMark(badge.passRule)}` +
      (started.attemptNumber === undefined ? '' : `, attempt ${started.attemptNumber}`) +
      (started.attemptsLeft === undefined ? '' : ` (${started.attemptsLeft} more after this)`),
  );
  const answers = await collectAnswers(context, options, started, fromFile);
  const graded: GradedAttempt = await withProgress(context.output, 'submitting answers', () =>
    issuer.submitAnswers(started.attemptId, answers, format),
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
    const [stored] = await storeVerifiedCredentials(context, store, [graded.verifiableCredential], {
      did: key.did,
      issuer: { url, name: catalog.issuer.name },
      // Only a badge of the issuer the catalogue names is kept.
      issuerDid: catalog.issuer.id,
      transparencyReceipt: graded.transparencyReceipt,
    });
    result.credentialId = stored?.id;
    result.format = stored?.format;
    result.award = graded.award === 'kept' ? 'kept' : 'issued';
    if (typeof graded.renewed === 'string' && started.renewal) {
      result.renewed = graded.renewed;
      result.renewal = {
        lapsesAt: started.renewal.lapsesAt,
        validFrom: stored?.validFrom ?? null,
        validUntil: stored?.validUntil ?? null,
      };
    }
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
      ? `${paint(context.output, 'green', '✔ passed')} ${printable(badge.name)}: ${graded.correct}/${graded.total} (${graded.score}%). ${describeAward(result, format, badge.name)}` +
        renewalTable(context, result)
      : `${paint(context.output, 'red', '✖ not passed')} ${printable(badge.name)}: ${graded.correct}/${graded.total} (${graded.score}%); pass mark ${passMark(badge.passRule)}.${tries}`,
  );
  return result;
}
