import { encodeStatusList, setStatusBit, vcContextV1, type W3cCredential } from '@skillproof/core';
import { isoSeconds } from '../domain/time.js';
import type { StatusPurpose } from '../ports/status-list-store.js';

/** Input of {@link buildStatusListCredential}. */
export interface BuildStatusListCredentialOptions {
  /** Where the list is published: also its `id`. */
  url: string;
  issuerDid: string;
  purpose: StatusPurpose;
  /** Entries in the list (a multiple of 8). */
  length: number;
  /** Indexes whose bit is set. */
  setIndexes: readonly number[];
  now: Date;
  /** How long the signed list stays valid, in milliseconds. */
  validityMs: number;
  /** How long a verifier may reuse it, in milliseconds (Bitstring Status List §2.2 `ttl`). */
  ttlMs: number;
}

/**
 * The unsigned `BitstringStatusListCredential` (W3C Bitstring Status List v1.0 §2.2) for one
 * list: the bitstring GZIP-compressed and multibase-encoded, its `id` the URL it is served at.
 * The VCDM 1.1 context alone: the list is secured as a JWT, not by JSON-LD signatures, and the
 * 2.0 context that defines these terms can't be mixed with 1.1.
 *
 * @example
 * ```ts
 * const unsigned = buildStatusListCredential({ url, issuerDid, purpose: 'revocation',
 *   length: 131_072, setIndexes: [7], now: new Date(), validityMs: 86_400_000, ttlMs: 60_000 });
 * ```
 */
export function buildStatusListCredential(
  options: BuildStatusListCredentialOptions,
): W3cCredential {
  const bits = new Uint8Array(options.length / 8);
  for (const index of options.setIndexes) setStatusBit(bits, index, true);
  return {
    '@context': [vcContextV1],
    id: options.url,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: options.issuerDid,
    issuanceDate: isoSeconds(options.now),
    expirationDate: isoSeconds(new Date(options.now.getTime() + options.validityMs)),
    credentialSubject: {
      id: `${options.url}#list`,
      type: 'BitstringStatusList',
      statusPurpose: options.purpose,
      encodedList: encodeStatusList(bits),
      ttl: options.ttlMs,
    },
  };
}
