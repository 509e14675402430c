import { decodeBase64url, isJsonObject } from '@skillproof/core';
import { envelopedJwtOf, isEnvelope } from './formats/check-vc-jose-credential.js';
import type { CheckLog } from './verification-result.js';

/** A credential or presentation input, by how it is secured; nothing is verified yet. */
export type ReadInput =
  /** A compact JWS, with its outer JSON when it came in Veramo's normalized form. */
  | { kind: 'jwt'; jwt: string; typ?: unknown; outer?: Record<string, unknown> }
  /** A JSON-LD document secured by an embedded Data Integrity proof. */
  | { kind: 'data-integrity'; document: Record<string, unknown> };

const textDecoder = new TextDecoder();

/** The `typ` of a compact JWS's header, read without verifying anything; undefined if unreadable. */
function typOf(jwt: string): unknown {
  const end = jwt.indexOf('.');
  const bytes = end > 0 ? decodeBase64url(jwt.slice(0, end)) : undefined;
  if (!bytes) return undefined;
  try {
    const header: unknown = JSON.parse(textDecoder.decode(bytes));
    return isJsonObject(header) ? header['typ'] : undefined;
  } catch {
    return undefined;
  }
}

function jwtInput(jwt: string, outer?: Record<string, unknown>): ReadInput {
  const typ = typOf(jwt);
  return { kind: 'jwt', jwt, ...(typ === undefined ? {} : { typ }), ...(outer ? { outer } : {}) };
}

/**
 * Reads a credential or presentation within a size bound: a compact JWS, Veramo's normalized
 * JSON (`proof: {type: 'JwtProof2020', jwt}`), an `EnvelopedVerifiableCredential` (VCDM 2.0
 * §4.13, `data:application/vc+jwt,…`), or a JSON-LD document with a Data Integrity `proof`.
 * Anything else fails the `format` or `size` check.
 */
export function readInput(input: unknown, maxBytes: number, log: CheckLog): ReadInput | undefined {
  let size: number;
  if (typeof input === 'string') {
    size = Buffer.byteLength(input, 'utf8');
  } else if (isJsonObject(input)) {
    try {
      size = Buffer.byteLength(JSON.stringify(input), 'utf8');
    } catch {
      log.fail('format', 'FORMAT_INVALID', 'the input is not JSON');
      return undefined;
    }
  } else {
    log.fail('format', 'FORMAT_INVALID', 'expected a JWT string or a JSON object with a proof');
    return undefined;
  }
  if (size > maxBytes) {
    log.fail('size', 'TOO_LARGE', `the input is ${size} bytes; at most ${maxBytes} are accepted`);
    return undefined;
  }
  if (typeof input === 'string') {
    log.pass('format');
    return jwtInput(input);
  }
  if (isEnvelope(input)) {
    const jwt = envelopedJwtOf(input);
    if (jwt === undefined) {
      log.fail(
        'format',
        'FORMAT_INVALID',
        'an EnvelopedVerifiableCredential needs an id data:application/vc+jwt,<JWT>',
      );
      return undefined;
    }
    log.pass('format');
    return jwtInput(jwt);
  }
  const proof = input['proof'];
  if (isJsonObject(proof) && proof['type'] === 'JwtProof2020') {
    if (typeof proof['jwt'] !== 'string') {
      log.fail('format', 'FORMAT_INVALID', 'the object has no proof.jwt string');
      return undefined;
    }
    log.pass('format');
    return jwtInput(proof['jwt'], input);
  }
  const proofs: unknown[] = Array.isArray(proof) ? proof : [proof];
  if (
    proofs.length > 0 &&
    proofs.every((entry) => isJsonObject(entry) && typeof entry['type'] === 'string')
  ) {
    log.pass('format');
    return { kind: 'data-integrity', document: input };
  }
  log.fail('format', 'FORMAT_INVALID', 'the object has no proof with a type');
  return undefined;
}
