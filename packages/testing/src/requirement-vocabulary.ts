// The fixed words of requirement tests, so that the board's and the verifier's tests speak of the
// same issuers and badges: two did:key DIDs (well formed; no test holds their keys), their
// shortened forms as reasons print them, the test academy's achievement ids and a skill.

/** The first issuer a requirement accepts. */
export const issuerDidA = 'did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp';
/** A second issuer, accepted by some requirements and not by others. */
export const issuerDidB = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';
/** {@link issuerDidA} as words meant for people show a DID without a label. */
export const issuerDidAShort = 'did:key:z6MkiTBz…ooWp';
/** {@link issuerDidB} as words meant for people show a DID without a label. */
export const issuerDidBShort = 'did:key:z6MkhaXg…2doK';

/**
 * Achievement ids of the test academy.
 *
 * @example
 * ```ts
 * const { python, sql } = academyAchievements;
 * ```
 */
export const academyAchievements = {
  python: 'https://academy.test/achievements/python-problems-1',
  sql: 'https://academy.test/achievements/sql-basics',
  pandas: 'https://academy.test/achievements/pandas',
  git: 'https://academy.test/achievements/git-basics',
} as const;

/** A skill that badges align to (`skill` requirements name it). */
export const pythonSkillUrl = 'https://skills.test/python';
