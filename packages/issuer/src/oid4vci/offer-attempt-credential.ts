import { SkillproofError } from '@skillproof/core';
import { learnerAttempt } from '../domain/grade-submission.js';
import type { IssuerContext } from '../domain/issuer-context.js';
import type { IssuedFormat } from '../ports/issuer-store.js';
import { createCredentialOffer, type CredentialOfferResult } from './create-credential-offer.js';

/** Input of {@link offerAttemptCredential}. */
export interface OfferAttemptCredentialOptions {
  /** The signed-in learner. */
  did: string;
  attemptId: string;
  /** Default: every format the badge is offered in. */
  formats?: readonly IssuedFormat[] | undefined;
  /** Ask for a transaction code. Default true. */
  txCode?: boolean | undefined;
}

/**
 * A credential offer for a learner's passed attempt, for a wallet to fetch over OpenID4VCI: the
 * credential will go to the learner's own DID (the wallet must prove its key).
 *
 * @throws SkillproofError `NOT_FOUND` (no such attempt), `FORBIDDEN` (another learner's),
 * `CONFLICT` (not passed, or the pass awarded nothing because the learner's badge is
 * suspended), `VALIDATION_FAILED` (a format the badge is not offered in).
 * @example
 * ```ts
 * const { offerUri, txCode } = await offerAttemptCredential(ctx, { did, attemptId });
 * ```
 */
export async function offerAttemptCredential(
  ctx: IssuerContext,
  options: OfferAttemptCredentialOptions,
): Promise<Omit<CredentialOfferResult, 'credentialOffer'>> {
  const attempt = await learnerAttempt(ctx, options.attemptId, options.did);
  if (attempt.passed !== true) {
    throw new SkillproofError('CONFLICT', 'only a passed attempt earns a credential offer');
  }
  if (attempt.credentialId === null) {
    throw new SkillproofError('CONFLICT', 'the learner’s badge is suspended: nothing is offered');
  }
  const { credentialOffer: _offer, ...offer } = await createCredentialOffer(ctx, {
    badgeId: attempt.badge,
    attemptId: attempt.id,
    subjectDid: attempt.did,
    ...(options.formats === undefined ? {} : { formats: options.formats }),
    txCode: options.txCode ?? true,
  });
  return offer;
}
