import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createDidResolver, type DidResolverOptions, type HostLookup } from '@skillproof/verifier';
import {
  fetchDidDocument,
  systemHostLookup,
  type FetchDidDocumentOptions,
} from '../../src/did/fetch-did-document.js';
import { didDocument, makeTestKey, multikeyMethod } from './did-web-fixtures.js';
import { startDidWebServer, testCertificate, type DidWebServer } from './did-web-server.js';

let server: DidWebServer;
let elsewhere: DidWebServer;
let plain: DidWebServer;
let did: string;
const key = makeTestKey();
const wellKnown = '/.well-known/did.json';

beforeAll(async () => {
  [server, elsewhere, plain] = await Promise.all([
    startDidWebServer(),
    startDidWebServer(),
    startDidWebServer('http'),
  ]);
  did = server.did;
});
afterAll(async () => {
  await Promise.all([server.close(), elsewhere.close(), plain.close()]);
});
beforeEach(() => {
  for (const each of [server, elsewhere, plain]) {
    each.documents.clear();
    each.requests.clear();
  }
});

function resolver(extra: DidResolverOptions = {}) {
  return createDidResolver({
    ca: testCertificate,
    allowedPrivateHosts: ['localhost'],
    failureCacheTtlMs: 0,
    ...extra,
  });
}

function fetchOptions(extra: Partial<FetchDidDocumentOptions> = {}): FetchDidDocumentOptions {
  return {
    timeoutMs: 5_000,
    maxBytes: 100 * 1024,
    allowedPrivateHosts: [],
    allowHttpLoopback: false,
    lookup: systemHostLookup,
    ca: testCertificate,
    ...extra,
  };
}

/** A lookup that answers from a table and records each name asked. */
function fakeLookup(table: Record<string, string[]>) {
  const asked: string[] = [];
  const lookup: HostLookup = (hostname) => {
    asked.push(hostname);
    const addresses = table[hostname];
    if (!addresses)
      return Promise.reject(Object.assign(new Error('not found'), { code: 'ENOTFOUND' }));
    return Promise.resolve(
      addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
    );
  };
  return { lookup, asked };
}

function serveGood(): void {
  server.documents.set(wellKnown, { body: didDocument(did, [multikeyMethod(did, key)]) });
}

describe('redirects', () => {
  it.each([301, 302, 307, 308])(
    'refuses a %i to another host with DID_REDIRECT_REFUSED; the other host gets no request',
    async (status) => {
      elsewhere.documents.set(wellKnown, { body: didDocument(did, [multikeyMethod(did, key)]) });
      server.documents.set(wellKnown, {
        status,
        location: `https://127.0.0.1:${elsewhere.port}${wellKnown}`,
      });
      expect(await resolver().resolveDocument(did)).toEqual({
        ok: false,
        code: 'DID_REDIRECT_REFUSED',
        message: `${did} answered with a redirect (${status}); redirects are refused`,
      });
      expect(server.requests.get(wellKnown)).toBe(1);
      expect(elsewhere.requestCount()).toBe(0);
    },
  );
});

