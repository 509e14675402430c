import type { IIdentifier, IKey } from '@veramo/core';
import { didKeyFromEd25519PublicKey, SkillproofError } from '@skillproof/core';
import { kmsName, type SkillproofAgent } from './create-agent.js';

/** `z6Mk…`: the multibase (base58btc, multicodec ed25519-pub) of an Ed25519 key. */
export function ed25519Multibase(key: Pick<IKey, 'publicKeyHex'>): string {
  return didKeyFromEd25519PublicKey(Buffer.from(key.publicKeyHex, 'hex')).slice('did:key:'.length);
}

/**
 * The verification method id of one of an identifier's keys: did:key's own `#z6Mk…` fragment,
 * and for any other DID the key's multibase too, so an id never changes once published.
 */
export function verificationMethodIdOf(did: string, key: Pick<IKey, 'publicKeyHex'>): string {
  return `${did}#${ed25519Multibase(key)}`;
}

/**
 * The key an identifier signs with now: its newest Ed25519 key (a rotation appends one; the
 * older ones stay listed so that what they signed still verifies).
 *
 * @throws SkillproofError `CONFIGURATION_INVALID` when it has no Ed25519 key.
 */
export function activeKeyOf(identifier: IIdentifier): IKey {
  const keys = identifier.keys.filter((candidate) => candidate.type === 'Ed25519');
  const key = keys.at(-1);
  if (!key) {
    throw new SkillproofError('CONFIGURATION_INVALID', `${identifier.did} has no Ed25519 key`);
  }
  return key;
}

/**
 * The did:web identifier `did` (`did:web:example.com`, `did:web:localhost%3A4100`), created with
 * an Ed25519 key in the agent's KMS on first use, the same one ever after.
 *
 * @example
 * ```ts
 * const identifier = await ensureWebIdentifier(agent, 'did:web:academy.example');
 * ```
 */
export async function ensureWebIdentifier(
  agent: SkillproofAgent,
  did: string,
): Promise<IIdentifier> {
  if (!did.startsWith('did:web:')) throw new TypeError(`${did} is not a did:web DID`);
  try {
    return await agent.didManagerGet({ did });
  } catch {
    return agent.didManagerCreate({
      provider: 'did:web',
      alias: did.slice('did:web:'.length),
      kms: kmsName,
      options: { keyType: 'Ed25519' },
    });
  }
}

/**
 * Rotates a did:web identifier's signing key: a new Ed25519 key is made in the KMS and appended
 * to the identifier, so its DID document lists it (and keeps the older ones under
 * `assertionMethod`: credentials they signed still verify), and new signatures use it.
 *
 * @example
 * ```ts
 * const { verificationMethod } = await rotateWebIdentifierKey(agent, 'did:web:academy.example');
 * ```
 */
export async function rotateWebIdentifierKey(
  agent: SkillproofAgent,
  did: string,
): Promise<{ identifier: IIdentifier; verificationMethod: string }> {
  if (!did.startsWith('did:web:')) {
    throw new SkillproofError('VALIDATION_FAILED', `only a did:web key is rotated; ${did} is not`);
  }
  const key = await agent.keyManagerCreate({ kms: kmsName, type: 'Ed25519' });
  await agent.didManagerAddKey({ did, key });
  const identifier = await agent.didManagerGet({ did });
  return { identifier, verificationMethod: verificationMethodIdOf(did, key) };
}

/**
 * The DID document of a did:web identifier (DID Core §5, did:web §3.2): every Ed25519 key as a
 * `Multikey` under `assertionMethod` and `authentication`, newest last.
 *
 * @example
 * ```ts
 * res.type('application/did+json').json(didWebDocument(identifier));
 * ```
 */
export function didWebDocument(identifier: IIdentifier): Record<string, unknown> {
  const methods = identifier.keys
    .filter((key) => key.type === 'Ed25519')
    .map((key) => ({
      id: verificationMethodIdOf(identifier.did, key),
      type: 'Multikey',
      controller: identifier.did,
      publicKeyMultibase: ed25519Multibase(key),
    }));
  const ids = methods.map((method) => method.id);
  return {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
    id: identifier.did,
    verificationMethod: methods,
    assertionMethod: ids,
    authentication: ids,
  };
}
