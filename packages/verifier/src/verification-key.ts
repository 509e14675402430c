import type { KeyObject } from 'node:crypto';
import { didOf, isSkillproofError, publicKeyObjectForDidKey } from '@skillproof/core';
import type { CheckCode } from './check-codes.js';

/** A verification method's Ed25519 key, found in its controller's DID document. */
export interface ResolvedVerificationKey {
  /** The verification method's full DID URL. */
  id: string;
  /** The DID that controls the key. */
  controller: string;
  publicKey: KeyObject;
}

/** The outcome of looking up a key; never thrown. */
export type KeyResolution =
  { ok: true; key: ResolvedVerificationKey } | { ok: false; code: CheckCode; message: string };

/** The verification relationships a key is looked up under (DID Core §5.3). */
export type VerificationRelationship = 'assertionMethod' | 'authentication';

/** Finds the key a signature claims: by DID URL, or a bare DID's only key for the relationship. */
export interface VerificationKeyResolver {
  resolveKey(reference: string, relationship: VerificationRelationship): Promise<KeyResolution>;
}

/**
 * The keys of `did:key` DIDs alone, decoded locally: a did:key document lists its one key under
 * every relationship, as `did:key:z6Mk…#z6Mk…`.
 *
 * @example
 * ```ts
 * const found = await didKeyResolver.resolveKey(`${did}#${did.slice(8)}`, 'assertionMethod');
 * ```
 */
export const didKeyResolver: VerificationKeyResolver = {
  resolveKey(reference) {
    const did = didOf(reference);
    const fragment = reference.slice(did.length);
    if (fragment !== '' && fragment !== `#${did.slice('did:key:'.length)}`) {
      return Promise.resolve({
        ok: false,
        code: 'KEY_NOT_FOUND',
        message: `${did} has no verification method ${fragment}`,
      });
    }
    try {
      const publicKey = publicKeyObjectForDidKey(did);
      return Promise.resolve({
        ok: true,
        key: { id: `${did}#${did.slice('did:key:'.length)}`, controller: did, publicKey },
      });
    } catch (error) {
      return Promise.resolve({
        ok: false,
        code: 'DID_UNSUPPORTED',
        message: isSkillproofError(error) ? error.message : `cannot resolve ${did}`,
      });
    }
  },
};
