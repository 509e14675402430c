import { isJsonObject } from '@skillproof/core';

/** A verification method (DID Core §5.2): a key, whose it is, and how it is written. */
export interface VerificationMethod {
  /** A DID URL; in a fetched document it may be relative (`#key-1`), here it is made absolute. */
  id: string;
  type: string;
  controller: string;
  publicKeyMultibase?: string;
  publicKeyJwk?: Record<string, unknown>;
  [property: string]: unknown;
}

export type { VerificationRelationship } from '../verification-key.js';

/** A DID document (DID Core §5), as far as this verifier reads one. */
export interface DidDocument {
  id: string;
  verificationMethod?: VerificationMethod[];
  /** Keys for credentials: references to `verificationMethod` entries, or embedded methods. */
  assertionMethod?: (string | VerificationMethod)[];
  /** Keys for proving control of the DID (presentations, DID Auth). */
  authentication?: (string | VerificationMethod)[];
  [property: string]: unknown;
}

// DID Core §5.3: the relationships whose entries are references or embedded methods.
export const relationships = [
  'authentication',
  'assertionMethod',
  'keyAgreement',
  'capabilityInvocation',
  'capabilityDelegation',
] as const;

/** DID Core §3.2.2: a relative DID URL (`#key-1`) is resolved against the document's DID. */
function absolute(did: string, id: string): string {
  return id.startsWith('#') ? `${did}${id}` : id;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const property of Object.values(value)) deepFreeze(property);
  }
  return value;
}

function readMethod(did: string, value: unknown): VerificationMethod | string {
  if (!isJsonObject(value)) return 'a verification method is not an object';
  const { id, type, controller } = value;
  if (typeof id !== 'string' || typeof type !== 'string' || typeof controller !== 'string') {
    return 'a verification method lacks a string id, type or controller';
  }
  return { ...value, id: absolute(did, id), type, controller } as VerificationMethod;
}

/**
 * Reads fetched JSON as the DID document of `did` (DID Core §5): its `id` must be `did` (a
 * document served for one DID can't speak for another), `verificationMethod` must hold methods
 * with string `id`, `type` and `controller` and unique ids, and each verification relationship
 * must list references or embedded methods. Relative ids are made absolute. Returns what is
 * wrong, or the document, deeply frozen (resolvers cache it and hand the same object out).
 *
 * @example
 * ```ts
 * const read = readDidDocument(json, 'did:web:example.com');
 * if (typeof read === 'string') console.log(read);
 * ```
 */
export function readDidDocument(json: unknown, did: string): DidDocument | string {
  if (!isJsonObject(json)) return 'the DID document is not a JSON object';
  if (json['id'] !== did) {
    return `the DID document's id ${JSON.stringify(json['id'])?.slice(0, 200)} is not ${did}`;
  }
  const document: DidDocument = { ...json, id: did };
  // DID Core §5.2: verification method ids are unique in a document; with two methods of one id,
  // which key a reference names would be up to the reader.
  const ids = new Set<string>();
  const unique = (method: VerificationMethod): boolean => {
    if (ids.has(method.id)) return false;
    ids.add(method.id);
    return true;
  };
  const duplicate = (method: VerificationMethod) =>
    `the DID document has two verification methods ${method.id.slice(0, 200)}`;
  const methods = json['verificationMethod'];
  if (methods !== undefined) {
    if (!Array.isArray(methods)) return 'verificationMethod is not an array';
    const read: VerificationMethod[] = [];
    for (const method of methods) {
      const entry = readMethod(did, method);
      if (typeof entry === 'string') return entry;
      if (!unique(entry)) return duplicate(entry);
      read.push(entry);
    }
    document.verificationMethod = read;
  }
  for (const relationship of relationships) {
    const entries = json[relationship];
    if (entries === undefined) continue;
    if (!Array.isArray(entries)) return `${relationship} is not an array`;
    const read: (string | VerificationMethod)[] = [];
    for (const entry of entries) {
      if (typeof entry === 'string') {
        read.push(absolute(did, entry));
        continue;
      }
      const method = readMethod(did, entry);
      if (typeof method === 'string') return `${relationship}: ${method}`;
      if (!unique(method)) return duplicate(method);
      read.push(method);
    }
    document[relationship] = read;
  }
  return deepFreeze(document);
}
