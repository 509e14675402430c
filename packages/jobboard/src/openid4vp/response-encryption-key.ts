import { createECDH, createPrivateKey, hkdfSync, type KeyObject } from 'node:crypto';
import type { Openid4vpSettings } from './openid4vp-settings.js';

/** A request's key for encrypted responses: the public JWK it names, the private key it opens with. */
export interface ResponseEncryptionKey {
  publicJwk: {
    kty: 'EC';
    crv: 'P-256';
    x: string;
    y: string;
    kid: string;
    use: 'enc';
    alg: 'ECDH-ES';
  };
  privateKey: KeyObject;
}

/** The content encryptions the board reads (OpenID4VP 1.0 §8.3: A128GCM and A256GCM). */
export const responseEncryptionEncValues = ['A128GCM', 'A256GCM'] as const;

/**
 * The P-256 key a wallet encrypts its `direct_post.jwt` answer to OpenID4VP request `requestId`
 * with (OpenID4VP 1.0 §8.3, `ECDH-ES`): one key per request, derived from a secret of the board's
 * key and the request id (HKDF-SHA256), so that no key is stored and every instance of the board
 * derives the same one, and an answer to one request can never be opened as another's.
 *
 * @example
 * ```ts
 * const { publicJwk } = responseEncryptionKey(settings, request.id);
 * ```
 */
export function responseEncryptionKey(
  settings: Openid4vpSettings,
  requestId: string,
): ResponseEncryptionKey {
  const secret = settings.identity.secretFor('openid4vp response encryption');
  // A 32-byte string is a valid P-256 scalar unless it is 0 or >= n (odds about 2^-32): the
  // next counter is taken then.
  for (let counter = 0; ; counter++) {
    const d = Buffer.from(
      hkdfSync('sha256', secret, Buffer.alloc(0), `${requestId}\u0000${counter}`, 32),
    );
    const ecdh = createECDH('prime256v1');
    try {
      ecdh.setPrivateKey(d);
    } catch {
      continue;
    }
    const point = ecdh.getPublicKey();
    const x = point.subarray(1, 33).toString('base64url');
    const y = point.subarray(33, 65).toString('base64url');
    return {
      publicJwk: {
        kty: 'EC',
        crv: 'P-256',
        x,
        y,
        kid: 'response-encryption',
        use: 'enc',
        alg: 'ECDH-ES',
      },
      privateKey: createPrivateKey({
        key: { kty: 'EC', crv: 'P-256', x, y, d: d.toString('base64url') },
        format: 'jwk',
      }),
    };
  }
}
