import {
  formatAddCheckpointRequest,
  readBoundedText,
  verifyCosignatures,
  type NoteVerifierKey,
} from '@skillproof/core';

/** A witness the issuer asks to cosign its checkpoints: where, and its cosigner key. */
export interface WitnessEndpoint {
  /** The witness's submission prefix; `/add-checkpoint` is appended. */
  url: string;
  key: NoteVerifierKey;
}

/** Asks one witness to cosign checkpoints (C2SP tlog-witness §add-checkpoint). */
export interface WitnessClient {
  endpoint: WitnessEndpoint;
  /**
   * The witness's cosignature line for `note` (a checkpoint of `size` entries), or `undefined`
   * when it refused or could not be reached (the reason goes to `onRefused`). Never throws.
   */
  cosign(note: string, size: number): Promise<string | undefined>;
}

const maxAnswerBytes = 16 * 1024;

/**
 * A client of one witness. It remembers the size the witness last cosigned (starting from 0); a
 * 409 answer tells it the witness's size, and it retries once with a consistency proof from
 * there. Each answer's cosignature is checked against the witness's key before it is kept.
 *
 * @example
 * ```ts
 * const client = createWitnessClient(endpoint, { consistencyProof: (a, b) => log.consistencyProof(a, b) });
 * const line = await client.cosign(note, size);
 * ```
 */
export function createWitnessClient(
  endpoint: WitnessEndpoint,
  options: {
    consistencyProof(from: number, to: number): Promise<Uint8Array[]>;
    fetch?: typeof fetch;
    timeoutMs?: number;
    onRefused?(reason: string): void;
  },
): WitnessClient {
  const fetchImpl = options.fetch ?? fetch;
  let oldSize = 0;

  const submit = async (note: string, size: number) => {
    const proof = oldSize === 0 ? [] : await options.consistencyProof(oldSize, size);
    const response = await fetchImpl(`${endpoint.url.replace(/\/+$/, '')}/add-checkpoint`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body: formatAddCheckpointRequest({ oldSize, proof, checkpoint: note }),
      redirect: 'error',
      signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
    });
    const text = await readBoundedText(response, {
      maxBytes: maxAnswerBytes,
      tooLarge: () => new Error('the answer is too large'),
    });
    return { status: response.status, type: response.headers.get('content-type'), text };
  };

  return {
    endpoint,
    async cosign(note, size) {
      try {
        let answer = await submit(note, size);
        if (answer.status === 409 && answer.type?.startsWith('text/x.tlog.size')) {
          const held = Number(answer.text.trim());
          if (!Number.isSafeInteger(held) || held < 0 || held > size) {
            options.onRefused?.(`the witness holds size ${answer.text.trim()}, above ${size}`);
            return undefined;
          }
          oldSize = held;
          answer = await submit(note, size);
        }
        if (answer.status !== 200) {
          options.onRefused?.(`${answer.status}: ${answer.text.trim().slice(0, 200)}`);
          return undefined;
        }
        const lines = answer.text.split('\n').filter((line) => line !== '');
        for (const line of lines) {
          const checked = verifyCosignatures(`${note}${line}\n`, {
            witnesses: [endpoint.key],
            required: 1,
          });
          if (checked.verified) {
            oldSize = size;
            return `${line}\n`;
          }
        }
        options.onRefused?.('no cosignature by its key in the answer');
        return undefined;
      } catch (error) {
        options.onRefused?.(error instanceof Error ? error.message : String(error));
        return undefined;
      }
    },
  };
}
