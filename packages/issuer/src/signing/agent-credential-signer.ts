import {
  signCredentialJwt,
  type ensureIdentifier,
  type SkillproofAgent,
} from '@skillproof/server/agent';
import type { CredentialSigner } from '../ports/credential-signer.js';

/** The issuer's Veramo identifier (its did:key and the reference to its key). */
export type IssuerIdentifier = Awaited<ReturnType<typeof ensureIdentifier>>;

/**
 * The {@link CredentialSigner} of an issuer whose key lives in a Veramo agent's encrypted KMS.
 *
 * @example
 * ```ts
 * const signer = createAgentCredentialSigner(agent, await ensureIdentifier(agent, 'issuer'));
 * const vc = await signer.sign(unsignedCredential);
 * ```
 */
export function createAgentCredentialSigner(
  agent: SkillproofAgent,
  identifier: IssuerIdentifier,
): CredentialSigner {
  return {
    did: identifier.did,
    sign: (credential) => signCredentialJwt(agent, identifier, credential),
  };
}
