import { isJsonObject } from '@skillproof/core';
import type { CheckCode } from '../check-codes.js';
import type { DidDocumentFetch, HostLookup } from '../did/fetch-did-document.js';

/** One entry of a log with its inclusion proof, as an issuer's receipt gives it. */
export interface ProvenLogEntry {
  leafIndex: number;
  /** Standard base64. */
  leafHash: string;
  /** The entry, decoded (`decodeLogEntry`): it is encoded again to check its leaf hash. */
  entry: unknown;
  /** RFC 9162 §2.1.3 inclusion proof to `checkpoint`, standard base64 hashes. */
  inclusionProof: string[];
}

/**
 * A credential's receipt from its issuer's log (`GET <issuer>/log/receipts/<credential id>`):
 * its issuance entry and the latest status entry about it (`null` when its status never
 * changed), both proven to one signed checkpoint.
 */
export interface FetchedLogReceipt extends ProvenLogEntry {
  /** The C2SP signed checkpoint both proofs lead to. */
  checkpoint: string;
  status: ProvenLogEntry | null;
}

/** The outcome of loading a receipt; never thrown. */
export type LogReceiptLoad =
  | { ok: true; receipt: FetchedLogReceipt }
  | {
      ok: false;
      code: Extract<CheckCode, 'TRANSPARENCY_UNAVAILABLE' | 'TRANSPARENCY_NOT_LOGGED'>;
      message: string;
    };

/** Loads credentials' receipts from their issuers' logs, through a cache. */
export interface TransparencyLogResolver {
  /** The receipt of credential `credentialId` from the log of the issuer at `issuerUrl`. */
  loadReceipt(issuerUrl: string, credentialId: string): Promise<LogReceiptLoad>;
}

/** Options for {@link createTransparencyLogResolver}. */
export interface TransparencyLogResolverOptions {
  /** Gives up after this long, DNS, connect and body together. Default 5,000 ms. */
  timeoutMs?: number;
  /** Largest receipt read. Default 64 KiB. */
  maxBytes?: number;
  /**
   * How long a receipt is reused, in seconds. Default 60: a status change reaches the verifier
   * within this (and the issuer's checkpoint interval). 0 caches nothing.
   */
  ttlSeconds?: number;
  /** Most receipts kept. Default 1,000. */
  maxCachedReceipts?: number;
  /** The clock for the cache. Default `() => new Date()`. */
  now?: () => Date;
  /** Hosts (`name` or `name:port`) that may resolve to non-public addresses. Default none. */
  allowedPrivateHosts?: readonly string[];
  /** Fetches from loopback over plain HTTP (development and tests). Default false. */
  allowHttpLoopback?: boolean;
  /** CA certificates (PEM) trusted instead of Node's bundle; for tests with a self-signed cert. */
  ca?: string | readonly string[];
  /** Resolves host names (all addresses). Default `dns.lookup`. */
  lookup?: HostLookup;
}

const receiptMediaTypes: ReadonlySet<string> = new Set(['application/json']);

function isHashList(value: unknown): value is string[] {
  return Array.isArray(value) && value.length <= 64 && value.every((h) => typeof h === 'string');
}

function readProvenEntry(value: unknown): ProvenLogEntry | undefined {
  if (!isJsonObject(value)) return undefined;
  const { leafIndex, leafHash, entry, inclusionProof } = value;
  if (typeof leafIndex !== 'number' || !Number.isSafeInteger(leafIndex) || leafIndex < 0) {
    return undefined;
  }
  if (typeof leafHash !== 'string' || !isJsonObject(entry) || !isHashList(inclusionProof)) {
    return undefined;
  }
  return { leafIndex, leafHash, entry, inclusionProof };
}

/** A receipt as an issuer serves it, in its shape; `undefined` for anything else. */
export function readFetchedLogReceipt(value: unknown): FetchedLogReceipt | undefined {
  if (!isJsonObject(value) || typeof value['checkpoint'] !== 'string') return undefined;
  const issuance = readProvenEntry(value);
  const status = value['status'] === null ? null : readProvenEntry(value['status']);
  if (!issuance || status === undefined) return undefined;
  return { ...issuance, checkpoint: value['checkpoint'], status };
}

