import { jobboardClient, minScoresOf, type PublicPosting } from '../net/jobboard-client.js';
import { paint, printable, renderTable, withProgress } from '../terminal/output.js';
import { selectCredentials } from '../wallet/select-credentials.js';
import { usableCredentials } from '../wallet/usable-credentials.js';
import { WalletStore } from '../wallet/wallet-store.js';
import { normalizeServiceUrl } from '../net/normalize-service-url.js';
import { printResult, type CommandContext } from './command-context.js';

/** How the wallet's badges answer one posting. */
export interface PostingMatch {
  id: string;
  title: string;
  url: string;
  qualified: boolean;
  requirements: Array<{ id: string; description: string; met: boolean; badges: string[] }>;
}

/**
 * `skillproof jobs <board URL>`: lists the board's postings and marks those the wallet's badges
 * qualify for. The board's presentation definitions are evaluated here, with PEX over the
 * wallet's own credentials: the board learns nothing (it only serves its public postings).
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
  const names = new Map(store.credentials.map((entry) => [entry.id, entry.name ?? entry.id]));
  const results: PostingMatch[] = [];
  for (const posting of postings) {
    const definition = posting.presentation_definition;
    const selection = definition
      ? await selectCredentials(definition, held, { minScores: minScoresOf(posting.requirements) })
      : undefined;
    results.push({
      id: posting.id,
      title: posting.title,
      url: `${base}/postings/${encodeURIComponent(posting.id)}`,
      qualified: selection?.satisfied ?? false,
      requirements: posting.requirements.map((requirement) => {
        // A clause is answered by its own descriptor, or (any-of) by the descriptors of its group.
        const answering = (selection?.matches ?? []).filter(
          (match) =>
            match.descriptor.id === requirement.id ||
            (match.descriptor.group ?? []).includes(requirement.id),
        );
        const answered = answering.filter((match) => match.matching.length > 0);
        return {
          id: requirement.id,
          description: requirement.description ?? requirement.achievementId ?? requirement.id,
          met: answered.length > 0 && answered.length >= (requirement.count ?? 1),
          badges: [...new Set(answered.flatMap((match) => match.matching))].map(
            (id) => names.get(id) ?? id,
          ),
        };
      }),
    });
  }
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
          '',
          `${paint(context.output, 'green', '✔')} = your badges qualify (checked in your wallet; nothing was sent). Apply with: skillproof apply <URL>`,
        ].join('\n'),
  );
  return results;
}
