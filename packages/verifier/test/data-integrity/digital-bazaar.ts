// Digital Bazaar's own libraries, set up once for the Data Integrity tests: they sign what we
// verify, and verify what we refuse, so agreement is shown by someone else's code.
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { Ed25519VerificationKey2020 } from '@digitalbazaar/ed25519-verification-key-2020';
import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { createPinnedDocumentLoader, type PinnedDocumentLoader } from '@skillproof/data-integrity';

/** A did:key Ed25519 key as Digital Bazaar's libraries hold it. */
export interface DbKey {
  did: string;
  verificationMethod: string;
  suite: 'eddsa-rdfc-2022' | 'Ed25519Signature2020';
  keyPair: { signer(): unknown; export(options: object): Promise<Record<string, unknown>> };
}

const didDocuments = new Map<string, Record<string, unknown>>();

/** A did:key key for eddsa-rdfc-2022 (Multikey) or Ed25519Signature2020. */
export async function makeDbKey(suite: DbKey['suite'] = 'eddsa-rdfc-2022'): Promise<DbKey> {
  const generated =
    suite === 'eddsa-rdfc-2022'
      ? await Ed25519Multikey.generate()
      : await Ed25519VerificationKey2020.generate();
  const multibase = generated.publicKeyMultibase as string;
  const did = `did:key:${multibase}`;
  const verificationMethod = `${did}#${multibase}`;
  generated.id = verificationMethod;
  generated.controller = did;
  const method = {
    '@context':
      suite === 'eddsa-rdfc-2022'
        ? 'https://w3id.org/security/multikey/v1'
        : 'https://w3id.org/security/suites/ed25519-2020/v1',
    id: verificationMethod,
    type: suite === 'eddsa-rdfc-2022' ? 'Multikey' : 'Ed25519VerificationKey2020',
    controller: did,
    publicKeyMultibase: multibase,
  };
  didDocuments.set(verificationMethod, method);
  didDocuments.set(did, {
    '@context': ['https://www.w3.org/ns/did/v1', method['@context']],
    id: did,
    verificationMethod: [{ ...method, '@context': undefined }],
    assertionMethod: [verificationMethod],
    authentication: [verificationMethod],
  });
  return { did, verificationMethod, suite, keyPair: generated };
}

const pinned = createPinnedDocumentLoader();

/** Our pinned contexts plus the DID documents of the keys made here, for Digital Bazaar. */
export const dbDocumentLoader = async (url: string) => {
  const didDocument = didDocuments.get(url) ?? didDocuments.get(url.split('#')[0] as string);
  if (url.startsWith('did:') && didDocument !== undefined) {
    const document = didDocuments.get(url) ?? didDocument;
    return { contextUrl: null, documentUrl: url, document: structuredClone(document) };
  }
  return pinned(url);
};

function signingSuite(key: DbKey) {
  return key.suite === 'eddsa-rdfc-2022'
    ? new DataIntegrityProof({ signer: key.keyPair.signer(), cryptosuite: eddsaRdfc2022 })
    : new Ed25519Signature2020({ key: key.keyPair });
}

function verifyingSuites() {
  return [new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }), new Ed25519Signature2020()];
}

/** Signs a credential with Digital Bazaar's `vc.issue`. */
export async function issueWithDb(
  credential: Record<string, unknown>,
  key: DbKey,
): Promise<Record<string, unknown>> {
  return vc.issue({
    credential: structuredClone(credential),
    suite: signingSuite(key),
    documentLoader: dbDocumentLoader,
  });
}

/** Signs a presentation with Digital Bazaar's `vc.signPresentation`. */
export async function signPresentationWithDb(
  presentation: Record<string, unknown>,
  key: DbKey,
  challenge: string,
  domain?: string,
): Promise<Record<string, unknown>> {
  return vc.signPresentation({
    presentation: structuredClone(presentation),
    suite: signingSuite(key),
    challenge,
    domain,
    documentLoader: dbDocumentLoader,
  });
}

/** Digital Bazaar's verdict on a credential, with its first error's message. */
export async function verifyCredentialWithDb(
  credential: Record<string, unknown>,
): Promise<{ verified: boolean; error?: string }> {
  const result = await vc.verifyCredential({
    credential: structuredClone(credential),
    suite: verifyingSuites(),
    documentLoader: dbDocumentLoader,
    checkStatus: async () => ({ verified: true }),
  });
  return result.verified ? { verified: true } : { verified: false, error: firstError(result) };
}

/** Digital Bazaar's verdict on a presentation. */
export async function verifyPresentationWithDb(
  presentation: Record<string, unknown>,
  challenge: string,
  domain?: string,
): Promise<{ verified: boolean; error?: string }> {
  const result = await vc.verify({
    presentation: structuredClone(presentation),
    suite: verifyingSuites(),
    challenge,
    domain,
    documentLoader: dbDocumentLoader,
    checkStatus: async () => ({ verified: true }),
  });
  return result.verified ? { verified: true } : { verified: false, error: firstError(result) };
}

function firstError(result: { error?: unknown; results?: unknown }): string | undefined {
  // Their errors nest (`VerificationError.errors`, jsonld's `details.cause`): keep every message.
  const seen = JSON.stringify(result.error ?? result.results ?? null, (_key, value: unknown) =>
    value instanceof Error
      ? {
          name: value.name,
          message: value.message,
          errors: (value as { errors?: unknown }).errors,
          cause: value.cause,
          details: (value as { details?: unknown }).details,
        }
      : value,
  );
  return seen === 'null' ? undefined : seen.slice(0, 4000);
}

export type { PinnedDocumentLoader };
