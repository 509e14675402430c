import { randomUUID } from 'node:crypto';
import { decodeJwt, SkillproofError } from '@skillproof/core';
import { verifyPresentation, type StatusListResolver } from '@skillproof/verifier';
import { z } from 'zod';
import type { JobboardStore } from '../store/jobboard-store.js';
import { evaluateRequirements } from './evaluate-requirements.js';
import { getPosting } from './get-posting.js';
import type { Application } from './jobboard-types.js';
import { trustedIssuersForRequirements } from './trusted-issuers-for-requirements.js';

/**
 * The body of `POST /api/postings/:id/applications`: a compact JWT VP, or Veramo's normalized
 * VP JSON whose `proof.jwt` is the JWT (the verifier then checks the JSON against it).
 */
export const applicationInputSchema = z.object({
  verifiablePresentation: z.union(
    [z.string().min(1), z.looseObject({ proof: z.looseObject({ jwt: z.string().min(1) }) })],
    { message: 'expected a JWT string or an object with proof.jwt' },
  ),
});

/** A validated application body. */
export type ApplicationInput = z.infer<typeof applicationInputSchema>;

/** What {@link decideApplication} needs besides its input. */
export interface DecideApplicationDeps {
  store: JobboardStore;
  /** The audience presentations must name: the job board's origin. */
  domain: string;
  now: () => Date;
  /** Loads and caches the status lists of presented credentials (revocation, suspension). */
  statusLists: StatusListResolver;
}

// The nonce is read unverified only to know which one to expect; the verifier then checks it
// against the holder's signature and consumes it.
function claimedNonce(jwt: string): string | undefined {
  try {
    const nonce = decodeJwt(jwt).payload['nonce'];
    return typeof nonce === 'string' ? nonce : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Verifies an applicant's presentation under the posting's policy (its nonce, this board's
 * domain, its accepted issuers per achievement), decides every requirement with a reason, and
 * stores the application before returning it. The nonce is consumed only if it was issued for
 * this posting, is unexpired and unused, so a presentation works once and for one posting.
 *
 * @throws SkillproofError `NOT_FOUND` for an unknown posting; `PRESENTATION_REJECTED` (with
 * `details.checks`) when the presentation itself fails (signature, nonce, audience, age,
 * credential count); nothing is stored then.
 */
export async function decideApplication(
  deps: DecideApplicationDeps,
  postingId: string,
  input: ApplicationInput,
): Promise<Application> {
  const posting = await getPosting(deps.store, postingId);
  const vp = input.verifiablePresentation;
  const presentationJwt = typeof vp === 'string' ? vp : vp.proof.jwt;
  const result = await verifyPresentation(vp, {
    now: deps.now,
    // Never leave the challenge undefined: the verifier would skip the nonce check. A
    // presentation without a nonce then fails with NONCE_MISSING, and '' is never issued.
    challenge: claimedNonce(presentationJwt) ?? '',
    domain: deps.domain,
    nonceStore: {
      consume: (nonce) =>
        deps.store.consumePresentationNonce(nonce, posting.id, deps.now().toISOString()),
    },
    trustedIssuers: trustedIssuersForRequirements(posting.requirements),
    statusLists: deps.statusLists,
  });
  if (!result.presentationVerified || result.holder === undefined) {
    const failing = result.errors[0] ?? result.checks.find((check) => !check.ok);
    throw new SkillproofError(
      'PRESENTATION_REJECTED',
      failing?.message ?? 'the presentation did not verify',
      { checks: result.checks },
    );
  }
  const requirements = evaluateRequirements(posting.requirements, result.credentials);
  const application: Application = {
    id: randomUUID(),
    postingId: posting.id,
    holder: result.holder,
    qualified: requirements.every((requirement) => requirement.met),
    requirements,
    checks: result.checks,
    createdAt: deps.now().toISOString(),
  };
  await deps.store.insertApplication({ ...application, presentationJwt });
  return application;
}
