import type { JwtVerifiableCredential, W3cCredential } from '@skillproof/core';

/**
 * Signs credentials as the issuer. The domain signs only through this; `createIssuer` builds it
 * on the issuer's Veramo agent and key (`createAgentCredentialSigner`).
 */
export interface CredentialSigner {
  /** The DID credentials are issued as: every credential's `issuer` must be it. */
  did: string;
  /**
   * Signs `credential` as a JWT (VCDM 1.1 JWT encoding, EdDSA) and returns it in Veramo's
   * normalized form, whose JSON is exactly what the JWT says.
   *
   * @throws SkillproofError `VALIDATION_FAILED` when the issuer is another DID or a date is not
   * a date.
   */
  sign(credential: W3cCredential): Promise<JwtVerifiableCredential>;
  /**
   * Signs `credential` (VCDM 2.0) with a Data Integrity proof, `eddsa-rdfc-2022`, by the
   * issuer's current key (`assertionMethod`).
   *
   * @throws SkillproofError `VALIDATION_FAILED` when it can't be canonicalized in safe mode (an
   * undefined term, an unknown context): nothing is signed.
   */
  signDataIntegrity(credential: W3cCredential): Promise<Record<string, unknown>>;
  /**
   * Refuses, before anything is reserved for it, a credential `signDataIntegrity` would refuse.
   *
   * @throws SkillproofError `VALIDATION_FAILED`.
   */
  assertDataIntegritySignable(credential: W3cCredential): Promise<void>;
  /** Signs `credential` (VCDM 2.0) as VC-JOSE `vc+jwt`; returns the compact JWS. */
  signVcJose(credential: W3cCredential): Promise<string>;
}
