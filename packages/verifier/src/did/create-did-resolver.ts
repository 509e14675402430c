import type { CheckCode } from '../check-codes.js';
import type {
  KeyResolution,
  VerificationKeyResolver,
  VerificationRelationship,
} from '../verification-key.js';
import { readDidDocument, type DidDocument } from './did-document.js';
import { didKeyDocument } from './did-key-document.js';
import { didKeyPublicKey } from './did-key-public-key.js';
import { didWebUrl } from './did-web-url.js';
import type {
  DidDocumentFetch,
  FetchDidDocumentOptions,
  HostLookup,
} from './fetch-did-document.js';
import { findVerificationMethod } from './find-verification-method.js';
import { readVerificationKey } from './read-verification-key.js';

/** The outcome of resolving a DID document; never thrown. */
export type DidDocumentResolution =
  { ok: true; document: DidDocument } | { ok: false; code: CheckCode; message: string };

/** Resolves DIDs (did:key, did:web) to documents and Ed25519 verification keys. */
export interface DidResolver extends VerificationKeyResolver {
  /**
   * The key `reference` names, if the DID document lists it under `relationship`. `reference`
   * is a DID URL (`did:web:example.com#key-1`; a relative `#key-1` is not accepted) or a bare
   * DID, which then stands for the single key under `relationship` (with more than one, the
   * reference must name it).
   */
  resolveKey(reference: string, relationship: VerificationRelationship): Promise<KeyResolution>;
  /** The DID document of `did`. */
  resolveDocument(did: string): Promise<DidDocumentResolution>;
}

/** Options for {@link createDidResolver}. */
export interface DidResolverOptions {
  /** Gives up on a did:web fetch after this long, DNS, connect and body together. Default 5,000 ms. */
  timeoutMs?: number;
  /** Largest did:web document read. Default 100 KiB. */
  maxBytes?: number;
  /** How long a fetched did:web document is reused. Default 5 minutes. */
  cacheTtlMs?: number;
  /**
   * How long a failed did:web resolution is remembered, so a flood of credentials naming a dead
   * or slow host costs one fetch, not one each. Default 10 s; 0 turns it off.
   */
  failureCacheTtlMs?: number;
  /** Most documents (and failures) kept. Default 1,000. */
  maxCachedDocuments?: number;
  /** The clock for the caches. Default `() => new Date()`. */
  now?: () => Date;
  /**
   * Hosts (`name` or `name:port`, as in the DID) that may resolve to non-public addresses
   * (loopback, RFC 1918, link-local, …): configuration for a deployment that resolves its own
   * internal did:web DIDs. Default none.
   */
  allowedPrivateHosts?: readonly string[];
  /**
   * Fetches did:web documents of `localhost` over plain HTTP instead of HTTPS (did:web §3.2
   * requires HTTPS). An explicit development flag; default false.
   */
  allowHttpLoopback?: boolean;
  /** CA certificates (PEM) trusted instead of Node's bundle; for tests with a self-signed cert. */
  ca?: string | readonly string[];
  /** Resolves host names (all addresses). Default `dns.lookup`. */
  lookup?: HostLookup;
  /**
   * Reads a did:web document from `url` (the HTTPS URL the DID maps to, did:web §3.2) instead of
   * fetching it: for tests and offline mirrors; replaces the hardened HTTPS fetch, so `timeoutMs`,
   * `allowedPrivateHosts`, `allowHttpLoopback`, `ca` and `lookup` no longer apply. What it returns
   * is parsed and checked exactly as a fetched document (size, id, methods, relationships) and
   * cached alike; a rejection is a `DID_RESOLUTION_FAILED`.
   *
   * @example
   * ```ts
   * const dids = createDidResolver({
   *   fetchDocument: (url) => readFile(new URL(`./mirror/${url.hostname}${url.pathname}`, import.meta.url), 'utf8'),
   * });
   * ```
   */
  fetchDocument?: (url: URL) => Promise<string>;
}

