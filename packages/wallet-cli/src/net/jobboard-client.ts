import { SkillproofError } from '@skillproof/core';
import type { PresentationDefinition } from '../wallet/select-credentials.js';
import { requestJson, type FetchLike } from './request-json.js';

/** A requirement clause as the board publishes it (contract C), with its plain-words text. */
export interface PostingRequirement {
  id: string;
  type?: 'badge' | 'any-of' | 'skill';
  achievementId?: string;
  achievementIds?: string[];
  minScore?: number;
  /** How many of `achievementIds` an any-of clause needs. */
  count?: number;
  skillUrl?: string;
  description?: string;
}

/** A public posting. */
export interface PublicPosting {
  id: string;
  title: string;
  description?: string;
  requirements: PostingRequirement[];
  presentation_definition?: PresentationDefinition;
}

/** `POST /api/postings/:id/presentation-request`. */
export interface PresentationRequest {
  nonce: string;
  domain: string;
  presentation_definition: PresentationDefinition;
  expiresAt?: string;
  postingId?: string;
}

/** The board's decision on an application. */
export interface ApplicationDecision {
  id: string;
  postingId?: string;
  holder?: string;
  qualified: boolean;
  requirements: Array<{ id: string; met: boolean; reason: string; credentialId?: string }>;
  createdAt?: string;
}

/**
 * Splits a posting's address (`http://board/postings/<id>` or `…/api/postings/<id>`) into the
 * board's base URL and the posting id.
 *
 * @throws SkillproofError `VALIDATION_FAILED` when it is not a posting address.
 * @example
 * ```ts
 * parsePostingUrl('http://localhost:4300/postings/abc'); // { base: 'http://localhost:4300', postingId: 'abc' }
 * ```
 */
export function parsePostingUrl(text: string): { base: string; postingId: string } {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new SkillproofError(
      'VALIDATION_FAILED',
      `"${text}" is not a URL; give the posting's address, e.g. http://localhost:4300/postings/<id>`,
    );
  }
  const match = /^(.*?)\/(?:api\/)?postings\/([^/]+)\/?$/.exec(url.pathname);
  if (!match || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new SkillproofError(
      'VALIDATION_FAILED',
      `${text} is not a posting address (…/postings/<id>); list them with \`skillproof jobs <board URL>\``,
    );
  }
  return { base: `${url.origin}${match[1]}`, postingId: decodeURIComponent(match[2] as string) };
}

/**
 * The job board's public API.
 *
 * @example
 * ```ts
 * const postings = await jobboardClient(fetch, 'http://localhost:4300').listPostings();
 * ```
 */
export function jobboardClient(fetcher: FetchLike, base: string) {
  const posting = (id: string) => `${base}/api/postings/${encodeURIComponent(id)}`;
  return {
    listPostings: async () =>
      (await requestJson<{ postings: PublicPosting[] }>(fetcher, `${base}/api/postings`)).postings,
    getPosting: (id: string) => requestJson<PublicPosting>(fetcher, posting(id)),
    requestPresentation: (id: string) =>
      requestJson<PresentationRequest>(fetcher, `${posting(id)}/presentation-request`, {
        method: 'POST',
        body: {},
      }),
    apply: (id: string, presentation: string) =>
      requestJson<ApplicationDecision>(fetcher, `${posting(id)}/applications`, {
        body: { presentation },
      }),
  };
}

/**
 * Lowest scores by descriptor id, for clauses that set one (the descriptor id is the clause id).
 *
 * @example
 * ```ts
 * minScoresOf(posting.requirements); // Map { 'r1' => 80 }
 * ```
 */
export function minScoresOf(requirements: readonly PostingRequirement[]): Map<string, number> {
  return new Map(
    requirements.flatMap((requirement) =>
      typeof requirement.minScore === 'number'
        ? [[requirement.id, requirement.minScore] as const]
        : [],
    ),
  );
}
