import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { sign } from 'node:crypto';
import { publicKeyObjectForDidKey, verifyEd25519 } from '@skillproof/core';
import {
  createDidResolver,
  type DidResolverOptions,
  type HostLookup,
  type KeyResolution,
} from '@skillproof/verifier';
import { makeIdentity } from '@skillproof/testing';
import { didDocument, makeTestKey, multikeyMethod, type TestKey } from './did-web-fixtures.js';
import { startDidWebServer, testCertificate, type DidWebServer } from './did-web-server.js';

let server: DidWebServer;
let did: string;
const key = makeTestKey();
const otherKey = makeTestKey();
const strangerKey = makeTestKey();
const wellKnown = '/.well-known/did.json';

beforeAll(async () => {
  server = await startDidWebServer();
  did = server.did;
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.documents.clear();
  server.requests.clear();
});

/** A resolver that trusts the test certificate and may reach localhost. */
function resolver(extra: DidResolverOptions = {}) {
  return createDidResolver({ ca: testCertificate, allowedPrivateHosts: ['localhost'], ...extra });
}

function serve(document: string, path = wellKnown): void {
  server.documents.set(path, { body: document });
}

/** Asserts that `resolution` found a key that checks a signature made with `signer`. */
function expectKeyOf(resolution: KeyResolution, signer: TestKey, id: string): void {
  expect(resolution).toMatchObject({ ok: true, key: { id } });
  if (!resolution.ok) return;
  const message = Buffer.from('signed by the DID');
  expect(
    verifyEd25519(message, sign(null, message, signer.privateKey), resolution.key.publicKey),
  ).toBe(true);
  expect(
    verifyEd25519(message, sign(null, message, strangerKey.privateKey), resolution.key.publicKey),
  ).toBe(false);
}

describe('did:key', () => {
  const identity = makeIdentity();
  const multibase = identity.did.slice('did:key:'.length);

  it('builds the document locally: one Multikey method under assertionMethod and authentication', async () => {
    const lookups: string[] = [];
    const lookup: HostLookup = (hostname) => {
      lookups.push(hostname);
      return Promise.reject(new Error('no network for did:key'));
    };
    const resolved = await resolver({ lookup }).resolveDocument(identity.did);
    const methodId = `${identity.did}#${multibase}`;
    expect(resolved).toMatchObject({
      ok: true,
      document: {
        id: identity.did,
        verificationMethod: [
          {
            id: methodId,
            type: 'Multikey',
            controller: identity.did,
            publicKeyMultibase: multibase,
          },
        ],
        assertionMethod: [methodId],
        authentication: [methodId],
      },
    });
    expect(lookups).toEqual([]);
  });

  it.each(['assertionMethod', 'authentication'] as const)(
    "resolves the key by DID URL and by bare DID under %s, from core's key cache",
    async (relationship) => {
      const dids = resolver();
      for (const reference of [identity.kid, identity.did]) {
        const resolved = await dids.resolveKey(reference, relationship);
        expect(resolved).toMatchObject({
          ok: true,
          key: { id: identity.kid, controller: identity.did },
        });
        if (resolved.ok)
          expect(resolved.key.publicKey).toBe(publicKeyObjectForDidKey(identity.did));
      }
    },
  );

  it('refuses a fragment that is not the key with KEY_NOT_FOUND', async () => {
    const resolved = await resolver().resolveKey(`${identity.did}#key-1`, 'assertionMethod');
    expect(resolved).toMatchObject({ ok: false, code: 'KEY_NOT_FOUND' });
  });

  it('refuses a did:key of another key type with DID_UNSUPPORTED', async () => {
    // secp256k1 (multicodec 0xe7)
    const secp256k1 = 'did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme';
    expect(await resolver().resolveKey(secp256k1, 'assertionMethod')).toMatchObject({
      ok: false,
      code: 'DID_UNSUPPORTED',
    });
  });

  it.each(['did:key:', 'did:key:z6Mk0OIl', 'did:key:6MkhaXgBZ', `did:key:z${'a'.repeat(300)}`])(
    'refuses the malformed did:key %s with DID_INVALID',
    async (malformed) => {
      expect(await resolver().resolveDocument(malformed)).toMatchObject({
        ok: false,
        code: 'DID_INVALID',
      });
    },
  );
});

