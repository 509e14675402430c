/**
 * Stable codes of failed verification checks. A client can rely on these; messages are for people.
 */
export const checkCodes = [
  'FORMAT_INVALID',
  'TOO_LARGE',
  'JWT_MALFORMED',
  'ALG_NOT_ALLOWED',
  'CRIT_UNSUPPORTED',
  'ISSUER_MISSING',
  'DID_UNSUPPORTED',
  'KID_MISMATCH',
  'SIGNATURE_INVALID',
  'PAYLOAD_INVALID',
  'ISSUER_MISMATCH',
  'PAYLOAD_MISMATCH',
  'NOT_YET_VALID',
  'EXPIRED',
  'ISSUER_UNTRUSTED',
  'HOLDER_NOT_SUBJECT',
  'NONCE_MISSING',
  'NONCE_MISMATCH',
  'NONCE_REPLAYED',
  'AUDIENCE_MISMATCH',
  'PRESENTATION_TOO_OLD',
  'NO_CREDENTIALS',
  'TOO_MANY_CREDENTIALS',
  'DUPLICATE_CREDENTIAL',
  'CREDENTIAL_INVALID',
] as const;

/** A stable code of a failed check. */
export type CheckCode = (typeof checkCodes)[number];
