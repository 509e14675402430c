import { decodeBase64url, encodeBase64url } from './base64url.js';
import { SkillproofError } from './skillproof-error.js';

/** A JWS header as far as Skillproof reads it. */
export interface JwtHeader {
  alg?: unknown;
  kid?: unknown;
  typ?: unknown;
  crit?: unknown;
  [name: string]: unknown;
}

/** A JWT split into its parts; nothing here has been verified yet. */
export interface DecodedJwt {
  header: JwtHeader;
  payload: Record<string, unknown>;
  /** `base64url(header) "." base64url(payload)`: the bytes the signature covers. */
  signingInput: string;
  signature: Uint8Array;
}

const textDecoder = new TextDecoder('utf-8', { fatal: true });

function parseJsonObject(segment: string, part: string): Record<string, unknown> {
  const bytes = decodeBase64url(segment);
  if (!bytes) throw new SkillproofError('JWT_MALFORMED', `the JWT ${part} is not base64url`);
  let value: unknown;
  try {
    value = JSON.parse(textDecoder.decode(bytes));
  } catch {
    throw new SkillproofError('JWT_MALFORMED', `the JWT ${part} is not JSON`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SkillproofError('JWT_MALFORMED', `the JWT ${part} is not a JSON object`);
  }
  return value as Record<string, unknown>;
}

/**
 * Splits a compact JWS into header, payload and signature without verifying anything.
 *
 * @throws SkillproofError `JWT_MALFORMED` when it is not three base64url parts of JSON objects.
 * @example
 * ```ts
 * const { header, payload } = decodeJwt(jwt);
 * ```
 */
export function decodeJwt(jwt: unknown): DecodedJwt {
  if (typeof jwt !== 'string') throw new SkillproofError('JWT_MALFORMED', 'a JWT must be a string');
  const parts = jwt.split('.');
  if (parts.length !== 3) {
    throw new SkillproofError('JWT_MALFORMED', 'a JWT has three dot-separated parts');
  }
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  const header = parseJsonObject(headerPart, 'header');
  const payload = parseJsonObject(payloadPart, 'payload');
  const signature = decodeBase64url(signaturePart);
  if (!signature) throw new SkillproofError('JWT_MALFORMED', 'the JWT signature is not base64url');
  return { header, payload, signingInput: `${headerPart}.${payloadPart}`, signature };
}

/** Builds `base64url(JSON(header)) "." base64url(JSON(payload))`. */
export function encodeJwtSigningInput(header: object, payload: object): string {
  return `${encodeBase64url(JSON.stringify(header))}.${encodeBase64url(JSON.stringify(payload))}`;
}
