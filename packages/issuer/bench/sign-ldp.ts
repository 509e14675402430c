// bench/sign-ldp: Open Badges signed as ldp_vc (DataIntegrityProof, eddsa-rdfc-2022) per second
// on one core: our signDataIntegrityCredential against Digital Bazaar's `vc.issue` with their
// DataIntegrityProof and eddsa-rdfc-2022 cryptosuite, on the same badge and the same pinned
// contexts, in interleaved rounds. Both sign in-process (ours with a node:crypto key), so the
// ratio measures canonicalization, hashing and proof assembly. Target: ours ≥ 2x theirs.
// Run: `pnpm bench:ldp` from the repository root.
import { generateKeyPairSync, sign } from 'node:crypto';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { didKeyFromEd25519PublicKey } from '@skillproof/core';
import { createPinnedDocumentLoader } from '@skillproof/data-integrity';
import {
  buildBadgeCredentialV2,
  credentialStatusEntries,
  findBadge,
  loadDefaultCatalog,
  signDataIntegrityCredential,
} from '@skillproof/issuer';
import { pinToOneCore, raceInterleaved } from '@skillproof/testing';

// Pin to one core (the target is per core).
pinToOneCore();

const baseUrl = 'https://academy.example';
const { privateKey, publicKey } = generateKeyPairSync('ed25519');
// The last 32 bytes of an Ed25519 SubjectPublicKeyInfo are the key (RFC 8410 §4).
const did = didKeyFromEd25519PublicKey(
  new Uint8Array(publicKey.export({ format: 'der', type: 'spki' }).subarray(-32)),
);
const verificationMethod = `${did}#${did.slice('did:key:'.length)}`;

const badge = buildBadgeCredentialV2({
  id: 'urn:uuid:5f9b1f5e-8d4e-4c3a-9b64-3a0c2f1d7e21',
  issuer: { id: did, type: 'Profile', name: 'Bench Academy', url: baseUrl },
  baseUrl,
  badge: findBadge(loadDefaultCatalog(), 'python-problems-1'),
  learnerDid: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
  grade: { score: 100, correct: 5, total: 5 },
  attemptNumber: 1,
  credentialStatus: credentialStatusEntries(baseUrl, [
    { purpose: 'revocation', listId: 'revocation-1', index: 94567 },
    { purpose: 'suspension', listId: 'suspension-1', index: 94567 },
  ]),
  now: new Date('2026-01-15T09:00:00Z'),
});

// One loader for both: the same pinned contexts, parsed once.
const documentLoader = createPinnedDocumentLoader();
const created = new Date('2026-01-15T09:00:00Z');
const ours = () =>
  signDataIntegrityCredential(badge, {
    verificationMethod,
    created,
    signBytes: async (data) => sign(null, data, privateKey),
    documentLoader,
  });

// The same key: Ed25519 signatures are deterministic (RFC 8032), so both proofs must be equal.
const theirKey = await Ed25519Multikey.fromJwk({
  jwk: privateKey.export({ format: 'jwk' }),
  secretKey: true,
  id: verificationMethod,
  controller: did,
});
const theirSuite = new DataIntegrityProof({
  signer: theirKey.signer(),
  cryptosuite: eddsaRdfc2022,
  date: created,
});
// vc.issue adds its proof to the object it gets: give it a fresh (shallow) copy each time.
const theirs = () => vc.issue({ credential: { ...badge }, suite: theirSuite, documentLoader });

// Both must make the same proof before their speed means anything.
const [ourProof, theirProof] = [(await ours()).proof, (await theirs())['proof']];
const sameProof =
  JSON.stringify(ourProof, Object.keys(ourProof).sort()) ===
  JSON.stringify(theirProof, Object.keys(ourProof).sort());
console.log(`same proof (same key, date and badge): ${sameProof ? 'yes' : 'NO'}`);
if (!sameProof) {
  console.log({ ourProof, theirProof });
  process.exit(1);
}

console.log('\nldp_vc (eddsa-rdfc-2022) Open Badges signed per second, one core:');
const [baseline, ourFigure] = await raceInterleaved(
  [
    { name: 'Digital Bazaar vc.issue (DataIntegrityProof, eddsa-rdfc-2022)', operation: theirs },
    { name: 'signDataIntegrityCredential (node:crypto key)', operation: ours },
  ],
  { rounds: 7, warmupCalls: 100 },
);
const ratio = (ourFigure?.perSecond ?? 0) / (baseline?.perSecond ?? 1);
console.log(`\n  ratio ours / Digital Bazaar: ${ratio.toFixed(2)}x (target ≥ 2x)`);
