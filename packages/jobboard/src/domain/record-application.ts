import { randomUUID } from 'node:crypto';
import { SkillproofError } from '@skillproof/core';
import type { VerifyCredentialResult, VerifyPresentationResult } from '@skillproof/verifier';
import { badgeFactsOf, evaluateRequirements } from '@skillproof/verifier/requirements';
import type { ApplicationRecord, JobboardStore } from '../ports/jobboard-store.js';
import type { Application, CredentialEvidence, Posting } from '../jobboard-types.js';
import { sharedNameOf } from './shared-name-of.js';

/** What the verifier established about an applicant, and what it was established on. */
export interface VerifiedApplicant {
  holder: string;
  credentials: VerifyPresentationResult['credentials'];
  checks: VerifyPresentationResult['checks'];
  /** The presentation as received (kept as evidence). */
  presentationJwt: string;
  /** The presentation request's nonce, consumed by the stored application. */
  nonce: string;
  /** When the presentation was checked (the nonce must still be open then). */
  checkedAt: string;
}

/** What {@link recordApplication} needs. */
export interface RecordApplicationDeps {
  store: JobboardStore;
  now: () => Date;
}

/** How long an applicant is asked to wait when a status list could not be fetched. */
const outageRetryAfterSeconds = 30;

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
 * Decides every requirement clause of `posting` with a reason (`evaluateRequirements`, on the
 * credentials as the verifier returned them) and stores the application with its evidence as
 * the holder's one application to the posting, consuming the nonce in the same transaction.
 * Every way of applying (the board's own API, OpenID4VP) ends here.
 *
 * `insert` stores it (default `store.insertApplication`); it returns false when the nonce (or
 * the request it answers) was no longer open.
 *
 * @throws SkillproofError `UPSTREAM_UNAVAILABLE` (with `details.retryAfterSeconds`) when the
 * decision rests on a credential whose status list could not be fetched; `CONFLICT` when another
 * submission of the same nonce was stored first. Nothing is stored then.
 * @example
 * ```ts
 * const application = await recordApplication(deps, posting, verifiedApplicant);
 * ```
 */
export async function recordApplication(
  deps: RecordApplicationDeps,
  posting: Posting,
  verified: VerifiedApplicant,
  insert: (application: ApplicationRecord, now: string) => Promise<boolean> = (application, now) =>
    deps.store.insertApplication(application, now),
): Promise<Application> {
  // The clauses are decided on the credentials as the verifier returned them, by the one
  // evaluation the wallet also runs: ✔ in a wallet means qualified here.
  const { qualified, requirements, undecided } = evaluateRequirements(
    posting.requirements,
    verified.credentials,
    posting.labels,
    { now: deps.now },
  );
  if (undecided) {
    // Failing closed is right for the verdict, but an issuer's outage is no verdict on the
    // applicant: nothing is recorded, and the same presentation (its nonce still open) can be
    // sent again.
    throw new SkillproofError(
      'UPSTREAM_UNAVAILABLE',
      `the status of a presented badge could not be checked just now (its issuer's status list did not answer), so nothing was decided or recorded; send the same application again in ${outageRetryAfterSeconds} seconds`,
      { retryAfterSeconds: outageRetryAfterSeconds, checks: verified.checks },
    );
  }
  const application: Application = {
    id: randomUUID(),
    postingId: posting.id,
    holder: verified.holder,
    qualified,
    requirements,
    checks: verified.checks,
    createdAt: deps.now().toISOString(),
  };
  const holderName = sharedNameOf(verified.credentials);
  const stored = await insert(
    {
      ...application,
      ...(holderName === undefined ? {} : { holderName }),
      presentationJwt: verified.presentationJwt,
      nonce: verified.nonce,
      evidence: verified.credentials.map(evidenceOf),
    },
    verified.checkedAt,
  );
  if (!stored) {
    throw new SkillproofError(
      'CONFLICT',
      'this presentation request was already answered by another submission',
    );
  }
  return application;
}
