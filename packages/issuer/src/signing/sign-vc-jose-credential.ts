import {
  encodeBase64url,
  encodeJwtSigningInput,
  SkillproofError,
  vcContextV2,
} from '@skillproof/core';
import type { SignBytes } from './sign-bytes.js';

/** Options of {@link signVcJoseCredential}. */
export interface SignVcJoseCredentialOptions {
  /** The key's verification method, `did:key:z6Mk…#z6Mk…`, as the JWS header's `kid`. */
  kid: string;
  signBytes: SignBytes;
}

/**
 * Secures a VCDM 2.0 credential with JOSE (W3C VC-JOSE-COSE §3.1.1): a compact JWS whose
 * header is `{alg: 'EdDSA', typ: 'vc+jwt', kid}` and whose payload is the credential itself,
 * unchanged (no `vc` claim, no `iss`/`nbf` mapping as in VCDM 1.1 JWTs).
 *
 * @throws SkillproofError `VALIDATION_FAILED` when the credential's first `@context` is not the
 * VCDM 2.0 context (VCDM 2.0 §4.3), or it carries an embedded `proof`.
 * @throws TypeError when `kid` is empty.
 * @example
 * ```ts
 * const jws = await signVcJoseCredential(credential, {
 *   kid: `${did}#${did.slice('did:key:'.length)}`,
 *   signBytes: (data) => signBytesWithAgent(agent, identifier, data),
 * });
 * ```
 */
export async function signVcJoseCredential(
  credential: Record<string, unknown>,
  options: SignVcJoseCredentialOptions,
): Promise<string> {
  if (options.kid === '') throw new TypeError('kid is empty');
  const context = credential['@context'];
  if (!Array.isArray(context) || context[0] !== vcContextV2) {
    throw new SkillproofError(
      'VALIDATION_FAILED',
      `@context must be an array whose first entry is ${vcContextV2}`,
    );
  }
  if ('proof' in credential) {
    // VC-JOSE-COSE §3.1.1: the JWS secures the credential; an embedded proof would be another one.
    throw new SkillproofError('VALIDATION_FAILED', 'a vc+jwt credential carries no embedded proof');
  }
  const signingInput = encodeJwtSigningInput(
    { alg: 'EdDSA', typ: 'vc+jwt', kid: options.kid },
    credential,
  );
  const signature = await options.signBytes(new TextEncoder().encode(signingInput));
  return `${signingInput}.${encodeBase64url(signature)}`;
}
