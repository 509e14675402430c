import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  decodeBase64,
  encodeBase64,
  formatCosignerKey,
  formatVerifierKey,
  openSealedJson,
  parseVerifierKey,
  sealJson,
  SkillproofError,
  type NoteVerifierKey,
  type SealedBox,
} from '@skillproof/core';
import { writeFileAtomic } from '../wallet/write-file-atomic.js';

/**
 * `witness.json`: a C2SP tlog-witness's identity (its name and Ed25519 key, the private half
 * sealed under the passphrase) and the logs it follows (origin and note verifier keys).
 */
export interface WitnessFile {
  format: 'skillproof-witness';
  version: 1;
  name: string;
  /** Standard base64 of the raw 32-byte public key. */
  publicKey: string;
  logs: Array<{ origin: string; keys: string[] }>;
  createdAt: string;
  sealed: SealedBox;
}

/** What a witness last cosigned for each log: `witness-state.json`. */
export interface WitnessStateFile {
  format: 'skillproof-witness-state';
  version: 1;
  logs: Record<string, { size: number; rootHash: string; checkpoint: string; at: string }>;
}

const purposeFor = (name: string) => `skillproof-witness v1 ${name}`;

/** The witness's folder in a Skillproof home, and its files. */
export function witnessPaths(home: string): {
  dir: string;
  file: string;
  state: string;
  evidence: string;
} {
  const dir = join(home, 'witness');
  return {
    dir,
    file: join(dir, 'witness.json'),
    state: join(dir, 'witness-state.json'),
    evidence: join(dir, 'evidence'),
  };
}

/**
 * Keeps an `add-checkpoint` request the log signed but that forks from what the witness
 * cosigned: `evidence/<time>.txt`, the request body as received. Returns the file's path.
 */
export function keepWitnessEvidence(home: string, body: string, now: Date): string {
  const { evidence } = witnessPaths(home);
  mkdirSync(evidence, { recursive: true, mode: 0o700 });
  const path = join(evidence, `${now.toISOString().replace(/[:.]/g, '-')}.txt`);
  writeFileAtomic(path, body);
  return path;
}

/** Its key, as the `add-checkpoint` answers and the verifiers' `vkey` name it. */
export function witnessKeyOf(file: WitnessFile): NoteVerifierKey {
  return { name: file.name, publicKey: decodeBase64(file.publicKey)! };
}

/** The verifier key (type 0x04) to give to logs and verifiers. */
export function witnessVerifierKey(file: WitnessFile): string {
  return formatCosignerKey(witnessKeyOf(file));
}

/**
 * Makes a witness in `home`: a new Ed25519 key, sealed under `passphrase`.
 *
 * @throws SkillproofError `CONFLICT` when the home has a witness already (never replaced).
 */
export async function createWitnessFile(
  home: string,
  input: { name: string; passphrase: string; now: Date; scryptLogN?: number },
): Promise<WitnessFile> {
  const paths = witnessPaths(home);
  if (existsSync(paths.file)) {
    throw new SkillproofError('CONFLICT', `there is a witness in ${paths.dir} already`);
  }
  const { privateKey } = generateKeyPairSync('ed25519');
  const jwk = privateKey.export({ format: 'jwk' });
  const raw = new Uint8Array(Buffer.from(jwk.x!, 'base64url'));
  // Rejects a name a note key can't have (a space or a plus) before anything is written.
  formatVerifierKey({ name: input.name, publicKey: raw });
  const file: WitnessFile = {
    format: 'skillproof-witness',
    version: 1,
    name: input.name,
    publicKey: encodeBase64(raw),
    logs: [],
    createdAt: input.now.toISOString(),
    sealed: await sealJson(
      { d: jwk.d, x: jwk.x },
      input.passphrase,
      purposeFor(input.name),
      input.scryptLogN === undefined ? {} : { scryptLogN: input.scryptLogN },
    ),
  };
  mkdirSync(paths.dir, { recursive: true, mode: 0o700 });
  writeFileAtomic(paths.file, `${JSON.stringify(file, null, 2)}\n`, { exclusive: true });
  return file;
}

/**
 * Reads `witness.json`.
 *
 * @throws SkillproofError `NOT_FOUND` without a witness (the message says how to make one);
 * `CONFIGURATION_INVALID` when it is damaged.
 */
export function readWitnessFile(home: string): WitnessFile {
  const { file: path } = witnessPaths(home);
  let value: Partial<WitnessFile>;
  try {
    value = JSON.parse(readFileSync(path, 'utf8')) as Partial<WitnessFile>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new SkillproofError(
        'NOT_FOUND',
        'this home has no witness; make one with `skillproof witness init --name <name>`',
      );
    }
    throw new SkillproofError('CONFIGURATION_INVALID', `${path} is not a witness file`);
  }
  if (
    value.format !== 'skillproof-witness' ||
    value.version !== 1 ||
    typeof value.name !== 'string' ||
    decodeBase64(value.publicKey ?? '')?.length !== 32 ||
    !Array.isArray(value.logs)
  ) {
    throw new SkillproofError('CONFIGURATION_INVALID', `${path} is not a witness file`);
  }
  return value as WitnessFile;
}

/** Adds (or replaces the keys of) a log the witness follows. */
export function saveWitnessLog(home: string, origin: string, keys: NoteVerifierKey[]): WitnessFile {
  const file = readWitnessFile(home);
  const logs = file.logs.filter((log) => log.origin !== origin);
  logs.push({ origin, keys: keys.map((key) => formatVerifierKey(key)) });
  const next = { ...file, logs: logs.sort((a, b) => a.origin.localeCompare(b.origin)) };
  writeFileAtomic(witnessPaths(home).file, `${JSON.stringify(next, null, 2)}\n`);
  return next;
}

/** The logs the witness follows: origin → note verifier keys. */
export function witnessLogs(file: WitnessFile): Map<string, NoteVerifierKey[]> {
  return new Map(
    file.logs.map((log) => [
      log.origin,
      log.keys.map((vkey) => parseVerifierKey(vkey)).filter((key) => key !== undefined),
    ]),
  );
}

/**
 * The witness's private key, opened with `passphrase`.
 *
 * @throws SkillproofError `KEY_SECRET_INVALID` for a wrong passphrase.
 */
export async function openWitnessKey(file: WitnessFile, passphrase: string): Promise<KeyObject> {
  const opened = (await openSealedJson(file.sealed, passphrase, purposeFor(file.name))) as {
    d: string;
    x: string;
  };
  return createPrivateKey({ key: { kty: 'OKP', crv: 'Ed25519', ...opened }, format: 'jwk' });
}

/** Reads `witness-state.json` (an empty state when there is none yet). */
export function readWitnessState(home: string): WitnessStateFile {
  const { state } = witnessPaths(home);
  if (!existsSync(state)) return { format: 'skillproof-witness-state', version: 1, logs: {} };
  const value = JSON.parse(readFileSync(state, 'utf8')) as WitnessStateFile;
  if (value.format !== 'skillproof-witness-state' || typeof value.logs !== 'object') {
    throw new SkillproofError('CONFIGURATION_INVALID', `${state} is not a witness state file`);
  }
  return value;
}

/** Replaces `witness-state.json` atomically (a crash leaves the old state or the new one). */
export function writeWitnessState(home: string, state: WitnessStateFile): void {
  writeFileAtomic(witnessPaths(home).state, `${JSON.stringify(state, null, 2)}\n`);
}
