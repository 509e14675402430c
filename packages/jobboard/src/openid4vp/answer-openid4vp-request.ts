import { parseOpenid4vpAuthorizationResponse } from '@openid4vc/openid4vp';
import { compactDecrypt } from 'jose';
import { isSkillproofError, type RequirementClause } from '@skillproof/core';
import {
  verifyPresentation,
  type StatusListResolver,
  type TransparencyLogResolver,
  type VerifyPresentationResult,
} from '@skillproof/verifier';
import { recordApplication } from '../domain/record-application.js';
import { transparencyPolicy } from '../domain/transparency-policy.js';
import { trustedIssuersForRequirements } from '../domain/trusted-issuers-for-requirements.js';
import type { Application } from '../jobboard-types.js';
import type { JobboardStore } from '../ports/jobboard-store.js';
import { openid4vpStatusUrl } from './create-openid4vp-request.js';
import { openOpenid4vpRequest } from './open-openid4vp-request.js';
import { Openid4vpError } from './openid4vp-error.js';
import { openid4vpRequestPayload } from './openid4vp-request-payload.js';
import { boardClientId, type Openid4vpSettings } from './openid4vp-settings.js';
import { responseEncryptionEncValues, responseEncryptionKey } from './response-encryption-key.js';

/** What {@link answerOpenid4vpRequest} needs. */
export interface AnswerOpenid4vpRequestDeps {
  store: JobboardStore;
  now: () => Date;
  statusLists: StatusListResolver;
  /** Loads issuers' log receipts for a posting that requires transparency. */
  transparencyLogs?: TransparencyLogResolver;
  openid4vp: Openid4vpSettings;
}

/** The board's answer to a wallet's `direct_post` (the `application` member is ours). */
export interface Openid4vpAnswer {
  redirect_uri: string;
  application: Pick<Application, 'id' | 'qualified'> & {
    requirements: Array<{ id: string; met: boolean; code: string; reason: string }>;
  };
}

/**
 * How many presentations one vp_token may hold, read before any is verified: as many as the
 * posting can need credentials (a wallet answers each credential query with its own
 * presentation: one per badge or skill clause, `count` per any-of clause), and at least 16.
 */
function maxPresentationsFor(requirements: readonly RequirementClause[]): number {
  const needed = requirements.reduce(
    (sum, clause) => sum + (clause.type === 'any-of' ? clause.count : 1),
    0,
  );
  return Math.max(16, needed);
}

const refusal = (description: string) => new Openid4vpError(400, 'invalid_request', description);

/**
 * Opens a `direct_post.jwt` answer (OpenID4VP 1.0 §8.3): a JWE by `ECDH-ES` to the request's own
 * key, with a content encryption the board offered. Anything else does not open.
 */
function responseDecrypter(settings: Openid4vpSettings, requestId: string) {
  return async (jwe: string) => {
    const key = responseEncryptionKey(settings, requestId);
    try {
      const { plaintext } = await compactDecrypt(jwe, key.privateKey, {
        keyManagementAlgorithms: ['ECDH-ES'],
        contentEncryptionAlgorithms: [...responseEncryptionEncValues],
      });
      return {
        decrypted: true as const,
        decryptionJwk: key.publicJwk,
        payload: new TextDecoder().decode(plaintext),
      };
    } catch {
      return { decrypted: false as const };
    }
  };
}

// The presentations of a DCQL vp_token (OpenID4VP 1.0 §8.1), each once: a wallet may answer
// several credential queries with the same presentation. The library refuses a plain answer to
// a request that asked for an encrypted one, and the other way round.
async function presentationsOf(
  body: Record<string, unknown>,
  payload: ReturnType<typeof openid4vpRequestPayload>,
  maxPresentations: number,
  decryptJwe: ReturnType<typeof responseDecrypter>,
): Promise<Array<string | Record<string, unknown>>> {
  let parsed;
  try {
    parsed = await parseOpenid4vpAuthorizationResponse({
      authorizationResponse: body,
      authorizationRequestPayload: payload,
      callbacks: {
        verifyJwt: () => ({ verified: false }),
        decryptJwe,
      },
    });
  } catch (error) {
    throw refusal(error instanceof Error ? error.message : 'the response does not parse');
  }
  if (parsed.type !== 'dcql') throw refusal('expected a vp_token answering the DCQL query');
  if (Object.keys(parsed.dcql.presentations).length === 0) {
    throw refusal('the vp_token holds no presentation');
  }
  const seen = new Set<string>();
  const presentations: Array<string | Record<string, unknown>> = [];
  for (const entries of Object.values(parsed.dcql.presentations)) {
    for (const entry of entries) {
      const key = typeof entry === 'string' ? entry : JSON.stringify(entry);
      if (seen.has(key)) continue;
      if (seen.size === maxPresentations) {
        throw refusal(`at most ${maxPresentations} presentations are read from one vp_token`);
      }
      seen.add(key);
      presentations.push(entry as string | Record<string, unknown>);
    }
  }
  return presentations;
}

