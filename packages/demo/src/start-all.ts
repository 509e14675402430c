import { join } from 'node:path';
import { readConfig } from '@skillproof/core';
import { readStartOptions, startUsage, type StartOptions } from './read-start-options.js';
import { describeSampleData, seedSampleData } from './seed-sample-data.js';
import { superviseServices, type SupervisedServices } from './supervise-services.js';
import { waitForService } from './wait-for-service.js';

// `pnpm start`: the issuer, the verifier and the job board, data under <data root>/<service>,
// until Ctrl-C. A first start seeds sample data into the empty job board (`--no-sample` skips it).
let options: StartOptions;
try {
  options = readStartOptions(process.argv.slice(2), process.env);
} catch (error) {
  console.error(`skillproof: ${error instanceof Error ? error.message : String(error)}`);
  console.error(startUsage);
  process.exit(2);
}

console.log(
  `skillproof: starting issuer (${options.ports.issuer}), verifier (${options.ports.verifier}) ` +
    `and job board (${options.ports.jobboard}), data under ${options.dataRoot}; Ctrl-C stops them all`,
);
const services = superviseServices(options, {
  print: (line) => console.log(line),
  env: process.env,
});
let stopRequested = false;
const stop = () => {
  stopRequested = true;
  void services.stopAll();
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
// Ends once every service has stopped: 0 when asked to stop, 1 when they all stopped on their own.
void services.allStopped.then(() => process.exit(stopRequested ? 0 : 1));

if (options.sample) await seedOnFirstStart(services);

async function seedOnFirstStart(running: SupervisedServices): Promise<void> {
  const config = readConfig(process.env);
  const jobboardUrl = `http://127.0.0.1:${options.ports.jobboard}`;
  const issuerUrl = `http://127.0.0.1:${options.ports.issuer}`;
  try {
    await waitForService(`${jobboardUrl}/api/postings`, {
      timeoutMs: 60_000,
      gaveUp: () => !running.isRunning('jobboard'),
    });
    await waitForService(`${issuerUrl}/issuer`, {
      timeoutMs: 60_000,
      gaveUp: () => !running.isRunning('issuer'),
    });
    const jobboardPublicUrl = config.baseUrl(
      'JOBBOARD_URL',
      `http://localhost:${options.ports.jobboard}`,
    );
    const adminToken = config.text('JOBBOARD_ADMIN_TOKEN');
    const result = await seedSampleData({
      issuerUrl,
      jobboardUrl,
      jobboardPublicUrl,
      jobboardDataDir: join(options.dataRoot, 'jobboard'),
      ...(adminToken === undefined ? {} : { adminToken }),
    });
    for (const line of describeSampleData(result, jobboardPublicUrl)) console.log(line);
  } catch (error) {
    console.log(
      `skillproof: sample data not seeded: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
