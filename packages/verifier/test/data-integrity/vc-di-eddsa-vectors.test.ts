// The W3C vc-di-eddsa test vectors (test/fixtures/vc-di-eddsa, see its NOTICE.md): the spec's own
// signed credentials verify, and every intermediate value we compute equals the spec's.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { canonizeRdfc } from '@skillproof/data-integrity';
import { checkDataIntegrityProof } from '../../src/data-integrity/check-data-integrity-proof.js';
import { createPinnedDocumentLoader } from '@skillproof/data-integrity';
import { resolveDidKeyProofKey } from '../../src/data-integrity/resolve-did-key-proof-key.js';
import { CheckLog } from '../../src/verification-result.js';

const fixtures = new URL('../fixtures/vc-di-eddsa/', import.meta.url);
const text = (path: string): string => readFileSync(new URL(path, fixtures), 'utf8');
const json = (path: string): Record<string, unknown> =>
  JSON.parse(text(path)) as Record<string, unknown>;

const documentLoader = createPinnedDocumentLoader({
  extraDocuments: {
    'https://www.w3.org/ns/credentials/examples/v2': json('credentials-examples-v2.json'),
  },
});
const options = {
  expectedProofPurpose: 'assertionMethod' as const,
  now: () => new Date('2025-01-01T00:00:00Z'),
  clockSkewSeconds: 60,
  resolveKey: resolveDidKeyProofKey,
  documentLoader,
};

describe.each([
  { suite: 'eddsa-rdfc-2022', folder: 'eddsa-rdfc-2022', suffix: 'DataInt' },
  { suite: 'Ed25519Signature2020', folder: 'Ed25519Signature2020', suffix: 'EdSig' },
])('the $suite vectors', ({ folder, suffix }) => {
  const signed = json(`${folder}/signed${suffix}.json`);

  it('verify', async () => {
    const log = new CheckLog();
    const result = await checkDataIntegrityProof(signed, options, log);
    expect(log.errors).toEqual([]);
    expect(result).toEqual({
      ok: true,
      verificationMethod:
        'did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2',
      controller: 'did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2',
    });
  });

  it('canonicalize to the spec’s N-Quads and hashes', async () => {
    const { proof: _proof, ...unsecured } = signed;
    const canonicalDocument = await canonizeRdfc(unsecured, documentLoader);
    const canonicalProof = await canonizeRdfc(
      json(`${folder}/proofConfig${suffix}.json`),
      documentLoader,
    );
    expect(canonicalDocument).toEqual({
      ok: true,
      nquads: text(`${folder}/canonDoc${suffix}.txt`),
    });
    expect(canonicalProof).toEqual({ ok: true, nquads: text(`${folder}/proofCanon${suffix}.txt`) });
    const hash = (nquads: string) => createHash('sha256').update(nquads).digest('hex');
    const proofHash = hash(text(`${folder}/proofCanon${suffix}.txt`));
    const docHash = hash(text(`${folder}/canonDoc${suffix}.txt`));
    expect(proofHash).toBe(text(`${folder}/proofHash${suffix}.txt`).trim());
    expect(docHash).toBe(text(`${folder}/docHash${suffix}.txt`).trim());
    expect(proofHash + docHash).toBe(text(`${folder}/combinedHash${suffix}.txt`).trim());
  });

  it('fail when a signed value changes', async () => {
    const tampered = structuredClone(signed) as { credentialSubject: Record<string, unknown> };
    tampered.credentialSubject['alumniOf'] = 'The School of Counterexamples';
    const log = new CheckLog();
    expect((await checkDataIntegrityProof(tampered, options, log)).ok).toBe(false);
    expect(log.errors.map((check) => check.code)).toEqual(['SIGNATURE_INVALID']);
  });

  it('fail without the examples context (the pinned loader alone does not hold it)', async () => {
    const log = new CheckLog();
    const { documentLoader: _loader, ...pinnedOnly } = options;
    expect((await checkDataIntegrityProof(signed, pinnedOnly, log)).ok).toBe(false);
    expect(log.errors.map((check) => check.code)).toEqual(['CONTEXT_UNKNOWN']);
  });
});
