// The pinned contexts are what their npm packages ship, nobody has edited them, and the loader
// serves them and nothing else, without ever touching the network.
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { canonizeRdfc } from '@skillproof/data-integrity';
import { checkDataIntegrityProof } from '../../src/data-integrity/check-data-integrity-proof.js';
import { ContextUnknownError } from '@skillproof/data-integrity';
import { createPinnedDocumentLoader } from '@skillproof/data-integrity';
import { loadPinnedContexts, type PinnedContextEntry } from '@skillproof/data-integrity';
import { resolveDidKeyProofKey } from '../../src/data-integrity/resolve-did-key-proof-key.js';
import { CheckLog } from '../../src/verification-result.js';
import { issueWithDb, makeDbKey } from './digital-bazaar.js';
import { openBadgeV2Credential } from '@skillproof/testing';

const folder = new URL('../../../data-integrity/contexts/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('manifest.json', folder), 'utf8')) as {
  contexts: PinnedContextEntry[];
};
const require = createRequire(import.meta.url);

describe('the pinned contexts', () => {
  it('are the files the manifest lists, each with its SHA-256', () => {
    const files = readdirSync(folder).filter((name) => name.endsWith('.jsonld'));
    expect(manifest.contexts.map((entry) => entry.file).sort()).toEqual(files.sort());
    for (const entry of manifest.contexts) {
      const bytes = readFileSync(new URL(entry.file, folder));
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(entry.sha256);
    }
  });

  it.each(manifest.contexts.map((entry) => [entry.url, entry] as const))(
    '%s is its npm package’s copy',
    (_url, entry) => {
      const [, name, version] = /^(@?[^@]+)@(.+)$/.exec(entry.source) ?? [];
      // The verifier's own node_modules: some of these packages export no `./package.json`.
      const packageFolder = join(import.meta.dirname, '..', '..', 'node_modules', name as string);
      const packageJson = JSON.parse(readFileSync(join(packageFolder, 'package.json'), 'utf8')) as {
        version: string;
      };
      expect(packageJson.version).toBe(version);
      const pinned = readFileSync(new URL(entry.file, folder));
      const source = join(packageFolder, entry.sourcePath);
      if (entry.sourcePath.endsWith('.js')) {
        // The Open Badges package ships CommonJS modules: the same JSON, as `stringify` writes it.
        const module = require(source) as unknown;
        expect(JSON.parse(pinned.toString('utf8'))).toEqual(module);
        expect(pinned.toString('utf8')).toBe(`${JSON.stringify(module, null, 2)}\n`);
      } else {
        expect(pinned.equals(readFileSync(source))).toBe(true);
      }
    },
  );

  it('refuse to load when a file was altered', () => {
    const copy = mkdtempSync(join(tmpdir(), 'skillproof-contexts-'));
    try {
      for (const name of readdirSync(folder)) copyFileSync(new URL(name, folder), join(copy, name));
      const copyUrl = pathToFileURL(`${copy}/`);
      expect(loadPinnedContexts(copyUrl).size).toBe(manifest.contexts.length);
      const target = join(copy, 'credentials-v2.jsonld');
      writeFileSync(
        target,
        readFileSync(target, 'utf8').replace('"@protected": true', '"@protected": false'),
      );
      expect(() => loadPinnedContexts(copyUrl)).toThrow(/credentials-v2\.jsonld .* was altered/);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});

describe('createPinnedDocumentLoader', () => {
  const documentLoader = createPinnedDocumentLoader();

  it('serves every pinned URL, parsed and frozen', async () => {
    expect([...documentLoader.urls].sort()).toEqual(manifest.contexts.map((e) => e.url).sort());
    const remote = await documentLoader('https://www.w3.org/ns/credentials/v2');
    expect(remote).toMatchObject({
      contextUrl: null,
      documentUrl: 'https://www.w3.org/ns/credentials/v2',
    });
    const context = remote.document['@context'] as Record<string, unknown>;
    expect(context['@protected']).toBe(true);
    expect(Object.isFrozen(context)).toBe(true);
    expect(() => {
      context['@protected'] = false;
    }).toThrow(TypeError);
    // Shared: the second answer is the same parsed document.
    expect((await documentLoader('https://www.w3.org/ns/credentials/v2')).document).toBe(
      remote.document,
    );
  });

  it('refuses any other URL with ContextUnknownError', async () => {
    for (const url of [
      'https://www.w3.org/ns/credentials/v3',
      'https://www.w3.org/ns/credentials/v2/',
      'http://www.w3.org/ns/credentials/v2',
      'https://w3id.org/security/suites/jws-2020/v1',
      'did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2',
    ]) {
      await expect(documentLoader(url)).rejects.toBeInstanceOf(ContextUnknownError);
    }
  });
});

describe('an unknown context on a loopback server', () => {
  let server: Server;
  let contextUrl: string;
  const requests: string[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      requests.push(request.url ?? '');
      response.setHeader('content-type', 'application/ld+json');
      response.end(JSON.stringify({ '@context': { admin: 'https://evil.example/admin' } }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address() as { port: number };
    contextUrl = `http://127.0.0.1:${address.port}/context.jsonld`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('is served to a plain fetch (the server works)', async () => {
    const response = await fetch(contextUrl);
    expect(response.status).toBe(200);
    await response.arrayBuffer();
    expect(requests).toHaveLength(1);
    requests.length = 0;
  });

  it('fails a signed credential with CONTEXT_UNKNOWN and is never requested', async () => {
    const key = await makeDbKey();
    const credential = await issueWithDb(
      openBadgeV2Credential(key.did, 'did:example:learner'),
      key,
    );
    (credential['@context'] as string[]).push(contextUrl);
    const log = new CheckLog();
    const result = await checkDataIntegrityProof(
      credential,
      {
        expectedProofPurpose: 'assertionMethod',
        now: () => new Date(),
        clockSkewSeconds: 60,
        resolveKey: resolveDidKeyProofKey,
      },
      log,
    );
    expect(result.ok).toBe(false);
    expect(log.errors).toEqual([
      expect.objectContaining({ id: 'context', code: 'CONTEXT_UNKNOWN' }),
    ]);
    expect(requests).toEqual([]);
  });

  it('fails canonicalization itself with CONTEXT_UNKNOWN, never requested (past the static check)', async () => {
    const result = await canonizeRdfc(
      {
        '@context': ['https://www.w3.org/ns/credentials/v2', contextUrl],
        type: ['VerifiableCredential'],
        admin: true,
      },
      createPinnedDocumentLoader(),
    );
    expect(result).toMatchObject({ ok: false, code: 'CONTEXT_UNKNOWN' });
    expect(requests).toEqual([]);
  });
});
