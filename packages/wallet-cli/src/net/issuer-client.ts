import {
  isJsonObject,
  SkillproofError,
  type IssuedFormat,
  type IssuerProfile,
  type LearnerProgress,
  type PassRule,
  type PracticeDeck,
  type PracticeItem,
  type PublicBadge,
  type PublicCatalog,
  type PublicTask,
} from '@skillproof/core';
import type { LearnerKey } from '../wallet/learner-key.js';
import { printable } from '../terminal/output.js';
import { signPresentation } from '../wallet/sign-presentation.js';
import { isSameService } from './same-service.js';
import { requestJson, type FetchLike } from './request-json.js';

export type { PassRule, PublicTask };

/**
 * A badge on offer (`GET /catalog`), as core's contract declares it; issuers from before pass
 * rules had a kind send `{minScore}` alone, and issuers from before formats list none (they
 * award `jwt_vc_json` only).
 */
export type CatalogBadge = Omit<PublicBadge, 'passRule' | 'formats'> & {
  passRule: PassRule | { kind?: undefined; minScore: number };
  formats?: IssuedFormat[];
};

/** An issuer's catalogue. */
export interface Catalog extends Omit<PublicCatalog, 'badges'> {
  badges: CatalogBadge[];
}

/** `POST /attempts`. */
export interface StartedAttempt {
  attemptId: string;
  badge: string;
  tasks: PublicTask[];
  expiresAt: string;
  attemptNumber?: number;
  attemptsLeft?: number;
  /** A renewal test: the badge a pass renews, and when it lapses. */
  renewal?: { renews: string; lapsesAt: string };
}

/** `POST /attempts/:id/answers`. */
export interface GradedAttempt {
  attemptId?: string;
  badge?: string;
  passed: boolean;
  score: number;
  correct: number;
  total: number;
  attemptsLeft?: number;
  nextAttemptAt?: string | null;
  verifiableCredential?: unknown;
  /** On a pass, the format of `verifiableCredential`. */
  format?: IssuedFormat;
  /** On a pass: `issued` now, or `kept`, the badge the learner held already, in its own format. */
  award?: 'issued' | 'kept';
  /** On a renewal test's pass: the id of the earlier badge the new one renews. */
  renewed?: string;
  /** On a pass, the issuer's transparency-log receipt of the badge (read by the wallet). */
  transparencyReceipt?: unknown;
}

/**
 * The formats a badge is awarded in: those its catalogue entry lists, or `jwt_vc_json` alone
 * from an issuer that lists none (one from before formats).
 *
 * @example
 * ```ts
 * awardFormats({ ...badge, formats: ['ldp_vc'] }); // ['ldp_vc']
 * ```
 */
export function awardFormats(badge: Pick<CatalogBadge, 'formats'>): readonly IssuedFormat[] {
  return Array.isArray(badge.formats) ? badge.formats : ['jwt_vc_json'];
}

export type { LearnerProgress };

/**
 * The pass rule in words: "100%" or "80%".
 *
 * @example
 * ```ts
 * passMark({ kind: 'min-score', minScore: 80 }); // '80%'
 * ```
 */
export function passMark(rule: CatalogBadge['passRule']): string {
  if ('kind' in rule && rule.kind === 'all') return 'all right';
  return `${(rule as { minScore: number }).minScore}%`;
}

/**
 * A signed-in session with one issuer (DID-auth: the wallet signs the issuer's challenge in a
 * presentation whose `nonce` is the challenge and `aud` the issuer's domain).
 *
 * @example
 * ```ts
 * const issuer = await signInToIssuer(fetch, 'http://localhost:4100', key, new Date());
 * const attempt = await issuer.startAttempt('git-basics');
 * ```
 */
export async function signInToIssuer(
  fetcher: FetchLike,
  issuerUrl: string,
  key: LearnerKey,
  now: Date,
) {
  const challenge = await requestJson<{ challenge: string; domain: string }>(
    fetcher,
    `${issuerUrl}/auth/challenge`,
    { body: { did: key.did } },
  );
  // DID-auth asks no question, so a challenge for another site is refused, never signed.
  if (typeof challenge?.challenge !== 'string' || !isSameService(issuerUrl, challenge.domain)) {
    throw new SkillproofError(
      'UPSTREAM_FAILED',
      `${issuerUrl} asks you to sign in for ${printable(String(challenge?.domain))}, not for itself; nothing was signed. Use that issuer's own address with --issuer if you trust it`,
    );
  }
  const presentation = signPresentation(key, {
    credentials: [],
    challenge: challenge.challenge,
    domain: challenge.domain,
    now,
  });
  const { token } = await requestJson<{ token: string }>(fetcher, `${issuerUrl}/auth/token`, {
    body: { presentation },
  });
  return {
    startAttempt: (badge: string, options: { renewal?: boolean } = {}) =>
      requestJson<StartedAttempt>(fetcher, `${issuerUrl}/attempts`, {
        body: options.renewal === true ? { badge, renewal: true } : { badge },
        token,
      }),
    submitAnswers: (attemptId: string, answers: Record<string, string>, format: IssuedFormat) =>
      requestJson<GradedAttempt>(
        fetcher,
        `${issuerUrl}/attempts/${encodeURIComponent(attemptId)}/answers`,
        { body: { answers, format }, token },
      ),
    progress: () =>
      requestJson<LearnerProgress>(fetcher, `${issuerUrl}/learners/me/progress`, { token }),
  };
}

