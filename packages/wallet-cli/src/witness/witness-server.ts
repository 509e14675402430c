import { sign, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import {
  cosignatureLine,
  cosignatureMessage,
  decideAddCheckpoint,
  decodeBase64,
  encodeBase64,
  maxAddCheckpointBodyLength,
  type NoteVerifierKey,
} from '@skillproof/core';
import type { WitnessStateFile } from './witness-files.js';

/** What {@link createWitnessServer} needs. */
export interface WitnessServerOptions {
  key: NoteVerifierKey;
  privateKey: KeyObject;
  /** The logs it follows (origin → the log's note keys), read for each request. */
  logs(): ReadonlyMap<string, readonly NoteVerifierKey[]>;
  readState(): WitnessStateFile;
  /** Persists the state durably before the answer goes out. */
  writeState(state: WitnessStateFile): void;
  now: () => Date;
  /** Each decision, for the operator's log. */
  onDecision?(event: { status: number; message: string }): void;
  /**
   * A request whose checkpoint the log did sign but that is not consistent with what the witness
   * cosigned (422): evidence of a forked log, kept by the caller.
   */
  onEvidence?(body: string): void;
}

function answer(
  response: ServerResponse,
  status: number,
  body: string,
  type = 'text/plain; charset=utf-8',
): void {
  response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  response.end(body);
}

async function readBody(request: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of request) {
    length += (chunk as Buffer).length;
    if (length > maxAddCheckpointBodyLength) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A C2SP tlog-witness: `POST /add-checkpoint` checks the checkpoint is signed by a log it
 * follows and consistent with the last one it cosigned for that log, records it, and answers
 * with its `cosignature/v1` line; otherwise the status the spec prescribes (400, 403, 404, 409
 * with the size it holds as `text/x.tlog.size`, 422) and nothing is recorded. Requests are
 * decided one at a time, each decision and its write together, so two requests can never roll
 * the log's recorded size back (C2SP tlog-witness §add-checkpoint).
 *
 * @example
 * ```ts
 * const server = createWitnessServer({ key, privateKey, logs, readState, writeState, now });
 * server.listen(4400, '127.0.0.1');
 * ```
 */
export function createWitnessServer(options: WitnessServerOptions): Server {
  let queue: Promise<unknown> = Promise.resolve();

  const addCheckpoint = (body: string): { status: number; body: string; type?: string } => {
    const state = options.readState();
    const decision = decideAddCheckpoint(body, {
      logs: options.logs(),
      latest: (origin) => {
        const held = state.logs[origin];
        return held && { size: held.size, rootHash: decodeBase64(held.rootHash)! };
      },
    });
    if (!decision.cosign) {
      options.onDecision?.({ status: decision.status, message: decision.message });
      if (decision.status === 422) options.onEvidence?.(body);
      return decision.status === 409
        ? { status: 409, body: `${decision.latestSize}\n`, type: 'text/x.tlog.size' }
        : { status: decision.status, body: `${decision.message}\n` };
    }
    const { checkpoint, text } = decision;
    const timestamp = Math.floor(options.now().getTime() / 1000);
    const signature = sign(null, cosignatureMessage(text, timestamp), options.privateKey);
    options.writeState({
      ...state,
      logs: {
        ...state.logs,
        [checkpoint.origin]: {
          size: checkpoint.size,
          rootHash: encodeBase64(checkpoint.rootHash),
          checkpoint: text,
          at: options.now().toISOString(),
        },
      },
    });
    options.onDecision?.({
      status: 200,
      message: `cosigned ${checkpoint.origin} at size ${checkpoint.size}`,
    });
    return { status: 200, body: cosignatureLine(options.key, timestamp, signature) };
  };

  return createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://witness').pathname;
    if (path !== '/add-checkpoint') {
      answer(response, 404, 'not found\n');
      return;
    }
    if (request.method !== 'POST') {
      response.setHeader('allow', 'POST');
      answer(response, 405, 'add-checkpoint takes a POST\n');
      return;
    }
    readBody(request)
      .then((body) => {
        if (body === undefined) {
          answer(response, 413, 'the request is too large\n');
          return;
        }
        const decided = queue.then(() => addCheckpoint(body));
        queue = decided.catch(() => undefined);
        return decided.then((result) => answer(response, result.status, result.body, result.type));
      })
      .catch(() => {
        if (!response.headersSent) answer(response, 500, 'the witness could not record it\n');
      });
  });
}
