import { createHash } from 'node:crypto';
import { canonicalJson } from '../credential-codec.js';
import { issuedFormats, type IssuedFormat } from '../credential-types.js';
import { isJsonObject } from '../is-json-object.js';

/**
 * The version of the entry encoding, written as `v` in every entry. A reader refuses any other,
 * so a change of meaning always comes with a new number.
 */
export const logEntryVersion = 1;

/** A credential issued: what anyone may know of it, never its subject or the answers. */
export interface IssuanceLogEntry {
  type: 'issuance';
  /** {@link hashIssuedCredential} of the credential as issued, lower-case hex. */
  credentialHash: string;
  /** The achievement's id (`credentialSubject.achievement.id`), `null` for another credential. */
  badge: string | null;
  format: IssuedFormat;
  /** Its Bitstring Status List entries: the list's id and the index in it, per purpose. */
  status: { purpose: 'revocation' | 'suspension'; list: string; index: number }[];
  /** When it was issued, ISO 8601 UTC. */
  issuedAt: string;
  /** The leaf index of the badge definition it was issued under, `null` when none. */
  definition: number | null;
}

/** A credential's status changed (Bitstring Status List bits set or cleared). */
export interface StatusLogEntry {
  type: 'status';
  credentialHash: string;
  /** `reinstated`: a suspension lifted (revocation is permanent). */
  status: 'revoked' | 'suspended' | 'reinstated';
  at: string;
}

/** A version of a badge's definition: what earning it took when it was logged. */
export interface BadgeDefinitionLogEntry {
  type: 'badge-definition';
  /** The achievement's id, as issuance entries name it. */
  badge: string;
  /** SHA-256 (hex) of the canonical JSON of the badge's public definition. */
  definitionHash: string;
  /** The criteria narrative, as credentials carry it. */
  criteria: string;
  /**
   * A hiding commitment (HMAC-SHA256, hex) to the question bank, answers included: the issuer
   * can later show which bank was used without the log giving the answers away.
   */
  questionBankCommitment: string;
  /** The grader that decides a pass (its name and version). */
  graderVersion: string;
  at: string;
}

/** One entry of an issuer's transparency log. */
export type TransparencyLogEntry = IssuanceLogEntry | StatusLogEntry | BadgeDefinitionLogEntry;

/**
 * The bytes of a log entry (what its leaf hash is over and what entry bundles carry): the
 * canonical JSON (keys sorted, no white space) of the entry with `"v": 1`, in UTF-8.
 *
 * @example
 * ```ts
 * encodeLogEntry({ type: 'status', credentialHash, status: 'revoked', at: '2026-01-01T00:00:00.000Z' });
 * // {"at":"2026-01-01T00:00:00.000Z","credentialHash":"…","status":"revoked","type":"status","v":1}
 * ```
 */
export function encodeLogEntry(entry: TransparencyLogEntry): Uint8Array {
  return new Uint8Array(Buffer.from(JSON.stringify(sortedEntry(entry)), 'utf8'));
}

// The entry's members in sorted order, as canonicalJson would sort them (JSON.stringify keeps
// insertion order): the same bytes without sorting on every append, and no stray member.
function sortedEntry(entry: TransparencyLogEntry): object {
  const v = logEntryVersion;
  switch (entry.type) {
    case 'issuance':
      return {
        badge: entry.badge,
        credentialHash: entry.credentialHash,
        definition: entry.definition,
        format: entry.format,
        issuedAt: entry.issuedAt,
        status: entry.status.map(({ index, list, purpose }) => ({ index, list, purpose })),
        type: entry.type,
        v,
      };
    case 'status':
      return {
        at: entry.at,
        credentialHash: entry.credentialHash,
        status: entry.status,
        type: entry.type,
        v,
      };
    case 'badge-definition':
      return {
        at: entry.at,
        badge: entry.badge,
        criteria: entry.criteria,
        definitionHash: entry.definitionHash,
        graderVersion: entry.graderVersion,
        questionBankCommitment: entry.questionBankCommitment,
        type: entry.type,
        v,
      };
  }
}

const hexHash = /^[0-9a-f]{64}$/;
const isString = (value: unknown): value is string => typeof value === 'string';
const isHexHash = (value: unknown): value is string => isString(value) && hexHash.test(value);

function isStatusEntries(value: unknown): boolean {
  return (
    Array.isArray(value) &&
    value.every(
      (item) =>
        isJsonObject(item) &&
        (item['purpose'] === 'revocation' || item['purpose'] === 'suspension') &&
        isString(item['list']) &&
        Number.isSafeInteger(item['index']),
    )
  );
}

function isEntry(value: Record<string, unknown>): boolean {
  switch (value['type']) {
    case 'issuance':
      return (
        isHexHash(value['credentialHash']) &&
        (value['badge'] === null || isString(value['badge'])) &&
        issuedFormats.includes(value['format'] as IssuedFormat) &&
        isStatusEntries(value['status']) &&
        isString(value['issuedAt']) &&
        (value['definition'] === null || Number.isSafeInteger(value['definition']))
      );
    case 'status':
      return (
        isHexHash(value['credentialHash']) &&
        ['revoked', 'suspended', 'reinstated'].includes(value['status'] as string) &&
        isString(value['at'])
      );
    case 'badge-definition':
      return (
        isString(value['badge']) &&
        isHexHash(value['definitionHash']) &&
        isString(value['criteria']) &&
        isHexHash(value['questionBankCommitment']) &&
        isString(value['graderVersion']) &&
        isString(value['at'])
      );
    default:
      return false;
  }
}

/**
 * Reads a log entry; `undefined` unless it is exactly what {@link encodeLogEntry} writes for a
 * known entry of version 1 (so one entry has one encoding, and one leaf hash).
 */
export function decodeLogEntry(bytes: Uint8Array): TransparencyLogEntry | undefined {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    return undefined;
  }
  if (!isJsonObject(value) || value['v'] !== logEntryVersion || !isEntry(value)) return undefined;
  const { v: _version, ...entry } = value;
  const decoded = entry as unknown as TransparencyLogEntry;
  return Buffer.from(encodeLogEntry(decoded)).equals(bytes) ? decoded : undefined;
}

/**
 * The hash a log entry gives of a credential: SHA-256, lower-case hex, of its exact bytes as
 * issued: the compact JWS of a JWT credential (`jwt_vc_json`, `vc+jwt`), given as a string; the
 * canonical JSON (keys sorted) of a Data Integrity credential (`ldp_vc`), given as an object.
 *
 * @example
 * ```ts
 * hashIssuedCredential(vc.proof.jwt); // a jwt_vc_json credential
 * hashIssuedCredential(ldpCredential); // an ldp_vc credential, proof included
 * ```
 */
export function hashIssuedCredential(issued: string | Record<string, unknown>): string {
  const bytes = typeof issued === 'string' ? issued : canonicalJson(issued);
  return createHash('sha256').update(bytes, 'utf8').digest('hex');
}