describe('addresses', () => {
  it('refuses a host on loopback by default with DID_ADDRESS_NOT_ALLOWED; the server gets no request', async () => {
    serveGood();
    const resolved = await createDidResolver({ ca: testCertificate }).resolveDocument(did);
    expect(resolved).toMatchObject({ ok: false, code: 'DID_ADDRESS_NOT_ALLOWED' });
    expect(resolved.ok || resolved.message).toMatch(
      /the host localhost resolves to (127\.0\.0\.1|::1), which is not a public address/,
    );
    expect(server.requestCount()).toBe(0);
  });

  it('allows a private host only as configured: name, or name:port with its own port', async () => {
    serveGood();
    expect(
      await resolver({ allowedPrivateHosts: [`localhost:${server.port + 1}`] }).resolveDocument(
        did,
      ),
    ).toMatchObject({ ok: false, code: 'DID_ADDRESS_NOT_ALLOWED' });
    expect(
      await resolver({ allowedPrivateHosts: [`LOCALHOST:${server.port}`] }).resolveDocument(did),
    ).toMatchObject({ ok: true });
    expect(server.requests.get(wellKnown)).toBe(1);
  });

  it.each([
    ['10.0.0.7'],
    ['169.254.169.254'],
    ['100.64.0.1'],
    ['::ffff:127.0.0.1'],
    ['fd00::1'],
    ['0.0.0.0'],
  ])('refuses a public name that resolves to %s, among public addresses', async (address) => {
    const { lookup, asked } = fakeLookup({ 'did.example.com': ['93.184.215.14', address] });
    const resolved = await createDidResolver({ lookup }).resolveDocument('did:web:did.example.com');
    expect(resolved).toEqual({
      ok: false,
      code: 'DID_ADDRESS_NOT_ALLOWED',
      message: `did:web:did.example.com: the host did.example.com resolves to ${address}, which is not a public address; it is fetched only if configured in allowedPrivateHosts`,
    });
    expect(asked).toEqual(['did.example.com']);
  });

  it('connects to the address it checked: the name is looked up once (no DNS rebinding)', async () => {
    // The server is on 127.0.0.2, where the system's "localhost" does not lead: only a connection
    // to the address the check saw reaches it.
    const pinned = await startDidWebServer('https', '127.0.0.2');
    try {
      pinned.documents.set(wellKnown, {
        body: didDocument(pinned.did, [multikeyMethod(pinned.did, key)]),
      });
      // A rebinding resolver: the first answer passes the check, any later one points elsewhere.
      let lookups = 0;
      const lookup: HostLookup = () => {
        lookups += 1;
        const address = lookups === 1 ? '127.0.0.2' : '192.0.2.1';
        return Promise.resolve([{ address, family: 4 }]);
      };
      expect(await resolver({ lookup }).resolveDocument(pinned.did)).toMatchObject({ ok: true });
      expect(lookups).toBe(1);
      expect(pinned.requests.get(wellKnown)).toBe(1);
    } finally {
      await pinned.close();
    }
  });

  it('reports a name that does not resolve with DID_RESOLUTION_FAILED', async () => {
    const { lookup } = fakeLookup({});
    expect(await createDidResolver({ lookup }).resolveDocument('did:web:nowhere.example')).toEqual({
      ok: false,
      code: 'DID_RESOLUTION_FAILED',
      message:
        'did:web:nowhere.example: the host nowhere.example could not be resolved (ENOTFOUND)',
    });
  });
});

describe('plain HTTP', () => {
  it('refuses http:// without allowHttpLoopback, even to loopback, and sends nothing', async () => {
    plain.documents.set(wellKnown, { body: '{}' });
    const fetched = await fetchDidDocument(
      plain.did,
      `http://127.0.0.1:${plain.port}${wellKnown}`,
      fetchOptions({ allowedPrivateHosts: ['127.0.0.1'] }),
    );
    expect(fetched).toMatchObject({ ok: false, code: 'DID_ADDRESS_NOT_ALLOWED' });
    expect(plain.requestCount()).toBe(0);
  });

  it('refuses http:// to a host that is not loopback even with allowHttpLoopback, before any lookup', async () => {
    const { lookup, asked } = fakeLookup({ 'did.example.com': ['127.0.0.1'] });
    const fetched = await fetchDidDocument(
      'did:web:did.example.com',
      'http://did.example.com/.well-known/did.json',
      fetchOptions({ allowHttpLoopback: true, lookup }),
    );
    expect(fetched).toEqual({
      ok: false,
      code: 'DID_ADDRESS_NOT_ALLOWED',
      message:
        'did:web:did.example.com: http://did.example.com is plain HTTP to a host that is not loopback; only loopback may be fetched over HTTP',
    });
    expect(asked).toEqual([]);
  });

  it('refuses http://localhost when localhost resolves off loopback', async () => {
    const { lookup } = fakeLookup({ localhost: ['10.1.2.3'] });
    const fetched = await fetchDidDocument(
      plain.did,
      `http://localhost:${plain.port}${wellKnown}`,
      fetchOptions({ allowHttpLoopback: true, lookup }),
    );
    expect(fetched).toMatchObject({ ok: false, code: 'DID_ADDRESS_NOT_ALLOWED' });
    expect(plain.requestCount()).toBe(0);
  });

  it('with allowHttpLoopback, resolves a did:web of localhost over plain HTTP', async () => {
    plain.documents.set(wellKnown, {
      body: didDocument(plain.did, [multikeyMethod(plain.did, key)]),
    });
    const dids = createDidResolver({ allowHttpLoopback: true });
    expect(await dids.resolveKey(`${plain.did}#key-1`, 'assertionMethod')).toMatchObject({
      ok: true,
    });
    expect(plain.requests.get(wellKnown)).toBe(1);
  });

  it('refuses other schemes', async () => {
    expect(
      await fetchDidDocument('did:web:x.example', 'ftp://x.example/did.json', fetchOptions()),
    ).toMatchObject({ ok: false, code: 'DID_ADDRESS_NOT_ALLOWED' });
  });
});

