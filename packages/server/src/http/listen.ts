import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';

/** A listening server and how to reach and stop it. */
export interface RunningServer {
  server: Server;
  port: number;
  /** `http://127.0.0.1:<port>` (or the host given). */
  url: string;
  close(): Promise<void>;
}

/**
 * Listens on `host:port` (port 0 picks a free one) and resolves once bound.
 *
 * @example
 * ```ts
 * const running = await listen(createIssuerApp(deps), 0);
 * await running.close();
 * ```
 */
export async function listen(
  app: Express,
  port: number,
  host = '127.0.0.1',
): Promise<RunningServer> {
  const server = await new Promise<Server>((resolve, reject) => {
    const candidate = app.listen(port, host, (error?: Error) =>
      error ? reject(error) : resolve(candidate),
    );
    candidate.once('error', reject);
  });
  const bound = (server.address() as AddressInfo).port;
  return {
    server,
    port: bound,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${bound}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
