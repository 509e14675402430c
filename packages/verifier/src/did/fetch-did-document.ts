import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import type { CheckCode } from '../check-codes.js';
import { isLoopbackAddress, isPublicAddress } from './is-public-address.js';

/** Resolves a host name to all its addresses (like `dns.lookup` with `all: true`). */
export type HostLookup = (hostname: string) => Promise<readonly LookupAddress[]>;

/** Options for {@link fetchDidDocument}; every field is required (the resolver fills defaults). */
export interface FetchDidDocumentOptions {
  /** Gives up after this long: DNS, connect, TLS and body together. */
  timeoutMs: number;
  /** Largest body read; the response is cut off as soon as it is over. */
  maxBytes: number;
  /** Hosts (`name` or `name:port`) that may resolve to non-public addresses. */
  allowedPrivateHosts: readonly string[];
  /** Allows plain HTTP to a loopback host (development only). */
  allowHttpLoopback: boolean;
  /** Trusted CA certificates (PEM) instead of Node's bundle; for tests with a self-signed cert. */
  ca?: string | readonly string[];
  lookup: HostLookup;
  /**
   * Media types accepted. Default: the DID document ones and `application/json`. The
   * transparency log client reuses this fetch, with its hardening, for the issuer's log JSON.
   */
  mediaTypes?: ReadonlySet<string>;
}

/**
 * A fetched DID document's JSON, not yet checked as a DID document; or why there is none
 * (`httpStatus` when the server answered, but not 200).
 */
export type DidDocumentFetch =
  | { ok: true; json: Record<string, unknown> }
  | { ok: false; code: CheckCode; message: string; httpStatus?: number };

/** `dns.lookup` for every address of a name, in the resolver's order. */
export const systemHostLookup: HostLookup = (hostname) =>
  new Promise((resolve, reject) => {
    dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) => {
      if (error) reject(error);
      else resolve(addresses);
    });
  });

// DID resolution over HTTP(S) as the did:web method describes it (§3.2 Read); the media types
// are DID Core §7.1 / DID Specification Registries' representations, and plain JSON.
const documentMediaTypes = new Set([
  'application/did+json',
  'application/did+ld+json',
  'application/json',
]);

class Refusal {
  constructor(
    readonly code: CheckCode,
    readonly message: string,
    readonly httpStatus?: number,
  ) {}
}

function isAllowedPrivateHost(allowed: readonly string[], hostname: string, port: number) {
  const name = hostname.toLowerCase();
  const withPort = `${name}:${port}`;
  return allowed.some((entry) => {
    const host = entry.toLowerCase();
    return host === name || host === withPort;
  });
}

function isLoopbackName(hostname: string): boolean {
  return hostname.toLowerCase() === 'localhost' || isLoopbackAddress(hostname);
}

/** `promise`, or a rejection as soon as `signal` aborts (a DNS lookup can't be cancelled). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(new Error('aborted'));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** Looks the host up once and keeps only addresses the rules allow; throws a {@link Refusal}. */
async function checkedAddresses(
  did: string,
  url: URL,
  hostname: string,
  port: number,
  signal: AbortSignal,
  options: FetchDidDocumentOptions,
): Promise<readonly LookupAddress[]> {
  let addresses: readonly LookupAddress[];
  const family = isIP(hostname);
  if (family !== 0) {
    addresses = [{ address: hostname, family }];
  } else {
    try {
      addresses = await untilAborted(options.lookup(hostname), signal);
    } catch (error) {
      if (signal.aborted) throw error;
      const code = (error as { code?: string }).code ?? 'an error';
      throw new Refusal(
        'DID_RESOLUTION_FAILED',
        `${did}: the host ${hostname} could not be resolved (${code})`,
      );
    }
  }
  if (addresses.length === 0) {
    throw new Refusal('DID_RESOLUTION_FAILED', `${did}: the host ${hostname} has no address`);
  }
  if (url.protocol === 'http:') {
    const outside = addresses.find((entry) => !isLoopbackAddress(entry.address));
    if (outside) {
      throw new Refusal(
        'DID_ADDRESS_NOT_ALLOWED',
        `${did}: plain HTTP is used only on loopback, and ${hostname} resolves to ${outside.address}`,
      );
    }
    return addresses;
  }
  if (isAllowedPrivateHost(options.allowedPrivateHosts, hostname, port)) return addresses;
  // Every address must be public, not just one: the connection may go to any of them.
  const notPublic = addresses.find((entry) => !isPublicAddress(entry.address));
  if (notPublic) {
    throw new Refusal(
      'DID_ADDRESS_NOT_ALLOWED',
      `${did}: the host ${hostname} resolves to ${notPublic.address}, which is not a public address; it is fetched only if configured in allowedPrivateHosts`,
    );
  }
  return addresses;
}

/** A `lookup` for the request that answers only with the addresses already checked. */
function pinnedLookup(addresses: readonly LookupAddress[]): LookupFunction {
  const first = addresses[0] as LookupAddress;
  return (_hostname, lookupOptions, callback) => {
    if (lookupOptions.all)
      callback(
        null,
        addresses.map((entry) => ({ ...entry })),
      );
    else callback(null, first.address, first.family);
  };
}

function send(
  url: URL,
  addresses: readonly LookupAddress[],
  signal: AbortSignal,
  options: FetchDidDocumentOptions,
): Promise<IncomingMessage> {
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const outgoing = request(url, {
      method: 'GET',
      headers: { accept: [...(options.mediaTypes ?? documentMediaTypes)].join(', ') },
      // No pooled connection: each request connects to the address just checked.
      agent: false,
      lookup: pinnedLookup(addresses),
      signal,
      ...(options.ca === undefined
        ? {}
        : { ca: typeof options.ca === 'string' ? options.ca : [...options.ca] }),
    });
    outgoing.once('response', resolve);
    // `on`, not `once`: an aborted request can emit more than one error, and an unheard one
    // would crash the process.
    outgoing.on('error', reject);
    outgoing.end();
  });
}

