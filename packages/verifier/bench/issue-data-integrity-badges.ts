// Shared by bench/verify and bench/data-integrity: Open Badges 3.0 credentials (VCDM 2.0) signed
// once by Digital Bazaar's vc.issue, and Digital Bazaar's verifier set up on the same pinned
// contexts as ours, so both sides of a race load the same documents.
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { Ed25519VerificationKey2020 } from '@digitalbazaar/ed25519-verification-key-2020';
import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { createPinnedDocumentLoader } from '@skillproof/verifier/data-integrity';
import { openBadgeV2Credential } from '@skillproof/testing';

export type DataIntegritySuite = 'eddsa-rdfc-2022' | 'Ed25519Signature2020';

/** Our pinned contexts, as our verifier loads them. */
export const pinnedDocumentLoader = createPinnedDocumentLoader();

const didDocuments = new Map<string, Record<string, unknown>>();

// The same pinned contexts, plus the did:key documents Digital Bazaar dereferences.
async function documentLoader(url: string) {
  const didDocument = didDocuments.get(url);
  if (didDocument !== undefined) {
    return { contextUrl: null, documentUrl: url, document: structuredClone(didDocument) };
  }
  return pinnedDocumentLoader(url);
}

async function makeDidKey(suite: DataIntegritySuite) {
  const keyPair =
    suite === 'eddsa-rdfc-2022'
      ? await Ed25519Multikey.generate()
      : await Ed25519VerificationKey2020.generate();
  const did = `did:key:${keyPair.publicKeyMultibase}`;
  const verificationMethod = `${did}#${keyPair.publicKeyMultibase}`;
  keyPair.id = verificationMethod;
  keyPair.controller = did;
  const context =
    suite === 'eddsa-rdfc-2022'
      ? 'https://w3id.org/security/multikey/v1'
      : 'https://w3id.org/security/suites/ed25519-2020/v1';
  const method = {
    id: verificationMethod,
    type: suite === 'eddsa-rdfc-2022' ? 'Multikey' : 'Ed25519VerificationKey2020',
    controller: did,
    publicKeyMultibase: keyPair.publicKeyMultibase,
  };
  didDocuments.set(verificationMethod, { '@context': context, ...method });
  didDocuments.set(did, {
    '@context': ['https://www.w3.org/ns/did/v1', context],
    id: did,
    verificationMethod: [method],
    assertionMethod: [verificationMethod],
    authentication: [verificationMethod],
  });
  return { did, keyPair };
}

/** What an Open Badge of the benches says: who issued it, to whom, and where its status is. */
interface OpenBadgeOptions {
  issuer: string;
  subject: string;
  /** Tells the credentials apart (`id`, status index); six achievements take turns. */
  index: number;
  statusListUrl: string;
  /** Contexts after VCDM 2.0 and OB 3.0.3 (a proof suite's own). */
  extraContexts?: readonly string[];
}

/** A realistic OpenBadgeCredential (VCDM 2.0 + OB 3.0.3) with a status entry, unsigned. */
function openBadge(options: OpenBadgeOptions): Record<string, unknown> {
  const { issuer, subject, index, statusListUrl, extraContexts = [] } = options;
  const credential = openBadgeV2Credential(issuer, subject);
  const credentialSubject = credential['credentialSubject'] as Record<string, unknown>;
  return {
    ...credential,
    '@context': [...(credential['@context'] as string[]), ...extraContexts],
    id: `urn:uuid:00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    validFrom: new Date(Date.now() - 86_400_000).toISOString(),
    validUntil: new Date(Date.now() + 365 * 86_400_000).toISOString(),
    credentialSubject: {
      ...credentialSubject,
      achievement: {
        ...(credentialSubject['achievement'] as Record<string, unknown>),
        id: `https://academy.example/achievements/badge-${index % 6}`,
      },
    },
    credentialStatus: {
      id: `${statusListUrl}#${index}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: String(index),
      statusListCredential: statusListUrl,
    },
  };
}

/** Open Badges signed by Digital Bazaar, and Digital Bazaar's verification of one of them. */
export interface DataIntegrityBadges {
  issuer: string;
  credentials: Array<Record<string, unknown>>;
  /** `vc.verifyCredential` (proof, issuer, dates); status is a no-op, since ours skips it too. */
  verifyWithDigitalBazaar: (credential: Record<string, unknown>) => Promise<void>;
}

const statusNotChecked = async () => ({ verified: true });

/**
 * Issues `count` Open Badges with `vc.issue` under `suite` by a fresh did:key, their status
 * entries pointing at `https://academy.example/status/1` (never fetched).
 */
export async function issueDataIntegrityBadges(
  suite: DataIntegritySuite,
  count: number,
): Promise<DataIntegrityBadges> {
  const { did, keyPair } = await makeDidKey(suite);
  const signingSuite =
    suite === 'eddsa-rdfc-2022'
      ? new DataIntegrityProof({ signer: keyPair.signer(), cryptosuite: eddsaRdfc2022 })
      : new Ed25519Signature2020({ key: keyPair });
  const verifyingSuite =
    suite === 'eddsa-rdfc-2022'
      ? new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 })
      : new Ed25519Signature2020();
  const extraContexts =
    suite === 'Ed25519Signature2020' ? ['https://w3id.org/security/suites/ed25519-2020/v1'] : [];
  const credentials: Array<Record<string, unknown>> = [];
  for (let index = 0; index < count; index++) {
    const credential = openBadge({
      issuer: did,
      subject: 'did:example:learner',
      index,
      statusListUrl: 'https://academy.example/status/1',
      extraContexts,
    });
    credentials.push(await vc.issue({ credential, suite: signingSuite, documentLoader }));
  }
  return {
    issuer: did,
    credentials,
    verifyWithDigitalBazaar: async (credential) => {
      const result = await vc.verifyCredential({
        credential,
        suite: verifyingSuite,
        documentLoader,
        checkStatus: statusNotChecked,
      });
      if (!result.verified) throw new Error(`Digital Bazaar refused: ${String(result.error)}`);
    },
  };
}
