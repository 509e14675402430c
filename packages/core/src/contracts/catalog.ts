import type { IssuedFormat, IssuerProfile } from '../credential-types.js';

/**
 * The issuer's public catalogue (`GET /catalog`), as the wallet and the job board read it: the
 * badges on offer and their micro-tests, never an answer.
 */

/** One answer option of a quiz question; its `id` never changes, only its position does. */
export interface QuizChoice {
  id: string;
  text: string;
}

/** A task as learners see it: no answer. A puzzle carries `input` only inside an attempt. */
export type PublicTask =
  | { id: string; kind: 'quiz'; prompt: string; choices: QuizChoice[] }
  | { id: string; kind: 'puzzle'; prompt: string; answerFormat: string; input?: string }
  | { id: string; kind: 'short-answer'; prompt: string; answerFormat?: string };

/** When a badge is earned: every task right, or a score (percent right) of at least `minScore`. */
export type PassRule = { kind: 'all' } | { kind: 'min-score'; minScore: number };

/** An Open Badges 3.0 `Alignment` of a badge to a skill. */
export interface BadgeAlignment {
  type: ['Alignment'];
  targetName: string;
  targetUrl: string;
  targetDescription?: string;
  targetFramework?: string;
  targetCode?: string;
}

/** How a badge that lapses is renewed: see {@link PublicBadge.renewal}. */
export interface BadgeRenewalRule {
  /** The renewal window: the last this many days of a badge's validity. */
  windowDays: number;
  /** How many of the badge's graded tasks a renewal test asks. */
  items: number;
}

/** A badge as the catalogue lists it. */
export interface PublicBadge {
  /** The issuer's slug for it, e.g. `git-basics`. */
  id: string;
  /** The Open Badges `Achievement` id its credentials carry. */
  achievementId: string;
  name: string;
  description: string;
  criteria: { narrative: string };
  /** URL of the SVG image. */
  image: string;
  alignment: BadgeAlignment[];
  passRule: PassRule;
  maxAttempts: number;
  cooldownSeconds: number;
  /** How long a credential stays valid; `null`: it does not expire. */
  validityDays: number | null;
  /**
   * The renewal test of a badge that lapses: in its last `windowDays` a holder may pass `items`
   * of its graded tasks for a renewed badge (`POST /attempts` `{badge, renewal: true}`); `null`
   * for a badge that never lapses. Unset from issuers that predate renewals.
   */
  renewal?: BadgeRenewalRule | null;
  /** The formats a passed attempt can be awarded in (`POST /attempts/:id/answers` `format`). */
  formats: IssuedFormat[];
  tasks: PublicTask[];
}

/** `GET /catalog`. */
export interface PublicCatalog {
  issuer: IssuerProfile;
  badges: PublicBadge[];
}
