import { createPrivateKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { didKeyFromEd25519PublicKey, signEd25519Jwt, SkillproofError } from '@skillproof/core';

/** The private key as it is sealed (JWK, RFC 8037). Lives only inside sealed files and memory. */
export interface LearnerKeyJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  d: string;
}

/**
 * The learner's Ed25519 signing key and its did:key. The private key stays inside a Node
 * `KeyObject`; this object prints and serialises as its DID only.
 *
 * @example
 * ```ts
 * const key = LearnerKey.generate();
 * const jwt = key.signJwt({ iss: key.did });
 * ```
 */
export class LearnerKey {
  /** The did:key verification method: the key's own multibase (did:key v0.7 §3.1.2). */
  readonly kid: string;

  private constructor(
    readonly did: string,
    private readonly privateKey: KeyObject,
  ) {
    this.kid = `${did}#${did.slice('did:key:'.length)}`;
  }

  /** A new random key. */
  static generate(): LearnerKey {
    const { privateKey } = generateKeyPairSync('ed25519');
    return LearnerKey.fromKeyObject(privateKey);
  }

  /**
   * The key of a sealed JWK.
   *
   * @throws SkillproofError `CONFIGURATION_INVALID` when it is not an Ed25519 private JWK.
   */
  static fromJwk(jwk: unknown): LearnerKey {
    const fields = jwk as Partial<LearnerKeyJwk> | null;
    if (
      typeof fields !== 'object' ||
      fields === null ||
      fields.kty !== 'OKP' ||
      fields.crv !== 'Ed25519' ||
      typeof fields.d !== 'string' ||
      typeof fields.x !== 'string'
    ) {
      throw new SkillproofError('CONFIGURATION_INVALID', 'the sealed key is not an Ed25519 key');
    }
    let privateKey: KeyObject;
    try {
      privateKey = createPrivateKey({
        key: { kty: 'OKP', crv: 'Ed25519', x: fields.x, d: fields.d },
        format: 'jwk',
      });
    } catch {
      throw new SkillproofError('CONFIGURATION_INVALID', 'the sealed key is not an Ed25519 key');
    }
    return LearnerKey.fromKeyObject(privateKey);
  }

  private static fromKeyObject(privateKey: KeyObject): LearnerKey {
    const x = privateKey.export({ format: 'jwk' }).x as string;
    return new LearnerKey(didKeyFromEd25519PublicKey(Buffer.from(x, 'base64url')), privateKey);
  }

  /** The private JWK, for sealing only. */
  exportJwkForSealing(): LearnerKeyJwk {
    const { x, d } = this.privateKey.export({ format: 'jwk' });
    return { kty: 'OKP', crv: 'Ed25519', x: x as string, d: d as string };
  }

  /**
   * Signs a JWT payload as this DID (`alg: EdDSA`, RFC 8037, `kid` its verification method),
   * with `typ: JWT` unless the protocol names another (`openid4vci-proof+jwt`).
   *
   * @example
   * ```ts
   * const jwt = key.signJwt({ iss: key.did, nonce, aud: domain, vp });
   * const proof = key.signJwt({ aud, nonce, iat }, { typ: 'openid4vci-proof+jwt' });
   * ```
   */
  signJwt(payload: Record<string, unknown>, header: { typ?: string } = {}): string {
    return signEd25519Jwt(
      { alg: 'EdDSA', typ: header.typ ?? 'JWT', kid: this.kid },
      payload,
      this.privateKey,
    );
  }

  /**
   * A raw Ed25519 signature (64 bytes, RFC 8032) over `data`: what a Data Integrity proof
   * (`eddsa-rdfc-2022`) carries.
   *
   * @example
   * ```ts
   * const signature = key.sign(hashData); // Uint8Array(64)
   * ```
   */
  sign(data: Uint8Array): Uint8Array {
    return new Uint8Array(sign(null, data, this.privateKey));
  }

  /** The public key as a JWK (RFC 8037), what a verifier of this key's signatures reads. */
  publicJwk(): { kty: 'OKP'; crv: 'Ed25519'; x: string } {
    return { kty: 'OKP', crv: 'Ed25519', x: this.privateKey.export({ format: 'jwk' }).x as string };
  }

  toJSON(): { did: string } {
    return { did: this.did };
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `LearnerKey(${this.did})`;
  }
}