/**
 * Answers a wallet's `direct_post` to OpenID4VP request `requestId` (OpenID4VP 1.0 §8.2; or its
 * `direct_post.jwt`, §8.3, opened with the request's own key): the
 * request must be open (unexpired, unanswered) and `state` its own; the `vp_token` is parsed by
 * `@openid4vc/openid4vp`, and every presentation in it verified by our verifier, bound to the
 * request's nonce and to the board's client_id as audience, each embedded credential verified
 * and bound to the one holder. The posting's requirements are then decided on the verified
 * credentials and the application recorded as every application is (`recordApplication`), the
 * request marked answered in the same transaction: of concurrent answers exactly one is decided.
 *
 * @throws Openid4vpError 400 `invalid_request` (wrong state, a presentation that does not verify,
 * a replay), 404/410 `invalid_request_uri` for an unknown, expired or answered request.
 * @example
 * ```ts
 * const answer = await answerOpenid4vpRequest(deps, requestId, req.body);
 * answer.application.qualified;
 * ```
 */
export async function answerOpenid4vpRequest(
  deps: AnswerOpenid4vpRequestDeps,
  requestId: string,
  body: Record<string, unknown>,
): Promise<Openid4vpAnswer> {
  const { request, posting } = await openOpenid4vpRequest(deps.store, requestId, deps.now());
  // An encrypted answer carries its state inside, where the library compares it.
  if (body['response'] === undefined && body['state'] !== request.state) {
    throw refusal('state does not match this request');
  }
  const payload = openid4vpRequestPayload(deps.openid4vp, request, posting);
  const presentations = await presentationsOf(
    body,
    payload,
    maxPresentationsFor(posting.requirements),
    responseDecrypter(deps.openid4vp, request.id),
  );
  const checkedAt = deps.now().toISOString();
  const results: VerifyPresentationResult[] = [];
  for (const presentation of presentations) {
    results.push(
      await verifyPresentation(presentation, {
        now: deps.now,
        challenge: request.nonce,
        domain: boardClientId(deps.openid4vp),
        // Looked up only: the nonce is consumed by the stored application.
        nonceStore: {
          consume: (nonce) => deps.store.isPresentationNonceOpen(nonce, posting.id, checkedAt),
        },
        trustedIssuers: trustedIssuersForRequirements(posting.requirements),
        statusLists: deps.statusLists,
        ...transparencyPolicy(posting, deps.transparencyLogs),
      }),
    );
  }
  const failed = results.find((result) => !result.presentationVerified || !result.holder);
  if (failed) {
    const failing = failed.errors[0] ?? failed.checks.find((check) => !check.ok);
    throw refusal(`a presentation did not verify: ${failing?.message ?? 'invalid'}`);
  }
  const holders = new Set(results.map((result) => result.holder));
  const [holder] = holders;
  if (holders.size !== 1 || holder === undefined) {
    throw refusal('the presentations were made by different holders');
  }
  const [first] = presentations;
  let application: Application;
  try {
    application = await recordApplication(
      deps,
      posting,
      {
        holder,
        credentials: results.flatMap((result) => result.credentials),
        checks: results.flatMap((result) => result.checks),
        // One JWT VP is kept as it is; several (one per credential query) as their JSON array,
        // which the employer's re-check reads credential by credential.
        presentationJwt:
          presentations.length === 1 && typeof first === 'string'
            ? first
            : JSON.stringify(presentations),
        nonce: request.nonce,
        checkedAt,
      },
      (record, now) => deps.store.insertOpenid4vpApplication(request.id, record, now),
    );
  } catch (error) {
    if (isSkillproofError(error) && error.code === 'CONFLICT') {
      throw refusal('this request was already answered');
    }
    throw error;
  }
  return {
    redirect_uri: openid4vpStatusUrl(deps.openid4vp, posting.id, request.id),
    application: {
      id: application.id,
      qualified: application.qualified,
      requirements: application.requirements.map((outcome) => ({
        id: outcome.id,
        met: outcome.met,
        code: outcome.code,
        reason: outcome.reason,
      })),
    },
  };
}
