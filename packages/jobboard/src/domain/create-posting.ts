import { randomUUID } from 'node:crypto';
import { SkillproofError } from '@skillproof/core';
import type { BitcoinNetworkName, PostedEntry } from '../paid-task-types.js';
import { paidTaskSummaryOf, type PaidTaskSummary } from './paid-task-summary.js';
import { defaultBitcoinNetwork, readBitcoinNetworkName } from './tasks/bitcoin-network.js';
import { postTask } from './tasks/post-task.js';
import type { JobboardStore, StoredPosting } from '../ports/jobboard-store.js';
import { derivePresentationDefinition } from './derive-presentation-definition.js';
import { describeRequirement } from './describe-requirement.js';
import type { Employer, Posting, RequirementClause } from '../jobboard-types.js';
import type { PostingInput } from './posting-input.js';
import { publishedPosting } from './published-posting.js';

/** Options of {@link createPosting}. */
export interface CreatePostingOptions {
  /**
   * The board's bitcoin network (`JOBBOARD_BITCOIN_NETWORK`): a task names none settles on it;
   * mainnet tasks only on a board configured for mainnet. Default testnet.
   */
  bitcoinNetwork?: BitcoinNetworkName;
}

/**
 * The `posted` entry of a posting that is a paid task (task id = posting id), checked by the
 * ledger's rules before anything is written. Tasks settle on the board's network unless they
 * name a test network; real bitcoin (mainnet) only on a board configured for it, and then no
 * test network is mixed in.
 *
 * @throws SkillproofError `AMOUNT_INVALID`, `VALIDATION_FAILED` (unknown network, mainnet on a
 * test board, a test network on a mainnet board).
 */
function postedTaskEntry(
  id: string,
  employer: Employer,
  task: NonNullable<PostingInput['task']>,
  now: Date,
  boardNetwork: BitcoinNetworkName,
): PostedEntry {
  const network = readBitcoinNetworkName(task.network ?? boardNetwork);
  if (network === 'mainnet' && boardNetwork !== 'mainnet') {
    throw new SkillproofError(
      'VALIDATION_FAILED',
      'task.network: this board settles tasks on testnet, signet or regtest; mainnet (real bitcoin) needs JOBBOARD_BITCOIN_NETWORK=mainnet',
    );
  }
  if (network !== 'mainnet' && boardNetwork === 'mainnet') {
    throw new SkillproofError(
      'VALIDATION_FAILED',
      `task.network: this board settles tasks on mainnet, not ${network}`,
    );
  }
  return postTask([], {
    taskId: id,
    employerId: employer.id,
    rewardSats: task.rewardSats,
    network,
    at: now,
  });
}

/**
 * Creates a posting for `employer` (with `input.task`, a paid task: the posting and the
 * task's `posted` ledger entry are written together). Requirements get ids `r1`, `r2`, … and a plain-words
 * description; the presentation definition is derived once, here, and stored with the posting,
 * so every applicant answers the same definition. Its DCQL query is derived from the stored
 * requirements whenever the posting is read (`publishedPosting`).
 *
 * @example
 * ```ts
 * const posting = await createPosting(store, employer, parseBody(postingInputSchema, body), new Date());
 * ```
 */
export async function createPosting(
  store: JobboardStore,
  employer: Employer,
  input: PostingInput,
  now: Date,
  options: CreatePostingOptions = {},
): Promise<Posting & { task?: PaidTaskSummary }> {
  const id = randomUUID();
  const taskEntry =
    input.task &&
    postedTaskEntry(id, employer, input.task, now, options.bitcoinNetwork ?? defaultBitcoinNetwork);
  const labels = input.labels;
  const clauses = input.requirements.map((clause, index): RequirementClause => {
    const requirementId = `r${index + 1}`;
    const currency = clause.withinMonths === undefined ? {} : { withinMonths: clause.withinMonths };
    switch (clause.type) {
      case 'badge':
        return {
          id: requirementId,
          type: 'badge',
          achievementId: clause.achievementId,
          acceptedIssuers: [...clause.acceptedIssuers],
          ...(clause.minScore === undefined ? {} : { minScore: clause.minScore }),
          ...currency,
        };
      case 'any-of':
        return {
          id: requirementId,
          type: 'any-of',
          count: clause.count,
          achievementIds: [...clause.achievementIds],
          acceptedIssuers: [...clause.acceptedIssuers],
          ...currency,
        };
      case 'skill':
        return {
          id: requirementId,
          type: 'skill',
          skillUrl: clause.skillUrl,
          acceptedIssuers: [...clause.acceptedIssuers],
          ...currency,
        };
    }
  });
  const posting: StoredPosting = {
    id,
    title: input.title,
    description: input.description,
    employerId: employer.id,
    requirements: clauses.map((clause) => ({
      ...clause,
      description: describeRequirement(clause, labels),
    })),
    labels,
    presentation_definition: derivePresentationDefinition({
      id,
      title: input.title,
      requirements: clauses,
      labels,
    }),
    ...(input.requireTransparency ? { requireTransparency: true } : {}),
    createdAt: now.toISOString(),
  };
  await store.insertPosting(posting, taskEntry);
  const task = taskEntry && paidTaskSummaryOf([taskEntry]);
  return { ...publishedPosting(posting), ...(task ? { task } : {}) };
}
