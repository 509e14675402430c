import { decodeJwt } from '@skillproof/core';

/**
 * The nonce a JWT presentation claims, read unverified only to know which one to expect; the
 * verifier then checks it against the holder's signature. `undefined` for anything unreadable.
 *
 * @example
 * ```ts
 * const nonce = claimedNonce(presentationJwt);
 * ```
 */
export function claimedNonce(jwt: string): string | undefined {
  try {
    const nonce = decodeJwt(jwt).payload['nonce'];
    return typeof nonce === 'string' ? nonce : undefined;
  } catch {
    return undefined;
  }
}
