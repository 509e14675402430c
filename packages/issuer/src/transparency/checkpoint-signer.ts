import { formatCheckpoint, formatSignedNote, noteSignatureLine } from '@skillproof/core';
import type { IssuerLog } from '../ports/issuer-log.js';
import type { CheckpointRecord, TransparencyLog } from '../ports/transparency-log.js';
import type { WitnessClient } from './witness-client.js';

/** The key checkpoints are signed with: the issuer's current Ed25519 key. */
export interface LogSigningKey {
  /** The raw 32-byte Ed25519 public key of the key that signs now. */
  publicKey(): Promise<Uint8Array>;
  /** A raw Ed25519 signature over `data` by that key. */
  sign(data: Uint8Array): Promise<Uint8Array>;
}

/** Options of {@link createCheckpointSigner}. */
export interface CheckpointSignerOptions {
  log: TransparencyLog;
  /** The checkpoint origin and note key name ({@link logOrigin}). */
  origin: string;
  key: LogSigningKey;
  now: () => Date;
  /** How often the background signer looks for new entries. Default 1000 ms. */
  intervalMs?: number;
  /** Signs at once, without waiting for the interval, when this many entries wait. Default 1000. */
  batchEntries?: number;
  events?: IssuerLog;
  /**
   * Witnesses asked to cosign each checkpoint (C2SP tlog-witness) before it is published; their
   * cosignature lines follow the issuer's signature in the note. One that refuses or is down
   * leaves its line out (and is logged); the next checkpoint asks again.
   */
  witnesses?: readonly WitnessClient[];
  /**
   * Whether the log's database is still open: once its owner closed it, the background signer
   * stops instead of failing every interval. Default: always open.
   */
  isOpen?: () => boolean;
}

/** Signs checkpoints of the log in batches: in the background, or when asked. */
export interface CheckpointSigner {
  /**
   * Signs a checkpoint of the log's current size, unless the latest one already has it; returns
   * the latest checkpoint either way (`undefined` for an empty log).
   */
  signNow(): Promise<CheckpointRecord | undefined>;
  /** Tells the signer an entry was appended: a batch of `batchEntries` is signed at once. */
  noteAppended(): void;
  /** Starts the background signer (every `intervalMs`); idempotent. */
  start(): void;
  /** Stops it; a checkpoint being signed is finished first. */
  stop(): Promise<void>;
}

/**
 * The background checkpoint signer (issue 17: issuance stays fast, checkpoints follow in
 * batches). Each checkpoint is a C2SP tlog-checkpoint signed note by the issuer's key, its key
 * name the log's origin. The log only grows, so every checkpoint it signs is consistent with
 * every earlier one (C2SP tlog-checkpoint §Signatures).
 *
 * @example
 * ```ts
 * const signer = createCheckpointSigner({ log, origin: 'academy.example/log', key, now });
 * signer.start();
 * ```
 */
export function createCheckpointSigner(options: CheckpointSignerOptions): CheckpointSigner {
  const { log, origin, key, now } = options;
  const intervalMs = options.intervalMs ?? 1000;
  const batchEntries = options.batchEntries ?? 1000;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<CheckpointRecord | undefined> | undefined;
  let appended = 0;

  const sign = async (): Promise<CheckpointRecord | undefined> => {
    appended = 0;
    const latest = await log.latestCheckpoint();
    const size = await log.size();
    if (size === 0 || (latest && latest.size >= size)) return latest;
    const rootHash = await log.rootHash(size);
    const text = formatCheckpoint({ origin, size, rootHash });
    const publicKey = await key.publicKey();
    const signature = await key.sign(new Uint8Array(Buffer.from(text, 'utf8')));
    const signed = formatSignedNote(text, [
      noteSignatureLine({ name: origin, publicKey }, signature),
    ]);
    const cosignatures = await Promise.all(
      (options.witnesses ?? []).map((witness) => witness.cosign(signed, size)),
    );
    const note = `${signed}${cosignatures.filter((line) => line !== undefined).join('')}`;
    const record = { size, rootHash, note, signedAt: now().toISOString() };
    await log.saveCheckpoint(record);
    return (await log.latestCheckpoint()) ?? record;
  };

  // One signature at a time: a call while one runs waits for it, then signs what came since.
  const signNow = async (): Promise<CheckpointRecord | undefined> => {
    while (running) await running.catch(() => undefined);
    running = sign();
    try {
      return await running;
    } finally {
      running = undefined;
    }
  };

  const stopTimer = () => {
    if (timer) clearInterval(timer);
    timer = undefined;
  };

  const tick = () => {
    if (options.isOpen && !options.isOpen()) {
      stopTimer();
      return;
    }
    signNow().catch((error: unknown) => {
      // The database was closed while a signature was under way: stop quietly.
      if (options.isOpen && !options.isOpen()) {
        stopTimer();
        return;
      }
      options.events?.error('checkpoint signing failed', {
        error: error instanceof Error ? error.message : String(error),
      });
    });
  };

  return {
    signNow,
    noteAppended() {
      appended += 1;
      if (appended >= batchEntries && !running) tick();
    },
    start() {
      if (timer) return;
      timer = setInterval(tick, intervalMs);
      timer.unref();
    },
    async stop() {
      stopTimer();
      await running?.catch(() => undefined);
    },
  };
}
