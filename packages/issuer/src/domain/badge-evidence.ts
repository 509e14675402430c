import type { Badge } from '../catalog/catalog-types.js';

/** An Open Badges 3.0 `Evidence` (OB 3.0 §B.1.9). */
export interface BadgeEvidence {
  /** For the badge definition: its transparency log entry. */
  id?: string;
  type: ['Evidence'];
  name: string;
  description: string;
  genre: 'Assessment' | 'Transparency log entry' | 'Renewal';
}

/** The earlier badge a renewed one renews: its id and when it lapses. */
export interface RenewedCredential {
  /** `urn:uuid:…` */
  id: string;
  /** Its `expirationDate` / `validUntil`. */
  validUntil: string;
}

/**
 * The evidence a renewed badge carries of the badge it renews (issue 19): an OB 3.0 `Evidence`
 * (§B.1.9) whose `id` is the earlier credential's id, a URI as the schema asks. Evidence, not
 * VCDM 2.0 `relatedResource` (§5.3): that one promises a digest of a resource to fetch, and a
 * learner's earlier badge is not published anywhere to fetch.
 *
 * @example
 * ```ts
 * renewalEvidence({ id: 'urn:uuid:…', validUntil: '2032-01-15T10:00:00Z' }).id; // 'urn:uuid:…'
 * ```
 */
export function renewalEvidence(renews: RenewedCredential): BadgeEvidence {
  return {
    id: renews.id,
    type: ['Evidence'],
    name: 'Renews an earlier badge',
    description: `Renews the badge ${renews.id}, valid until ${renews.validUntil}, which stays valid until then: the learner passed the renewal test before it lapsed.`,
    genre: 'Renewal',
  };
}

/** Where a badge's definition was logged: the entry credentials issued under it point to. */
export interface LoggedDefinition {
  /** `<issuer>/log/entries/<leafIndex>`. */
  url: string;
  leafIndex: number;
  /** The log's origin. */
  origin: string;
}

/**
 * The evidence that points to the transparency log entry of the badge definition a badge was
 * issued under (issue 17): anyone can check its criteria weren't changed later.
 *
 * @example
 * ```ts
 * badgeDefinitionEvidence({ url: 'https://academy.example/log/entries/3', leafIndex: 3, origin: 'academy.example/log' });
 * ```
 */
export function badgeDefinitionEvidence(definition: LoggedDefinition): BadgeEvidence {
  return {
    id: definition.url,
    type: ['Evidence'],
    name: 'Badge definition in the transparency log',
    description: `Entry ${definition.leafIndex} of the transparency log ${definition.origin} records this badge's criteria and the rules of its test as they stood when it was issued.`,
    genre: 'Transparency log entry',
  };
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/**
 * The evidence a badge credential carries: a summary of the graded attempt, never the answers.
 *
 * @example
 * ```ts
 * badgeEvidence(badge, { score: 90, correct: 9, total: 10 }, 2).description;
 * // 'Attempt 2 at the micro-test of Git Basics, graded by the issuer: 9 of 10 tasks right, a score of 90%.'
 * ```
 */
export function badgeEvidence(
  badge: Badge,
  grade: { score: number; correct: number; total: number },
  attemptNumber: number | undefined,
  test: 'micro-test' | 'renewal test' = 'micro-test',
): BadgeEvidence {
  const attempt =
    attemptNumber === undefined
      ? `The ${test} of ${badge.name}`
      : `Attempt ${attemptNumber} at the ${test} of ${badge.name}`;
  return {
    type: ['Evidence'],
    name: 'Micro-test result',
    description: `${attempt}, graded by the issuer: ${grade.correct} of ${plural(grade.total, 'task')} right, a score of ${grade.score}%.`,
    genre: 'Assessment',
  };
}

/**
 * Every `evidence` entry of a badge credential, whichever VCDM it is built as: the graded attempt
 * (a renewal test's when it renews), the badge definition's log entry, and the badge it renews.
 */
export function badgeEvidenceList(
  badge: Badge,
  grade: { score: number; correct: number; total: number },
  options: { attemptNumber?: number; definition?: LoggedDefinition; renews?: RenewedCredential },
): BadgeEvidence[] {
  return [
    badgeEvidence(
      badge,
      grade,
      options.attemptNumber,
      options.renews ? 'renewal test' : 'micro-test',
    ),
    ...(options.definition ? [badgeDefinitionEvidence(options.definition)] : []),
    ...(options.renews ? [renewalEvidence(options.renews)] : []),
  ];
}

/**
 * The `result` a badge credential carries: its score, described by the achievement's `#score`
 * ResultDescription (contract B: a whole percent as a string).
 *
 * @example
 * ```ts
 * badgeResults('https://academy.example/achievements/git-basics', 90)[0].value; // '90'
 * ```
 */
export function badgeResults(
  achievementId: string,
  score: number,
): Array<{ type: ['Result']; resultDescription: string; value: string }> {
  return [{ type: ['Result'], resultDescription: `${achievementId}#score`, value: String(score) }];
}