describe('answers', () => {
  it.each([
    ['with a content-length', false],
    ['chunked, without a length', true],
  ])('refuses a body over maxBytes, %s, with DID_RESOLUTION_FAILED', async (_name, chunked) => {
    server.documents.set(wellKnown, {
      body: didDocument(did, [multikeyMethod(did, key)], { padding: 'x'.repeat(5_000) }),
      chunked,
    });
    const resolved = await resolver({ maxBytes: 1_024 }).resolveDocument(did);
    expect(resolved).toEqual({
      ok: false,
      code: 'DID_RESOLUTION_FAILED',
      message: `${did}: the DID document at https://localhost:${server.port}${wellKnown} is larger than 1024 bytes`,
    });
  });

  it('gives up on a server that never finishes after timeoutMs with DID_RESOLUTION_FAILED', async () => {
    server.documents.set(wellKnown, { hang: true });
    const started = Date.now();
    const resolved = await resolver({ timeoutMs: 300 }).resolveDocument(did);
    expect(resolved).toEqual({
      ok: false,
      code: 'DID_RESOLUTION_FAILED',
      message: `${did}: no complete answer from localhost:${server.port} within 300 ms`,
    });
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(server.requests.get(wellKnown)).toBe(1);
  });

  it('counts a slow DNS lookup against timeoutMs', async () => {
    const lookup: HostLookup = () => new Promise(() => undefined);
    const resolved = await createDidResolver({ lookup, timeoutMs: 100 }).resolveDocument(
      'did:web:slow.example',
    );
    expect(resolved).toMatchObject({ ok: false, code: 'DID_RESOLUTION_FAILED' });
    expect(resolved.ok || resolved.message).toMatch(/within 100 ms/);
  });

  it.each([404, 500, 204])('refuses HTTP %i with DID_RESOLUTION_FAILED', async (status) => {
    server.documents.set(wellKnown, { status, body: status === 204 ? '' : 'no' });
    expect(await resolver().resolveDocument(did)).toEqual({
      ok: false,
      code: 'DID_RESOLUTION_FAILED',
      message: `${did}: https://localhost:${server.port}${wellKnown} answered with HTTP ${status}, not 200`,
    });
  });

  it.each(['application/did+json', 'application/did+ld+json', 'application/json; charset=utf-8'])(
    'accepts the content type %s',
    async (contentType) => {
      server.documents.set(wellKnown, {
        body: didDocument(did, [multikeyMethod(did, key)]),
        contentType,
      });
      expect(await resolver().resolveDocument(did)).toMatchObject({ ok: true });
    },
  );

  it.each(['text/html', 'application/octet-stream'])(
    'refuses the content type %s with DID_RESOLUTION_FAILED',
    async (contentType) => {
      server.documents.set(wellKnown, {
        body: didDocument(did, [multikeyMethod(did, key)]),
        contentType,
      });
      const resolved = await resolver().resolveDocument(did);
      expect(resolved).toMatchObject({ ok: false, code: 'DID_RESOLUTION_FAILED' });
      expect(resolved.ok || resolved.message).toMatch(`content type "${contentType}"`);
    },
  );

  it.each(['not json', '[1,2]', '"did"', '{"id":'])(
    'refuses a body that is not a JSON object (%j) with DID_RESOLUTION_FAILED',
    async (body) => {
      server.documents.set(wellKnown, { body });
      expect(await resolver().resolveDocument(did)).toMatchObject({
        ok: false,
        code: 'DID_RESOLUTION_FAILED',
      });
    },
  );
});
