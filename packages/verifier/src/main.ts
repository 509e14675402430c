import { closeOnSignals, createJsonLineLog, listen } from '@skillproof/server/http';
import { createVerifierApp } from './http/create-app.js';

const log = createJsonLineLog();

function fail(message: string): never {
  log.error(`verifier failed to start: ${message}`);
  process.exit(1);
}

const port = Number(process.env['PORT'] ?? 4200);
if (!Number.isInteger(port) || port < 0 || port > 65535)
  fail(`PORT must be a port number, not "${process.env['PORT']}"`);
const host = process.env['HOST'] ?? '127.0.0.1';
const trustedIssuers = (process.env['TRUSTED_ISSUERS'] ?? '')
  .split(',')
  .map((did) => did.trim())
  .filter((did) => did.length > 0);
for (const did of trustedIssuers)
  if (!did.startsWith('did:')) fail(`TRUSTED_ISSUERS holds "${did}", which is not a DID`);

const running = await listen(
  createVerifierApp({ trustedIssuers: trustedIssuers.map((did) => ({ did })), log }),
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
