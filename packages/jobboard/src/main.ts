import cluster from 'node:cluster';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { closeOnSignals, createJsonLineLog, listen } from '@skillproof/core/http';
import { openDatabase } from '@skillproof/core/sqlite';
import { createJobboardApp } from './http/create-app.js';
import { ConfigError, readMainConfig, type MainConfig } from './read-main-config.js';
import { createJobboardStore } from './store/jobboard-store.js';

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
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  let adminToken = config.adminToken;
  if (adminToken === undefined) {
    adminToken = randomBytes(32).toString('base64url');
    log.info(
      'JOBBOARD_ADMIN_TOKEN is not set: generated an admin token for this run (POST /api/employers)',
      {
        adminToken,
      },
    );
  }
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const workers = config.workers ?? 1;
  if (workers > 1 && cluster.isPrimary) {
    superviseWorkers(config, workers, adminToken);
    return;
  }
  const db = openDatabase(join(config.dataDir, 'jobboard.db'));
  const app = createJobboardApp({
    store: createJobboardStore(db),
    config: { url: config.url, adminToken, issuerUrls: config.issuerUrls },
    log,
  });
  const running = await listen(app, config.port, config.host);
  log.info(`jobboard listening on ${config.url}`, { url: config.url, bound: running.url });

  closeOnSignals(running, log, () => db.close());
}

/**
 * Runs `workers` copies of the board (node:cluster: they share the port, and the SQLite file in
 * WAL mode, whose transactions keep each nonce to one application). The schema is migrated here
 * first, so workers never race to migrate.
 */
function superviseWorkers(config: MainConfig, workers: number, adminToken: string): void {
  const db = openDatabase(join(config.dataDir, 'jobboard.db'));
  createJobboardStore(db);
  db.close();
  let stopping = false;
  for (let index = 0; index < workers; index++) {
    cluster.fork({ JOBBOARD_ADMIN_TOKEN: adminToken });
  }
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    log.error('a jobboard worker exited', { pid: worker.process.pid, code, signal });
  });
  const stop = (signal: NodeJS.Signals): void => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.kill(signal);
    cluster.disconnect(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
