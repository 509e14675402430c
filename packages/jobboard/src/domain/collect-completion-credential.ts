import { randomUUID } from 'node:crypto';
import { SkillproofError } from '@skillproof/core';
import type { BoardIdentity } from '../openid4vp/board-identity.js';
import type { JobboardStore } from '../ports/jobboard-store.js';
import { findPaidTaskClaim } from './paid-task-claims.js';
import { paidTaskOfPosting } from './paid-task-of-posting.js';
import { proveClaimant, type ProveClaimantDeps } from './prove-claimant.js';
import { completionCredentialForTask } from './tasks/completion-credential-for-task.js';

/** What {@link collectCompletionCredential} needs. */
export interface CollectCompletionCredentialDeps extends ProveClaimantDeps {
  store: JobboardStore;
  /** The board's signing identity; without one the board issues no credentials. */
  identity: BoardIdentity | undefined;
  /** The board's public URL: the credential's issuer URL and achievement ids start with it. */
  baseUrl: string;
  boardName: string;
}

/** The signed completion credential (`jwt_vc_json`). */
export interface CollectedCompletionCredential {
  format: 'jwt_vc_json';
  credential: string;
}

/**
 * The completion credential of a paid claim, for its claimant only: they prove they hold the
 * claim's DID as they did to claim ({@link proveClaimant}); the board then signs the task's
 * `OpenBadgeCredential` (from the ledger: amount, network, txid) as a VC-JWT (VCDM 1.1 §6.3.1
 * claims `iss`, `sub`, `jti`, `nbf`, `vc`; the credential itself VCDM 2.0) with its DID key.
 *
 * @throws SkillproofError `NOT_FOUND` (no task, or the board has no identity),
 * `CLAIM_NOT_FOUND`, `TASK_NOT_PAID`, `TASK_CANCELLED`, `FORBIDDEN` (another claim, or another
 * person), `PRESENTATION_REJECTED`.
 * @example
 * ```ts
 * const { credential } = await collectCompletionCredential(deps, postingId, claimId, presentation);
 * ```
 */
export async function collectCompletionCredential(
  deps: CollectCompletionCredentialDeps,
  postingId: string,
  claimId: string,
  presentation: string,
): Promise<CollectedCompletionCredential> {
  const { identity } = deps;
  if (!identity) throw new SkillproofError('NOT_FOUND', 'this board issues no credentials');
  const { posting, history } = await paidTaskOfPosting(deps.store, postingId);
  const claim = findPaidTaskClaim(history, claimId);
  if (claim.status === 'cancelled') {
    throw new SkillproofError('TASK_CANCELLED', `task ${posting.id} was cancelled`);
  }
  if (claim.status === 'not accepted') {
    throw new SkillproofError('FORBIDDEN', 'another claim of this task was accepted');
  }
  if (claim.status !== 'paid') {
    throw new SkillproofError('TASK_NOT_PAID', `task ${posting.id} is not paid yet`);
  }
  const holder = await proveClaimant(deps, posting.id, presentation);
  if (holder !== claim.learnerDid) {
    throw new SkillproofError('FORBIDDEN', 'this claim was made by someone else');
  }
  const employer = await deps.store.findEmployer(posting.employerId);
  const credential = completionCredentialForTask(history, {
    id: `urn:uuid:${randomUUID()}`,
    board: { id: identity.did, name: deps.boardName, url: deps.baseUrl },
    taskTitle: posting.title,
    employerName: employer?.name ?? 'an employer',
  });
  const issuedAt = Math.floor(new Date(credential.validFrom).getTime() / 1000);
  const jwt = await identity.signJwt(
    {
      iss: identity.did,
      sub: holder,
      jti: credential.id,
      nbf: issuedAt,
      iat: Math.floor(deps.now().getTime() / 1000),
      vc: credential,
    },
    'JWT',
  );
  return { format: 'jwt_vc_json', credential: jwt };
}
