import { SkillproofError } from '@skillproof/core';
import { jobboardClient, parsePostingUrl } from '../net/jobboard-client.js';
import { upstreamErrorDetails } from '../net/request-json.js';
import { isSameService } from '../net/same-service.js';
import type { ApplicationRequirement } from '../openid4vp/submit-openid4vp-response.js';
import { retryMoment } from '../terminal/format-moment.js';
import { paint, printable, withProgress } from '../terminal/output.js';
import { exitCodes, ExitError } from '../usage-error.js';
import { currentStatus } from '../wallet/usable-credentials.js';
import {
  WalletStore,
  type StoredApplication,
  type StoredCredential,
} from '../wallet/wallet-store.js';
import { printResult, type CommandContext } from './command-context.js';
import { renderDecision } from './render-decision.js';
import { presentLink, type PresentReview } from './present-action.js';

/** Options of `skillproof apply`. */
export interface ApplyOptions {
  /** Share without asking; a partial set or a badge of unknown status is then refused. */
  yes?: boolean;
  /** With `yes`: send a set that leaves requirements unmet or holds a badge of unknown status. */
  allowPartial?: boolean;
}

/** What `apply` did: the board's decision and what was shared. */
export interface ApplyResult {
  /** The application's id at the board. */
  id: string;
  qualified: boolean;
  requirements: ApplicationRequirement[];
  postingUrl: string;
  sharedCredentials: string[];
  /** Where the board sends the learner next, if anywhere. */
  redirectUri: string | null;
  /** The earlier application to this posting, which this one replaces in the wallet. */
  replaced: { id: string; appliedAt: string } | null;
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
 * `skillproof apply <posting URL>`: asks the board for an OpenID4VP request for the posting
 * (`POST /api/postings/:id/openid4vp-requests`) and answers it as `skillproof present` does
 * ({@link presentLink}: the request checked, its DCQL query matched in the wallet, consent, JWT
 * presentations bound to its nonce and client id, `direct_post`), adding what only an
 * application has: the posting's title, badges whose status is not known to be valid (as doubtful
 * as a partial set), and an earlier application to the same posting, which the new one replaces.
 * The board's decision, with a reason per requirement, is stored in the wallet.
 *
 * @throws SkillproofError `NOT_FOUND` when no badge answers the posting (nothing is sent);
 * `VALIDATION_FAILED` when the learner declines, a partial set is refused, or the request is.
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
  const { posting, created } = await withProgress(
    context.output,
    'fetching the posting and a presentation request',
    async () => ({
      posting: await board.getPosting(postingId),
      created: await board.requestOpenid4vp(postingId),
    }),
  );
  const title = printable(posting.title);
  const previous = store.applications.find(
    (application) => application.postingUrl === canonicalUrl,
  );
  const warn = (text: string) => paint(context.output, 'yellow', text);
  const bullet = (text: string) => `  ${warn('•')} ${text}`;

  const review = (
    match: { chosen: Array<{ credential: StoredCredential }> },
    request: { responseUri: string },
  ): PresentReview => {
    const unsure = match.chosen.flatMap(({ credential }) => {
      const status = statusInWords(credential, context.now());
      return status === undefined ? [] : [{ credential, status }];
    });
    return {
      heading: [`${paint(context.output, 'bold', `Applying to "${title}"`)} at ${base}`],
      warnings: [
        ...(unsure.length > 0
          ? [
              warn('Their status is not known to be valid (check with `skillproof refresh`):'),
              ...unsure.map(({ credential, status }) =>
                bullet(`${printable(credential.name ?? credential.id)}: ${status}`),
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
        // A board relaying another site's request would collect an application made there.
        ...(isSameService(base, request.responseUri)
          ? []
          : [
              warn(
                `Warning: the board asks to address your presentation to ${new URL(request.responseUri).origin}, not to ${new URL(base).origin}; apply only if you trust both.`,
              ),
            ]),
      ],
      concerns:
        unsure.length > 0
          ? [
              `the status of ${unsure.map(({ credential, status }) => `${printable(credential.name ?? credential.id)} (${status})`).join(', ')} is not known to be valid`,
            ]
          : [],
      questions: previous ? [`You applied on ${appliedOn(previous)}; apply again? [y/N] `] : [],
    };
  };

  const presented = await presentLink(context, created.link, options, {
    outcome: 'not applied',
    question: 'Share them and apply? [y/N] ',
    subject: `"${title}"`,
    review,
  }).catch((error: unknown) => explainUnavailable(error, base, context.now()));
  const { application } = presented;
  if (application === null) {
    throw new SkillproofError(
      'UPSTREAM_FAILED',
      `${new URL(base).origin} took the presentation but gave no decision; is it a Skillproof job board?`,
    );
  }
  const sharedCredentials = [...new Set(presented.shared.map((entry) => entry.id))];
  // One application per posting: this one replaces an earlier one.
  store.saveApplication({
    id: application.id,
    postingUrl: canonicalUrl,
    postingTitle: posting.title,
    qualified: application.qualified,
    requirements: application.requirements.map(({ id, met, reason }) => ({ id, met, reason })),
    sharedCredentials,
    appliedAt: context.now().toISOString(),
  });
  const result: ApplyResult = {
    ...application,
    postingUrl: canonicalUrl,
    sharedCredentials,
    redirectUri: presented.redirectUri,
    replaced: previous ? { id: previous.id, appliedAt: previous.appliedAt } : null,
  };
  printResult(context, result, () =>
    [
      ...renderDecision(context.output, application, `"${title}"`),
      ...(previous
        ? [`This application replaces the one of ${appliedOn(previous)} in your wallet.`]
        : []),
    ].join('\n'),
  );
  return result;
}
