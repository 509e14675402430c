import { vcContextV1 } from '@skillproof/core';
import type { LearnerKey } from './learner-key.js';

/** What {@link signPresentation} signs. */
export interface SignPresentationOptions {
  /** Credential JWTs to carry; none for DID-auth. */
  credentials: string[];
  /** The verifier's challenge (`nonce`). */
  challenge: string;
  /** The verifier's domain (`aud`). */
  domain: string;
  now: Date;
}

/**
 * A JWT verifiable presentation (VCDM 1.1 §6.3.1: `vp` claim, `iss` = holder, `nonce`, `aud`)
 * signed by the learner. It lives five minutes: long enough to submit, too short to hoard.
 *
 * @example
 * ```ts
 * const jwt = signPresentation(key, { credentials: [], challenge, domain, now: new Date() });
 * ```
 */
export function signPresentation(key: LearnerKey, options: SignPresentationOptions): string {
  const issuedAt = Math.floor(options.now.getTime() / 1000);
  return key.signJwt({
    iss: key.did,
    aud: options.domain,
    nonce: options.challenge,
    iat: issuedAt,
    nbf: issuedAt,
    exp: issuedAt + 300,
    vp: {
      '@context': [vcContextV1],
      type: ['VerifiablePresentation'],
      holder: key.did,
      verifiableCredential: options.credentials,
    },
  });
}
