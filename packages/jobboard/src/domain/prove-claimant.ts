import { SkillproofError } from '@skillproof/core';
import { verifyPresentation } from '@skillproof/verifier';
import type { JobboardStore } from '../ports/jobboard-store.js';
import { claimedNonce } from './claimed-nonce.js';

/** What {@link proveClaimant} needs. */
export interface ProveClaimantDeps {
  store: JobboardStore;
  /** The audience the proof must name: the board's origin. */
  domain: string;
  now: () => Date;
}

/**
 * Who is asking, proved: `presentation` is a DID-authentication JWT VP (VCDM 1.1 §6.3.1, no
 * credentials needed) signed by a key of its holder's DID, naming this board's origin as `aud`
 * and carrying a nonce the board issued for this posting (`POST /api/postings/:id/
 * presentation-request`), unexpired and unused; the nonce is consumed once the signature,
 * audience and age check out, so a proof can't be replayed. The same proof, any wallet, as
 * applying: the holder proves control of the DID their application was made with.
 *
 * @throws SkillproofError `PRESENTATION_REJECTED` (with `details.checks`) when it fails.
 * @example
 * ```ts
 * const holder = await proveClaimant(context, posting.id, body.presentation);
 * ```
 */
export async function proveClaimant(
  deps: ProveClaimantDeps,
  postingId: string,
  presentation: string,
): Promise<string> {
  const nonce = claimedNonce(presentation);
  const at = deps.now().toISOString();
  const result = await verifyPresentation(presentation, {
    now: deps.now,
    // Never undefined: the verifier would skip the nonce check; '' is never issued.
    challenge: nonce ?? '',
    domain: deps.domain,
    requireCredentials: false,
    nonceStore: {
      consume: (claimed) => deps.store.consumePresentationNonce(claimed, postingId, at),
    },
  });
  if (!result.presentationVerified || result.holder === undefined || nonce === undefined) {
    const failing = result.errors[0] ?? result.checks.find((check) => !check.ok);
    throw new SkillproofError(
      'PRESENTATION_REJECTED',
      failing?.message ?? 'the proof of who is claiming did not verify',
      { checks: result.checks },
    );
  }
  return result.holder;
}
