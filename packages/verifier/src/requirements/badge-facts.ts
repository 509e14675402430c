import { isJsonObject, type W3cCredential } from '@skillproof/core';

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
}

// Names come from credentials the applicant chose; keep reasons readable whatever they hold.
function shorten(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

// Contract B: the score is a decimal integer 0..100 written as a string.
const scoreText = /^(?:0|[1-9][0-9]?|100)$/;

/**
 * The score of a badge: the `result` whose `resultDescription` is the achievement's `#score`
 * description (contract B); a badge whose results name no description at all is read from its
 * first result, as badges made before result descriptions were.
 */
function scoreOf(subject: Record<string, unknown>, achievementId: string): number | undefined {
  const results = Array.isArray(subject['result']) ? subject['result'].filter(isJsonObject) : [];
  const described = results.filter((result) => result['resultDescription'] !== undefined);
  const result =
    described.length > 0
      ? described.find((entry) => entry['resultDescription'] === `${achievementId}#score`)
      : results[0];
  const value = result?.['value'];
  return typeof value === 'string' && scoreText.test(value) ? Number(value) : undefined;
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
  const subject = credential.credentialSubject;
  if (!isJsonObject(subject)) return undefined;
  const achievement = subject['achievement'];
  if (!isJsonObject(achievement) || typeof achievement['id'] !== 'string') return undefined;
  const achievementId = achievement['id'];
  const issuer = typeof credential.issuer === 'string' ? credential.issuer : credential.issuer.id;
  const alignment = (Array.isArray(achievement['alignment']) ? achievement['alignment'] : [])
    .filter(isJsonObject)
    .filter((entry) => typeof entry['targetUrl'] === 'string');
  const score = scoreOf(subject, achievementId);
  const issuerName = typeof credential.issuer === 'string' ? undefined : credential.issuer['name'];
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
  };
}
