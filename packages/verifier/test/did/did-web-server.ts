import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

const fixtures = new URL('../fixtures/tls/', import.meta.url);
/** The test-only self-signed certificate for localhost and 127.0.0.1 (see its README). */
export const testCertificate = readFileSync(new URL('localhost-cert.pem', fixtures), 'utf8');
const testKey = readFileSync(new URL('localhost-key.pem', fixtures), 'utf8');

/** What the server answers for one path. */
export interface ServedDocument {
  body?: string;
  status?: number;
  contentType?: string;
  location?: string;
  /** Sends the headers, then nothing more. */
  hang?: boolean;
  /** Sends the body without a content-length (chunked). */
  chunked?: boolean;
}

/** A real server on loopback, 127.0.0.1 unless told otherwise (HTTPS unless told otherwise) that counts requests by path. */
export interface DidWebServer {
  /** `did:web:localhost%3A<port>`. */
  did: string;
  port: number;
  origin: string;
  documents: Map<string, ServedDocument>;
  requests: Map<string, number>;
  requestCount(): number;
  close(): Promise<void>;
}

function answer(res: ServerResponse, served: ServedDocument | undefined): void {
  if (!served) {
    res.writeHead(404).end('not found');
    return;
  }
  if (served.location) {
    res.writeHead(served.status ?? 302, { location: served.location }).end();
    return;
  }
  const headers: Record<string, string> = {
    'content-type': served.contentType ?? 'application/did+json',
  };
  if (served.hang) {
    res.writeHead(200, headers);
    res.flushHeaders();
    return;
  }
  if (served.chunked) {
    res.writeHead(served.status ?? 200, headers);
    res.write(served.body ?? '');
    res.end();
    return;
  }
  const body = served.body ?? '';
  headers['content-length'] = String(Buffer.byteLength(body));
  res.writeHead(served.status ?? 200, headers).end(body);
}

export async function startDidWebServer(
  protocol: 'https' | 'http' = 'https',
  host = '127.0.0.1',
): Promise<DidWebServer> {
  const documents = new Map<string, ServedDocument>();
  const requests = new Map<string, number>();
  const listener = (req: { url?: string }, res: ServerResponse) => {
    const path = req.url ?? '/';
    requests.set(path, (requests.get(path) ?? 0) + 1);
    answer(res, documents.get(path));
  };
  const server: Server =
    protocol === 'https'
      ? createHttpsServer({ cert: testCertificate, key: testKey }, listener)
      : createHttpServer(listener);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    did: `did:web:localhost%3A${port}`,
    port,
    origin: `${protocol}://localhost:${port}`,
    documents,
    requests,
    requestCount: () => [...requests.values()].reduce((sum, count) => sum + count, 0),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
