import type { BoardIdentity } from './board-identity.js';

/** What the board's OpenID4VP verifier is configured with. */
export interface Openid4vpSettings {
  identity: BoardIdentity;
  /** The board's public base URL without a trailing slash: request and response URIs start with it. */
  baseUrl: string;
  /** How long a request may be answered, in seconds. */
  ttlSeconds: number;
  /**
   * How wallets answer (OpenID4VP 1.0 §8.2, §8.3): `direct_post` (a form with the vp_token), or
   * `direct_post.jwt` (the same, encrypted to a key of the request). `direct_post` when left out.
   */
  responseMode?: Openid4vpResponseMode;
}

/** The response modes the board asks for. */
export type Openid4vpResponseMode = 'direct_post' | 'direct_post.jwt';

/**
 * The board's client_id: OpenID4VP 1.0 §5.9.3, the `decentralized_identifier` prefix and the
 * board's DID; the request object is signed by a key of that DID.
 *
 * @example
 * ```ts
 * boardClientId(settings); // 'decentralized_identifier:did:key:z6Mk…'
 * ```
 */
export function boardClientId(settings: Openid4vpSettings): string {
  return `decentralized_identifier:${settings.identity.did}`;
}
