// The verifier service: the only file that reads the environment and listens.
import { isSkillproofError } from '@skillproof/core';
import { closeOnSignals, createJsonLineLog, listen } from '@skillproof/server/http';
import { createDidResolver } from './did/create-did-resolver.js';
import { createVerifierApp } from './http/create-app.js';
import { createTransparencyLogResolver } from './transparency/transparency-log-resolver.js';
import { readVerifierConfig, type VerifierSettings } from './read-verifier-config.js';

const log = createJsonLineLog();

let settings: VerifierSettings;
try {
  settings = readVerifierConfig(process.env);
} catch (error) {
  if (!isSkillproofError(error)) throw error;
  log.error(`verifier failed to start: ${error.message}`);
  process.exit(1);
}
const { port, host, trustedIssuers } = settings;

const running = await listen(
  createVerifierApp({
    trustedIssuers: trustedIssuers.map((did) => ({ did })),
    statusListHosts: settings.statusListHosts,
    transparencyLogHosts: settings.transparencyLogHosts,
    transparencyLogs: createTransparencyLogResolver({
      allowedPrivateHosts: settings.didWebPrivateHosts,
      allowHttpLoopback: settings.didWebAllowHttpLoopback,
    }),
    didResolver: createDidResolver({
      allowedPrivateHosts: settings.didWebPrivateHosts,
      allowHttpLoopback: settings.didWebAllowHttpLoopback,
    }),
    log,
  }),
  port,
  host,
);
log.info(`verifier listening on ${running.url}`, {
  trustedIssuers: trustedIssuers.length,
  ...(trustedIssuers.length === 0
    ? { note: 'no TRUSTED_ISSUERS: issuer trust is reported as not evaluated' }
    : {}),
});
closeOnSignals(running, log);