function receiptUrl(issuerUrl: string, credentialId: string): string {
  return `${issuerUrl.replace(/\/+$/, '')}/log/receipts/${encodeURIComponent(credentialId)}`;
}

/**
 * The default {@link TransparencyLogResolver}: fetches `<issuer>/log/receipts/<id>` with the
 * hardening of did:web resolution (HTTPS only, plain HTTP only to loopback with
 * `allowHttpLoopback`; every address of the host public unless allowed; no redirects; a
 * deadline; a bounded body; JSON), and keeps each receipt for `ttlSeconds`. A 404 (no entry)
 * and a 202 (logged, no signed checkpoint covers it yet) are `TRANSPARENCY_NOT_LOGGED`; any
 * other failure `TRANSPARENCY_UNAVAILABLE`. Keep one per process: the cache is in it.
 *
 * @example
 * ```ts
 * const transparencyLogs = createTransparencyLogResolver({ ttlSeconds: 30 });
 * await verifyCredential(vc, { requireTransparency: true, transparencyLogs });
 * ```
 */
export function createTransparencyLogResolver(
  options: TransparencyLogResolverOptions = {},
): TransparencyLogResolver {
  const fetchOptions = {
    timeoutMs: options.timeoutMs ?? 5_000,
    maxBytes: options.maxBytes ?? 64 * 1024,
    allowedPrivateHosts: options.allowedPrivateHosts ?? [],
    allowHttpLoopback: options.allowHttpLoopback ?? false,
    mediaTypes: receiptMediaTypes,
    ...(options.ca === undefined ? {} : { ca: options.ca }),
  };
  const ttlMs = (options.ttlSeconds ?? 60) * 1000;
  const maxCached = options.maxCachedReceipts ?? 1_000;
  const now = options.now ?? (() => new Date());
  const cache = new Map<string, { receipt: FetchedLogReceipt; expiresAtMs: number }>();

  async function fetchReceipt(url: string): Promise<LogReceiptLoad> {
    // Imported on first use, as the DID resolver does: no HTTP modules until a log is asked.
    const { fetchDidDocument, systemHostLookup } = await import('../did/fetch-did-document.js');
    const fetched: DidDocumentFetch = await fetchDidDocument(`transparency log ${url}`, url, {
      ...fetchOptions,
      lookup: options.lookup ?? systemHostLookup,
    });
    if (!fetched.ok) {
      if (fetched.httpStatus === 404) {
        return {
          ok: false,
          code: 'TRANSPARENCY_NOT_LOGGED',
          message: `the issuer's log has no entry for this credential (${url})`,
        };
      }
      if (fetched.httpStatus === 202) {
        return {
          ok: false,
          code: 'TRANSPARENCY_NOT_LOGGED',
          message: 'the credential is logged, but no signed checkpoint covers it yet',
        };
      }
      return { ok: false, code: 'TRANSPARENCY_UNAVAILABLE', message: fetched.message };
    }
    const receipt = readFetchedLogReceipt(fetched.json);
    if (!receipt) {
      return {
        ok: false,
        code: 'TRANSPARENCY_UNAVAILABLE',
        message: `${url} did not answer with a receipt`,
      };
    }
    return { ok: true, receipt };
  }

  return {
    async loadReceipt(issuerUrl, credentialId) {
      const url = receiptUrl(issuerUrl, credentialId);
      const cached = cache.get(url);
      if (cached && cached.expiresAtMs > now().getTime()) {
        return { ok: true, receipt: cached.receipt };
      }
      cache.delete(url);
      const loaded = await fetchReceipt(url);
      if (loaded.ok && ttlMs > 0) {
        if (cache.size >= maxCached) cache.delete(cache.keys().next().value as string);
        cache.set(url, { receipt: loaded.receipt, expiresAtMs: now().getTime() + ttlMs });
      }
      return loaded;
    },
  };
}
