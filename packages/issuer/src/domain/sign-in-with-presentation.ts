import { SkillproofError, verifyDidJws, isJsonObject } from '@skillproof/core';
import { hashToken } from '@skillproof/core';
import type { IssuerContext } from './issuer-context.js';
import { randomToken } from './random-token.js';
import { isoAfter } from './time.js';

/** How long a learner's session lasts. */
export const sessionLifetimeMs = 60 * 60 * 1000;

/** A learner's session: send `token` as `Authorization: Bearer <token>`. */
export interface LearnerSession {
  token: string;
  did: string;
  expiresAt: string;
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

function refuse(message: string): never {
  throw new SkillproofError('UNAUTHORIZED', message);
}

function refuseChallenge(message: string): never {
  throw new SkillproofError('CHALLENGE_INVALID', message);
}

/**
 * Step 2 of DID-auth: checks a JWT verifiable presentation that signs an issuer challenge
 * (`nonce`) for this issuer (`aud`), uses the challenge up, and opens a one-hour session for the
 * presentation's holder.
 *
 * @throws SkillproofError `UNAUTHORIZED` when the JWT is not a presentation validly signed by
 * the DID in `iss`; `CHALLENGE_INVALID` when its nonce is not an unused, unexpired challenge
 * issued to that DID, or its audience is not this issuer.
 * @example
 * ```ts
 * const { token } = await signInWithPresentation(ctx, vp.proof.jwt);
 * ```
 */
export async function signInWithPresentation(
  ctx: IssuerContext,
  presentation: string,
): Promise<LearnerSession> {
  const verified = verifyDidJws(presentation);
  if (!verified.ok) refuse(`the presentation is not validly signed: ${verified.message}`);
  const { did } = verified;
  const { payload } = verified.decoded;

  const vp = payload['vp'];
  if (!isJsonObject(vp) || !asArray(vp['type']).includes('VerifiablePresentation')) {
    refuse('the JWT holds no verifiable presentation (vp claim)');
  }
  if (vp['holder'] !== undefined && vp['holder'] !== did) {
    refuse('the presentation holder differs from its signer (iss)');
  }
  const now = ctx.now();
  const exp = payload['exp'];
  if (exp !== undefined && (typeof exp !== 'number' || exp * 1000 <= now.getTime())) {
    refuse('the presentation has expired');
  }
  // No `nbf` check: freshness comes from the challenge, which is single-use and lives five
  // minutes, and a wallet whose clock runs slightly ahead must still be able to sign in.

  const nonce = payload['nonce'];
  if (typeof nonce !== 'string') refuseChallenge('the presentation carries no challenge (nonce)');
  if (!asArray(payload['aud']).includes(ctx.domain)) {
    refuseChallenge(`the presentation is not addressed to ${ctx.domain} (aud)`);
  }
  const challenge = await ctx.store.findChallenge(nonce);
  const nowIso = now.toISOString();
  if (!challenge) refuseChallenge('unknown challenge');
  if (challenge.did !== did) refuseChallenge('the challenge was issued to another DID');
  if (challenge.consumedAt !== null) refuseChallenge('the challenge was used already');
  if (challenge.expiresAt <= nowIso) refuseChallenge('the challenge has expired');

  const token = randomToken();
  const expiresAt = isoAfter(now, sessionLifetimeMs);
  const opened = await ctx.store.consumeChallengeForSession(nonce, nowIso, {
    tokenHash: hashToken(token),
    did,
    createdAt: nowIso,
    expiresAt,
  });
  // Lost a race with another use of the same challenge.
  if (!opened) refuseChallenge('the challenge was used already');
  return { token, did, expiresAt };
}
