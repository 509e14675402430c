import { checkDataIntegrityCredential } from './formats/check-data-integrity-credential.js';
import { checkJwtVcCredential } from './formats/check-jwt-vc-credential.js';
import type { CheckedCredential } from './formats/checked-credential.js';
import { checkVcJoseCredential, vcJoseTypes } from './formats/check-vc-jose-credential.js';
import { readInput } from './read-input.js';
import type { ResolvedPolicy } from './verification-policy.js';
import type { CheckLog } from './verification-result.js';

export type { CheckedCredential, CredentialFormat } from './formats/checked-credential.js';

/**
 * Every check of a credential but its status: the format and size, then by format — a VCDM 1.1
 * JWT (`jwt_vc_json`), a VC-JOSE `vc+jwt` (compact or enveloped), or a Data Integrity proof
 * (`ldp_vc`) — the signature by a key of the issuer's DID, the signed content, the validity
 * period and the issuer's trust. Records each check in `log`; never throws for bad input.
 */
export async function checkCredential(
  input: unknown,
  policy: ResolvedPolicy,
  log: CheckLog,
): Promise<CheckedCredential> {
  const read = readInput(input, policy.maxCredentialBytes, log);
  if (!read) return {};
  if (read.kind === 'data-integrity')
    return checkDataIntegrityCredential(read.document, policy, log);
  if (vcJoseTypes.has(read.typ) && !read.outer) return checkVcJoseCredential(read.jwt, policy, log);
  return checkJwtVcCredential(read.jwt, read.outer, policy, log);
}