const relationships = new Set(['assertionMethod', 'authentication']);
// RFC 3986 §3.5 fragment characters, without percent-encoding.
const fragmentPattern = /^[A-Za-z0-9._~!$&'()*+,;=:@/?-]+$/;

function failure(
  code: CheckCode,
  message: string,
): { ok: false; code: CheckCode; message: string } {
  return { ok: false, code, message };
}

/** Splits `did#fragment`; returns a failure for anything else. */
function readReference(
  reference: string,
): { did: string; fragment?: string } | { ok: false; code: CheckCode; message: string } {
  if (reference.startsWith('#')) {
    return failure(
      'DID_INVALID',
      `${reference.slice(0, 200)} is a relative reference; give the full DID URL (did:…#…)`,
    );
  }
  const hash = reference.indexOf('#');
  if (hash < 0) return { did: reference };
  const fragment = reference.slice(hash + 1);
  if (!fragmentPattern.test(fragment)) {
    return failure('DID_INVALID', `${reference.slice(0, 200)} has an empty or malformed fragment`);
  }
  return { did: reference.slice(0, hash), fragment };
}

/** The JSON object `fetchDocument` gave for `url`, held to the limits of a fetched document. */
async function readInjectedDocument(
  did: string,
  url: string,
  fetchDocument: (url: URL) => Promise<string>,
  maxBytes: number,
): Promise<DidDocumentFetch> {
  let text: string;
  try {
    text = await fetchDocument(new URL(url));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return failure('DID_RESOLUTION_FAILED', `${did}: ${url} could not be read: ${reason}`);
  }
  if (typeof text !== 'string') {
    return failure('DID_RESOLUTION_FAILED', `${did}: reading ${url} gave no text`);
  }
  if (Buffer.byteLength(text, 'utf8') > maxBytes) {
    return failure('DID_RESOLUTION_FAILED', `${did}: ${url} is larger than ${maxBytes} bytes`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch {
    return failure('DID_RESOLUTION_FAILED', `${did}: ${url} is not JSON`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return failure('DID_RESOLUTION_FAILED', `${did}: ${url} is not a JSON object`);
  }
  return { ok: true, json: json as Record<string, unknown> };
}

/**
 * The hardened fetch, imported on first use: a verifier that meets only did:key (the wallet's
 * start-up, say) never loads Node's HTTP, TLS and DNS modules.
 */
async function fetchOverNetwork(
  did: string,
  url: string,
  options: Omit<FetchDidDocumentOptions, 'lookup'> & { lookup?: HostLookup },
): Promise<DidDocumentFetch> {
  const { fetchDidDocument, systemHostLookup } = await import('./fetch-did-document.js');
  return fetchDidDocument(did, url, { ...options, lookup: options.lookup ?? systemHostLookup });
}

/**
 * The key of a did:key DID, without building its document (the key is in the DID). Its one
 * method (`did:key:z6Mk…#z6Mk…`) is under both relationships (did:key v0.7 §3.1.1), so only
 * the fragment needs checking.
 */
function resolveDidKey(did: string, fragment: string | undefined): KeyResolution {
  const read = didKeyPublicKey(did);
  if (!read.ok) return read;
  if (fragment !== undefined && fragment !== read.multibase) {
    return failure(
      'KEY_NOT_FOUND',
      `${did} has no verification method #${fragment}; its one key is #${read.multibase}`,
    );
  }
  return { ok: true, key: { id: read.methodId, controller: did, publicKey: read.publicKey } };
}

/**
 * A {@link DidResolver} for `did:key` (Ed25519, built locally, no network) and `did:web`
 * (fetched over HTTPS with {@link fetchDidDocument}'s hardening, cached for `cacheTtlMs`).
 * Keys of type Multikey, Ed25519VerificationKey2020, JsonWebKey2020 and JsonWebKey are read;
 * a key is returned only if its controller is the DID and the document lists it under the
 * relationship asked for. Concurrent resolutions of one DID share one fetch. Keep one resolver
 * per process: the cache is in it.
 *
 * @example
 * ```ts
 * const dids = createDidResolver({ timeoutMs: 2000 });
 * const resolved = await dids.resolveKey('did:web:example.com#key-1', 'assertionMethod');
 * if (resolved.ok) verifyEd25519(signingInput, signature, resolved.key.publicKey);
 * ```
 */
export function createDidResolver(options: DidResolverOptions = {}): DidResolver {
  const fetchOptions = {
    timeoutMs: options.timeoutMs ?? 5_000,
    maxBytes: options.maxBytes ?? 100 * 1024,
    allowedPrivateHosts: options.allowedPrivateHosts ?? [],
    allowHttpLoopback: options.allowHttpLoopback ?? false,
    ...(options.lookup === undefined ? {} : { lookup: options.lookup }),
    ...(options.ca === undefined ? {} : { ca: options.ca }),
  };
  const cacheTtlMs = options.cacheTtlMs ?? 5 * 60_000;
  const failureCacheTtlMs = options.failureCacheTtlMs ?? 10_000;
  const maxCachedDocuments = options.maxCachedDocuments ?? 1_000;
  const now = options.now ?? (() => new Date());
  const cache = new Map<string, { resolution: DidDocumentResolution; expiresAtMs: number }>();
  const inFlight = new Map<string, Promise<DidDocumentResolution>>();

  function remember(did: string, resolution: DidDocumentResolution): void {
    const ttlMs = resolution.ok ? cacheTtlMs : failureCacheTtlMs;
    if (ttlMs <= 0) return;
    if (cache.size >= maxCachedDocuments) cache.delete(cache.keys().next().value as string);
    cache.set(did, { resolution, expiresAtMs: now().getTime() + ttlMs });
  }

  async function fetchDidWeb(
    did: string,
    location: { hostname: string; url: string },
  ): Promise<DidDocumentResolution> {
    const url =
      fetchOptions.allowHttpLoopback && location.hostname.toLowerCase() === 'localhost'
        ? location.url.replace(/^https:/, 'http:')
        : location.url;
    const fetched = options.fetchDocument
      ? await readInjectedDocument(did, url, options.fetchDocument, fetchOptions.maxBytes)
      : await fetchOverNetwork(did, url, fetchOptions);
    if (!fetched.ok) return failure(fetched.code, fetched.message);
    const document = readDidDocument(fetched.json, did);
    if (typeof document === 'string') {
      return failure('DID_RESOLUTION_FAILED', `${did}: ${document} (fetched from ${url})`);
    }
    return { ok: true, document };
  }

  function resolveDidWeb(did: string): Promise<DidDocumentResolution> {
    // Syntax first: a malformed DID is answered without touching the cache.
    const location = didWebUrl(did);
    if (!location.ok) return Promise.resolve(failure('DID_INVALID', location.message));
    const cached = cache.get(did);
    if (cached && cached.expiresAtMs > now().getTime()) return Promise.resolve(cached.resolution);
    if (cached) cache.delete(did);
    let loading = inFlight.get(did);
    if (!loading) {
      loading = fetchDidWeb(did, location)
        .then((resolution) => {
          remember(did, resolution);
          return resolution;
        })
        .finally(() => inFlight.delete(did));
      inFlight.set(did, loading);
    }
    return loading;
  }

  function resolveDocument(did: string): Promise<DidDocumentResolution> {
    if (typeof did !== 'string') {
      return Promise.resolve(failure('DID_INVALID', 'the DID is not a string'));
    }
    if (did.startsWith('did:key:')) return Promise.resolve(didKeyDocument(did));
    if (did.startsWith('did:web:')) return resolveDidWeb(did);
    const method = /^did:([a-z0-9]+):./.exec(did);
    if (method) {
      return Promise.resolve(
        failure(
          'DID_UNSUPPORTED',
          `did:${method[1]} DIDs are not supported; only did:key and did:web are`,
        ),
      );
    }
    return Promise.resolve(failure('DID_INVALID', `${did.slice(0, 200)} is not a DID`));
  }

  async function resolveKey(
    reference: string,
    relationship: VerificationRelationship,
  ): Promise<KeyResolution> {
    if (!relationships.has(relationship)) {
      throw new TypeError('relationship must be assertionMethod or authentication');
    }
    if (typeof reference !== 'string') {
      return failure('DID_INVALID', 'the reference is not a string');
    }
    const parsed = readReference(reference);
    if ('ok' in parsed) return parsed;
    const { did, fragment } = parsed;
    if (did.startsWith('did:key:')) return resolveDidKey(did, fragment);
    const resolved = await resolveDocument(did);
    if (!resolved.ok) return resolved;
    const method = findVerificationMethod(
      resolved.document,
      relationship,
      fragment === undefined ? undefined : `${did}#${fragment}`,
    );
    if (typeof method === 'string') return failure('KEY_NOT_FOUND', method);
    const publicKey = readVerificationKey(method, did);
    if (typeof publicKey === 'string') return failure('KEY_NOT_FOUND', publicKey);
    return { ok: true, key: { id: method.id, controller: did, publicKey } };
  }

  return { resolveKey, resolveDocument };
}
