/**
 * Every stable error code Skillproof reports, and the one table that maps each to an HTTP status.
 * Adding a code without a status fails the typecheck (`satisfies Record<ErrorCode, number>`).
 */
export const httpStatusByErrorCode = {
  /** The request body is not valid JSON. */
  MALFORMED_JSON: 400,
  /** The request is well-formed JSON but a field is missing or of the wrong type. */
  VALIDATION_FAILED: 400,
  /** The request body is larger than the service accepts. */
  PAYLOAD_TOO_LARGE: 413,
  /** The request body nests deeper, or holds more members, than the service reads. */
  BODY_TOO_COMPLEX: 400,
  /** The request body is of a media type (or encoding) this route does not read. */
  UNSUPPORTED_MEDIA_TYPE: 415,
  /** No credentials, or credentials that don't identify anyone. */
  UNAUTHORIZED: 401,
  /** Authenticated, but not allowed to act on this resource. */
  FORBIDDEN: 403,
  /** The addressed resource does not exist. */
  NOT_FOUND: 404,
  /** The request conflicts with the resource's state (e.g. an attempt already graded). */
  CONFLICT: 409,
  /** Too many requests, or a retry before its cooldown ends; the response carries `Retry-After`. */
  RATE_LIMITED: 429,
  /** A DID-auth challenge or presentation nonce that is unknown, expired or already used. */
  CHALLENGE_INVALID: 401,
  /** A presentation failed verification (signature, nonce, audience, holder). */
  PRESENTATION_REJECTED: 400,
  /** A credential failed verification. */
  CREDENTIAL_REJECTED: 400,
  /** A JWT that can't be parsed. */
  JWT_MALFORMED: 400,
  /** A DID whose method or key type Skillproof does not support. */
  DID_UNSUPPORTED: 400,
  /** The secret that encrypts private keys at rest does not open this key store. */
  KEY_SECRET_INVALID: 500,
  /** A bitcoin address that does not parse, or is for another network than the board's. */
  ADDRESS_INVALID: 400,
  /** An amount in satoshis that is not an integer, or is outside 1 .. 21e14 (BIP-21 amounts too). */
  AMOUNT_INVALID: 400,
  /** A paid task that can no longer be claimed or accepted: it is accepted, paid or cancelled. */
  TASK_NOT_OPEN: 409,
  /** A paid task whose claim was accepted already: only one claim is ever accepted. */
  TASK_ALREADY_ACCEPTED: 409,
  /** A payment recorded for a task that has no accepted claim yet. */
  TASK_NOT_ACCEPTED: 409,
  /** A paid task's completion credential, asked for before the task was paid. */
  TASK_NOT_PAID: 409,
  /** A paid task that was paid already: a second payment (or a cancellation) is refused. */
  TASK_ALREADY_PAID: 409,
  /** A paid task that was cancelled: it is neither claimed, accepted nor paid any more. */
  TASK_CANCELLED: 409,
  /** The same learner claims a paid task twice. */
  CLAIM_DUPLICATE: 409,
  /** An employer accepts a claim that was never made. */
  CLAIM_NOT_FOUND: 404,
  /** The coins offered to pay a task (their value less the fee) do not cover its reward. */
  FUNDS_INSUFFICIENT: 400,
  /** An output so small that nodes would not relay it (below the dust limit). */
  OUTPUT_DUST: 400,
  /** Bytes that are not a valid PSBT (BIP-174). */
  PSBT_INVALID: 400,
  /** A renewal asked for a badge the learner does not hold (never earned, revoked or suspended). */
  RENEWAL_NOT_HELD: 409,
  /** A renewal asked before the badge's renewal window opens (its last `renewalWindowDays`). */
  RENEWAL_NOT_DUE: 409,
  /** A renewal asked for a badge that has lapsed already: a normal attempt earns it again. */
  RENEWAL_LAPSED: 409,
  /** A renewal asked for a badge that never lapses (its `validityDays` is `null`). */
  RENEWAL_UNAVAILABLE: 409,
  /** Ledger entries that break double entry (postings not summing to zero, an overdraft). */
  LEDGER_INVALID: 500,
  /** The request is fine but the service is configured wrongly. */
  CONFIGURATION_INVALID: 500,
  /** A remote service answered with an error or not at all. */
  UPSTREAM_FAILED: 502,
  /**
   * Something the answer depends on (an issuer's status list or DID document) could not be
   * fetched just now: nothing was decided or recorded; the response carries `Retry-After`.
   */
  UPSTREAM_UNAVAILABLE: 503,
  /**
   * The service's database can't be reached just now (restarting, failing over, overloaded):
   * nothing was recorded; the response carries `Retry-After` and the request may be repeated.
   */
  SERVICE_UNAVAILABLE: 503,
  /** Anything not foreseen; its details never leave the process. */
  INTERNAL: 500,
} as const satisfies Record<string, number>;

/** A stable, machine-readable error code. */
export type ErrorCode = keyof typeof httpStatusByErrorCode;

/** All error codes, in table order. */
export const errorCodes = Object.keys(httpStatusByErrorCode) as ErrorCode[];
