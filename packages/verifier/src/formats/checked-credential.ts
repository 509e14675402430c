import type { W3cCredential } from '@skillproof/core';

/** How a credential is secured: the OpenID4VC format identifiers. */
export type CredentialFormat = 'jwt_vc_json' | 'vc+jwt' | 'ldp_vc';

/** What a credential's checks learned of it, as far as they could read it. */
export interface CheckedCredential {
  format?: CredentialFormat;
  /** The credential as its signed form says, once the signature checked out. */
  credential?: W3cCredential;
  /** The compact JWS, for the JWT formats. */
  jwt?: string;
  /** The issuer's DID, once the signature checked out. */
  issuer?: string;
  /** The signed `credentialStatus`, if any. */
  credentialStatus?: unknown;
  /** The earliest end of validity, in epoch seconds. */
  notAfterSeconds?: number;
}
