import type { StatusAllocation, StatusPurpose } from '../ports/status-list-store.js';
import { statusListUrl } from './status-list-url.js';

/** A credential's pointer into a status list (Bitstring Status List §2.1). */
export interface BitstringStatusListEntry {
  /** `<list URL>#<index>`: unique per entry, as §2.1 suggests. */
  id: string;
  type: 'BitstringStatusListEntry';
  statusPurpose: StatusPurpose;
  /** §2.1: a string holding the integer index. */
  statusListIndex: string;
  statusListCredential: string;
}

/**
 * The `credentialStatus` entries for allocated status list positions.
 *
 * @example
 * ```ts
 * credentialStatusEntries('https://academy.example', [{ purpose: 'revocation', listId: 'revocation-1', index: 7 }]);
 * // [{ id: 'https://academy.example/status/revocation-1#7', type: 'BitstringStatusListEntry', … }]
 * ```
 */
export function credentialStatusEntries(
  baseUrl: string,
  allocations: readonly StatusAllocation[],
): BitstringStatusListEntry[] {
  return allocations.map((allocation) => {
    const listUrl = statusListUrl(baseUrl, allocation.listId);
    return {
      id: `${listUrl}#${allocation.index}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: allocation.purpose,
      statusListIndex: String(allocation.index),
      statusListCredential: listUrl,
    };
  });
}

/**
 * `credentialStatus` as a credential carries it: one entry as an object (what Open Badges 3.0
 * allows, 0..1), several as an array (VCDM 2.0 §4.10), none as `undefined`.
 *
 * @example
 * ```ts
 * credentialStatusValue(credentialStatusEntries(baseUrl, [revocation])); // { id: '…#7', … }
 * ```
 */
export function credentialStatusValue(
  entries: readonly BitstringStatusListEntry[],
): BitstringStatusListEntry | BitstringStatusListEntry[] | undefined {
  if (entries.length === 0) return undefined;
  return entries.length === 1 && entries[0]
    ? { ...entries[0] }
    : entries.map((entry) => ({ ...entry }));
}
