import { SkillproofError } from '@skillproof/core';
import {
  verifyPresentation,
  type StatusListResolver,
  type TransparencyLogResolver,
} from '@skillproof/verifier';
import { z } from 'zod';
import type { JobboardStore } from '../ports/jobboard-store.js';
import { transparencyPolicy } from './transparency-policy.js';
import { claimedNonce } from './claimed-nonce.js';
import { getPosting } from './get-posting.js';
import { recordApplication } from './record-application.js';
import type { Application } from '../jobboard-types.js';
import { trustedIssuersForRequirements } from './trusted-issuers-for-requirements.js';

const presentationSchema = z.union(
  [z.string().min(1), z.looseObject({ proof: z.looseObject({ jwt: z.string().min(1) }) })],
  { message: 'expected a JWT string or an object with proof.jwt' },
);

/**
 * The body of `POST /api/postings/:id/applications`: `presentation` (contract C), a compact JWT
 * VP or Veramo's normalized VP JSON whose `proof.jwt` is the JWT (the verifier then checks the
 * JSON against it). `verifiablePresentation`, the first API's name, is accepted instead.
 */
export const applicationInputSchema = z
  .object({
    presentation: presentationSchema.optional(),
    verifiablePresentation: presentationSchema.optional(),
  })
  .check((ctx) => {
    const given = [ctx.value.presentation, ctx.value.verifiablePresentation].filter(
      (value) => value !== undefined,
    );
    if (given.length !== 1) {
      ctx.issues.push({
        code: 'custom',
        input: ctx.value,
        path: ['presentation'],
        message:
          given.length === 0
            ? 'expected the presentation (a JWT VP)'
            : 'send the presentation once, as presentation or verifiablePresentation',
      });
    }
  })
  .transform((input) => ({
    presentation: (input.presentation ?? input.verifiablePresentation) as
      string | { proof: { jwt: string } },
  }));

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
  /** Loads issuers' log receipts for a posting that requires transparency. */
  transparencyLogs?: TransparencyLogResolver;
}

/**
 * Verifies an applicant's presentation under the posting's policy (its nonce, this board's
 * domain, the accepted issuers of its clauses, status checks on), decides every requirement
 * clause with a reason (`evaluateRequirements` of `@skillproof/verifier/requirements`, on the
 * credentials as the verifier returned them), and stores the application with its evidence
 * (the VP and each credential's result) before returning it, as the holder's one application
 * to the posting: an earlier one becomes its history. No credential is read beyond what the
 * verifier returned.
 *
 * The nonce must have been issued for this posting, be unexpired and unused. The verifier only
 * looks it up; it is consumed in the transaction that stores the application, so of several
 * submissions of one presentation exactly one is stored, and a crash in between consumes nothing.
 *
 * @throws SkillproofError `NOT_FOUND` for an unknown posting; `PRESENTATION_REJECTED` (with
 * `details.checks`) when the presentation itself fails (signature, nonce, audience, age,
 * credential count); `UPSTREAM_UNAVAILABLE` (with `details.retryAfterSeconds`) when the
 * decision rests on a credential whose status list could not be fetched; `CONFLICT` when another
 * submission of the same nonce was stored first. Nothing is stored then, and the nonce is
 * consumed only by a stored application.
 * @example
 * ```ts
 * const application = await decideApplication(context, postingId, { presentation: vpJwt });
 * application.requirements[0].reason; // 'met by "Python Problem Solver I" (urn:uuid:…) from did:key:…'
 * ```
 */
export async function decideApplication(
  deps: DecideApplicationDeps,
  postingId: string,
  input: ApplicationInput,
): Promise<Application> {
  const posting = await getPosting(deps.store, postingId);
  const vp = input.presentation;
  const presentationJwt = typeof vp === 'string' ? vp : vp.proof.jwt;
  const nonce = claimedNonce(presentationJwt);
  const checkedAt = deps.now().toISOString();
  const result = await verifyPresentation(vp, {
    now: deps.now,
    // Never leave the challenge undefined: the verifier would skip the nonce check. A
    // presentation without a nonce then fails with NONCE_MISSING, and '' is never issued.
    challenge: nonce ?? '',
    domain: deps.domain,
    nonceStore: {
      consume: (claimed) => deps.store.isPresentationNonceOpen(claimed, posting.id, checkedAt),
    },
    trustedIssuers: trustedIssuersForRequirements(posting.requirements),
    statusLists: deps.statusLists,
    ...transparencyPolicy(posting, deps.transparencyLogs),
  });
  if (!result.presentationVerified || result.holder === undefined || nonce === undefined) {
    const failing = result.errors[0] ?? result.checks.find((check) => !check.ok);
    throw new SkillproofError(
      'PRESENTATION_REJECTED',
      failing?.message ?? 'the presentation did not verify',
      { checks: result.checks },
    );
  }
  return recordApplication(deps, posting, {
    holder: result.holder,
    credentials: result.credentials,
    checks: result.checks,
    presentationJwt,
    nonce,
    checkedAt,
  });
}
