import { SkillproofError } from '@skillproof/core';
import {
  createSkillproofAgent,
  didWebDocument,
  rotateWebIdentifierKey,
} from '@skillproof/server/agent';
import type { IssuerData } from '../open-issuer-data.js';

/** What `rotate-key` did: the DID, the key that signs from now on, and every key still listed. */
export interface RotatedKey {
  did: string;
  verificationMethod: string;
  /** Every verification method of the DID document, oldest first; the old ones still verify. */
  verificationMethods: string[];
}

/**
 * `admin rotate-key`: makes a new Ed25519 key for the issuer's did:web identity and publishes it
 * in its DID document; new credentials are signed with it (the running service reads the key
 * afresh for each signature), and the older keys stay under `assertionMethod`, so credentials
 * they signed still verify. Needs the key secret: the new key is sealed like the first.
 *
 * @throws SkillproofError `CONFIGURATION_INVALID` when the issuer has no did:web identity (it
 * was never started with `ISSUER_DID_METHOD=web`); `KEY_SECRET_INVALID` for a wrong secret.
 * @example
 * ```ts
 * const rotated = await rotateKeyCommand(openIssuerData(dataDir), keySecret);
 * ```
 */
export async function rotateKeyCommand(data: IssuerData, keySecret: string): Promise<RotatedKey> {
  const agent = await createSkillproofAgent({ db: data.db, keySecret });
  const identifiers = await agent.didManagerFind({ provider: 'did:web' });
  const [identifier] = identifiers;
  if (identifier === undefined || identifiers.length > 1) {
    throw new SkillproofError(
      'CONFIGURATION_INVALID',
      identifier === undefined
        ? 'this issuer has no did:web identity to rotate; start it once with ISSUER_DID_METHOD=web'
        : `this issuer has ${identifiers.length} did:web identities; rotate-key expects one`,
    );
  }
  const rotated = await rotateWebIdentifierKey(agent, identifier.did);
  const document = didWebDocument(rotated.identifier);
  return {
    did: identifier.did,
    verificationMethod: rotated.verificationMethod,
    verificationMethods: (document['verificationMethod'] as Array<{ id: string }>).map(
      (method) => method.id,
    ),
  };
}