describe('references', () => {
  it('refuses a relative reference with DID_INVALID, without a request', async () => {
    serve(didDocument(did, [multikeyMethod(did, key)]));
    const resolved = await resolver().resolveKey('#key-1', 'assertionMethod');
    expect(resolved).toMatchObject({ ok: false, code: 'DID_INVALID' });
    expect(server.requestCount()).toBe(0);
  });

  it.each(['did:ion:EiAnKD8', 'did:ethr:0xb9c5714089478a327f09197987f16f9e5d936e8a'])(
    'refuses %s with DID_UNSUPPORTED',
    async (other) => {
      expect(await resolver().resolveKey(other, 'assertionMethod')).toMatchObject({
        ok: false,
        code: 'DID_UNSUPPORTED',
      });
    },
  );

  it.each(['', 'https://example.com', 'did:', `${'did:web:example.com'}#`])(
    'refuses %j with DID_INVALID',
    async (reference) => {
      expect(await resolver().resolveKey(reference, 'assertionMethod')).toMatchObject({
        ok: false,
        code: 'DID_INVALID',
      });
    },
  );

  it('throws TypeError for a relationship it does not know (caller misuse)', async () => {
    await expect(
      resolver().resolveKey(did, 'keyAgreement' as unknown as 'authentication'),
    ).rejects.toThrow(TypeError);
  });
});

