import { afterAll, describe, expect, it } from '@jest/globals';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { makeIdentity } from '@skillproof/testing';
import { createIssuerCatalogs } from '../../src/web/issuer-catalogs.js';
import { testCatalog } from './fixtures/web-board.js';

const closers: Array<() => void> = [];
afterAll(() => closers.splice(0).forEach((close) => close()));

/** An HTTP server on loopback answering every request with `handler`; counts the requests. */
async function serve(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ url: string; requests: () => number }> {
  let requests = 0;
  const server = createServer((req, res) => {
    requests += 1;
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => {
    server.closeAllConnections();
    server.close();
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests: () => requests,
  };
}

const issuerDid = makeIdentity().did;

function json(body: unknown, status = 200) {
  return (_req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  };
}

describe('createIssuerCatalogs', () => {
  it('reads GET <url>/catalog of each issuer: its DID, name, badges and their alignments', async () => {
    let path = '';
    const issuer = await serve((req, res) => {
      path = req.url ?? '';
      json(testCatalog(issuerDid, 'https://academy.test'))(req, res);
    });
    const [catalog] = await createIssuerCatalogs({ issuerUrls: [`${issuer.url}/`] }).load();
    expect(path).toBe('/catalog');
    expect(catalog).toMatchObject({
      available: true,
      issuer: { id: issuerDid, name: 'Test Academy' },
      badges: [
        {
          id: 'git-basics',
          achievementId: 'https://academy.test/achievements/git-basics',
          name: 'Git Basics',
          alignment: [
            { targetName: 'Version control', targetUrl: 'https://skills.example/version-control' },
          ],
        },
        { id: 'sql-basics', alignment: [] },
      ],
    });
  });

  it('reuses a catalogue for its time to live, then reads it again', async () => {
    const issuer = await serve(json(testCatalog(issuerDid, 'https://academy.test')));
    let now = 0;
    const catalogs = createIssuerCatalogs({
      issuerUrls: [issuer.url],
      ttlMs: 1000,
      now: () => now,
    });
    await catalogs.load();
    await catalogs.load();
    expect(issuer.requests()).toBe(1);
    now = 1000;
    await catalogs.load();
    expect(issuer.requests()).toBe(2);
  });

  it.each([
    ['an error status', json({ error: 'down' }, 503), 'it answered 503'],
    ['a body that is not JSON', json('<html>'), 'its catalogue is not JSON'],
    [
      'JSON of another shape',
      json({ badges: 'none' }),
      'its catalogue is not in the expected shape',
    ],
    [
      'a badge whose achievement is not an http(s) URL',
      json({
        issuer: { id: issuerDid, name: 'X' },
        badges: [{ id: 'a', achievementId: 'javascript:alert(1)', name: 'A' }],
      }),
      'its catalogue is not in the expected shape',
    ],
    [
      'a declared size over the bound',
      (_req: IncomingMessage, res: ServerResponse) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '2000' });
        res.end('x'.repeat(2000));
      },
      'the catalogue is larger than 1000 bytes',
    ],
    [
      'a chunked body that grows over the bound',
      (_req: IncomingMessage, res: ServerResponse) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        for (let chunk = 0; chunk < 5; chunk += 1) res.write(' '.repeat(400));
        res.end('{}');
      },
      'the catalogue is larger than 1000 bytes',
    ],
    [
      'a redirect (the board goes only where the operator said)',
      (_req: IncomingMessage, res: ServerResponse) => {
        res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data' });
        res.end();
      },
      'it could not be reached',
    ],
  ])(
    'reports an issuer that answers %s as unavailable, with the reason',
    async (_label, handler, problem) => {
      const issuer = await serve(handler);
      const [catalog] = await createIssuerCatalogs({
        issuerUrls: [issuer.url],
        maxBytes: 1000,
      }).load();
      expect(catalog).toEqual({ url: issuer.url, available: false, problem });
    },
  );

  it('gives up on an issuer that does not answer in time, and still loads the others', async () => {
    const silent = await serve(() => undefined);
    const good = await serve(json(testCatalog(issuerDid, 'https://academy.test')));
    const catalogs = await createIssuerCatalogs({
      issuerUrls: [silent.url, good.url],
      timeoutMs: 200,
    }).load();
    expect(catalogs.map((catalog) => catalog.available)).toEqual([false, true]);
    expect(catalogs[0]).toMatchObject({ problem: 'it did not answer in time' });
  });

  it('asks an unavailable issuer again next time instead of remembering the failure', async () => {
    let up = false;
    const issuer = await serve((req, res) =>
      up ? json(testCatalog(issuerDid, 'https://academy.test'))(req, res) : json({}, 500)(req, res),
    );
    const catalogs = createIssuerCatalogs({ issuerUrls: [issuer.url] });
    expect((await catalogs.load())[0]?.available).toBe(false);
    up = true;
    expect((await catalogs.load())[0]?.available).toBe(true);
  });

  it('reports an issuer that refuses connections', async () => {
    const [catalog] = await createIssuerCatalogs({ issuerUrls: ['http://127.0.0.1:9'] }).load();
    expect(catalog).toEqual({
      url: 'http://127.0.0.1:9',
      available: false,
      problem: 'it could not be reached',
    });
  });
});
