import { SkillproofError } from '@skillproof/core';
import {
  jobboardClient,
  minScoresOf,
  parsePostingUrl,
  type ApplicationDecision,
} from '../net/jobboard-client.js';
import { isSameService } from '../net/same-service.js';
import { paint, printable, renderTable, withProgress } from '../terminal/output.js';
import { selectCredentials } from '../wallet/select-credentials.js';
import { signPresentation } from '../wallet/sign-presentation.js';
import { usableCredentials } from '../wallet/usable-credentials.js';
import { WalletStore, type StoredCredential } from '../wallet/wallet-store.js';
import { note, printResult, type CommandContext } from './command-context.js';
import { unlockLearnerKey } from './unlock-learner-key.js';

/** Options of `skillproof apply`. */
export interface ApplyOptions {
  /** Share without asking. */
  yes?: boolean;
}

/** What `apply` did: the board's decision and what was shared. */
export interface ApplyResult extends ApplicationDecision {
  postingUrl: string;
  sharedCredentials: string[];
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

/**
 * `skillproof apply <posting URL>`: fetches the posting's presentation request (definition,
 * single-use nonce, domain), picks the fewest badges that answer it (PEX, in the wallet), shows
 * exactly which will be shared and asks to confirm, then signs a presentation for that nonce and
 * domain, submits it, and records the board's decision with a reason per requirement.
 *
 * @throws SkillproofError `NOT_FOUND` when no badge answers any requirement (nothing is sent);
 * `VALIDATION_FAILED` when the learner declines.
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
  const selection = await selectCredentials(
    request.presentation_definition,
    usableCredentials(store, context.now()),
    { minScores: minScoresOf(posting.requirements) },
  );
  const shared = selection.chosen.map((id) => store.findCredential(id));
  const title = printable(posting.title);
  if (shared.length === 0) {
    throw new SkillproofError(
      'NOT_FOUND',
      `none of your badges meets a requirement of "${title}"; nothing was sent. See \`skillproof tasks\` to earn one`,
    );
  }
  const describe = (entry: StoredCredential) =>
    `${printable(entry.name ?? '(unnamed)')} from ${printable(entry.issuerName ?? entry.issuerDid)}${entry.score === null ? '' : `, score ${entry.score}%`} (${printable(entry.id)})`;
  const unmet = selection.matches.filter((match) => match.matching.length === 0);
  const summary = [
    `${paint(context.output, 'bold', `Applying to "${title}"`)} at ${base}`,
    'These badges will be shared, and nothing else:',
    ...shared.map((entry) => `  ${paint(context.output, 'green', '•')} ${describe(entry)}`),
    ...(selection.satisfied
      ? []
      : [
          paint(
            context.output,
            'yellow',
            'They do not meet every requirement; the board will likely not qualify you:',
          ),
          ...unmet.map(
            (match) =>
              `  ${paint(context.output, 'yellow', '•')} nothing for ${printable(match.descriptor.name ?? match.descriptor.id)}`,
          ),
        ]),
    ...audienceWarning(context, base, request.domain),
  ].join('\n');
  if (options.yes) {
    note(context, summary);
  } else {
    // The learner sees what is shared before saying yes, with --json too: it goes to stderr, so
    // stdout stays the JSON result.
    context.output.stderr(`${summary}\n`);
    const answer = await context.prompter.ask('Share them and apply? [y/N] ');
    if (!/^y(es)?$/i.test(answer)) {
      throw new SkillproofError('VALIDATION_FAILED', 'not applied: you declined to share');
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
          credentials: shared.map((entry) => entry.jwt),
          challenge: request.nonce,
          domain: request.domain,
          now: context.now(),
        }),
      ),
  );
  const sharedCredentials = shared.map((entry) => entry.id);
  store.saveApplication({
    id: decision.id,
    postingUrl: `${base}/postings/${encodeURIComponent(postingId)}`,
    postingTitle: posting.title,
    qualified: decision.qualified,
    requirements: decision.requirements.map(({ id, met, reason }) => ({ id, met, reason })),
    sharedCredentials,
    appliedAt: context.now().toISOString(),
  });
  const result: ApplyResult = {
    ...decision,
    postingUrl: `${base}/postings/${encodeURIComponent(postingId)}`,
    sharedCredentials,
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
    ].join('\n'),
  );
  return result;
}
