/**
 * A job posting's requirements and the board's decision on an application: what the job board
 * publishes, what the wallet evaluates locally and what the applicant is told.
 */

/**
 * What every clause may add: that the badge be current, earned or renewed (its `validFrom`, or
 * `issuanceDate`) within the last `withinMonths` calendar months.
 */
export interface CurrencyRule {
  /** 1..120: the badge must have been earned or renewed within this many months. */
  withinMonths?: number;
}

/** A badge clause: a badge for `achievementId` from one of `acceptedIssuers`, optionally scored. */
export interface BadgeClause extends CurrencyRule {
  /** `r1`, `r2`, … in the order the employer gave them; also the submission requirement's group. */
  id: string;
  type: 'badge';
  achievementId: string;
  acceptedIssuers: string[];
  /** The least result score (integer percent, 0..100) the badge must carry. */
  minScore?: number;
}

/** Any `count` of the badges in `achievementIds`, each from one of `acceptedIssuers`. */
export interface AnyOfClause extends CurrencyRule {
  id: string;
  type: 'any-of';
  count: number;
  achievementIds: string[];
  acceptedIssuers: string[];
}

/** Any badge from one of `acceptedIssuers` whose achievement is aligned to `skillUrl`. */
export interface SkillClause extends CurrencyRule {
  id: string;
  type: 'skill';
  skillUrl: string;
  acceptedIssuers: string[];
}

/** One machine-checkable requirement of a posting. */
export type RequirementClause = BadgeClause | AnyOfClause | SkillClause;

/** A requirement as a posting shows it: the clause and the same in plain words. */
export type PostingRequirement = RequirementClause & {
  /** The clause in plain words, for people. */
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

/** Why a requirement was met or not, as a stable code (the reason says it in words). */
export type RequirementOutcomeCode =
  | 'met'
  | 'missing'
  | 'untrusted-issuer'
  | 'revoked'
  | 'suspended'
  | 'expired'
  | 'score-too-low'
  | 'too-old'
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
export interface ApplicationDecision {
  id: string;
  postingId: string;
  /** The DID that signed the presentation. */
  holder: string;
  qualified: boolean;
  requirements: RequirementOutcome[];
  checks: ApplicationCheck[];
  createdAt: string;
}
