import { jobboardClient, type PublicPosting } from '../net/jobboard-client.js';
import { paint, printable, renderTable, withProgress } from '../terminal/output.js';
import { matchRequirements, type RequirementMatch } from '../wallet/match-requirements.js';
import { notPresentableNote, usableCredentials } from '../wallet/usable-credentials.js';
import { WalletStore } from '../wallet/wallet-store.js';
import { normalizeServiceUrl } from '../net/normalize-service-url.js';
import { note, printResult, type CommandContext } from './command-context.js';

/** How the wallet's badges answer one posting. */
export interface PostingMatch {
  id: string;
  title: string;
  url: string;
  /** Every requirement is met by the wallet's badges. */
  qualified: boolean;
  /** Each requirement, with the names of the badges that meet it. */
  requirements: RequirementMatch[];
}

/**
 * `skillproof jobs <board URL>`: lists the board's postings and marks those whose every
 * requirement the wallet's badges meet, naming the requirements they don't. The requirements
 * are evaluated here, with the board's own evaluation over the wallet's own badges: the board
 * learns nothing (it only serves its public postings).
 *
 * @example
 * ```ts
 * const postings = await jobsCommand(context, 'http://localhost:4300');
 * ```
 */
export async function jobsCommand(
  context: CommandContext,
  boardUrl: string,
): Promise<PostingMatch[]> {
  const base = normalizeServiceUrl(boardUrl, 'job board');
  const store = WalletStore.open(context.home);
  const board = jobboardClient(context.fetch, base);
  const postings = await withProgress(
    context.output,
    `fetching the postings of ${base}`,
    async () => {
      const listed = await board.listPostings();
      // A list without definitions is completed from each posting's own page.
      return Promise.all(
        listed.map((posting): Promise<PublicPosting> | PublicPosting =>
          posting.presentation_definition ? posting : board.getPosting(posting.id),
        ),
      );
    },
  );
  const held = usableCredentials(store, context.now());
  const leftOut = notPresentableNote(store);
  if (leftOut !== undefined) note(context, printable(leftOut));
  const names = new Map(store.credentials.map((entry) => [entry.id, entry.name ?? entry.id]));
  const results: PostingMatch[] = [];
  for (const posting of postings) {
    const evaluation = matchRequirements(posting, held);
    results.push({
      id: posting.id,
      title: posting.title,
      url: `${base}/postings/${encodeURIComponent(posting.id)}`,
      // Qualified means what the board will decide: every requirement met.
      qualified: evaluation.qualified,
      requirements: evaluation.requirements.map((requirement) => ({
        ...requirement,
        badges: requirement.badges.map((id) => names.get(id) ?? id),
      })),
    });
  }
  const unmet = results.flatMap((posting) => {
    const missing = posting.requirements.filter((requirement) => !requirement.met);
    return missing.length === 0
      ? []
      : [
          `  ${printable(posting.title)}: ${missing.map((requirement) => printable(requirement.description)).join('; ')}`,
        ];
  });
  printResult(context, { board: base, postings: results }, () =>
    results.length === 0
      ? `No postings on ${base} yet.`
      : [
          renderTable(
            context.output,
            ['', 'POSTING', 'REQUIREMENTS', 'URL'],
            results.map((posting) => [
              posting.qualified
                ? paint(context.output, 'green', '✔')
                : paint(context.output, 'dim', '·'),
              printable(posting.title),
              `${posting.requirements.filter((requirement) => requirement.met).length}/${posting.requirements.length} met`,
              posting.url,
            ]),
          ),
          ...(unmet.length === 0 ? [] : ['', 'Not met yet:', ...unmet]),
          '',
          `${paint(context.output, 'green', '✔')} = your badges meet every requirement (checked in your wallet; nothing was sent). Apply with: skillproof apply <URL>`,
        ].join('\n'),
  );
  return results;
}