describe('did:web over HTTPS', () => {
  it('resolves the port form from /.well-known/did.json', async () => {
    serve(didDocument(did, [multikeyMethod(did, key)]));
    const resolved = await resolver().resolveKey(`${did}#key-1`, 'assertionMethod');
    expectKeyOf(resolved, key, `${did}#key-1`);
    expect(resolved).toMatchObject({ key: { controller: did } });
    expect(server.requests.get(wellKnown)).toBe(1);
  });

  it('resolves the path form from /users/alice/did.json', async () => {
    const alice = `${did}:users:alice`;
    serve(didDocument(alice, [multikeyMethod(alice, key)]), '/users/alice/did.json');
    const resolved = await resolver().resolveKey(`${alice}#key-1`, 'assertionMethod');
    expectKeyOf(resolved, key, `${alice}#key-1`);
    expect([...server.requests.keys()]).toEqual(['/users/alice/did.json']);
  });

  it.each([
    ['Multikey', (id: string) => ({ publicKeyMultibase: key.multibase, id })],
    ['Ed25519VerificationKey2020', (id: string) => ({ publicKeyMultibase: key.multibase, id })],
    ['JsonWebKey2020', (id: string) => ({ publicKeyJwk: key.jwk, id })],
    ['JsonWebKey', (id: string) => ({ publicKeyJwk: key.jwk, id })],
  ])('reads a %s verification method', async (type, material) => {
    const method = { type, controller: did, ...material(`${did}#${type}`) };
    serve(didDocument(did, [method]));
    expectKeyOf(
      await resolver().resolveKey(`${did}#${type}`, 'assertionMethod'),
      key,
      `${did}#${type}`,
    );
  });

  it('reads a method embedded under the relationship', async () => {
    serve(
      JSON.stringify({
        id: did,
        assertionMethod: [multikeyMethod(did, key, 'embedded')],
      }),
    );
    expectKeyOf(
      await resolver().resolveKey(`${did}#embedded`, 'assertionMethod'),
      key,
      `${did}#embedded`,
    );
  });

  it('takes a bare DID for its only key, and wants the key named when there are two', async () => {
    serve(didDocument(did, [multikeyMethod(did, key)]));
    expectKeyOf(await resolver().resolveKey(did, 'assertionMethod'), key, `${did}#key-1`);
    serve(didDocument(did, [multikeyMethod(did, key), multikeyMethod(did, otherKey, 'key-2')]));
    const twoKeys = await resolver().resolveKey(did, 'assertionMethod');
    expect(twoKeys).toMatchObject({ ok: false, code: 'KEY_NOT_FOUND' });
    expect(twoKeys.ok || twoKeys.message).toMatch(/lists 2 keys under assertionMethod/);
    expectKeyOf(
      await resolver().resolveKey(`${did}#key-2`, 'assertionMethod'),
      otherKey,
      `${did}#key-2`,
    );
  });

  it('refuses a key listed only under authentication when asked for assertionMethod', async () => {
    serve(didDocument(did, [multikeyMethod(did, key)], { assertionMethod: [] }));
    const dids = resolver();
    const resolved = await dids.resolveKey(`${did}#key-1`, 'assertionMethod');
    expect(resolved).toEqual({
      ok: false,
      code: 'KEY_NOT_FOUND',
      message: `${did}#key-1 is in the DID document but not under assertionMethod`,
    });
    expectKeyOf(await dids.resolveKey(`${did}#key-1`, 'authentication'), key, `${did}#key-1`);
  });

  it('refuses a method the document does not have with KEY_NOT_FOUND', async () => {
    serve(didDocument(did, [multikeyMethod(did, key)]));
    expect(await resolver().resolveKey(`${did}#key-9`, 'assertionMethod')).toMatchObject({
      ok: false,
      code: 'KEY_NOT_FOUND',
    });
  });

  it('refuses a publicKeyJwk that holds a private key ("d") with KEY_NOT_FOUND', async () => {
    const { privateKey } = key;
    const d = (privateKey.export({ format: 'jwk' }) as { d: string }).d;
    serve(
      didDocument(did, [
        { id: '#key-1', type: 'JsonWebKey2020', controller: did, publicKeyJwk: { ...key.jwk, d } },
      ]),
    );
    const resolved = await resolver().resolveKey(`${did}#key-1`, 'assertionMethod');
    expect(resolved).toMatchObject({ ok: false, code: 'KEY_NOT_FOUND' });
    expect(resolved.ok || resolved.message).toMatch(/private key \("d"\)/);
  });

  it.each([
    [
      'Ed25519VerificationKey2018',
      {
        type: 'Ed25519VerificationKey2018',
        publicKeyBase58: 'H3C2AVvLMv6gmMNam3uVAjZpfkcJCwDwnZn6z3wXmqPV',
      },
      /not supported/,
    ],
    [
      'a P-256 Multikey',
      { type: 'Multikey', publicKeyMultibase: 'zDnaerDaTF5BXEavCrfRZEk316dpbLsfPDZ3WJ5hRTPFU2169' },
      /not an Ed25519 public key/,
    ],
    [
      'an X25519 JWK',
      { type: 'JsonWebKey2020', publicKeyJwk: { kty: 'OKP', crv: 'X25519', x: key.jwk.x } },
      /not an Ed25519 key/,
    ],
    [
      'a key controlled by someone else',
      {
        type: 'Multikey',
        publicKeyMultibase: key.multibase,
        controller: 'did:web:elsewhere.example',
      },
      /controlled by did:web:elsewhere.example/,
    ],
  ])('refuses %s with KEY_NOT_FOUND', async (_name, method, reason) => {
    serve(didDocument(did, [{ id: '#key-1', controller: did, ...method }]));
    const resolved = await resolver().resolveKey(`${did}#key-1`, 'assertionMethod');
    expect(resolved).toMatchObject({ ok: false, code: 'KEY_NOT_FOUND' });
    expect(resolved.ok || resolved.message).toMatch(reason);
  });

  it('refuses a document whose id is another DID with DID_RESOLUTION_FAILED', async () => {
    serve(
      didDocument('did:web:attacker.example', [multikeyMethod('did:web:attacker.example', key)]),
    );
    const resolved = await resolver().resolveKey(`${did}#key-1`, 'assertionMethod');
    expect(resolved).toMatchObject({ ok: false, code: 'DID_RESOLUTION_FAILED' });
    expect(resolved.ok || resolved.message).toMatch(
      `the DID document's id "did:web:attacker.example" is not ${did}`,
    );
  });

  it('refuses a malformed verificationMethod with DID_RESOLUTION_FAILED', async () => {
    serve(JSON.stringify({ id: did, verificationMethod: [{ id: '#key-1' }] }));
    expect(await resolver().resolveDocument(did)).toMatchObject({
      ok: false,
      code: 'DID_RESOLUTION_FAILED',
    });
  });

  it('refuses a document with two verification methods of one id with DID_RESOLUTION_FAILED', async () => {
    serve(
      didDocument(did, [multikeyMethod(did, key)], {
        assertionMethod: [multikeyMethod(did, otherKey)],
      }),
    );
    const resolved = await resolver().resolveKey(`${did}#key-1`, 'assertionMethod');
    expect(resolved).toEqual({
      ok: false,
      code: 'DID_RESOLUTION_FAILED',
      message: `${did}: the DID document has two verification methods ${did}#key-1 (fetched from https://localhost:${server.port}${wellKnown})`,
    });
  });

  it('checks the certificate: without the test CA the TLS handshake fails', async () => {
    serve(didDocument(did, [multikeyMethod(did, key)]));
    const resolved = await createDidResolver({
      allowedPrivateHosts: ['localhost'],
    }).resolveDocument(did);
    expect(resolved).toMatchObject({ ok: false, code: 'DID_RESOLUTION_FAILED' });
    expect(resolved.ok || resolved.message).toMatch(
      /could not be fetched \(DEPTH_ZERO_SELF_SIGNED_CERT\)/,
    );
    expect(server.requestCount()).toBe(0);
  });
});