/**
 * Fetches an issuer's catalogue.
 *
 * @example
 * ```ts
 * const { issuer, badges } = await fetchCatalog(fetch, 'http://localhost:4100');
 * ```
 */
export async function fetchCatalog(fetcher: FetchLike, issuerUrl: string): Promise<Catalog> {
  const catalog = await requestJson<Catalog>(fetcher, `${issuerUrl}/catalog`);
  // Read as far as the wallet relies on it: another shape is the issuer's failure, said so.
  const fits =
    isJsonObject(catalog) &&
    isJsonObject(catalog.issuer) &&
    typeof catalog.issuer.id === 'string' &&
    typeof catalog.issuer.name === 'string' &&
    Array.isArray(catalog.badges) &&
    catalog.badges.every(
      (badge) =>
        isJsonObject(badge) &&
        typeof badge.id === 'string' &&
        typeof badge.name === 'string' &&
        Array.isArray(badge.tasks),
    );
  if (!fits) {
    throw new SkillproofError(
      'UPSTREAM_FAILED',
      `${issuerUrl} did not answer with a catalogue; is it a Skillproof issuer?`,
    );
  }
  return catalog;
}

/**
 * Fetches an issuer's public profile.
 *
 * @example
 * ```ts
 * const { id, name } = await fetchIssuerProfile(fetch, 'http://localhost:4100');
 * ```
 */
export async function fetchIssuerProfile(
  fetcher: FetchLike,
  issuerUrl: string,
): Promise<IssuerProfile> {
  const profile = await requestJson<IssuerProfile>(fetcher, `${issuerUrl}/issuer`);
  if (
    !isJsonObject(profile) ||
    typeof profile.id !== 'string' ||
    !profile.id.startsWith('did:') ||
    typeof profile.name !== 'string'
  ) {
    throw new SkillproofError(
      'UPSTREAM_FAILED',
      `${issuerUrl}/issuer is not an issuer profile (a DID and a name); is it a Skillproof issuer?`,
    );
  }
  return profile;
}

function isPracticeItem(value: unknown): value is PracticeItem {
  if (!isJsonObject(value) || typeof value.id !== 'string' || typeof value.prompt !== 'string') {
    return false;
  }
  if (value.explanation !== undefined && typeof value.explanation !== 'string') return false;
  if (value.kind === 'quiz') {
    return (
      typeof value.answer === 'string' &&
      Array.isArray(value.choices) &&
      value.choices.every(
        (choice) =>
          isJsonObject(choice) && typeof choice.id === 'string' && typeof choice.text === 'string',
      ) &&
      value.choices.some((choice) => isJsonObject(choice) && choice.id === value.answer)
    );
  }
  return (
    value.kind === 'short-answer' &&
    (value.answerFormat === undefined || typeof value.answerFormat === 'string') &&
    Array.isArray(value.acceptedAnswers) &&
    value.acceptedAnswers.length > 0 &&
    value.acceptedAnswers.every((answer) => typeof answer === 'string')
  );
}

/**
 * Fetches a badge's practice items (`GET /catalog/<badge>/practice`), with their answers.
 *
 * @throws SkillproofError `UPSTREAM_FAILED` when the issuer can't be reached or refuses (a 404
 * for a badge it does not offer: see `upstreamErrorDetails`), or answers something else than
 * practice items.
 * @example
 * ```ts
 * const deck = await fetchPracticeDeck(fetch, 'http://localhost:4100', 'git-basics');
 * ```
 */
export async function fetchPracticeDeck(
  fetcher: FetchLike,
  issuerUrl: string,
  badge: string,
): Promise<PracticeDeck> {
  const deck = await requestJson<PracticeDeck>(
    fetcher,
    `${issuerUrl}/catalog/${encodeURIComponent(badge)}/practice`,
  );
  const fits =
    isJsonObject(deck) &&
    deck.badge === badge &&
    typeof deck.achievementId === 'string' &&
    typeof deck.name === 'string' &&
    Array.isArray(deck.items) &&
    deck.items.every(isPracticeItem) &&
    new Set(deck.items.map((item) => item.id)).size === deck.items.length;
  if (!fits) {
    throw new SkillproofError(
      'UPSTREAM_FAILED',
      `${issuerUrl} did not answer with the practice items of ${printable(badge)}; is it a Skillproof issuer?`,
    );
  }
  return deck;
}
