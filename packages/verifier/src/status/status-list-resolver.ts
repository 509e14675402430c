import { decodeStatusList } from '@skillproof/core';
import { checkCredential } from '../check-credential.js';
import type {
  LoadedStatusList,
  ResolvedPolicy,
  StatusListLoad,
  StatusListResolver,
} from '../verification-policy.js';
import { CheckLog } from '../verification-result.js';
import { createHttpStatusListFetcher, type StatusListFetcher } from './http-status-list-fetcher.js';

export type {
  LoadedStatusList,
  StatusListLoad,
  StatusListResolver,
} from '../verification-policy.js';

/** Options for {@link createStatusListResolver}. */
export interface StatusListResolverOptions {
  /** Fetches a list. Default: {@link createHttpStatusListFetcher} with `maxListCredentialBytes`. */
  fetch?: StatusListFetcher;
  /** How long a verified list is reused, in seconds. Default 300. A list's own `ttl` (ms) or end of validity shortens it. */
  ttlSeconds?: number;
  /** Largest status list credential accepted, in bytes. Default 1 MiB. */
  maxListCredentialBytes?: number;
  /** Largest inflated bitstring accepted, in bytes. Default 2 MiB (16,777,216 entries). */
  maxListBytes?: number;
  /** Fewest entries a list may have. Default 131,072 (Bitstring Status List §4.1, herd privacy). */
  minimumEntries?: number;
  /** Most lists kept in the cache. Default 1,000. */
  maxCachedLists?: number;
}

const listCredentialTypes: Record<string, string> = {
  BitstringStatusListCredential: 'BitstringStatusList',
  StatusList2021Credential: 'StatusList2021',
};

function parseBody(body: string): unknown {
  const text = body.trim();
  if (!text.startsWith('{') && !text.startsWith('"')) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

interface ListContent {
  purposes: string[];
  encodedList: string;
  ttlMs?: number;
}

function readListContent(
  url: string,
  credentialId: string | undefined,
  types: readonly string[],
  subject: Record<string, unknown>,
): ListContent | string {
  const listType = types.map((type) => listCredentialTypes[type]).find(Boolean);
  if (!listType) return 'it is not a BitstringStatusListCredential';
  if (subject['type'] !== listType) return `its credentialSubject.type is not ${listType}`;
  // Bitstring Status List §3.2: the list credential's id must be the URL it was fetched from.
  // Without an id, a list could be served as any list of its issuer's.
  if (credentialId === undefined) return 'it has no id (the URL it is published at)';
  if (credentialId !== url) return `its id ${credentialId} is not the URL it was fetched from`;
  const purpose = subject['statusPurpose'];
  const purposes = (Array.isArray(purpose) ? purpose : [purpose]).filter(
    (entry): entry is string => typeof entry === 'string',
  );
  if (purposes.length === 0) return 'it names no statusPurpose';
  const encodedList = subject['encodedList'];
  if (typeof encodedList !== 'string') return 'it has no encodedList';
  const ttl = subject['ttl'];
  return {
    purposes,
    encodedList,
    ...(typeof ttl === 'number' && ttl >= 0 ? { ttlMs: ttl } : {}),
  };
}

/**
 * A {@link StatusListResolver}: fetches a status list credential, verifies it as a credential
 * (signature, dates; the caller checks that its issuer is the credential's issuer), checks its
 * type, purpose, `id` and length, inflates it within a bound, and caches the result for a TTL.
 * Concurrent loads of one URL share one fetch. Failures are not cached.
 *
 * @example
 * ```ts
 * const statusLists = createStatusListResolver({ ttlSeconds: 60 });
 * await verifyPresentation(vp, { statusLists, trustedIssuers });
 * ```
 */
export function createStatusListResolver(
  options: StatusListResolverOptions = {},
): StatusListResolver {
  const ttlMs = (options.ttlSeconds ?? 300) * 1000;
  const maxListCredentialBytes = options.maxListCredentialBytes ?? 1024 * 1024;
  const maxListBytes = options.maxListBytes ?? 2 * 1024 * 1024;
  const minimumEntries = options.minimumEntries ?? 131_072;
  const maxCachedLists = options.maxCachedLists ?? 1_000;
  const fetchList =
    options.fetch ?? createHttpStatusListFetcher({ maxBytes: maxListCredentialBytes });
  const cache = new Map<string, { list: LoadedStatusList; expiresAtMs: number }>();
  const inFlight = new Map<string, Promise<StatusListLoad>>();

  async function fetchAndVerify(url: string, policy: ResolvedPolicy): Promise<StatusListLoad> {
    let body: string;
    try {
      body = await fetchList(url);
    } catch (error) {
      const reason = error instanceof Error ? error.message : 'it could not be fetched';
      return { ok: false, code: 'STATUS_UNAVAILABLE', message: `status list ${url}: ${reason}` };
    }
    const invalid = (reason: string): StatusListLoad => ({
      ok: false,
      code: 'STATUS_LIST_INVALID',
      message: `status list ${url}: ${reason}`,
    });
    const log = new CheckLog();
    const checked = await checkCredential(
      parseBody(body),
      {
        ...policy,
        trustedIssuers: undefined,
        maxCredentialBytes: maxListCredentialBytes,
        checkStatus: false,
      },
      log,
    );
    const failed = log.errors[0];
    if (failed) return invalid(`${failed.message ?? 'it failed verification'} (${failed.code})`);
    const { credential, issuer } = checked;
    if (!credential || !issuer) return invalid('it failed verification');
    const content = readListContent(
      url,
      credential.id,
      credential.type,
      credential.credentialSubject,
    );
    if (typeof content === 'string') return invalid(content);
    const decoded = decodeStatusList(content.encodedList, maxListBytes);
    if ('problem' in decoded) return invalid(decoded.problem);
    const entries = decoded.bits.length * 8;
    if (entries < minimumEntries) {
      return {
        ok: false,
        code: 'STATUS_LIST_TOO_SHORT',
        message: `status list ${url} has ${entries} entries; at least ${minimumEntries} are required`,
      };
    }
    const list: LoadedStatusList = {
      url,
      issuer,
      purposes: content.purposes,
      bits: decoded.bits,
      entries,
    };
    const nowMs = policy.now().getTime();
    const expiresAtMs = Math.min(
      nowMs + Math.min(ttlMs, content.ttlMs ?? Infinity),
      (checked.notAfterSeconds ?? Infinity) * 1000,
    );
    if (expiresAtMs > nowMs) {
      if (cache.size >= maxCachedLists) cache.delete(cache.keys().next().value as string);
      cache.set(url, { list, expiresAtMs });
    }
    return { ok: true, list };
  }

  return {
    load(url, policy) {
      const cached = cache.get(url);
      if (cached && cached.expiresAtMs > policy.now().getTime()) {
        return Promise.resolve({ ok: true, list: cached.list });
      }
      let loading = inFlight.get(url);
      if (!loading) {
        loading = fetchAndVerify(url, policy).finally(() => inFlight.delete(url));
        inFlight.set(url, loading);
      }
      return loading;
    },
  };
}