describe('the did:web cache', () => {
  function clock() {
    let nowMs = Date.parse('2026-11-26T12:00:00Z');
    return { now: () => new Date(nowMs), advance: (ms: number) => (nowMs += ms) };
  }

  it('reuses a document within cacheTtlMs and fetches it again after', async () => {
    serve(didDocument(did, [multikeyMethod(did, key)]));
    const time = clock();
    const dids = resolver({ now: time.now, cacheTtlMs: 60_000 });
    expect(await dids.resolveKey(`${did}#key-1`, 'assertionMethod')).toMatchObject({ ok: true });
    time.advance(59_999);
    expect(await dids.resolveKey(`${did}#key-1`, 'authentication')).toMatchObject({ ok: true });
    expect(server.requests.get(wellKnown)).toBe(1);
    time.advance(1);
    expect(await dids.resolveDocument(did)).toMatchObject({ ok: true });
    expect(server.requests.get(wellKnown)).toBe(2);
  });

  it('hands out a frozen document, so no caller can change what the cache holds', async () => {
    serve(didDocument(did, [multikeyMethod(did, key)]));
    const dids = resolver();
    const first = await dids.resolveDocument(did);
    if (!first.ok) throw new Error(first.message);
    expect(() => {
      (first.document.verificationMethod as unknown[]).push({});
    }).toThrow(TypeError);
    expect(() => {
      (
        first.document.verificationMethod?.[0] as { publicKeyMultibase?: string }
      ).publicKeyMultibase = otherKey.multibase;
    }).toThrow(TypeError);
    expectKeyOf(await dids.resolveKey(`${did}#key-1`, 'assertionMethod'), key, `${did}#key-1`);
  });

  it('shares one fetch among concurrent resolutions', async () => {
    serve(didDocument(did, [multikeyMethod(did, key)]));
    const dids = resolver();
    const all = await Promise.all([1, 2, 3, 4].map(() => dids.resolveDocument(did)));
    expect(all.every((resolved) => resolved.ok)).toBe(true);
    expect(server.requests.get(wellKnown)).toBe(1);
  });

  it('remembers a failure for failureCacheTtlMs only', async () => {
    const time = clock();
    const dids = resolver({ now: time.now, failureCacheTtlMs: 5_000 });
    expect(await dids.resolveDocument(did)).toMatchObject({ code: 'DID_RESOLUTION_FAILED' });
    serve(didDocument(did, [multikeyMethod(did, key)]));
    expect(await dids.resolveDocument(did)).toMatchObject({ code: 'DID_RESOLUTION_FAILED' });
    expect(server.requests.get(wellKnown)).toBe(1);
    time.advance(5_000);
    expect(await dids.resolveDocument(did)).toMatchObject({ ok: true });
    expect(server.requests.get(wellKnown)).toBe(2);
  });

  it('keeps no failure when failureCacheTtlMs is 0, and at most maxCachedDocuments documents', async () => {
    const dids = resolver({ failureCacheTtlMs: 0, maxCachedDocuments: 1 });
    await dids.resolveDocument(did);
    await dids.resolveDocument(did);
    expect(server.requests.get(wellKnown)).toBe(2);
    const alice = `${did}:users:alice`;
    serve(didDocument(did, [multikeyMethod(did, key)]));
    serve(didDocument(alice, [multikeyMethod(alice, key)]), '/users/alice/did.json');
    await dids.resolveDocument(did); // cached
    await dids.resolveDocument(alice); // evicts did
    await dids.resolveDocument(did);
    expect(server.requests.get(wellKnown)).toBe(4);
  });
});

