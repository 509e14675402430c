// The verifier's receipt fetch for `requireTransparency`: the did:web resolver's hardening (no
// redirects, a size cap, loopback HTTP only when allowed, public addresses only), a receipt in
// its shape or nothing, and a cache. The checks on a receipt's content run against a real
// issuer in packages/demo/test/require-transparency.test.ts.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTransparencyLogResolver } from '@skillproof/verifier';

const receipt = {
  leafIndex: 3,
  leafHash: 'AAAA',
  entry: { type: 'issuance' },
  checkpoint: 'academy.test/log\n4\nAAAA\n\n— academy.test/log AAAA\n',
  inclusionProof: ['AAAA'],
  url: 'http://127.0.0.1/log/receipts/x',
  status: null,
};

let server: Server;
let base = '';
const requests: string[] = [];
const answers = new Map<
  string,
  { status: number; body: string; headers?: Record<string, string> }
>();

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const answer = answers.get(req.url ?? '') ?? { status: 404, body: '{}' };
    res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
    res.end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const resolver = (options = {}) =>
  createTransparencyLogResolver({ allowHttpLoopback: true, ttlSeconds: 0, ...options });

describe('createTransparencyLogResolver', () => {
  it('reads a receipt from <issuer>/log/receipts/<id>, the id escaped', async () => {
    answers.set('/log/receipts/urn%3Auuid%3Aa', { status: 200, body: JSON.stringify(receipt) });
    const loaded = await resolver().loadReceipt(base, 'urn:uuid:a');
    expect(loaded).toEqual({ ok: true, receipt: { ...receipt, url: undefined } });
  });

  it('keeps a receipt for ttlSeconds: one request for two loads', async () => {
    answers.set('/log/receipts/cached', { status: 200, body: JSON.stringify(receipt) });
    const cached = resolver({ ttlSeconds: 60 });
    const before = requests.length;
    await cached.loadReceipt(base, 'cached');
    await cached.loadReceipt(base, 'cached');
    expect(requests.length - before).toBe(1);
  });

  it.each([
    ['no entry (404)', { status: 404, body: '{}' }, 'TRANSPARENCY_NOT_LOGGED', /has no entry/],
    [
      'no checkpoint yet (202)',
      { status: 202, body: JSON.stringify({ ...receipt, checkpoint: null }) },
      'TRANSPARENCY_NOT_LOGGED',
      /no signed checkpoint covers it yet/,
    ],
    [
      'a redirect',
      { status: 302, body: '', headers: { location: 'http://127.0.0.1:1/' } },
      'TRANSPARENCY_UNAVAILABLE',
      /redirect/,
    ],
    [
      'something else than a receipt',
      { status: 200, body: JSON.stringify({ ...receipt, inclusionProof: 'no' }) },
      'TRANSPARENCY_UNAVAILABLE',
      /did not answer with a receipt/,
    ],
    [
      'a body over the size cap',
      { status: 200, body: JSON.stringify({ ...receipt, pad: 'x'.repeat(70_000) }) },
      'TRANSPARENCY_UNAVAILABLE',
      /larger than 65536 bytes/,
    ],
    [
      'a body that is not JSON',
      { status: 200, body: '<html>' },
      'TRANSPARENCY_UNAVAILABLE',
      /not JSON/,
    ],
  ])('refuses %s', async (_what, answer, code, message) => {
    answers.set('/log/receipts/bad', answer);
    const loaded = await resolver().loadReceipt(base, 'bad');
    expect(loaded).toMatchObject({ ok: false, code });
    expect(loaded.ok || loaded.message).toMatch(message);
  });

  it('fetches nothing over plain HTTP unless loopback is allowed, nor from a private address', async () => {
    const before = requests.length;
    const plain = await createTransparencyLogResolver().loadReceipt(base, 'x');
    expect(plain).toMatchObject({ ok: false, code: 'TRANSPARENCY_UNAVAILABLE' });
    const internal = await createTransparencyLogResolver({
      lookup: () => Promise.resolve([{ address: '10.0.0.7', family: 4 }]),
    }).loadReceipt('https://logs.example', 'x');
    expect(internal).toMatchObject({ ok: false, code: 'TRANSPARENCY_UNAVAILABLE' });
    expect(internal.ok || internal.message).toMatch(/not a public address/);
    expect(requests.length).toBe(before);
  });
});
