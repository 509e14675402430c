import type { IIdentifier } from '@veramo/core';
import { activeKeyOf, verificationMethodIdOf } from './web-identifier.js';

/** Which key of an identifier signs, and how a signature names it. */
export interface IdentifierSigningKey {
  /** The key's verification method, `did:…#z6Mk…`: a JWS `kid`, a proof's `verificationMethod`. */
  kid: string;
  /** The key's reference in the agent's key manager (`keyRef` of `keyManagerSign`). */
  keyRef: string;
}

/**
 * The Ed25519 key an identifier signs with (its newest, after a did:web key rotation) and its
 * verification method: did:key's one method is its key's multibase fragment (did:key §3.1.1),
 * and a did:web's methods are named the same way.
 *
 * @throws SkillproofError `CONFIGURATION_INVALID` when the identifier holds no Ed25519 key.
 * @example
 * ```ts
 * const { kid } = identifierSigningKey(await ensureIdentifier(agent, 'issuer'));
 * // 'did:key:z6Mk…#z6Mk…'
 * ```
 */
export function identifierSigningKey(identifier: IIdentifier): IdentifierSigningKey {
  const key = activeKeyOf(identifier);
  return { kid: verificationMethodIdOf(identifier.did, key), keyRef: key.kid };
}