describe('fetchDocument (tests and offline mirrors)', () => {
  const mirroredDid = 'did:web:mirror.example:issuers:one';
  const mirroredUrl = 'https://mirror.example/issuers/one/did.json';

  /** A resolver whose network is a map of URL to document text; records what it was asked. */
  function offline(documents: Record<string, string>) {
    const asked: string[] = [];
    const lookups: string[] = [];
    const dids = createDidResolver({
      lookup: (hostname) => {
        lookups.push(hostname);
        return Promise.reject(new Error('no network with fetchDocument'));
      },
      fetchDocument: (url) => {
        asked.push(url.href);
        const text = documents[url.href];
        return text === undefined
          ? Promise.reject(new Error('not mirrored'))
          : Promise.resolve(text);
      },
    });
    return { dids, asked, lookups };
  }

  it('reads the document from the URL the DID maps to, without a lookup, and caches it', async () => {
    const { dids, asked, lookups } = offline({
      [mirroredUrl]: didDocument(mirroredDid, [multikeyMethod(mirroredDid, key)]),
    });
    expectKeyOf(
      await dids.resolveKey(`${mirroredDid}#key-1`, 'assertionMethod'),
      key,
      `${mirroredDid}#key-1`,
    );
    await dids.resolveKey(`${mirroredDid}#key-1`, 'authentication');
    expect(asked).toEqual([mirroredUrl]);
    expect(lookups).toEqual([]);
  });

  it('still refuses a document whose id is another DID', async () => {
    const { dids } = offline({
      [mirroredUrl]: didDocument('did:web:elsewhere.example', [multikeyMethod(mirroredDid, key)]),
    });
    const resolved = await dids.resolveKey(`${mirroredDid}#key-1`, 'assertionMethod');
    expect(resolved).toMatchObject({ ok: false, code: 'DID_RESOLUTION_FAILED' });
    if (!resolved.ok) expect(resolved.message).toContain('did:web:elsewhere.example');
  });

  it('still checks the relationship: a key only under authentication is no assertionMethod', async () => {
    const { dids } = offline({
      [mirroredUrl]: didDocument(mirroredDid, [multikeyMethod(mirroredDid, key)], {
        assertionMethod: [],
      }),
    });
    expect(await dids.resolveKey(`${mirroredDid}#key-1`, 'assertionMethod')).toMatchObject({
      ok: false,
      code: 'KEY_NOT_FOUND',
    });
  });

  it('answers DID_RESOLUTION_FAILED for a rejection or text that is not a JSON object', async () => {
    const { dids } = offline({ [mirroredUrl]: '["not", "a", "document"]' });
    expect(await dids.resolveDocument(mirroredDid)).toMatchObject({
      ok: false,
      code: 'DID_RESOLUTION_FAILED',
    });
    expect(await dids.resolveDocument('did:web:unmirrored.example')).toMatchObject({
      ok: false,
      code: 'DID_RESOLUTION_FAILED',
    });
  });

  it('still refuses a malformed did:web without asking', async () => {
    const { dids, asked } = offline({});
    expect(await dids.resolveDocument('did:web:')).toMatchObject({
      ok: false,
      code: 'DID_INVALID',
    });
    expect(asked).toEqual([]);
  });
});
