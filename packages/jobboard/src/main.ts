import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { listen } from '@skillproof/core/http';
import { openDatabase } from '@skillproof/core/sqlite';
import { createJobboardApp, type JobboardLog } from './http/create-app.js';
import { ConfigError, readMainConfig, type MainConfig } from './read-main-config.js';
import { createJobboardStore } from './store/jobboard-store.js';

const log: JobboardLog = {
  info: (message, fields) => console.log(fields ? `${message} ${JSON.stringify(fields)}` : message),
  error: (message, fields) =>
    console.error(fields ? `${message} ${JSON.stringify(fields)}` : message),
};

function fail(message: string): never {
  console.error(`jobboard: ${message}`);
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
    console.log(
      `JOBBOARD_ADMIN_TOKEN is not set; the admin token for this run (shown once, not stored) is:\n${adminToken}`,
    );
  }
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const db = openDatabase(join(config.dataDir, 'jobboard.db'));
  const app = createJobboardApp({
    store: createJobboardStore(db),
    config: { url: config.url, adminToken },
    log,
  });
  const running = await listen(app, config.port, config.host);
  log.info(`jobboard listening on ${running.url} (public URL ${config.url})`);

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    running
      .close()
      .catch((error: unknown) => log.error('closing the server failed', { error: String(error) }))
      .finally(() => {
        db.close();
        process.exit(0);
      });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
