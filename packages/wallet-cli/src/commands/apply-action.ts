import { SkillproofError } from '@skillproof/core';
import {
  jobboardClient,
  minScoresOf,
  parsePostingUrl,
  type ApplicationDecision,
} from '../net/jobboard-client.js';
import { upstreamErrorDetails } from '../net/request-json.js';
import { isSameService } from '../net/same-service.js';
import { retryMoment } from '../terminal/format-moment.js';
import { paint, printable, renderTable, withProgress } from '../terminal/output.js';
import { exitCodes, ExitError } from '../usage-error.js';
import { matchRequirements } from '../wallet/match-requirements.js';
import { selectCredentials } from '../wallet/select-credentials.js';
import { signPresentation } from '../wallet/sign-presentation.js';
import {
  currentStatus,
  notPresentableNote,
  usableCredentials,
} from '../wallet/usable-credentials.js';
import {
  WalletStore,
  type StoredApplication,
  type StoredCredential,
} from '../wallet/wallet-store.js';
import { note, printResult, type CommandContext } from './command-context.js';
import { unlockLearnerKey } from './unlock-learner-key.js';

/** Options of `skillproof apply`. */
export interface ApplyOptions {
  /** Share without asking; a partial set or a badge of unknown status is then refused. */
  yes?: boolean;
  /** With `yes`: send a set that leaves requirements unmet or holds a badge of unknown status. */
  allowPartial?: boolean;
}

/** What `apply` did: the board's decision and what was shared. */
export interface ApplyResult extends ApplicationDecision {
  postingUrl: string;
  sharedCredentials: string[];
  /** The earlier application to this posting, which this one replaces in the wallet. */
  replaced: { id: string; appliedAt: string } | null;
}

/**
 * A warning when the board asks for a presentation addressed to another site than the one
 * applied to: a board relaying another's request would receive a presentation that the other
 * accepts as the learner's own application there.
 */
function audienceWarning(context: CommandContext, base: string, domain: unknown): string[] {
  if (isSameService(base, domain)) return [];
  return [
    paint(
      context.output,
      'yellow',
      `Warning: the board asks to address your presentation to ${printable(String(domain))}, not to ${new URL(base).origin}; apply only if you trust both.`,
    ),
  ];
}

/** How a badge's recorded status reads when it is not known to be valid. */
function statusInWords(entry: StoredCredential, now: Date): string | undefined {
  const status = currentStatus(entry, now);
  if (status === 'valid') return undefined;
  if (status === 'unchecked') return 'never checked';
  const why = entry.status?.message ? `: ${printable(entry.status.message)}` : '';
  return status === 'unknown' ? `unknown, could not be checked${why}` : `${status}${why}`;
}

