// The job board's data as it crosses its edges (API bodies, stored rows, pages): plain types that
// import nothing, so the store, the domain, the HTTP API and the web pages can all share them.

/** An employer account: it authenticates with a bearer token that is stored only hashed. */
export interface Employer {
  id: string;
  name: string;
  /** The address it signs in to the web pages with; absent for an API-only employer. */
  email?: string;
  createdAt: string;
}

/** A badge clause: a badge for `achievementId` from one of `acceptedIssuers`, optionally scored. */
export interface BadgeClause {
  /** `r1`, `r2`, … in the order the employer gave them; also the submission requirement's group. */
  id: string;
  type: 'badge';
  achievementId: string;
  acceptedIssuers: string[];
  /** The least result score (integer percent, 0..100) the badge must carry. */
  minScore?: number;
}

/** Any `count` of the badges in `achievementIds`, each from one of `acceptedIssuers`. */
export interface AnyOfClause {
  id: string;
  type: 'any-of';
  count: number;
  achievementIds: string[];
  acceptedIssuers: string[];
}

/** Any badge from one of `acceptedIssuers` whose achievement is aligned to `skillUrl`. */
export interface SkillClause {
  id: string;
  type: 'skill';
  skillUrl: string;
  acceptedIssuers: string[];
}

/** One machine-checkable requirement of a posting. */
export type RequirementClause = BadgeClause | AnyOfClause | SkillClause;

/** A requirement as a posting shows it: the clause and the same in plain words. */
export type PostingRequirement = RequirementClause & {
  /** The clause in plain words, for people (see `describeRequirement`). */
  description: string;
};

/**
 * Display names an employer gave the ids its clauses use, so descriptions read as words. They
 * are labels only: nothing is decided on them.
 */
export interface RequirementLabels {
  /** Achievement id -> badge name. */
  achievements?: Record<string, string>;
  /** Issuer DID -> issuer name. */
  issuers?: Record<string, string>;
  /** Skill URL -> skill name. */
  skills?: Record<string, string>;
}

/** A DIF Presentation Exchange v2 field constraint, as far as the job board writes it. */
export interface PresentationDefinitionField {
  path: string[];
  filter: { type: 'string'; const?: string; enum?: string[]; pattern?: string };
}

/** A DIF Presentation Exchange v2 input descriptor. */
export interface InputDescriptor {
  id: string;
  name: string;
  purpose: string;
  /** The submission requirement it counts towards (PE v2 §5.1.1 `group`). */
  group: string[];
  constraints: { fields: PresentationDefinitionField[] };
}

/** A DIF Presentation Exchange v2 submission requirement: one per requirement clause. */
export interface SubmissionRequirement {
  name: string;
  purpose: string;
  rule: 'all' | 'pick';
  /** With `pick`: how many descriptors of the group must be answered. */
  min?: number;
  from: string;
}

/** A DIF Presentation Exchange v2 presentation definition. */
export interface PresentationDefinition {
  id: string;
  name: string;
  purpose: string;
  format: { jwt_vc: { alg: string[] }; jwt_vp: { alg: string[] } };
  submission_requirements: SubmissionRequirement[];
  input_descriptors: InputDescriptor[];
}

/** A job posting as the API shows it; public. */
export interface Posting {
  id: string;
  title: string;
  description: string;
  employerId: string;
  requirements: PostingRequirement[];
  /** The names the employer gave ids in its clauses (may be empty). */
  labels: RequirementLabels;
  presentation_definition: PresentationDefinition;
  createdAt: string;
}

/** What a wallet needs to answer a posting: a single-use nonce, the audience and the definition. */
export interface PresentationRequest {
  nonce: string;
  domain: string;
  presentation_definition: PresentationDefinition;
  expiresAt: string;
  postingId: string;
}

/** Why a requirement was met or not, as a stable code (the reason says it in words). */
export type RequirementOutcomeCode =
  | 'met'
  | 'missing'
  | 'untrusted-issuer'
  | 'revoked'
  | 'suspended'
  | 'expired'
  | 'score-too-low'
  | 'not-aligned'
  | 'not-enough'
  | 'invalid';

/** A credential a requirement's outcome is about. */
export interface OutcomeCredential {
  credentialId?: string;
  issuer: string;
  achievementId: string;
  /** The achievement's name as the credential gives it. */
  name: string;
  /** Its result score, when it carries one. */
  score?: number;
}

/** How one requirement fared against the credentials of an application, in plain words. */
export interface RequirementOutcome {
  id: string;
  type: RequirementClause['type'];
  /** The achievement a badge clause asks for (kept for clients of the first API). */
  achievementId?: string;
  met: boolean;
  code: RequirementOutcomeCode;
  reason: string;
  /** The (first) credential the reason is about, when there is one. */
  credentialId?: string;
  /** The issuer of that credential. */
  issuer?: string;
  /** Every credential that met the requirement, or the one the reason is about. */
  credentials: OutcomeCredential[];
}

/** One step of the verifier's log, as stored with an application. */
export interface ApplicationCheck {
  id: string;
  ok: boolean;
  code?: string;
  message?: string;
}

/** A decided application, as returned to the applicant. */
export interface Application {
  id: string;
  postingId: string;
  /** The DID that signed the presentation. */
  holder: string;
  qualified: boolean;
  requirements: RequirementOutcome[];
  checks: ApplicationCheck[];
  createdAt: string;
}

/** An application as its posting's employer lists it (the stored decision). */
export interface ApplicationSummary {
  id: string;
  postingId: string;
  holder: string;
  qualified: boolean;
  requirements: RequirementOutcome[];
  createdAt: string;
}

/** What re-checking a credential that met a requirement found now. */
export type CurrentStatus = 'valid' | 'revoked' | 'suspended' | 'expired' | 'unknown';

/** A requirement outcome with the status of its credentials as re-checked when viewed. */
export type RequirementOutcomeView = RequirementOutcome & {
  /** Only for a met requirement: whether its credentials still meet it, or the worst news. */
  currentStatus?: CurrentStatus;
};

/**
 * An application as its employer views it: the stored decision, never rewritten, and what
 * re-checking the status of its credentials found now (`currentStatus`, `flags`).
 */
export interface ApplicationView extends Omit<ApplicationSummary, 'requirements'> {
  requirements: RequirementOutcomeView[];
  /** Plain-words warnings: a credential revoked, suspended or expired since the application. */
  flags: string[];
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
