import type { AddressInfo } from 'node:net';
import { SkillproofError } from '@skillproof/core';
import { fetchIssuerProfile } from '../net/issuer-client.js';
import { normalizeServiceUrl } from '../net/normalize-service-url.js';
import { renderTable, withProgress } from '../terminal/output.js';
import { logOrigin, logVerifierKeys } from '../transparency/log-verifier-keys.js';
import { UsageError } from '../usage-error.js';
import {
  createWitnessFile,
  keepWitnessEvidence,
  openWitnessKey,
  readWitnessFile,
  readWitnessState,
  saveWitnessLog,
  witnessKeyOf,
  witnessLogs,
  witnessPaths,
  witnessVerifierKey,
  writeWitnessState,
} from '../witness/witness-files.js';
import { createWitnessServer } from '../witness/witness-server.js';
import { note, printResult, type CommandContext } from './command-context.js';
import { readPassphrase } from './read-passphrase.js';

/** What `witness init` made. */
export interface WitnessInitResult {
  name: string;
  /** The verifier key (C2SP signed-note, type 0x04) to give to logs and verifiers. */
  verifierKey: string;
  dir: string;
}

/**
 * `skillproof witness init --name <name>`: a new witness key, sealed under the passphrase (asked
 * twice when it is typed), in `<home>/witness/`.
 *
 * @throws SkillproofError `CONFLICT` when the home has a witness; UsageError for a name a note
 * key can't have.
 */
export async function witnessInitCommand(
  context: CommandContext,
  options: { name?: string },
): Promise<WitnessInitResult> {
  const name = options.name?.trim() ?? '';
  if (name === '' || /[\s+]/u.test(name)) {
    throw new UsageError(
      '--name is the witness key name: no spaces or plus signs (e.g. witness.example/w1)',
    );
  }
  const passphrase = await readPassphrase(context, {
    confirm: true,
    prompt: 'New witness passphrase: ',
  });
  const file = await createWitnessFile(context.home, {
    name,
    passphrase,
    now: context.now(),
    ...(context.scryptLogN === undefined ? {} : { scryptLogN: context.scryptLogN }),
  });
  const result = {
    name,
    verifierKey: witnessVerifierKey(file),
    dir: witnessPaths(context.home).dir,
  };
  printResult(context, result, () =>
    [
      `Witness ${name} is ready in ${result.dir}.`,
      `Its verifier key (give it to issuers, ISSUER_LOG_WITNESSES, and to verifiers):`,
      `  ${result.verifierKey}`,
      `Next: skillproof witness add-log <issuer-url>, then skillproof witness serve`,
    ].join('\n'),
  );
  return result;
}

/** What `witness add-log` recorded. */
export interface WitnessAddLogResult {
  origin: string;
  issuer: string;
  did: string;
  keys: number;
}

/**
 * `skillproof witness add-log <issuer-url>`: follows the issuer's log, its origin and its log
 * keys read from the issuer's DID (did:key, or did:web's document through the verifier's
 * hardened resolver). Only checkpoints signed by these keys are cosigned.
 */
export async function witnessAddLogCommand(
  context: CommandContext,
  url: string,
): Promise<WitnessAddLogResult> {
  readWitnessFile(context.home);
  const issuerUrl = normalizeServiceUrl(url);
  const origin = logOrigin(issuerUrl);
  const { did, keys } = await withProgress(context.output, `reading ${origin}`, async () => {
    const profile = await fetchIssuerProfile(context.fetch, issuerUrl);
    return {
      did: profile.id,
      keys: await logVerifierKeys(profile.id, {
        origin,
        now: context.now,
        allowHttpLoopback: new URL(issuerUrl).protocol === 'http:',
      }),
    };
  });
  saveWitnessLog(context.home, origin, keys);
  const result = { origin, issuer: issuerUrl, did, keys: keys.length };
  printResult(
    context,
    result,
    () => `Following ${origin} (${did}, ${keys.length} key${keys.length === 1 ? '' : 's'}).`,
  );
  return result;
}

/** A running witness. */
export interface RunningWitness {
  url: string;
  verifierKey: string;
  close(): Promise<void>;
}

/**
 * Starts the witness's HTTP server (`POST /add-checkpoint`) with its key opened; resolves once it
 * listens. `witness serve` runs this until SIGINT or SIGTERM.
 *
 * @throws SkillproofError `KEY_SECRET_INVALID` for a wrong passphrase, `NOT_FOUND` without a
 * witness; UsageError for a bad port.
 */
export async function startWitness(
  context: CommandContext,
  options: { port?: string; host?: string } = {},
): Promise<RunningWitness> {
  const port = Number(options.port ?? '4400');
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new UsageError('--port is a number from 0 to 65535');
  }
  const file = readWitnessFile(context.home);
  if (file.logs.length === 0) {
    note(
      context,
      'The witness follows no log yet: add one with `skillproof witness add-log <issuer-url>` (no restart needed); until then it answers 404.',
    );
  }
  const privateKey = await openWitnessKey(
    file,
    await readPassphrase(context, {
      prompt: 'Witness passphrase: ',
    }),
  );
  const server = createWitnessServer({
    key: witnessKeyOf(file),
    privateKey,
    // Read for each request, so `add-log` takes effect while the witness runs.
    logs: () => witnessLogs(readWitnessFile(context.home)),
    readState: () => readWitnessState(context.home),
    writeState: (state) => writeWitnessState(context.home, state),
    now: context.now,
    onDecision: (event) =>
      note(context, `${context.now().toISOString()} ${event.status} ${event.message}`),
    onEvidence: (body) => {
      const path = keepWitnessEvidence(context.home, body, context.now());
      note(context, `a checkpoint the log signed forks from the one cosigned: kept as ${path}`);
    },
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new SkillproofError('CONFLICT', `port ${port} is in use; choose another with --port`)
          : error,
      ),
    );
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shown}:${address.port}`,
    verifierKey: witnessVerifierKey(file),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * `skillproof witness serve`: runs the witness until SIGINT or SIGTERM, one line per decision
 * on stderr.
 */
export async function witnessServeCommand(
  context: CommandContext,
  options: { port?: string; host?: string },
): Promise<void> {
  const witness = await startWitness(context, options);
  const file = readWitnessFile(context.home);
  printResult(
    context,
    { url: witness.url, name: file.name, verifierKey: witness.verifierKey, logs: file.logs },
    () =>
      [
        `Witness ${file.name} listening on ${witness.url}/add-checkpoint`,
        renderTable(
          context.output,
          ['log', 'keys'],
          file.logs.map((log) => [log.origin, String(log.keys.length)]),
        ),
        'Stop it with Ctrl-C.',
      ].join('\n'),
  );
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await witness.close();
}
