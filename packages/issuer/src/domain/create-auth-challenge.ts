import { ed25519PublicKeyFromDidKey } from '@skillproof/core';
import type { IssuerContext } from './issuer-context.js';
import { randomToken } from './random-token.js';
import { isoAfter } from './time.js';

/** How long a learner has to sign a challenge. */
export const challengeLifetimeMs = 5 * 60 * 1000;

/** What a learner signs to prove control of their DID. */
export interface AuthChallenge {
  /** Goes in the presentation's `nonce`. */
  challenge: string;
  /** Goes in the presentation's `aud`. */
  domain: string;
  expiresAt: string;
}

/**
 * Step 1 of DID-auth: a fresh single-use challenge bound to `did`, valid for five minutes.
 *
 * @throws SkillproofError `DID_UNSUPPORTED` unless `did` is a did:key with an Ed25519 key.
 * @example
 * ```ts
 * const { challenge, domain } = await createAuthChallenge(ctx, 'did:key:z6Mk…');
 * ```
 */
export async function createAuthChallenge(ctx: IssuerContext, did: string): Promise<AuthChallenge> {
  ed25519PublicKeyFromDidKey(did);
  const now = ctx.now();
  const challenge = randomToken();
  const expiresAt = isoAfter(now, challengeLifetimeMs);
  await ctx.store.saveChallenge({ challenge, did, createdAt: now.toISOString(), expiresAt });
  return { challenge, domain: ctx.domain, expiresAt };
}
