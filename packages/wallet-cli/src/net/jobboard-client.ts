import {
  isJsonObject,
  SkillproofError,
  type ApplicationDecision,
  type Posting,
  type PostingRequirement,
  type PresentationRequest,
} from '@skillproof/core';
import { requestJson, type FetchLike } from './request-json.js';

/** A public posting, as the board publishes it (`GET /api/postings/:id`). */
export type PublicPosting = Posting & { task?: PostingTask };

export type { ApplicationDecision, PostingRequirement, PresentationRequest };

/** A claim of a paid task, as the board answers it. */
export interface TaskClaim {
  id: string;
  learnerDid: string;
  address: string;
  claimedAt: string;
  status: string;
}

/** What a posting says when it is a paid task. */
export interface PostingTask {
  rewardSats: number;
  network: string;
  status: string;
  claims: number;
}

/** The board's answer to `POST /api/postings/:id/openid4vp-requests`. */
export interface Openid4vpRequestCreated {
  requestId: string;
  requestUri: string;
  /** `openid4vp://?client_id=…&request_uri=…`: what `present` answers. */
  link: string;
  expiresAt: string;
  statusUrl: string;
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
  // The board's answers are read as far as the wallet relies on them: an answer of another
  // shape is the board's failure, said so, not a crash in the wallet.
  const unexpected = (what: string) =>
    new SkillproofError(
      'UPSTREAM_FAILED',
      `${base} did not answer with ${what}; is it a Skillproof job board?`,
    );
  const checkedPosting = (answer: PublicPosting): PublicPosting => {
    if (
      !isJsonObject(answer) ||
      typeof answer.id !== 'string' ||
      typeof answer.title !== 'string' ||
      !Array.isArray(answer.requirements)
    ) {
      throw unexpected('a posting');
    }
    return answer;
  };
  const proofNonce = async (id: string) => {
    const answer = await requestJson<{ nonce?: unknown; domain?: unknown }>(
      fetcher,
      `${posting(id)}/presentation-request`,
      { method: 'POST', body: {} },
    );
    if (
      !isJsonObject(answer) ||
      typeof answer.nonce !== 'string' ||
      typeof answer.domain !== 'string'
    ) {
      throw unexpected('a presentation request');
    }
    return { nonce: answer.nonce, domain: answer.domain };
  };
  return {
    /** A single-use board nonce for this posting, to prove the wallet's DID on (paid tasks). */
    proofNonce,
    claimTask: async (
      id: string,
      body: { applicationId: string; address: string; presentation: string },
    ) => {
      const answer = await requestJson<TaskClaim>(fetcher, `${posting(id)}/claims`, {
        method: 'POST',
        body,
      });
      if (!isJsonObject(answer) || typeof answer.id !== 'string') throw unexpected('a claim');
      return answer;
    },
    collectTaskCredential: async (id: string, claimId: string, presentation: string) => {
      const answer = await requestJson<{ format?: unknown; credential?: unknown }>(
        fetcher,
        `${posting(id)}/claims/${encodeURIComponent(claimId)}/credential`,
        { method: 'POST', body: { presentation } },
      );
      if (!isJsonObject(answer) || typeof answer.credential !== 'string') {
        throw unexpected('a credential');
      }
      return answer.credential;
    },
    listPostings: async () => {
      const answer = await requestJson<{ postings: PublicPosting[] }>(
        fetcher,
        `${base}/api/postings`,
      );
      if (!isJsonObject(answer) || !Array.isArray(answer.postings)) throw unexpected('postings');
      return answer.postings.map(checkedPosting);
    },
    getPosting: async (id: string) =>
      checkedPosting(await requestJson<PublicPosting>(fetcher, posting(id))),
    requestOpenid4vp: async (id: string) => {
      const answer = await requestJson<Openid4vpRequestCreated>(
        fetcher,
        `${posting(id)}/openid4vp-requests`,
        { method: 'POST', body: {} },
      );
      if (
        !isJsonObject(answer) ||
        typeof answer.link !== 'string' ||
        typeof answer.requestUri !== 'string'
      ) {
        throw unexpected('an OpenID4VP request');
      }
      return answer;
    },
  };
}
