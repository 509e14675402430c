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
}
