/**
 * The Digital Credentials Query Language (OpenID for Verifiable Presentations 1.0 §6), as far as
 * Skillproof writes it: the job board derives one query per posting beside its Presentation
 * Exchange definition. Optional where the specification makes a property optional.
 */

/** A W3C Verifiable Credential format OpenID4VP 1.0 Appendix B.1 defines. */
export type DcqlW3cFormat = 'jwt_vc_json' | 'ldp_vc';

/** A claims query (§6.3): a claims path pointer (§7) and, optionally, the values it may hold. */
export interface DcqlClaimsQuery {
  id?: string;
  /** Keys, array indexes, or `null` for every element of an array. */
  path: Array<string | number | null>;
  values?: Array<string | number | boolean>;
}

/** A Trusted Authorities Query (§6.1.1). */
export interface DcqlTrustedAuthoritiesQuery {
  type: string;
  values: string[];
}

/** A credential query (§6.1) for a W3C Verifiable Credential. */
export interface DcqlCredentialQuery {
  /** Alphanumerics, `_` and `-` only; unique in the query. */
  id: string;
  format: DcqlW3cFormat;
  multiple?: boolean;
  /** Appendix B.1.1: the fully expanded types, one alternative per inner array. */
  meta: { type_values: string[][] };
  trusted_authorities?: DcqlTrustedAuthoritiesQuery[];
  require_cryptographic_holder_binding?: boolean;
  claims?: DcqlClaimsQuery[];
  claim_sets?: string[][];
}

/** A credential set query (§6.2): one of `options` (lists of credential query ids) is asked for. */
export interface DcqlCredentialSetQuery {
  options: string[][];
  /** Default `true`. */
  required?: boolean;
  /** Not in OpenID4VP 1.0; wallets ignore unknown properties (§6). */
  purpose?: string;
}

/** A DCQL query (§6): the credentials asked for, and which combinations of them answer it. */
export interface DcqlQuery {
  credentials: DcqlCredentialQuery[];
  credential_sets?: DcqlCredentialSetQuery[];
}
