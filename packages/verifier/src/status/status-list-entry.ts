import { isJsonObject } from '@skillproof/core';

/** The status purposes this verifier reads. */
export type StatusPurpose = 'revocation' | 'suspension';

/** One `credentialStatus` entry that points into a status list. */
export interface StatusListEntry {
  type: 'BitstringStatusListEntry' | 'StatusList2021Entry';
  statusPurpose: StatusPurpose;
  statusListIndex: number;
  statusListCredential: string;
}

/** Why an entry can't be read: malformed, or well-formed but beyond what we support. */
export interface StatusEntryProblem {
  code: 'STATUS_ENTRY_INVALID' | 'STATUS_UNSUPPORTED';
  message: string;
}

const entryTypes = new Set(['BitstringStatusListEntry', 'StatusList2021Entry']);
const purposes = new Set(['revocation', 'suspension']);

function readIndex(value: unknown): number | undefined {
  // Bitstring Status List §2.1: statusListIndex is a string holding an integer >= 0. Some
  // issuers write a number; both are read, but nothing else.
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || !/^(0|[1-9][0-9]{0,9})$/.test(text)) return undefined;
  const index = Number(text);
  return Number.isSafeInteger(index) ? index : undefined;
}

function readUrl(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function readEntry(entry: unknown): StatusListEntry | StatusEntryProblem {
  if (!isJsonObject(entry)) {
    return { code: 'STATUS_ENTRY_INVALID', message: 'a credentialStatus entry is not an object' };
  }
  const type = entry['type'];
  if (typeof type !== 'string' || !entryTypes.has(type)) {
    return {
      code: 'STATUS_UNSUPPORTED',
      message: `credentialStatus type ${JSON.stringify(type)} is not supported`,
    };
  }
  const purpose = entry['statusPurpose'];
  if (typeof purpose !== 'string' || !purposes.has(purpose)) {
    return {
      code: 'STATUS_UNSUPPORTED',
      message: `status purpose ${JSON.stringify(purpose)} is not supported (revocation, suspension)`,
    };
  }
  // §2.1: statusSize defaults to 1; larger sizes carry status messages, which we don't read.
  if (
    entry['statusSize'] !== undefined &&
    entry['statusSize'] !== 1 &&
    entry['statusSize'] !== '1'
  ) {
    return { code: 'STATUS_UNSUPPORTED', message: 'only statusSize 1 is supported' };
  }
  const index = readIndex(entry['statusListIndex']);
  if (index === undefined) {
    return {
      code: 'STATUS_ENTRY_INVALID',
      message: 'statusListIndex must be a non-negative integer',
    };
  }
  const url = readUrl(entry['statusListCredential']);
  if (url === undefined) {
    return {
      code: 'STATUS_ENTRY_INVALID',
      message: 'statusListCredential must be an http(s) URL',
    };
  }
  return {
    type: type as StatusListEntry['type'],
    statusPurpose: purpose as StatusPurpose,
    statusListIndex: index,
    statusListCredential: url,
  };
}

/**
 * Reads a credential's `credentialStatus` (one entry or an array of them). Returns the entries,
 * or the first problem found: a credential whose status can't be read is not accepted.
 */
export function readStatusEntries(
  credentialStatus: unknown,
): { entries: StatusListEntry[] } | { problem: StatusEntryProblem } {
  const list = Array.isArray(credentialStatus) ? credentialStatus : [credentialStatus];
  if (list.length === 0) {
    return { problem: { code: 'STATUS_ENTRY_INVALID', message: 'credentialStatus is empty' } };
  }
  if (list.length > 8) {
    return {
      problem: { code: 'STATUS_ENTRY_INVALID', message: 'credentialStatus has over 8 entries' },
    };
  }
  const entries: StatusListEntry[] = [];
  for (const item of list) {
    const read = readEntry(item);
    if ('code' in read) return { problem: read };
    entries.push(read);
  }
  return { entries };
}
