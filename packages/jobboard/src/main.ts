import cluster, { type Worker } from 'node:cluster';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isSkillproofError } from '@skillproof/core';
import { loadKeySecret } from '@skillproof/server/agent';
import { closeOnSignals, createJsonLineLog, listen } from '@skillproof/server/http';
import { openDatabaseFromConfig, type Database } from '@skillproof/server/database';
import { createJobboardApp } from './create-jobboard.js';
import { openBoardIdentity } from './openid4vp/board-identity.js';
import { readMainConfig, type MainConfig } from './read-main-config.js';
import {
  checkJobboardReadiness,
  createJobboardStore,
  migrateJobboardDatabase,
} from './store/jobboard-store.js';

const log = createJsonLineLog();

function fail(message: string): never {
  log.error(`jobboard failed to start: ${message}`);
  process.exit(1);
}

async function main(): Promise<void> {
  let config: MainConfig;
  try {
    config = readMainConfig(process.env);
  } catch (error) {
    if (isSkillproofError(error) && error.code === 'CONFIGURATION_INVALID') fail(error.message);
    throw error;
  }
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  let adminToken = config.adminToken;
  if (adminToken === undefined) {
    // Never in the log (logs are shipped and kept): in a file only its owner can read.
    adminToken = randomBytes(32).toString('base64url');
    const adminTokenFile = join(config.dataDir, 'admin-token');
    writeFileSync(adminTokenFile, `${adminToken}\n`, { mode: 0o600 });
    chmodSync(adminTokenFile, 0o600);
    log.warn(
      `JOBBOARD_ADMIN_TOKEN is not set: generated an admin token for this run (POST /api/employers), in ${adminTokenFile}`,
      { adminTokenFile },
    );
  }
  let keySecret = config.keySecret;
  if (keySecret === undefined) {
    const stored = loadKeySecret(config.dataDir, 'JOBBOARD_KEY_SECRET');
    keySecret = stored.secret;
    if (cluster.isPrimary) {
      log.warn(
        `JOBBOARD_KEY_SECRET is not set: the board's DID key is sealed with the secret in ${stored.path}; production should set JOBBOARD_KEY_SECRET`,
        { keySecretFile: stored.path, created: stored.created },
      );
    }
  }
  const workers = config.workers ?? 1;
  if (workers > 1 && cluster.isPrimary) {
    await superviseWorkers(config, workers, adminToken, keySecret);
    return;
  }
  const database = openJobboardDatabase(config);
  const store = await createJobboardStore(database);
  const identity = await openBoardIdentity({ db: database, keySecret, ...webIdentityOf(config) });
  const app = createJobboardApp({
    store,
    identity,
    config: {
      url: config.url,
      adminToken,
      issuerUrls: config.issuerUrls,
      bitcoinNetwork: config.bitcoinNetwork,
      ...(config.presentationRequestsPerMinute === undefined
        ? {}
        : { presentationRequestsPerMinute: config.presentationRequestsPerMinute }),
      ...(config.openid4vpResponseMode === undefined
        ? {}
        : { openid4vpResponseMode: config.openid4vpResponseMode }),
    },
    log,
    readiness: () => checkJobboardReadiness(database),
  });
  const running = await listen(app, config.port, config.host);
  log.info(`jobboard listening on ${config.url}`, {
    url: config.url,
    bound: running.url,
    pid: process.pid,
  });
  if (config.bitcoinNetwork === 'mainnet') {
    log.info('JOBBOARD_BITCOIN_NETWORK=mainnet: paid tasks settle in real bitcoin', {
      bitcoinNetwork: config.bitcoinNetwork,
    });
  }

  closeOnSignals(running, log, () => void database.close());
}

/** The board's database: PostgreSQL when `DATABASE_URL` is set, else `jobboard.db` in DATA_DIR. */
function openJobboardDatabase(config: MainConfig): Database {
  return openDatabaseFromConfig({
    ...config.database,
    sqliteFile: join(config.dataDir, 'jobboard.db'),
    // The pool replaces the connection; requests meanwhile get 503 and are logged there.
    onIdleConnectionError: (error) =>
      log.warn('a pooled database connection failed', { error: error.message }),
  });
}

/** The did:web option of `openBoardIdentity` for a board configured with `JOBBOARD_DID_METHOD=web`. */
function webIdentityOf(config: MainConfig): { webUrl?: string } {
  return config.didMethod === 'web' ? { webUrl: config.url } : {};
}

/**
 * Runs `workers` copies of the board (node:cluster: they share the port, and the SQLite file in
 * WAL mode, whose transactions keep each nonce to one application). The schema is migrated and
 * the board's key made here first, so workers never race to migrate. A worker that dies after it listened is replaced; one
 * that dies before it ever listened would only die again, so the board stops with exit code 1
 * and its supervisor sees the failure instead of a board serving on fewer workers.
 */
async function superviseWorkers(
  config: MainConfig,
  workers: number,
  adminToken: string,
  keySecret: string,
): Promise<void> {
  const database = openJobboardDatabase(config);
  await migrateJobboardDatabase(database);
  // The board's key is made here, once, so workers never race to make two.
  await openBoardIdentity({ db: database, keySecret, ...webIdentityOf(config) });
  await database.close();
  let stopping = false;
  const listened = new Set<number>();
  const fork = (): void => {
    const worker = cluster.fork({
      JOBBOARD_ADMIN_TOKEN: adminToken,
      JOBBOARD_KEY_SECRET: keySecret,
    });
    // A worker's IPC channel can fail while it is being stopped (already closed): that is no
    // crash of the board, and never a stack trace on stderr; it goes to the log like the rest.
    worker.on('error', (error) => {
      log.error('a jobboard worker channel failed', {
        pid: worker.process.pid,
        error: error.message,
      });
    });
  };
  const stop = (signal: NodeJS.Signals, exitCode = 0): void => {
    if (stopping) return;
    stopping = true;
    const running = Object.values(cluster.workers ?? {}).filter(
      (worker): worker is Worker => worker !== undefined && !worker.isDead(),
    );
    if (running.length === 0) process.exit(exitCode);
    // Each worker is stopped once (kill disconnects it too) and the board exits when the last
    // has gone; a second disconnect of a closed channel would only raise an error.
    let left = running.length;
    for (const worker of running) {
      worker.once('exit', () => {
        left -= 1;
        if (left === 0) process.exit(exitCode);
      });
      worker.kill(signal);
    }
  };
  cluster.on('listening', (worker) => listened.add(worker.id));
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    const exit = { pid: worker.process.pid, code, signal };
    if (!listened.has(worker.id)) {
      log.error('a jobboard worker failed to start: stopping the board', exit);
      stop('SIGTERM', 1);
      return;
    }
    log.error('a jobboard worker exited: starting another', exit);
    fork();
  });
  for (let index = 0; index < workers; index++) fork();
  process.once('SIGINT', (signal) => stop(signal));
  process.once('SIGTERM', (signal) => stop(signal));
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