function readBody(
  response: IncomingMessage,
  maxBytes: number,
  signal: AbortSignal,
): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onAbort = () => reject(new Error('aborted'));
    signal.addEventListener('abort', onAbort, { once: true });
    response.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        signal.removeEventListener('abort', onAbort);
        response.destroy();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    response.once('end', () => {
      signal.removeEventListener('abort', onAbort);
      resolve(Buffer.concat(chunks));
    });
    response.on('error', reject);
  });
}

async function fetchWithin(
  did: string,
  url: URL,
  signal: AbortSignal,
  options: FetchDidDocumentOptions,
): Promise<DidDocumentFetch> {
  const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
  const addresses = await checkedAddresses(did, url, hostname, port, signal, options);
  const response = await send(url, addresses, signal, options);
  const status = response.statusCode ?? 0;
  if (status >= 300 && status < 400) {
    response.destroy();
    throw new Refusal(
      'DID_REDIRECT_REFUSED',
      `${did} answered with a redirect (${status}); redirects are refused`,
    );
  }
  if (status !== 200) {
    response.destroy();
    throw new Refusal(
      'DID_RESOLUTION_FAILED',
      `${did}: ${url.href} answered with HTTP ${status}, not 200`,
      status,
    );
  }
  const mediaType = (response.headers['content-type'] ?? '').split(';', 1)[0]?.trim().toLowerCase();
  const mediaTypes = options.mediaTypes ?? documentMediaTypes;
  if (!mediaType || !mediaTypes.has(mediaType)) {
    response.destroy();
    throw new Refusal(
      'DID_RESOLUTION_FAILED',
      `${did}: ${url.href} answered with content type ${JSON.stringify(mediaType ?? '')}, not ${[...mediaTypes].join(', ')}`,
    );
  }
  const declared = Number(response.headers['content-length']);
  const tooLarge = new Refusal(
    'DID_RESOLUTION_FAILED',
    `${did}: the DID document at ${url.href} is larger than ${options.maxBytes} bytes`,
  );
  if (Number.isFinite(declared) && declared > options.maxBytes) {
    response.destroy();
    throw tooLarge;
  }
  const body = await readBody(response, options.maxBytes, signal);
  if (body === undefined) throw tooLarge;
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body)) as unknown;
  } catch {
    throw new Refusal(
      'DID_RESOLUTION_FAILED',
      `${did}: the document at ${url.href} is not JSON in UTF-8`,
    );
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new Refusal(
      'DID_RESOLUTION_FAILED',
      `${did}: the document at ${url.href} is not a JSON object`,
    );
  }
  return { ok: true, json: json as Record<string, unknown> };
}

/**
 * Fetches a did:web DID document's JSON, hardened against a DID that points somewhere it should
 * not: HTTPS only (plain HTTP only to loopback, and only with `allowHttpLoopback`); the host is
 * looked up once and every address must be public unless the host is in `allowedPrivateHosts`;
 * the connection goes to those checked addresses (so DNS rebinding between the check and the
 * connection can't happen); no redirects; a deadline over the whole exchange; a bounded,
 * streamed body; a DID document media type. Never throws.
 *
 * @example
 * ```ts
 * const fetched = await fetchDidDocument('did:web:example.com', 'https://example.com/.well-known/did.json', {
 *   timeoutMs: 5000, maxBytes: 102_400, allowedPrivateHosts: [], allowHttpLoopback: false, lookup: systemHostLookup,
 * });
 * ```
 */
export async function fetchDidDocument(
  did: string,
  address: string,
  options: FetchDidDocumentOptions,
): Promise<DidDocumentFetch> {
  const url = new URL(address);
  if (url.username !== '' || url.password !== '') {
    return {
      ok: false,
      code: 'DID_ADDRESS_NOT_ALLOWED',
      message: `${did}: a URL with userinfo is not fetched`,
    };
  }
  if (url.protocol === 'http:') {
    if (!options.allowHttpLoopback) {
      return {
        ok: false,
        code: 'DID_ADDRESS_NOT_ALLOWED',
        message: `${did}: ${url.origin} is plain HTTP; DID documents are fetched only over HTTPS`,
      };
    }
    if (!isLoopbackName(url.hostname.replace(/^\[(.*)\]$/, '$1'))) {
      return {
        ok: false,
        code: 'DID_ADDRESS_NOT_ALLOWED',
        message: `${did}: ${url.origin} is plain HTTP to a host that is not loopback; only loopback may be fetched over HTTP`,
      };
    }
  } else if (url.protocol !== 'https:') {
    return {
      ok: false,
      code: 'DID_ADDRESS_NOT_ALLOWED',
      message: `${did}: ${url.protocol} URLs are not fetched`,
    };
  }
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  try {
    return await fetchWithin(did, url, controller.signal, options);
  } catch (error) {
    if (error instanceof Refusal) {
      return {
        ok: false,
        code: error.code,
        message: error.message,
        ...(error.httpStatus === undefined ? {} : { httpStatus: error.httpStatus }),
      };
    }
    if (controller.signal.aborted) {
      return {
        ok: false,
        code: 'DID_RESOLUTION_FAILED',
        message: `${did}: no complete answer from ${url.host} within ${options.timeoutMs} ms`,
      };
    }
    const reason = (error as { code?: string }).code ?? (error as Error).message;
    return {
      ok: false,
      code: 'DID_RESOLUTION_FAILED',
      message: `${did}: ${url.href} could not be fetched (${reason})`,
    };
  } finally {
    clearTimeout(timer);
  }
}
