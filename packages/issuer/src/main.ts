// The issuer service: the only file that reads the environment and listens.
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isSkillproofError } from '@skillproof/core';
import { loadKeySecret } from '@skillproof/server/agent';
import { closeOnSignals, createJsonLineLog, listen } from '@skillproof/server/http';
import { openDatabaseFromConfig, type Database } from '@skillproof/server/database';
import { loadCatalog } from './catalog/load-catalog.js';
import { readIssuerConfig } from './config/read-issuer-config.js';
import { createIssuer } from './create-issuer.js';

const log = createJsonLineLog();

async function main(): Promise<void> {
  const settings = readIssuerConfig(process.env);
  mkdirSync(settings.dataDir, { recursive: true, mode: 0o700 });

  let keySecret = settings.keySecret;
  if (keySecret === undefined) {
    const stored = loadKeySecret(settings.dataDir);
    keySecret = stored.secret;
    log.warn(
      `ISSUER_KEY_SECRET is not set: the issuer key is encrypted with the secret in ${stored.path}; production should set ISSUER_KEY_SECRET`,
      { keySecretFile: stored.path, created: stored.created },
    );
  }

  let adminToken = settings.adminToken;
  if (adminToken === undefined) {
    // Never in the log (logs are shipped and kept): in a file only its owner can read.
    adminToken = randomBytes(24).toString('base64url');
    const adminTokenFile = join(settings.dataDir, 'admin-token');
    writeFileSync(adminTokenFile, `${adminToken}\n`, { mode: 0o600 });
    chmodSync(adminTokenFile, 0o600);
    log.warn(
      `ISSUER_ADMIN_TOKEN is not set: generated an admin token for this run (VC-API /credentials/*), in ${adminTokenFile}`,
      { adminTokenFile },
    );
  }

  let db: Database | undefined;
  try {
    // PostgreSQL when DATABASE_URL is set, else issuer.db in DATA_DIR.
    db = openDatabaseFromConfig({
      ...settings.database,
      sqliteFile: join(settings.dataDir, 'issuer.db'),
      // The pool replaces the connection; requests meanwhile get 503 and are logged there.
      onIdleConnectionError: (error) =>
        log.warn('a pooled database connection failed', { error: error.message }),
    });
    const database = db;
    const { app, identifier } = await createIssuer({
      db,
      keySecret,
      config: {
        name: settings.name,
        url: settings.url,
        adminToken,
        didMethod: settings.didMethod,
        offerTxCode: settings.offerTxCode,
        offerTtlSeconds: settings.offerTtlSeconds,
      },
      ...(settings.puzzleSecret === undefined ? {} : { puzzleSecret: settings.puzzleSecret }),
      ...(settings.catalogDir === undefined ? {} : { catalog: loadCatalog(settings.catalogDir) }),
      log,
      transparencyLog: {
        checkpointIntervalMs: settings.logCheckpointMs,
        witnesses: settings.logWitnesses,
      },
    });
    const running = await listen(app, settings.port, settings.host);
    log.info(`issuer listening on ${settings.url} as ${identifier.did}`, {
      url: settings.url,
      bound: running.url,
      did: identifier.did,
    });

    closeOnSignals(running, log, () => void database.close());
  } catch (error) {
    await db?.close();
    throw error;
  }
}

main().catch((error: unknown) => {
  // One clear line, never a stack: configuration and key problems are for the operator to fix.
  const message = isSkillproofError(error)
    ? `${error.code}: ${error.message}`
    : error instanceof Error
      ? error.message
      : String(error);
  log.error(`issuer failed to start: ${message}`);
  process.exit(1);
});
