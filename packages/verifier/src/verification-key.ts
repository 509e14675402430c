import type { KeyObject } from 'node:crypto';
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
