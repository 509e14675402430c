import { isJsonObject, type W3cCredential } from '@skillproof/core';
import { issuerIdOf } from '../check-credential-content.js';
import { credentialSubjectsOf } from '../credential-subjects.js';

/** What requirements are decided on of a badge credential (contract B). */
export interface BadgeFacts {
  credentialId?: string;
  issuer: string;
  /** The name of the issuer's profile, when the credential gives one; shortened to 200 characters. */
  issuerName?: string;
  achievementId: string;
  /** The achievement's name, or its id when it has none; shortened to 200 characters. */
  name: string;
  /** `targetUrl` of each of the achievement's alignments. */
  alignmentUrls: string[];
  /** `targetName` of the alignments that give one, by `targetUrl`. */
  alignmentNames: ReadonlyMap<string, string>;
  /** The result score, an integer percent, when the badge carries a well-formed one. */
  score?: number;
  /**
   * When it was earned or renewed: its `validFrom` (VCDM 2.0), else its `issuanceDate` (VCDM 1.1;
   * a JWT's `nbf`, as the verifier read it), as epoch milliseconds.
   */
  earnedAt?: number;
}

/** A credential's `validFrom`, else `issuanceDate`, as epoch milliseconds, when it is a date. */
function earnedAtOf(credential: W3cCredential): number | undefined {
  const record = credential as Record<string, unknown>;
  for (const field of ['validFrom', 'issuanceDate']) {
    const value = record[field];
    if (typeof value !== 'string') continue;
    const time = Date.parse(value);
    if (Number.isFinite(time)) return time;
  }
  return undefined;
}

// Names come from credentials the applicant chose; keep reasons readable whatever they hold.
function shorten(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

// Contract B: the score is a decimal integer 0..100 written as a string.
const scoreText = /^(?:0|[1-9][0-9]?|100)$/;
const decimalText = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?$/;

/**
 * A result's value as a whole percent (rounded down, so a score is never overstated), read by its
 * Open Badges 3.0 `ResultDescription` (OB 3.0 §B.1.19): `Percent` is read as it is, a result type
 * with `valueMin` and `valueMax` is scaled into 0..100; other result types carry no score.
 */
function percentOf(value: unknown, description: Record<string, unknown>): number | undefined {
  if (typeof value !== 'string' || !decimalText.test(value.trim())) return undefined;
  const number = Number(value.trim());
  if (description['resultType'] === 'Percent') {
    return number >= 0 && number <= 100 ? Math.floor(number) : undefined;
  }
  const min = Number(description['valueMin']);
  const max = Number(description['valueMax']);
  if (!Number.isFinite(min) || !Number.isFinite(max) || max <= min) return undefined;
  if (number < min || number > max) return undefined;
  return Math.floor(((number - min) / (max - min)) * 100);
}

/**
 * The score of a badge: the `result` whose `resultDescription` is the achievement's `#score`
 * description (contract B), or else the first result described by one of the achievement's own
 * `resultDescription` entries that gives a percent (as 1EdTech's and DCC's badges describe
 * theirs); a badge whose results name no description at all is read from its first result, as
 * badges made before result descriptions were.
 */
function scoreOf(
  subject: Record<string, unknown>,
  achievement: Record<string, unknown>,
  achievementId: string,
): number | undefined {
  const results = Array.isArray(subject['result']) ? subject['result'].filter(isJsonObject) : [];
  const described = results.filter((result) => result['resultDescription'] !== undefined);
  if (described.length === 0) {
    const value = results[0]?.['value'];
    return typeof value === 'string' && scoreText.test(value) ? Number(value) : undefined;
  }
  const ours = described.find((entry) => entry['resultDescription'] === `${achievementId}#score`);
  if (ours) {
    const value = ours['value'];
    return typeof value === 'string' && scoreText.test(value) ? Number(value) : undefined;
  }
  const descriptions = Array.isArray(achievement['resultDescription'])
    ? achievement['resultDescription'].filter(isJsonObject)
    : [];
  for (const result of described) {
    const description = descriptions.find((entry) => entry['id'] === result['resultDescription']);
    const percent = description ? percentOf(result['value'], description) : undefined;
    if (percent !== undefined) return percent;
  }
  return undefined;
}

/**
 * The facts of an Open Badges 3.0 credential the requirements are decided on, or `undefined`
 * when it is not a badge (no `credentialSubject.achievement.id`).
 *
 * @example
 * ```ts
 * badgeFactsOf(result.credential)?.score; // 90
 * ```
 */
export function badgeFactsOf(credential: W3cCredential): BadgeFacts | undefined {
  // VCDM 2.0 §4.8: the subject may be a list; the badge is the first subject awarded one.
  const subject = credentialSubjectsOf(credential).find((entry) => {
    const awarded = entry['achievement'];
    return isJsonObject(awarded) && typeof awarded['id'] === 'string';
  });
  const achievement = subject?.['achievement'];
  if (!subject || !isJsonObject(achievement) || typeof achievement['id'] !== 'string')
    return undefined;
  const achievementId = achievement['id'];
  const issuer = issuerIdOf(credential) ?? '';
  const alignment = (Array.isArray(achievement['alignment']) ? achievement['alignment'] : [])
    .filter(isJsonObject)
    .filter((entry) => typeof entry['targetUrl'] === 'string');
  const score = scoreOf(subject, achievement, achievementId);
  const issuerName = typeof credential.issuer === 'string' ? undefined : credential.issuer['name'];
  const earnedAt = earnedAtOf(credential);
  return {
    ...(typeof credential.id === 'string' ? { credentialId: credential.id } : {}),
    issuer,
    ...(typeof issuerName === 'string' && issuerName.trim() !== ''
      ? { issuerName: shorten(issuerName.trim()) }
      : {}),
    achievementId,
    name: shorten(typeof achievement['name'] === 'string' ? achievement['name'] : achievementId),
    alignmentUrls: alignment.map((entry) => entry['targetUrl'] as string),
    alignmentNames: new Map(
      alignment.flatMap((entry) =>
        typeof entry['targetName'] === 'string'
          ? [[entry['targetUrl'] as string, shorten(entry['targetName'])] as const]
          : [],
      ),
    ),
    ...(score === undefined ? {} : { score }),
    ...(earnedAt === undefined ? {} : { earnedAt }),
  };
}
