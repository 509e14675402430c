import { listen } from '@skillproof/core/http';
import { createVerifierApp } from './http/create-app.js';

function fail(message: string): never {
  console.error(`verifier: ${message}`);
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

const log = {
  error: (message: string, details?: Record<string, unknown>) =>
    console.error(JSON.stringify({ level: 'error', service: 'verifier', message, ...details })),
};
const running = await listen(
  createVerifierApp({ trustedIssuers: trustedIssuers.map((did) => ({ did })), log }),
  port,
  host,
);
console.log(
  `verifier listening on ${running.url}` +
    (trustedIssuers.length > 0
      ? ` trusting ${trustedIssuers.length} issuer(s)`
      : ' (no TRUSTED_ISSUERS: trust not evaluated)'),
);
const stop = () => void running.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
