import {
  decodeBase64,
  decodeEntryBundle,
  SkillproofError,
  tilePath,
  tileWidth,
} from '@skillproof/core';
import { printable } from '../terminal/output.js';
import { fetchBounded, fetchBoundedBytes, type FetchLike } from './fetch-bounded.js';
import { requestJson } from './request-json.js';

const limits = { timeoutMs: 15_000, maxBytes: 64 * 1024 };
// A full entry bundle: 256 entries of at most 64 KiB each (C2SP tlog-tiles §Log entries).
const bundleLimits = { timeoutMs: 30_000, maxBytes: tileWidth * (2 + 0xffff) };

/**
 * The issuer's latest signed checkpoint, as served (`GET <issuer>/log/checkpoint`, C2SP
 * tlog-tiles §Checkpoints), not verified yet.
 *
 * @throws SkillproofError `UPSTREAM_FAILED` when the issuer can't be reached or has no log.
 * @example
 * ```ts
 * const note = await fetchCheckpointNote(fetch, 'http://localhost:4100');
 * ```
 */
export async function fetchCheckpointNote(fetcher: FetchLike, issuerUrl: string): Promise<string> {
  const url = `${issuerUrl}/log/checkpoint`;
  const { response, text } = await fetchBounded(fetcher, url, { method: 'GET' }, limits);
  if (!response.ok) {
    throw new SkillproofError(
      'UPSTREAM_FAILED',
      `${url} answered ${response.status}; does the issuer keep a transparency log?`,
    );
  }
  return text;
}

function readHashes(value: unknown, what: string): Uint8Array[] {
  const hashes = Array.isArray(value)
    ? value.map((hash) => (typeof hash === 'string' ? decodeBase64(hash) : undefined))
    : undefined;
  if (!hashes || hashes.some((hash) => hash?.length !== 32)) {
    throw new SkillproofError('UPSTREAM_FAILED', `${what} is not a list of 32-byte hashes`);
  }
  return hashes as Uint8Array[];
}

/**
 * The consistency proof from the tree of `from` entries to that of `to`
 * (`GET <issuer>/log/proof/consistency`), RFC 9162 §2.1.4; checked by the caller.
 *
 * @throws SkillproofError `UPSTREAM_FAILED` when the issuer refuses or answers something else.
 */
export async function fetchConsistencyProof(
  fetcher: FetchLike,
  issuerUrl: string,
  from: number,
  to: number,
): Promise<Uint8Array[]> {
  const url = `${issuerUrl}/log/proof/consistency?from=${from}&to=${to}`;
  const answer = await requestJson<{ consistencyProof?: unknown }>(fetcher, url);
  return readHashes(answer?.consistencyProof, `the consistency proof from ${printable(url)}`);
}

/**
 * The entries `[from, to)` of the tree of `size` entries, read from C2SP entry bundles
 * (`GET <issuer>/log/tile/entries/<N>[.p/<W>]`), one bundle per 256 entries; checked by the
 * caller (their leaf hashes against a verified root).
 *
 * @throws SkillproofError `UPSTREAM_FAILED` when a bundle can't be fetched or read.
 */
export async function fetchLogEntries(
  fetcher: FetchLike,
  issuerUrl: string,
  range: { from: number; to: number; size: number },
): Promise<Uint8Array[]> {
  const entries: Uint8Array[] = [];
  if (range.from >= range.to) return entries;
  for (let index = Math.floor(range.from / tileWidth); index * tileWidth < range.to; index += 1) {
    const width = Math.min(tileWidth, range.size - index * tileWidth);
    const url = `${issuerUrl}/log/${tilePath({ level: 'entries', index, width })}`;
    const { response, bytes } = await fetchBoundedBytes(
      fetcher,
      url,
      { method: 'GET' },
      bundleLimits,
    );
    const bundle = response.ok ? decodeEntryBundle(bytes) : undefined;
    if (bundle?.length !== width) {
      throw new SkillproofError(
        'UPSTREAM_FAILED',
        response.ok
          ? `${url} is not an entry bundle of ${width} entries`
          : `${url} answered ${response.status}`,
      );
    }
    bundle.forEach((entry, offset) => {
      const leaf = index * tileWidth + offset;
      if (leaf >= range.from && leaf < range.to) entries.push(entry);
    });
  }
  return entries;
}
