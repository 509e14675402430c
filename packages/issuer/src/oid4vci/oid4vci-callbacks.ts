import { createHash, randomBytes } from 'node:crypto';
import {
  decodeBase64url,
  didKeyFromEd25519PublicKey,
  encodeBase64url,
  didOf,
  ed25519KeyObject,
  ed25519PublicKeyFromDidKey,
  verifyEd25519,
} from '@skillproof/core';
import {
  clientAuthenticationAnonymous,
  HashAlgorithm,
  type CallbackContext,
  type Jwk,
  type JwtSigner,
} from '@openid4vc/oauth2';

/** The Ed25519 key a proof or token is signed with, as raw bytes and as did:key. */
export interface Ed25519Signer {
  publicKey: Uint8Array;
  did: string;
}

const nodeHashNames: Record<HashAlgorithm, string> = {
  [HashAlgorithm.Sha256]: 'sha256',
  [HashAlgorithm.Sha384]: 'sha384',
  [HashAlgorithm.Sha512]: 'sha512',
};

/** The public key of an Ed25519 `OKP` JWK, or `undefined` for any other key. */
export function ed25519PublicKeyOfJwk(jwk: Jwk | undefined): Uint8Array | undefined {
  if (jwk?.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') return undefined;
  if ('d' in jwk) return undefined;
  const publicKey = decodeBase64url(jwk.x);
  return publicKey?.length === 32 ? publicKey : undefined;
}

/**
 * The Ed25519 key a JWT's signer names: a `did:key` (the key id's DID; its fragment, when
 * there is one, must be the key's own multibase) or an Ed25519 JWK; `undefined` for anything
 * else (another DID method, another key type, an X.509 chain).
 */
export function ed25519SignerOf(signer: JwtSigner): Ed25519Signer | undefined {
  try {
    if (signer.method === 'did') {
      const did = didOf(signer.didUrl);
      const fragment = signer.didUrl.slice(did.length);
      if (fragment !== '' && fragment !== `#${did.slice('did:key:'.length)}`) return undefined;
      return { publicKey: ed25519PublicKeyFromDidKey(did), did };
    }
    if (signer.method === 'jwk') {
      const publicKey = ed25519PublicKeyOfJwk(signer.publicJwk);
      return publicKey && { publicKey, did: didKeyFromEd25519PublicKey(publicKey) };
    }
  } catch {
    return undefined;
  }
  return undefined;
}

/**
 * The callbacks `@openid4vc` calls, on node:crypto: SHA-2 hashes, random bytes, and EdDSA
 * (Ed25519) JWT verification for keys named by `did:key` or an `OKP` JWK; anything else is
 * reported unverified. The issuer signs no JWT through the library (its access tokens are
 * opaque, its credentials are signed by its own signer), so `signJwt` refuses.
 *
 * @example
 * ```ts
 * const issuer = new Openid4vciIssuer({ callbacks: oid4vciCallbacks() });
 * ```
 */
export function oid4vciCallbacks(): Omit<CallbackContext, 'decryptJwe' | 'encryptJwe'> {
  return {
    hash: (data, alg) => createHash(nodeHashNames[alg]).update(data).digest(),
    generateRandom: (byteLength) => randomBytes(byteLength),
    clientAuthentication: clientAuthenticationAnonymous(),
    signJwt: () => {
      throw new TypeError('the issuer signs no JWT through @openid4vc');
    },
    verifyJwt: (signer, jwt) => {
      const key = signer.alg === 'EdDSA' ? ed25519SignerOf(signer) : undefined;
      if (!key) return { verified: false };
      const [header, payload, signature] = jwt.compact.split('.');
      if (header === undefined || payload === undefined || signature === undefined) {
        return { verified: false };
      }
      const signatureBytes = decodeBase64url(signature);
      const verified =
        signatureBytes !== undefined &&
        verifyEd25519(
          Buffer.from(`${header}.${payload}`),
          signatureBytes,
          ed25519KeyObject(key.publicKey),
        );
      const signerJwk: Jwk = {
        kty: 'OKP',
        crv: 'Ed25519',
        x: encodeBase64url(key.publicKey),
      };
      return verified ? { verified: true, signerJwk } : { verified: false };
    },
  };
}
