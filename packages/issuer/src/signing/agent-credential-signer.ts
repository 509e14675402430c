import {
  identifierSigningKey,
  signBytesWithAgent,
  signCredentialJwt,
  type ensureIdentifier,
  type SkillproofAgent,
} from '@skillproof/server/agent';
import type { CredentialSigner } from '../ports/credential-signer.js';
import {
  assertDataIntegritySignable,
  signDataIntegrityCredential,
} from './sign-data-integrity-credential.js';
import { signVcJoseCredential } from './sign-vc-jose-credential.js';

/** The issuer's Veramo identifier (its did:key or did:web and the references to its keys). */
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
  // A did:web key can be rotated by the admin command while the service runs: its identifier is
  // read afresh for each signature (one SQLite read), so the newest key signs at once.
  const current = identifier.did.startsWith('did:web:')
    ? () => agent.didManagerGet({ did: identifier.did })
    : () => Promise.resolve(identifier);
  const signWith = async () => {
    const now = await current();
    return {
      kid: identifierSigningKey(now).kid,
      signBytes: (data: Uint8Array) => signBytesWithAgent(agent, now, data),
    };
  };
  return {
    did: identifier.did,
    sign: async (credential) => signCredentialJwt(agent, await current(), credential),
    signDataIntegrity: async (credential) => {
      const { kid, signBytes } = await signWith();
      return signDataIntegrityCredential(credential as unknown as Record<string, unknown>, {
        verificationMethod: kid,
        created: new Date(),
        signBytes,
      });
    },
    assertDataIntegritySignable: (credential) =>
      assertDataIntegritySignable(credential as unknown as Record<string, unknown>),
    signVcJose: async (credential) => {
      const { kid, signBytes } = await signWith();
      return signVcJoseCredential(credential as unknown as Record<string, unknown>, {
        kid,
        signBytes,
      });
    },
  };
}