function appliedOn(application: StoredApplication): string {
  return `${application.appliedAt.slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * Explains a board that could not check the presentation because an issuer's status list or
 * DID could not be fetched (503): it recorded nothing, so nothing is stored here either.
 */
function explainUnavailable(error: unknown, base: string, now: Date): never {
  const details = upstreamErrorDetails(error);
  if (details?.status !== 503) throw error;
  const retry =
    details.retryAfterSeconds === undefined
      ? 'Try again later'
      : `Try again after ${retryMoment(details.retryAfterSeconds, now)}`;
  throw new ExitError(
    exitCodes.statusUnknown,
    `not applied: ${new URL(base).origin} could not check your badges because an issuer is unreachable (${details.message}); the board recorded nothing and your wallet stored nothing. ${retry}`,
  );
}

/**
 * `skillproof apply <posting URL>`: fetches the posting's presentation request (definition,
 * single-use nonce, domain), picks the fewest badges that answer it (PEX, in the wallet), shows
 * exactly which will be shared, which requirements they leave unmet, which of them are not
 * known to be valid, and whether this posting was applied to before, and asks; then signs a
 * presentation for that nonce and domain, submits it, and records the board's decision with a
 * reason per requirement, replacing an earlier application to the same posting.
 *
 * With `yes` nothing is asked, but a set that leaves a requirement unmet or holds a badge of
 * unknown status is sent only with `allowPartial`.
 *
 * @throws SkillproofError `NOT_FOUND` when no badge answers any requirement (nothing is sent);
 * `VALIDATION_FAILED` when the learner declines, or a partial set is refused.
 * @throws ExitError with exit code 4 when the board could not reach an issuer to check the
 * badges (503): nothing was recorded, here or there.
 *
 * @example
 * ```ts
 * const decision = await applyCommand(context, 'http://localhost:4300/postings/3f2c', { yes: true });
 * ```
 */
export async function applyCommand(
  context: CommandContext,
  postingUrl: string,
  options: ApplyOptions,
): Promise<ApplyResult> {
  const { base, postingId } = parsePostingUrl(postingUrl);
  const canonicalUrl = `${base}/postings/${encodeURIComponent(postingId)}`;
  const store = WalletStore.open(context.home);
  const board = jobboardClient(context.fetch, base);
  const { posting, request } = await withProgress(
    context.output,
    'fetching the posting and a presentation request',
    async () => ({
      posting: await board.getPosting(postingId),
      request: await board.requestPresentation(postingId),
    }),
  );
  const leftOut = notPresentableNote(store);
  if (leftOut !== undefined) note(context, printable(leftOut));
  const held = usableCredentials(store, context.now());
  const selection = await selectCredentials(request.presentation_definition, held, {
    minScores: minScoresOf(posting.requirements),
  });
  const shared = selection.chosen.map((id) => store.findCredential(id));
  // What is sent: the chosen badges' JWTs, in the order chosen.
  const sharedHeld = selection.chosen.flatMap((id) => held.filter((entry) => entry.id === id));
  const title = printable(posting.title);
  if (shared.length === 0) {
    throw new SkillproofError(
      'NOT_FOUND',
      `none of your badges meets a requirement of "${title}"; nothing was sent. See \`skillproof tasks\` to earn one`,
    );
  }
  // The board's own evaluation over exactly what will be sent.
  const evaluation = matchRequirements(posting, sharedHeld);
  const unmet = evaluation.requirements.filter((requirement) => !requirement.met);
  const partial = !evaluation.qualified;
  const unsure = shared.flatMap((entry) => {
    const status = statusInWords(entry, context.now());
    return status === undefined ? [] : [{ entry, status }];
  });
  const previous = store.applications.find(
    (application) => application.postingUrl === canonicalUrl,
  );

  const describe = (entry: StoredCredential) =>
    `${printable(entry.name ?? '(unnamed)')} from ${printable(entry.issuerName ?? entry.issuerDid)}${entry.score === null ? '' : `, score ${entry.score}%`} (${printable(entry.id)})`;
  const warn = (text: string) => paint(context.output, 'yellow', text);
  const bullet = (text: string) => `  ${warn('•')} ${text}`;
  const summary = [
    `${paint(context.output, 'bold', `Applying to "${title}"`)} at ${base}`,
    'These badges will be shared, and nothing else:',
    ...shared.map((entry) => `  ${paint(context.output, 'green', '•')} ${describe(entry)}`),
    ...(partial
      ? [
          warn('They leave requirements unmet; the board will likely not qualify you:'),
          ...(unmet.length > 0
            ? unmet.map((requirement) =>
                bullet(`nothing for ${printable(requirement.description)}`),
              )
            : [bullet("the posting's definition is not met as a whole")]),
        ]
      : []),
    ...(unsure.length > 0
      ? [
          warn('Their status is not known to be valid (check with `skillproof refresh`):'),
          ...unsure.map(({ entry, status }) =>
            bullet(`${printable(entry.name ?? entry.id)}: ${status}`),
          ),
        ]
      : []),
    ...(previous
      ? [
          warn(
            `You applied to this posting on ${appliedOn(previous)}; a new application replaces that one in your wallet.`,
          ),
        ]
      : []),
    ...audienceWarning(context, base, request.domain),
  ].join('\n');

  if (options.yes) {
    note(context, summary);
    if ((partial || unsure.length > 0) && !options.allowPartial) {
      const reasons = [
        ...(partial
          ? [
              `your badges leave ${unmet.length === 1 ? 'a requirement' : 'requirements'} of "${title}" unmet${unmet.length > 0 ? ` (${unmet.map((requirement) => printable(requirement.description)).join('; ')})` : ''}`,
            ]
          : []),
        ...(unsure.length > 0
          ? [
              `the status of ${unsure.map(({ entry, status }) => `${printable(entry.name ?? entry.id)} (${status})`).join(', ')} is not known to be valid`,
            ]
          : []),
      ];
      throw new SkillproofError(
        'VALIDATION_FAILED',
        `not applied: ${reasons.join(', and ')}; nothing was sent. Check your badges with \`skillproof refresh\`, or add --allow-partial to send anyway`,
      );
    }
  } else {
    // The learner sees what is shared before saying yes, with --json too: it goes to stderr, so
    // stdout stays the JSON result.
    context.output.stderr(`${summary}\n`);
    const questions = [
      ...(partial || unsure.length > 0 ? ['Send anyway? [y/N] '] : []),
      ...(previous ? [`You applied on ${appliedOn(previous)}; apply again? [y/N] `] : []),
    ];
    for (const question of questions.length > 0 ? questions : ['Share them and apply? [y/N] ']) {
      const answer = await context.prompter.ask(question);
      if (!/^y(es)?$/i.test(answer)) {
        throw new SkillproofError('VALIDATION_FAILED', 'not applied: you declined to share');
      }
    }
  }

  const key = await unlockLearnerKey(context);
  const decision = await withProgress(
    context.output,
    'signing and submitting the application',
    () =>
      board.apply(
        postingId,
        signPresentation(key, {
          credentials: sharedHeld.map((entry) => entry.jwt),
          challenge: request.nonce,
          domain: request.domain,
          now: context.now(),
        }),
      ),
  ).catch((error: unknown) => explainUnavailable(error, base, context.now()));
  const sharedCredentials = shared.map((entry) => entry.id);
  // One application per posting: this one replaces an earlier one.
  store.saveApplication({
    id: decision.id,
    postingUrl: canonicalUrl,
    postingTitle: posting.title,
    qualified: decision.qualified,
    requirements: decision.requirements.map(({ id, met, reason }) => ({ id, met, reason })),
    sharedCredentials,
    appliedAt: context.now().toISOString(),
  });
  const result: ApplyResult = {
    ...decision,
    postingUrl: canonicalUrl,
    sharedCredentials,
    replaced: previous ? { id: previous.id, appliedAt: previous.appliedAt } : null,
  };
  printResult(context, result, () =>
    [
      decision.qualified
        ? paint(context.output, 'green', `✔ qualified for "${title}"`)
        : paint(context.output, 'red', `✖ not qualified for "${title}"`),
      renderTable(
        context.output,
        ['REQUIREMENT', 'MET', 'REASON'],
        decision.requirements.map((requirement) => [
          printable(requirement.id),
          requirement.met
            ? paint(context.output, 'green', 'yes')
            : paint(context.output, 'red', 'no'),
          printable(requirement.reason),
        ]),
      ),
      ...(previous
        ? [`This application replaces the one of ${appliedOn(previous)} in your wallet.`]
        : []),
    ].join('\n'),
  );
  return result;
}
