import {
  relationships,
  type DidDocument,
  type VerificationMethod,
  type VerificationRelationship,
} from './did-document.js';

function isMethod(entry: unknown): entry is VerificationMethod {
  return typeof entry === 'object' && entry !== null;
}

/** DID Core §5.3.1: a reference names a method in `verificationMethod` or embedded elsewhere. */
function dereference(document: DidDocument, id: string): VerificationMethod | undefined {
  const listed = document.verificationMethod?.find((method) => method.id === id);
  if (listed) return listed;
  for (const relationship of relationships) {
    const entries = document[relationship];
    if (!Array.isArray(entries)) continue;
    const embedded = (entries as unknown[]).find(
      (entry): entry is VerificationMethod => isMethod(entry) && entry.id === id,
    );
    if (embedded) return embedded;
  }
  return undefined;
}

/**
 * The verification method `methodId` (an absolute DID URL), or the single one when
 * `methodId` is undefined, among those the document lists under `relationship` (DID Core §5.3:
 * a key is for what its relationships say, and only that). Returns why there is none, or the
 * method.
 *
 * @example
 * ```ts
 * findVerificationMethod(document, 'assertionMethod', 'did:web:example.com#key-1');
 * ```
 */
export function findVerificationMethod(
  document: DidDocument,
  relationship: VerificationRelationship,
  methodId: string | undefined,
): VerificationMethod | string {
  const entries = document[relationship] ?? [];
  if (methodId === undefined) {
    if (entries.length === 0) return `${document.id} lists no key under ${relationship}`;
    if (entries.length > 1) {
      return `${document.id} lists ${entries.length} keys under ${relationship}; the reference must name one (${document.id}#…)`;
    }
  }
  const entry =
    methodId === undefined
      ? entries[0]
      : entries.find((candidate) => (isMethod(candidate) ? candidate.id : candidate) === methodId);
  if (entry === undefined) {
    return methodId !== undefined && dereference(document, methodId)
      ? `${methodId} is in the DID document but not under ${relationship}`
      : `${document.id} has no verification method ${methodId ?? ''} under ${relationship}`;
  }
  if (isMethod(entry)) return entry;
  return (
    dereference(document, entry) ??
    `${document.id} lists ${entry} under ${relationship}, but the document has no such verification method`
  );
}
