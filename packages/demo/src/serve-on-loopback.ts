import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A service listening on loopback. */
export interface LoopbackService {
  url: string;
  close(): Promise<void>;
}

/**
 * Listens on 127.0.0.1 at a free port, then builds the app with its own URL (services publish
 * URLs that contain their port, which is known only once bound).
 */
export async function serveOnLoopback(
  makeApp: (url: string) => RequestListener | Promise<RequestListener>,
): Promise<LoopbackService> {
  let app: RequestListener | undefined;
  const server = createServer((req, res) => {
    if (app) app(req, res);
    else res.writeHead(503).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    app = await makeApp(url);
  } catch (error) {
    server.close();
    throw error;
  }
  return {
    url,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
