import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '@skillproof/server/sqlite';
import { createIssuer, type Catalog } from '@skillproof/issuer';
import { createJobboardApp, createJobboardStore, openBoardIdentity } from '@skillproof/jobboard';
import { serveOnLoopback, type LoopbackService } from './serve-on-loopback.js';

/** The issuer and job board the demo runs, each a real HTTP server with its own database. */
export interface DemoServices {
  /** `puzzleSecret` seeds learners' puzzle inputs: tests and the demo compute answers with it. */
  issuer: LoopbackService & { did: string; puzzleSecret: string };
  jobboard: LoopbackService & { adminToken: string };
  close(): Promise<void>;
}

const quiet = {
  info: () => undefined,
  error: (message: string, fields?: object) => console.error(message, fields ?? {}),
};

/**
 * Starts the issuer and the job board on loopback with data under `dataDir`; the issuer offers
 * `options.catalog` (default: the catalogue that ships).
 */
export async function startDemoServices(
  dataDir: string,
  options: {
    scryptLogN?: number;
    offerTxCode?: boolean;
    catalog?: Catalog;
    /** How wallets answer the board (`direct_post.jwt`: encrypted); default `direct_post`. */
    openid4vpResponseMode?: 'direct_post' | 'direct_post.jwt';
    /** The issuer's clock (tests move it to earn a badge in the past); default the system's. */
    issuerNow?: () => Date;
  } = {},
): Promise<DemoServices> {
  const serviceDir = (name: string) => {
    const dir = join(dataDir, name);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    return dir;
  };
  const issuerDb = openDatabase(join(serviceDir('issuer'), 'issuer.db'));
  const jobboardDb = openDatabase(join(serviceDir('jobboard'), 'jobboard.db'));
  let did = '';
  let stopCheckpoints = async (): Promise<void> => undefined;
  const puzzleSecret = randomBytes(32).toString('base64url');
  const issuer = await serveOnLoopback(async (url) => {
    const built = await createIssuer({
      db: issuerDb,
      keySecret: randomBytes(32).toString('base64url'),
      puzzleSecret,
      config: {
        name: 'Skillproof Academy',
        url,
        ...(options.offerTxCode === undefined ? {} : { offerTxCode: options.offerTxCode }),
      },
      log: quiet,
      ...(options.catalog === undefined ? {} : { catalog: options.catalog }),
      ...(options.scryptLogN === undefined ? {} : { scryptLogN: options.scryptLogN }),
      ...(options.issuerNow === undefined ? {} : { now: options.issuerNow }),
    });
    did = built.identifier.did;
    const checkpoints = built.context.transparency?.checkpoints;
    if (checkpoints) stopCheckpoints = () => checkpoints.stop();
    return built.app;
  });
  const adminToken = randomBytes(32).toString('base64url');
  // The board's did:key, which signs its OpenID4VP requests.
  const identity = await openBoardIdentity({
    db: jobboardDb,
    keySecret: randomBytes(32).toString('base64url'),
    ...(options.scryptLogN === undefined ? {} : { scryptLogN: options.scryptLogN }),
  });
  const jobboard = await serveOnLoopback(async (url) =>
    createJobboardApp({
      identity,
      store: await createJobboardStore(jobboardDb),
      // The posting form offers the badges of this issuer's catalogue.
      config: {
        url,
        adminToken,
        issuerUrls: [issuer.url],
        ...(options.openid4vpResponseMode === undefined
          ? {}
          : { openid4vpResponseMode: options.openid4vpResponseMode }),
      },
      log: quiet,
    }),
  );
  return {
    issuer: { ...issuer, did, puzzleSecret },
    jobboard: { ...jobboard, adminToken },
    async close() {
      await Promise.all([issuer.close(), jobboard.close()]);
      // The transparency log's background signer reads the issuer's database: stopped first.
      await stopCheckpoints();
      issuerDb.close();
      jobboardDb.close();
    },
  };
}
