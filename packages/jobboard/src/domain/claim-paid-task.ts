import { SkillproofError } from '@skillproof/core';
import type { JobboardStore } from '../ports/jobboard-store.js';
import { findPaidTaskClaim, type PaidTaskClaim } from './paid-task-claims.js';
import { paidTaskOfPosting } from './paid-task-of-posting.js';
import { proveClaimant, type ProveClaimantDeps } from './prove-claimant.js';
import { changeTask } from './tasks/change-task.js';
import { checkBitcoinAddress } from './tasks/check-bitcoin-address.js';
import { claimTask } from './tasks/claim-task.js';
import { closedTaskError } from './tasks/task-transition-error.js';
import { taskStateOf } from './tasks/task-state.js';

/** A validated claim body (see `taskClaimInputSchema`). */
export interface ClaimPaidTaskInput {
  applicationId: string;
  address: unknown;
  presentation: string;
}

/**
 * A learner claims a paid task: their application to the posting must be their current one
 * and qualified, and they must prove they hold its DID ({@link proveClaimant}). The address is
 * checked against the task's network and the task's state before the proof's nonce is spent,
 * so plain mistakes cost nothing; the claim is then appended to the ledger by `changeTask`
 * (a concurrent change is decided again, a second claim of the same learner refused).
 *
 * @throws SkillproofError `NOT_FOUND` (no posting, or not a task), `ADDRESS_INVALID`,
 * `TASK_*` when it can't be claimed, `PRESENTATION_REJECTED`, `FORBIDDEN` when the
 * application is another person's or did not qualify, `CLAIM_DUPLICATE`. Nothing is appended then.
 * @example
 * ```ts
 * const claim = await claimPaidTask(context, postingId, { applicationId, address, presentation });
 * ```
 */
export async function claimPaidTask(
  deps: ProveClaimantDeps & { store: JobboardStore },
  postingId: string,
  input: ClaimPaidTaskInput,
): Promise<PaidTaskClaim> {
  const { posting, history } = await paidTaskOfPosting(deps.store, postingId);
  const task = taskStateOf(history);
  const refusal = closedTaskError(task, 'be claimed');
  if (refusal) throw refusal;
  checkBitcoinAddress(input.address, task.network);
  const application = await deps.store.findApplication(posting.id, input.applicationId);
  if (!application) {
    throw new SkillproofError(
      'NOT_FOUND',
      `posting ${posting.id} has no application ${input.applicationId}`,
    );
  }
  const holder = await proveClaimant(deps, posting.id, input.presentation);
  // findApplication answers with the holder's current application: an earlier one that
  // qualified does not count once a later one did not.
  if (application.holder !== holder) {
    throw new SkillproofError('FORBIDDEN', 'this application was made by someone else');
  }
  if (!application.qualified) {
    throw new SkillproofError(
      'FORBIDDEN',
      'your current application to this posting did not qualify: only qualified applicants can claim its task',
    );
  }
  const entry = await changeTask(deps.store, posting.id, (latest) =>
    claimTask(latest, { learnerDid: holder, address: input.address, at: deps.now() }),
  );
  return findPaidTaskClaim(
    await deps.store.ledgerEntriesOfTask(posting.id),
    String(entry.sequence),
  );
}
