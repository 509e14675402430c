import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isJsonObject, SkillproofError } from '@skillproof/core';
import { writeFileAtomic } from '../wallet/write-file-atomic.js';

/** The last checkpoint of an issuer's log that `monitor` verified, and what it needs to go on. */
export interface KeptCheckpoint {
  issuerUrl: string;
  /** The DID whose key signed it: later checkpoints must be signed by it too. */
  issuerDid: string;
  origin: string;
  /** The signed checkpoint, as served. */
  checkpoint: string;
  size: number;
  /** Standard base64, as in checkpoints. */
  rootHash: string;
  /** The tree's frontier ({@link LogFrontier}), standard base64, largest subtree first. */
  frontier: string[];
  verifiedAt: string;
}

interface KeptCheckpointsFile {
  format: 'skillproof-log-checkpoints';
  version: 1;
  logs: KeptCheckpoint[];
}

/** The file in the wallet folder, next to `wallet.json`. */
export function keptCheckpointsPath(home: string): string {
  return join(home, 'log-checkpoints.json');
}

function isKept(value: unknown): value is KeptCheckpoint {
  return (
    isJsonObject(value) &&
    ['issuerUrl', 'issuerDid', 'origin', 'checkpoint', 'rootHash', 'verifiedAt'].every(
      (key) => typeof value[key] === 'string',
    ) &&
    typeof value['size'] === 'number' &&
    Array.isArray(value['frontier']) &&
    value['frontier'].every((hash) => typeof hash === 'string')
  );
}

/**
 * The checkpoints kept, one per issuer URL; none when the file is absent.
 *
 * @throws SkillproofError `CONFIGURATION_INVALID` when the file is damaged (never written over).
 */
export function readKeptCheckpoints(home: string): KeptCheckpoint[] {
  const path = keptCheckpointsPath(home);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (
    !isJsonObject(parsed) ||
    parsed['format'] !== 'skillproof-log-checkpoints' ||
    parsed['version'] !== 1 ||
    !Array.isArray(parsed['logs']) ||
    !parsed['logs'].every(isKept)
  ) {
    throw new SkillproofError(
      'CONFIGURATION_INVALID',
      `${path} is damaged; move it away to start monitoring afresh (trust on first use again)`,
    );
  }
  return parsed['logs'] as KeptCheckpoint[];
}

/**
 * Keeps `kept` as the issuer's last verified checkpoint, replacing the one of the same issuer
 * URL; the file is replaced atomically (a crash leaves the old one or the new one).
 */
export function saveKeptCheckpoint(home: string, kept: KeptCheckpoint): void {
  const logs = readKeptCheckpoints(home).filter((known) => known.issuerUrl !== kept.issuerUrl);
  const file: KeptCheckpointsFile = {
    format: 'skillproof-log-checkpoints',
    version: 1,
    logs: [...logs, kept],
  };
  mkdirSync(home, { recursive: true, mode: 0o700 });
  writeFileAtomic(keptCheckpointsPath(home), `${JSON.stringify(file, null, 2)}\n`);
}
