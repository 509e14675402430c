import { checkCredential } from './check-credential.js';
import { checkCredentialStatus } from './status/check-credential-status.js';
import { checkTransparency } from './transparency/check-transparency.js';
import { type ResolvedPolicy, type VerificationPolicy } from './verification-policy.js';
import { resolvePolicy } from './resolve-policy.js';
import { CheckLog, type VerifyCredentialResult } from './verification-result.js';

/**
 * Verifies a JWT credential under `policy`: the JWS header and Ed25519 signature by the `iss`
 * DID, a well-formed `vc` payload whose issuer is `iss`, the outer JSON (if given) equal to the
 * signed payload, the validity period, the issuer's trust, and then its status lists (revoked,
 * suspended). Never throws for bad input.
 *
 * @example
 * ```ts
 * const statusLists = createStatusListResolver(); // keep one: it caches lists
 * const result = await verifyCredential(vc, { trustedIssuers: [{ did: issuerDid }], statusLists });
 * if (!result.verified) console.log(result.errors);
 * ```
 */
export async function verifyCredential(
  input: unknown,
  policy: VerificationPolicy = {},
): Promise<VerifyCredentialResult> {
  return verifyCredentialUnderPolicy(input, resolvePolicy(policy));
}

/** {@link verifyCredential} under a policy whose defaults are already filled in. */
export async function verifyCredentialUnderPolicy(
  input: unknown,
  policy: ResolvedPolicy,
): Promise<VerifyCredentialResult> {
  const log = new CheckLog();
  const checked = await checkCredential(input, policy, log);
  // The log is read only for a credential that passed its own checks (as status lists are).
  const sound = log.ok;
  if (checked.credentialStatus !== undefined && checked.issuer !== undefined) {
    // Status URLs come from the signed payload; they are fetched only for a credential that
    // passed every other check, so an untrusted signer can't make us fetch what it likes.
    if (log.ok) await checkCredentialStatus(checked.credentialStatus, checked.issuer, policy, log);
    else log.warn('credential status was not checked: the credential failed other checks');
  }
  if (policy.requireTransparency) {
    const { issuer } = checked;
    if (sound && issuer !== undefined) await checkTransparency({ ...checked, issuer }, policy, log);
    else log.warn('transparency was not checked: the credential failed other checks');
  }
  return {
    verified: log.ok,
    checks: log.checks,
    errors: log.errors,
    warnings: log.warnings,
    ...(checked.format ? { format: checked.format } : {}),
    ...(checked.credential ? { credential: checked.credential } : {}),
    ...(checked.jwt ? { jwt: checked.jwt } : {}),
  };
}
