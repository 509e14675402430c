import {
  credentialFromJwtPayload,
  decodeJwt,
  type Posting,
  type W3cCredential,
} from '@skillproof/core';
import { evaluateRequirements, type EvaluatedCredential } from '@skillproof/verifier/requirements';
import type { HeldCredentialForm } from './credential-summary.js';

/** How the wallet's badges answer one requirement of a posting. */
export interface RequirementMatch {
  id: string;
  /** The requirement in words, as the board describes it. */
  description: string;
  met: boolean;
  /** Why, in one sentence: the board's own reason for these badges. */
  reason: string;
  /** The ids of the badges that answer it. */
  badges: string[];
}

/** How the wallet's badges answer a whole posting. */
export interface PostingEvaluation {
  /** Every requirement is met. */
  qualified: boolean;
  requirements: RequirementMatch[];
}

/**
 * A badge the wallet verified when it stored it, as the evaluation reads it: a JWT's credential
 * (VCDM 1.1 §6.3.1), or an `ldp_vc` document as it is.
 */
function asVerified(credential: HeldCredentialForm): EvaluatedCredential {
  try {
    return {
      verified: true,
      errors: [],
      credential:
        typeof credential === 'string'
          ? credentialFromJwtPayload(decodeJwt(credential).payload)
          : // Verified (its shape included) when the wallet stored it.
            (credential as W3cCredential),
    };
  } catch {
    return { verified: false, errors: [{ id: 'format', ok: false, code: 'FORMAT_INVALID' }] };
  }
}

/**
 * Evaluates a posting's requirements over badges the wallet holds with the job board's own
 * evaluation (`evaluateRequirements` from `@skillproof/verifier/requirements`), so that the
 * wallet's ✔ means what the board will decide: every requirement met. The badges count as
 * verified (the wallet verified each when it stored it, and shares only those whose last check
 * did not find them revoked, suspended or invalid). Nothing is sent anywhere.
 *
 * @example
 * ```ts
 * const { qualified, requirements } = matchRequirements(posting, held);
 * ```
 */
export function matchRequirements(
  posting: Pick<Posting, 'requirements' | 'labels'>,
  held: ReadonlyArray<{ id: string; credential: HeldCredentialForm }>,
): PostingEvaluation {
  const evaluation = evaluateRequirements(
    posting.requirements,
    held.map((badge) => asVerified(badge.credential)),
    posting.labels,
  );
  return {
    qualified: evaluation.qualified,
    requirements: evaluation.requirements.map((outcome, index) => ({
      id: outcome.id,
      description: posting.requirements[index]?.description ?? outcome.id,
      met: outcome.met,
      reason: outcome.reason,
      badges: outcome.met
        ? [
            ...new Set(
              outcome.credentials.flatMap((credential) =>
                credential.credentialId === undefined ? [] : [credential.credentialId],
              ),
            ),
          ]
        : [],
    })),
  };
}
