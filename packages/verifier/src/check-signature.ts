import { verifyDidJws, type DecodedJwt } from '@skillproof/core';
import type { CheckLog } from './verification-result.js';

/**
 * The `jws` and `signature` checks: header (alg allow-list, no `crit`, `kid` of `iss`) and an
 * Ed25519 signature by the `iss` DID. Returns the decoded JWT when both pass.
 */
export function checkSignature(
  jwt: string,
  allowedAlgorithms: readonly string[],
  log: CheckLog,
): { decoded: DecodedJwt; did: string } | undefined {
  const result = verifyDidJws(jwt, { allowedAlgorithms });
  if (result.ok) {
    log.pass('jws');
    log.pass('signature');
    return { decoded: result.decoded, did: result.did };
  }
  if (result.code === 'SIGNATURE_INVALID' || result.code === 'DID_UNSUPPORTED') {
    log.pass('jws');
    log.fail('signature', result.code, result.message);
  } else {
    log.fail('jws', result.code, result.message);
  }
  return undefined;
}
