// canonizeRdfc computes what jsonld.canonize computes (our expansion shares active contexts
// instead of copying them, see share-active-contexts.ts), and maps each jsonld failure to a code.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from '@jest/globals';
import jsonld from 'jsonld';
import { canonizeRdfc } from '@skillproof/data-integrity';
import { createPinnedDocumentLoader } from '@skillproof/data-integrity';
import { issueWithDb, makeDbKey, signPresentationWithDb } from './digital-bazaar.js';
import { openBadgeV2Credential } from '@skillproof/testing';

type Json = Record<string, unknown>;
const fixtures = new URL('../fixtures/vc-di-eddsa/', import.meta.url);
const json = (path: string): Json =>
  JSON.parse(readFileSync(new URL(path, fixtures), 'utf8')) as Json;
const examplesContext = 'https://www.w3.org/ns/credentials/examples/v2';
const documentLoader = createPinnedDocumentLoader({
  extraDocuments: {
    [examplesContext]: json('credentials-examples-v2.json'),
    // A context that tries to give VCDM 2.0's protected `name` another meaning.
    'https://contexts.example/redefines-name': {
      '@context': { name: 'https://evil.example/vocab#name' },
    },
  },
});

/** jsonld's own canonize, with its defaults (safe mode, its shared caches, unshared copies). */
const reference = (document: Json) =>
  jsonld.canonize(document, {
    // jsonld 9 defaults to RDFC-1.0 (its `canonizeOptions.algorithm`).
    format: 'application/n-quads',
    documentLoader,
    safe: true,
  } as unknown as jsonld.Options.Normalize);

const documents: Array<[string, Json]> = [];

beforeAll(async () => {
  const key = await makeDbKey();
  const credential = await issueWithDb(openBadgeV2Credential(key.did, 'did:example:learner'), key);
  const presentation = await signPresentationWithDb(
    {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiablePresentation'],
      holder: key.did,
      verifiableCredential: [credential],
    },
    key,
    'a-challenge',
  );
  const obV301 = openBadgeV2Credential(key.did, 'did:example:learner');
  obV301['@context'] = [
    'https://www.w3.org/2018/credentials/v1',
    'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json',
  ];
  obV301['issuanceDate'] = obV301['validFrom'];
  delete obV301['validFrom'];
  delete obV301['validUntil'];
  delete obV301['credentialStatus'];
  documents.push(
    ['a signed Open Badge (VCDM 2.0, OB 3.0.3)', credential],
    [
      'its proof configuration',
      { ...(credential['proof'] as Json), '@context': credential['@context'] },
    ],
    ['a presentation embedding it', presentation],
    ['an Open Badge on VCDM 1.1 with OB 3.0.1', obV301],
    ['the W3C vector', json('eddsa-rdfc-2022/signedDataInt.json')],
    ['the W3C Ed25519Signature2020 vector', json('Ed25519Signature2020/signedEdSig.json')],
  );
});

describe('canonizeRdfc', () => {
  it('agrees with jsonld.canonize on every document, twice (cold and warm caches)', async () => {
    expect(documents.length).toBeGreaterThan(5);
    for (const [name, document] of documents) {
      const expected = await reference(document).catch(
        (error: unknown) => `${name}: ${String(error)}`,
      );
      expect(expected.length).toBeGreaterThan(0);
      for (let round = 0; round < 2; round++) {
        expect({ name, result: await canonizeRdfc(document, documentLoader) }).toEqual({
          name,
          result: { ok: true, nquads: expected },
        });
      }
    }
  });

  it('refuses an undefined term where jsonld.canonize throws: TERM_UNDEFINED', async () => {
    const document = { ...(documents[0]?.[1] as Json), admin: true };
    await expect(reference(document)).rejects.toThrow(/Safe mode validation error/);
    expect(await canonizeRdfc(document, documentLoader)).toMatchObject({
      ok: false,
      code: 'TERM_UNDEFINED',
      message: expect.stringContaining('"admin"') as unknown,
    });
  });

  it('refuses a relative type (safe mode): TERM_UNDEFINED', async () => {
    const document = { ...(documents[0]?.[1] as Json), type: ['VerifiableCredential', 'Unheard'] };
    expect(await canonizeRdfc(document, documentLoader)).toMatchObject({
      ok: false,
      code: 'TERM_UNDEFINED',
    });
  });

  it('refuses a context that redefines a protected term: CONTEXT_INVALID', async () => {
    const document = {
      '@context': [
        'https://www.w3.org/ns/credentials/v2',
        'https://contexts.example/redefines-name',
      ],
      type: ['VerifiableCredential'],
      name: 'Trusted',
    };
    await expect(reference(document)).rejects.toThrow(/protected term/i);
    expect(await canonizeRdfc(document, documentLoader)).toMatchObject({
      ok: false,
      code: 'CONTEXT_INVALID',
      message: expect.stringContaining('protected term redefinition') as unknown,
    });
  });

  it('stops a poison graph at RDFC-1.0’s work limit: PROOF_INVALID', async () => {
    // Twelve blank nodes, each linked to every other: RDFC-1.0 §4.8's N-degree hashing would
    // try every permutation; rdf-canonize's default work factor stops it.
    const ids = Array.from({ length: 12 }, (_, index) => `_:b${index}`);
    const document = {
      '@context': [examplesContext],
      '@graph': ids.map((id) => ({
        '@id': id,
        knows: ids.filter((other) => other !== id).map((other) => ({ '@id': other })),
      })),
    };
    const started = Date.now();
    const result = await canonizeRdfc(document, documentLoader);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(result).toMatchObject({
      ok: false,
      code: 'PROOF_INVALID',
      message: expect.stringMatching(/deep iterations/i) as unknown,
    });
  });

  it('never lets an error escape', async () => {
    for (const document of [
      { '@context': 42 },
      { '@context': [{ '@version': 2 }] },
      { '@id': 5 },
    ]) {
      const result = await canonizeRdfc(document, documentLoader);
      expect(result.ok).toBe(false);
    }
  });
});
