// The job board's data as it crosses its edges (API bodies, stored rows, pages): plain types that
// import only core's wire contracts, so the store, the domain, the HTTP API and the web pages can
// all share them. Postings, requirement clauses, their outcomes, Presentation Exchange and DCQL are
// core's wire contracts, as the wallet reads them.
import type { ApplicationDecision, RequirementOutcome } from '@skillproof/core';

export type {
  AnyOfClause,
  ApplicationCheck,
  BadgeClause,
  DcqlClaimsQuery,
  DcqlCredentialQuery,
  DcqlCredentialSetQuery,
  DcqlQuery,
  DcqlW3cFormat,
  InputDescriptor,
  Posting,
  PresentationDefinition,
  PresentationDefinitionField,
  PresentationRequest,
  SubmissionRequirement,
  OutcomeCredential,
  PostingRequirement,
  RequirementClause,
  RequirementLabels,
  RequirementOutcome,
  RequirementOutcomeCode,
  SkillClause,
} from '@skillproof/core';

/** A decided application, as returned to the applicant. */
export type Application = ApplicationDecision;

/** An employer account: it authenticates with a bearer token that is stored only hashed. */
export interface Employer {
  id: string;
  name: string;
  /** The address it signs in to the web pages with; absent for an API-only employer. */
  email?: string;
  createdAt: string;
}

/** An application as its posting's employer lists it (the stored decision). */
export interface ApplicationSummary {
  id: string;
  postingId: string;
  holder: string;
  /**
   * The applicant's name, when a credential they presented (and that verified) carries it in the
   * open: an Open Badges 3.0 `identifier` of `identityType` `name`, not hashed.
   */
  holderName?: string;
  qualified: boolean;
  requirements: RequirementOutcome[];
  createdAt: string;
}

/** An earlier decision on the same person's application to a posting, replaced by a later one. */
export type EarlierDecision = Pick<
  ApplicationSummary,
  'id' | 'qualified' | 'requirements' | 'createdAt'
>;

/** What re-checking a credential that met a requirement found now. */
export type CurrentStatus = 'valid' | 'revoked' | 'suspended' | 'expired' | 'unknown';

/** A requirement outcome with the status of its credentials as re-checked when viewed. */
export type RequirementOutcomeView = RequirementOutcome & {
  /** Only for a met requirement: whether its credentials still meet it, or the worst news. */
  currentStatus?: CurrentStatus;
};

/**
 * An application as its employer views it: the stored decision, never rewritten, what
 * re-checking the status of its credentials found now (`currentStatus`, `flags`), and the
 * decisions on the same person's earlier applications it replaced (`history`).
 */
export interface ApplicationView extends Omit<ApplicationSummary, 'requirements'> {
  requirements: RequirementOutcomeView[];
  /** Plain-words warnings: a credential revoked, suspended or expired since the application. */
  flags: string[];
  /** The same person's earlier applications to the posting, newest first, as decided then. */
  history: EarlierDecision[];
}

/** One stored verification result of a presented credential: the evidence of a decision. */
export interface CredentialEvidence {
  /** Its place in the presentation (whose JWT is stored with the application). */
  index: number;
  verified: boolean;
  credentialId?: string;
  issuer?: string;
  achievementId?: string;
  /** The failed checks, as the verifier reported them. */
  errors: Array<{ code?: string; message?: string }>;
}
