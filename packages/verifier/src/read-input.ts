import { isJsonObject } from '@skillproof/core';
import type { CheckLog } from './verification-result.js';

/** The JWT of a credential or presentation input, and its outer JSON if it came as an object. */
export interface ReadInput {
  jwt: string;
  outer?: Record<string, unknown>;
}

/**
 * Accepts a compact JWT or Veramo's normalized JSON (`proof: {type: 'JwtProof2020', jwt}`)
 * within a size bound; anything else fails the `format` or `size` check.
 */
export function readInput(input: unknown, maxBytes: number, log: CheckLog): ReadInput | undefined {
  let jwt: unknown;
  let outer: Record<string, unknown> | undefined;
  let size: number;
  if (typeof input === 'string') {
    jwt = input;
    size = Buffer.byteLength(input, 'utf8');
  } else if (isJsonObject(input)) {
    outer = input;
    jwt = isJsonObject(input['proof']) ? input['proof']['jwt'] : undefined;
    try {
      size = Buffer.byteLength(JSON.stringify(input), 'utf8');
    } catch {
      log.fail('format', 'FORMAT_INVALID', 'the input is not JSON');
      return undefined;
    }
  } else {
    log.fail('format', 'FORMAT_INVALID', 'expected a JWT string or an object with proof.jwt');
    return undefined;
  }
  if (size > maxBytes) {
    log.fail('size', 'TOO_LARGE', `the input is ${size} bytes; at most ${maxBytes} are accepted`);
    return undefined;
  }
  if (typeof jwt !== 'string') {
    log.fail('format', 'FORMAT_INVALID', 'the object has no proof.jwt string');
    return undefined;
  }
  if (outer && isJsonObject(outer['proof']) && outer['proof']['type'] !== 'JwtProof2020') {
    log.fail('format', 'FORMAT_INVALID', 'proof.type must be JwtProof2020');
    return undefined;
  }
  log.pass('format');
  return outer ? { jwt, outer } : { jwt };
}
