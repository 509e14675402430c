import { randomUUID } from 'node:crypto';
import { decodeJwt, SkillproofError } from '@skillproof/core';
import {
  verifyPresentation,
  type StatusListResolver,
  type VerifyCredentialResult,
} from '@skillproof/verifier';
import { z } from 'zod';
import type { JobboardStore } from '../ports/jobboard-store.js';
import { badgeFactsOf, evaluateRequirements } from '@skillproof/verifier/requirements';
import { getPosting } from './get-posting.js';
import { sharedNameOf } from './shared-name-of.js';
import type { Application, CredentialEvidence } from '../jobboard-types.js';
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
}

/** How long an applicant is asked to wait when a status list could not be fetched. */
const outageRetryAfterSeconds = 30;

// The nonce is read unverified only to know which one to expect; the verifier then checks it
// against the holder's signature.
function claimedNonce(jwt: string): string | undefined {
  try {
    const nonce = decodeJwt(jwt).payload['nonce'];
    return typeof nonce === 'string' ? nonce : undefined;
  } catch {
    return undefined;
  }
}

// What the verifier returned, kept as the decision's evidence. A credential whose signature
// failed comes back without content, and is kept as just that: what it claims is never read.
function evidenceOf(result: VerifyCredentialResult, index: number): CredentialEvidence {
  const facts = result.credential && badgeFactsOf(result.credential);
  return {
    index,
    verified: result.verified,
    ...(facts?.credentialId === undefined ? {} : { credentialId: facts.credentialId }),
    ...(facts ? { issuer: facts.issuer, achievementId: facts.achievementId } : {}),
    errors: result.errors.map((error) => ({
      ...(error.code === undefined ? {} : { code: error.code }),
      ...(error.message === undefined ? {} : { message: error.message }),
    })),
  };
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
  });
  if (!result.presentationVerified || result.holder === undefined || nonce === undefined) {
    const failing = result.errors[0] ?? result.checks.find((check) => !check.ok);
    throw new SkillproofError(
      'PRESENTATION_REJECTED',
      failing?.message ?? 'the presentation did not verify',
      { checks: result.checks },
    );
  }
  // The clauses are decided on the credentials as the verifier returned them, by the one
  // evaluation the wallet also runs: ✔ in a wallet means qualified here.
  const { qualified, requirements, undecided } = evaluateRequirements(
    posting.requirements,
    result.credentials,
    posting.labels,
  );
  if (undecided) {
    // Failing closed is right for the verdict, but an issuer's outage is no verdict on the
    // applicant: nothing is recorded, and the same presentation (its nonce still open) can be
    // sent again.
    throw new SkillproofError(
      'UPSTREAM_UNAVAILABLE',
      `the status of a presented badge could not be checked just now (its issuer's status list did not answer), so nothing was decided or recorded; send the same application again in ${outageRetryAfterSeconds} seconds`,
      { retryAfterSeconds: outageRetryAfterSeconds, checks: result.checks },
    );
  }
  const application: Application = {
    id: randomUUID(),
    postingId: posting.id,
    holder: result.holder,
    qualified,
    requirements,
    checks: result.checks,
    createdAt: deps.now().toISOString(),
  };
  const holderName = sharedNameOf(result.credentials);
  const stored = await deps.store.insertApplication(
    {
      ...application,
      ...(holderName === undefined ? {} : { holderName }),
      presentationJwt,
      nonce,
      evidence: result.credentials.map(evidenceOf),
    },
    checkedAt,
  );
  if (!stored) {
    throw new SkillproofError(
      'CONFLICT',
      'this presentation request was already answered by another submission',
    );
  }
  return application;
}
